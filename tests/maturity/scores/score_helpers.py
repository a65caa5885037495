"""Test data for the score snapshot, worker and API tests.

SCORING.md §7's worked example as a framework file, its answers as API bodies and as rows, a
generator of larger frameworks (to show query counts do not grow with size), and small ORM
builders for cycles and assessments in a given state (rows written directly: these tests are
about scoring, not about the workflow that normally produces the state).
"""

from __future__ import annotations

import datetime
import itertools
from decimal import Decimal
from typing import Any

import yaml
from django.utils import timezone

from cities.models import Region
from maturity.assessments.models import Answer, Assessment, AssessmentStatus, Review
from maturity.cycles.models import AssessmentCycle, CycleStatus
from maturity.frameworks.models import Framework, Indicator
from maturity.frameworks.services import import_framework

LEVELS = {
    1: {"id": "M1 Pratama (Perunggu)", "en": "M1 Initial (Bronze)"},
    2: {"id": "M2 Muda (Perak)", "en": "M2 Developing (Silver)"},
    3: {"id": "M3 Madya (Emas)", "en": "M3 Intermediate (Gold)"},
    4: {"id": "M4 Utama (Platinum)", "en": "M4 Advanced (Platinum)"},
    5: {"id": "M5 Paripurna (Berlian)", "en": "M5 Complete (Diamond)"},
}
_counter = itertools.count(1)


def _title(code: str) -> dict[str, str]:
    return {"id": f"Judul {code}", "en": f"Title {code}"}


def _rubric() -> dict[int, dict[str, str]]:
    return {level: {"id": f"Tingkat {level}", "en": f"Level {level}"} for level in range(1, 6)}


def _quantitative(code: str, direction: str, thresholds: list[int], weight: int = 1) -> dict:
    return {
        "code": code,
        "title": _title(code),
        "kind": "quantitative",
        "unit": "number",
        "direction": direction,
        "thresholds": thresholds,
        "weight": weight,
    }


def _rubric_indicator(code: str, weight: int = 1) -> dict:
    return {
        "code": code,
        "title": _title(code),
        "kind": "rubric",
        "rubric": _rubric(),
        "weight": weight,
    }


def _binary(code: str) -> dict:
    return {"code": code, "title": _title(code), "kind": "binary"}


def _framework_document(code: str, version: str, elements: list[dict]) -> str:
    return yaml.safe_dump(
        {
            "code": code,
            "version": version,
            "title": {"id": f"Kerangka {code}", "en": f"Framework {code}"},
            "levels": LEVELS,
            "index_bands": [1.8, 2.6, 3.5, 4.2],
            "elements": elements,
        },
        allow_unicode=True,
        sort_keys=False,
    )


def worked_example_yaml(code: str = "contoh", version: str = "1") -> str:
    """SCORING.md §7: three elements, five themes, ten indicators; every weight 1 but EDU-2's 2."""
    return _framework_document(
        code,
        version,
        [
            {
                "code": "E1",
                "title": {"id": "Kota layak huni", "en": "Liveable city"},
                "themes": [
                    {
                        "code": "EDU",
                        "title": {"id": "Pendidikan", "en": "Education"},
                        "indicators": [
                            _quantitative("EDU-1", "higher", [20, 40, 60, 80]),
                            _rubric_indicator("EDU-2", weight=2),
                        ],
                    },
                    {
                        "code": "HEA",
                        "title": {"id": "Kesehatan", "en": "Health"},
                        "indicators": [
                            _quantitative("HEA-1", "lower", [5, 10, 15, 20]),
                            _binary("HEA-2"),
                        ],
                    },
                ],
            },
            {
                "code": "E2",
                "title": {"id": "Kota hijau", "en": "Green city"},
                "themes": [
                    {
                        "code": "WAT",
                        "title": {"id": "Air", "en": "Water"},
                        "indicators": [
                            _quantitative("WAT-1", "higher", [50, 70, 85, 95]),
                            _quantitative("WAT-2", "higher", [1, 2, 3, 4]),
                        ],
                    },
                    {
                        "code": "SAF",
                        "title": {"id": "Keselamatan", "en": "Safety"},
                        "indicators": [_rubric_indicator("SAF-1"), _rubric_indicator("SAF-2")],
                    },
                ],
            },
            {
                "code": "E3",
                "title": {"id": "Pemerintahan digital", "en": "Digital government"},
                "themes": [
                    {
                        "code": "GOV",
                        "title": {"id": "Tata kelola", "en": "Governance"},
                        "indicators": [_rubric_indicator("GOV-1"), _binary("GOV-2")],
                    },
                ],
            },
        ],
    )


def large_framework_yaml(code: str, themes: int, indicators_per_theme: int) -> str:
    """A framework of three elements with ``themes`` themes each, all rubric indicators."""
    elements = []
    for e in range(1, 4):
        element_themes = []
        for t in range(1, themes + 1):
            theme_code = f"T{e}{t:02d}"
            element_themes.append(
                {
                    "code": theme_code,
                    "title": _title(theme_code),
                    "indicators": [
                        _rubric_indicator(f"{theme_code}-{i}")
                        for i in range(1, indicators_per_theme + 1)
                    ],
                }
            )
        elements.append({"code": f"E{e}", "title": _title(f"E{e}"), "themes": element_themes})
    return _framework_document(code, "1", elements)


#: The worked example's answers as API bodies (PUT .../answers/{code}/ or bulk with "indicator").
WORKED_ANSWER_BODIES: dict[str, dict[str, Any]] = {
    "EDU-1": {"status": "answered", "value": "65"},
    "EDU-2": {"status": "answered", "value": 3},
    "HEA-1": {"status": "answered", "value": "12"},
    "HEA-2": {"status": "answered", "value": True},
    "WAT-1": {"status": "answered", "value": "95"},
    "WAT-2": {"status": "not_applicable", "justification": "Tidak ada jaringan pipa kota."},
    "SAF-1": {"status": "no_data"},
    "SAF-2": {"status": "answered", "value": 2},
    "GOV-1": {"status": "answered", "value": 4},
    "GOV-2": {"status": "answered", "value": False},
}

#: What SCORING.md §7 says the self track is.
WORKED_SELF = {
    "index": "3.06",
    "level": 3,
    "level_name": "M3 Madya (Emas)",
    "elements": {"E1": "3.67", "E2": "3.00", "E3": "2.50"},
    "themes": {"EDU": "3.33", "HEA": "4.00", "WAT": "5.00", "SAF": "1.00", "GOV": "2.50"},
    "indicators": {
        "EDU-1": 4,
        "EDU-2": 3,
        "HEA-1": 3,
        "HEA-2": 5,
        "WAT-1": 5,
        "WAT-2": None,
        "SAF-1": 0,
        "SAF-2": 2,
        "GOV-1": 4,
        "GOV-2": 1,
    },
}

#: Reviewers' decisions used with the worked example: EDU-1 verified at 3, SAF-1 accepted as
#: not applicable; everything else keeps its self level.
WORKED_REVIEW_BODIES: dict[str, dict[str, Any]] = {
    "EDU-1": {"verified_level": 3, "not_applicable": False, "comment": "Data 2024 kurang."},
    "SAF-1": {"verified_level": None, "not_applicable": True, "comment": "Diterima."},
}

#: EDU = (3 + 2·3)/3 = 3.00; HEA 4.00; E1 = 3.50. WAT 5.00; SAF = 2/1 = 2.00; E2 = 3.50.
#: GOV 2.50 = E3. index = (3.5 + 3.5 + 2.5)/3 = 3.1666… → 3.17, level 3.
WORKED_VERIFIED = {
    "index": "3.17",
    "level": 3,
    "elements": {"E1": "3.50", "E2": "3.50", "E3": "2.50"},
    "themes": {"EDU": "3.00", "HEA": "4.00", "WAT": "5.00", "SAF": "2.00", "GOV": "2.50"},
    "indicators": {
        "EDU-1": 3,
        "EDU-2": 3,
        "HEA-1": 3,
        "HEA-2": 5,
        "WAT-1": 5,
        "WAT-2": None,
        "SAF-1": None,
        "SAF-2": 2,
        "GOV-1": 4,
        "GOV-2": 1,
    },
}


def by_code(items: list[dict[str, Any]], key: str) -> dict[str, Any]:
    return {item["code"]: item[key] for item in items}


def import_worked_example(code: str | None = None) -> Framework:
    """The worked example imported and published through the framework service."""
    return import_framework(
        text=worked_example_yaml(code or f"contoh-{next(_counter)}"), publish=True
    )


def import_large(themes: int, indicators_per_theme: int) -> Framework:
    text = large_framework_yaml(f"besar-{next(_counter)}", themes, indicators_per_theme)
    return import_framework(text=text, publish=True)


def make_cycle(framework: Framework, name: str | None = None) -> AssessmentCycle:
    today = timezone.localdate()
    return AssessmentCycle.objects.create(
        name=name or f"Siklus uji {next(_counter)}",
        year=today.year,
        framework=framework,
        opens_on=today - datetime.timedelta(days=30),
        closes_on=today + datetime.timedelta(days=60),
        status=CycleStatus.OPEN,
    )


def make_assessment(
    cycle: AssessmentCycle, region_code: str, status: str = AssessmentStatus.SUBMITTED
) -> Assessment:
    now = timezone.now()
    return Assessment.objects.create(
        cycle=cycle,
        region=Region.objects.get(code=region_code),
        status=status,
        submitted_at=None if status == AssessmentStatus.DRAFT else now,
        approved_at=now if status == AssessmentStatus.APPROVED else None,
        inputs_changed_at=now,
    )


def _row_values(indicator: Indicator, body: dict[str, Any]) -> dict[str, Any]:
    values: dict[str, Any] = {"status": body["status"]}
    if body["status"] != "answered":
        values["justification"] = body.get("justification", "")
        return values
    value = body["value"]
    if indicator.kind == "quantitative":
        values["value_decimal"] = Decimal(str(value))
    elif indicator.kind == "rubric":
        values["value_level"] = value
    else:
        values["value_bool"] = value
    return values


def write_answers(assessment: Assessment, bodies: dict[str, dict[str, Any]]) -> None:
    """Write (or overwrite) answers as rows, as the answer service would store them."""
    indicators = {
        i.code: i for i in Indicator.objects.filter(framework_id=assessment.cycle.framework_id)
    }
    for code, body in bodies.items():
        Answer.objects.update_or_create(
            assessment=assessment,
            indicator=indicators[code],
            defaults=_row_values(indicators[code], body),
        )


def answer_all_rubric(assessment: Assessment, level: int = 3) -> None:
    """Answer every indicator of an all-rubric framework at ``level`` in one statement."""
    Answer.objects.bulk_create(
        Answer(assessment=assessment, indicator=indicator, status="answered", value_level=level)
        for indicator in Indicator.objects.filter(framework_id=assessment.cycle.framework_id)
    )


def write_reviews(assessment: Assessment, bodies: dict[str, dict[str, Any]]) -> None:
    indicators = {
        i.code: i for i in Indicator.objects.filter(framework_id=assessment.cycle.framework_id)
    }
    for code, body in bodies.items():
        Review.objects.update_or_create(
            assessment=assessment,
            indicator=indicators[code],
            defaults={
                "verified_level": body.get("verified_level"),
                "not_applicable": body.get("not_applicable", False),
                "comment": body.get("comment", ""),
            },
        )


def mark_changed(assessment: Assessment) -> None:
    """What the lifecycle services do on every change to scoring inputs (minus the enqueue)."""
    Assessment.objects.filter(pk=assessment.pk).update(inputs_changed_at=timezone.now())
    assessment.refresh_from_db()


def set_status(assessment: Assessment, status: str) -> None:
    Assessment.objects.filter(pk=assessment.pk).update(status=status)
    mark_changed(assessment)
