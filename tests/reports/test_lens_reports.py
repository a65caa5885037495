"""The reports with lenses: a page per lens in the region report, a table per lens in the
national summary."""

from __future__ import annotations

from typing import Any

import pytest

from maturity.assessments.models import AssessmentStatus
from maturity.frameworks.services import import_framework
from maturity.scores import services as score_services
from tests.factories import REGION_B
from tests.maturity.frameworks.test_lenses_format import LENS, scored_on, with_lenses
from tests.maturity.scores.score_helpers import (
    WORKED_ANSWER_BODIES,
    make_assessment,
    set_status,
    write_answers,
)
from tests.reports.conftest import download, pdf_text

pytestmark = pytest.mark.django_db

THIRD_GROUP = {
    "code": "GV",
    "title": {"id": "Tata kelola", "en": "Governance"},
    "themes": ["GOV"],
}


def lens_assessments() -> tuple[Any, Any]:
    framework = import_framework(
        text=with_lenses([{**LENS, "groups": [*LENS["groups"], THIRD_GROUP]}]), publish=True
    )
    first = scored_on(framework)
    second = make_assessment(first.cycle, REGION_B)
    write_answers(second, WORKED_ANSWER_BODIES)
    score_services.refresh_snapshots(assessment_id=second.pk)
    for assessment in (first, second):
        set_status(assessment, AssessmentStatus.APPROVED)
        score_services.refresh_snapshots(assessment_id=assessment.pk)
    return first, second


def test_the_region_report_has_a_page_per_lens_with_national_medians(
    api: Any, django_capture_on_commit_callbacks: Any
) -> None:
    first, _ = lens_assessments()
    with django_capture_on_commit_callbacks(execute=True):
        response = api.csco_a.post(
            f"/api/v1/assessments/{first.pk}/reports/", {"language": "en"}, format="json"
        )
    text = pdf_text(download(api.csco_a, response.data["id"]))
    assert "ASCN focus areas" in text
    for title in ("Civic and Social", "Health and Well-Being", "Governance"):
        assert title in text
    assert "3.50" in text and "4.33" in text


def test_the_national_summary_has_a_table_per_lens(
    api: Any, django_capture_on_commit_callbacks: Any
) -> None:
    first, _ = lens_assessments()
    with django_capture_on_commit_callbacks(execute=True):
        response = api.reviewer.post(
            f"/api/v1/cycles/{first.cycle_id}/reports/", {"language": "id"}, format="json"
        )
    text = pdf_text(download(api.reviewer, response.data["id"]))
    assert "Lensa" in text and "Bidang fokus ASCN" in text
    assert "Sipil dan sosial" in text and "Tata kelola" in text


def test_an_english_report_may_lead_with_the_ascn_lens(
    api: Any, django_capture_on_commit_callbacks: Any
) -> None:
    first, _ = lens_assessments()
    url = f"/api/v1/assessments/{first.pk}/reports/"
    with django_capture_on_commit_callbacks(execute=True):
        led = api.csco_a.post(url, {"language": "en", "lens": "ASCN"}, format="json")
        plain = api.csco_a.post(url, {"language": "en"}, format="json")
    assert led.data["id"] != plain.data["id"]  # another PDF, not the plain one reused
    led_text = pdf_text(download(api.csco_a, led.data["id"]))
    plain_text = pdf_text(download(api.csco_a, plain.data["id"]))
    # Led: the lens comes before the progress section; otherwise after it.
    assert led_text.index("ASCN focus areas") < led_text.index("Progress")
    assert plain_text.index("ASCN focus areas") > plain_text.index("Progress")
    refused = api.csco_a.post(url, {"language": "en", "lens": "SC100"}, format="json")
    assert refused.status_code == 400
    assert "lens" in refused.json() and "ASCN" in refused.json()["lens"][0]
