"""The national summary's calibration of the verification: per reviewer and per province, the
indicators reviewed, the mean and spread of self level minus verified level, and how often the
ministry changed a province's recommendation (maturity/verification/calibration.py)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from maturity.cycles.models import AssessmentCycle
from maturity.verification.calibration import PROVINCE, calibration
from reports.labels import decimal_text


@dataclass(frozen=True)
class CalibrationRow:
    name: str
    role: str
    reviewed: int
    mean: str
    deviation: str
    recommendations: str
    changed: str


@dataclass(frozen=True)
class ProvinceCalibrationRow:
    province: str
    reviewed: int
    mean: str
    deviation: str
    changed: str
    recommendations: int
    returned: int


@dataclass(frozen=True)
class NationalCalibration:
    reviewers: tuple[CalibrationRow, ...]
    provinces: tuple[ProvinceCalibrationRow, ...]


def national_calibration(
    cycle: AssessmentCycle, language: str, t: Mapping[str, str]
) -> NationalCalibration:
    """The calibration section of ``cycle``'s national summary (three queries), every region."""
    found = calibration(cycle=cycle)
    reviewers = tuple(
        CalibrationRow(
            name=row.name,
            role=(
                f"{t['province_reviewer']} {row.province_code}"
                if row.role == PROVINCE
                else t["ministry_reviewer"]
            ),
            reviewed=row.reviewed,
            mean=decimal_text(row.spread.mean, language),
            deviation=decimal_text(row.spread.deviation, language),
            recommendations=str(row.recommendations) if row.role == PROVINCE else t["none"],
            changed=str(row.changed_by_ministry) if row.role == PROVINCE else t["none"],
        )
        for row in found.reviewers
    )
    provinces = tuple(
        ProvinceCalibrationRow(
            province=row.province_name,
            reviewed=row.reviewed,
            mean=decimal_text(row.spread.mean, language),
            deviation=decimal_text(row.spread.deviation, language),
            changed=str(row.changed_by_ministry),
            recommendations=row.recommendations,
            returned=row.returned_by_ministry,
        )
        for row in found.provinces
    )
    return NationalCalibration(reviewers, provinces)
