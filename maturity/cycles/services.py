"""Opening an assessment cycle."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from cities import access
from cities.access import AnyUser
from maturity.cycles.models import AssessmentCycle, CycleStatus
from maturity.frameworks.models import Framework


def _msg(indonesian: str, english: str) -> str:
    return f"{indonesian} / {english}"


# --- Cycles and assessments -------------------------------------------------------------------


@transaction.atomic
def create_cycle(
    *,
    user: AnyUser,
    name: str,
    year: int,
    framework: Framework,
    opens_on: datetime.date,
    closes_on: datetime.date,
    status: str = CycleStatus.OPEN,
) -> AssessmentCycle:
    """Open a cycle (ministry admin) on a published framework version."""
    access.require(user, access.MANAGE_CYCLES, None)
    errors: dict[str, list[str]] = {}
    if not framework.is_published:
        errors["framework"] = [
            _msg("Kerangka harus sudah terbit.", "The framework must be published.")
        ]
    if closes_on < opens_on:
        errors["closes_on"] = [
            _msg(
                "Tanggal tutup harus sesudah tanggal buka.",
                "The closing date must not be before the opening date.",
            )
        ]
    if AssessmentCycle.objects.filter(name=name).exists():
        errors["name"] = [_msg("Nama siklus sudah dipakai.", "A cycle with this name exists.")]
    if status not in CycleStatus.values:
        errors["status"] = [_msg("Status tidak dikenal.", "Unknown status.")]
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            return AssessmentCycle.objects.create(
                name=name,
                year=year,
                framework=framework,
                opens_on=opens_on,
                closes_on=closes_on,
                status=status,
            )
    except IntegrityError:
        raise ValidationError(
            {"name": [_msg("Nama siklus sudah dipakai.", "A cycle with this name exists.")]}
        ) from None
