"""Fixtures for the page tests: a small framework of every indicator kind, an open cycle on it,
the cast's assessments and Django test clients signed in as each member of the cast."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

LEVELS = {
    "1": {"id": "M1 Pratama (Perunggu)", "en": "M1 Initial (Bronze)"},
    "2": {"id": "M2 Muda (Perak)", "en": "M2 Developing (Silver)"},
    "3": {"id": "M3 Madya (Emas)", "en": "M3 Intermediate (Gold)"},
    "4": {"id": "M4 Utama (Platinum)", "en": "M4 Advanced (Platinum)"},
    "5": {"id": "M5 Paripurna (Berlian)", "en": "M5 Complete (Diamond)"},
}
RUBRIC = {
    str(n): {"id": f"Deskripsi tingkat {n}", "en": f"Level {n} descriptor"} for n in range(1, 6)
}


def build_framework(
    code: str = "halaman",
    version: str = "1",
    previous: str = "",
    continues: dict[str, str] | None = None,
):  # type: ignore[no-untyped-def]
    """Two elements, three themes and six indicators (quantitative %, rubric, binary), the first
    requiring evidence; ``continues`` maps an indicator code to the code it continues."""
    from maturity.frameworks.models import Element, Framework, Indicator, Theme

    framework = Framework.objects.create(
        code=code,
        version=version,
        title_id="Kerangka halaman",
        title_en="Pages framework",
        status="published",
        published_at=timezone.now(),
        levels=LEVELS,
        index_bands=["1.80", "2.60", "3.50", "4.20"],
        previous_version=previous,
    )
    layout = [
        (
            "E1",
            "Kota layak huni",
            "Liveable city",
            [("EDU", "Pendidikan", "Education"), ("HEA", "Kesehatan", "Health")],
        ),
        ("E2", "Kota hijau dan aman", "Green and safe city", [("WAT", "Air", "Water")]),
    ]
    position = 0
    for e_pos, (e_code, e_id, e_en, themes) in enumerate(layout):
        element = Element.objects.create(
            framework=framework, code=e_code, title_id=e_id, title_en=e_en, position=e_pos
        )
        for t_code, t_id, t_en in themes:
            theme = Theme.objects.create(
                framework=framework,
                element=element,
                code=t_code,
                title_id=t_id,
                title_en=t_en,
                position=position,
            )
            for n, kind in enumerate(
                ["quantitative", "rubric"] if t_code != "WAT" else ["binary", "quantitative"]
            ):
                ind_code = f"{t_code}-{n + 1}"
                Indicator.objects.create(
                    framework=framework,
                    theme=theme,
                    code=ind_code,
                    kind=kind,
                    title_id=f"Indikator {ind_code} ({t_id})",
                    title_en=f"Indicator {ind_code} ({t_en})",
                    guidance_id=f"Petunjuk pengisian {ind_code}.",
                    guidance_en=f"How to fill in {ind_code}.",
                    unit="%" if kind == "quantitative" else "",
                    direction="higher" if kind == "quantitative" else "",
                    thresholds=["20", "40", "60", "80"] if kind == "quantitative" else None,
                    rubric=RUBRIC if kind == "rubric" else None,
                    yes_level=5 if kind == "binary" else None,
                    no_level=1 if kind == "binary" else None,
                    evidence_required=ind_code == "EDU-1",
                    continues=(continues or {}).get(ind_code, ""),
                    position=position,
                )
                position += 1
    return framework


def open_cycle(framework, name: str = "2026", year: int | None = None):  # type: ignore[no-untyped-def]
    from maturity.cycles.models import AssessmentCycle

    today = timezone.localdate()
    return AssessmentCycle.objects.create(
        name=name,
        year=year or today.year,
        framework=framework,
        opens_on=today - datetime.timedelta(days=3),
        closes_on=today + datetime.timedelta(days=20),
    )


@pytest.fixture
def framework(db):  # type: ignore[no-untyped-def]
    return build_framework()


@pytest.fixture
def cycle(framework):  # type: ignore[no-untyped-def]
    return open_cycle(framework)


@pytest.fixture
def assessment_a(cast, cycle):  # type: ignore[no-untyped-def]
    from maturity.assessments.models import Assessment

    return Assessment.objects.create(cycle=cycle, region=cast.region_a)


@pytest.fixture
def assessment_b(cast, cycle):  # type: ignore[no-untyped-def]
    from maturity.assessments.models import Assessment

    return Assessment.objects.create(cycle=cycle, region=cast.region_b)


def complete(assessment, user):  # type: ignore[no-untyped-def]
    """Answer every indicator (level 3) and attach the evidence required, through the services."""
    from tests.factories import answer_everything

    return answer_everything(assessment, user, level=3)
