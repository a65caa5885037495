"""The national summary through the HTTP API (tasks run eagerly): for reviewers, admins and
observers only; ranks the cycle's regions, counts statuses and levels, highlights the pilots."""

from __future__ import annotations

import re
from typing import Any

import pytest

from cities.models import Region
from maturity.assessments.models import Assessment
from reports.models import Report
from tests.reports.conftest import Scenario, download, pdf_attachment_json, pdf_text

pytestmark = pytest.mark.django_db


def ask(client: Any, cycle_id: int, capture: Any, **body: Any) -> Any:
    with capture(execute=True):
        return client.post(f"/api/v1/cycles/{cycle_id}/reports/", body, format="json")


@pytest.mark.parametrize("role", ["reviewer", "admin", "observer"])
def test_ministry_roles_get_the_national_summary(
    api: Any, scenario: Scenario, django_capture_on_commit_callbacks: Any, role: str
) -> None:
    response = ask(api[role], scenario.assessment.cycle_id, django_capture_on_commit_callbacks)
    assert response.status_code in (200, 202)
    status = api[role].get(response.data["url"]).json()
    assert status["status"] == "done", status["error"]
    assert status["file_name"] == f"maturasi-{scenario.assessment.cycle.year}-nasional-id.pdf"


@pytest.mark.parametrize("language", ["id", "en"])
def test_national_summary_ranks_regions_counts_statuses_and_highlights_pilots(
    api: Any, scenario: Scenario, django_capture_on_commit_callbacks: Any, language: str
) -> None:
    Assessment.objects.create(
        cycle=scenario.assessment.cycle, region=Region.objects.get(code="32.11")
    )  # a pilot, in draft
    response = ask(
        api.reviewer,
        scenario.assessment.cycle_id,
        django_capture_on_commit_callbacks,
        language=language,
    )
    content = download(api.reviewer, response.data["id"])
    text = pdf_text(content)
    for name in (
        "Kota Makassar",
        "Kabupaten Banyuwangi",
        "Kabupaten Sumedang",
        "Daerah Khusus Ibukota Jakarta",
    ):
        assert name in text
    assert "ASCN" in text
    assert ("Belum mulai" if language == "id" else "Not started") in text
    ranking = pdf_attachment_json(content, "maturasi-national-scores.json")["ranking"]
    assert [row["region"] for row in ranking] == ["73.71", "35.10"]  # level 3 before level 2
    assert ranking[0]["basis"] == ("Verifikasi" if language == "id" else "Verified")
    assert ranking[1]["basis"] == ("Mandiri" if language == "id" else "Self")
    # In the PDF a region's status and basis share a column, its element scores another.
    assert ("Status · dasar" if language == "id" else "Status · basis") in text
    assert "E1 · E2 · E3" in text
    approved = "Disetujui · Verifikasi" if language == "id" else "Approved · Verified"
    assert approved in text
    separator = "," if language == "id" else "."
    score = rf"\d{re.escape(separator)}\d\d"
    assert re.search(rf"{approved} {score} M\d {score} · {score} · {score}", text), text
    counts = pdf_attachment_json(content, "maturasi-national-scores.json")["status_counts"]
    assert counts["approved"] == 1
    assert counts["submitted"] == 1
    assert counts["draft"] == 1
    assert counts["not_started"] == Region.objects.count() - 3


@pytest.mark.parametrize("role", ["csco_a", "contributor_a", "csco_b"])
def test_region_people_may_not_ask_for_the_national_summary(
    api: Any, scenario: Scenario, role: str
) -> None:
    response = api[role].post(
        f"/api/v1/cycles/{scenario.assessment.cycle_id}/reports/", {}, format="json"
    )
    assert response.status_code == 403
    assert response.json()["code"] == "national_only"
    assert response.json()["detail"].startswith("Ringkasan nasional hanya untuk")
    assert not Report.objects.exists()


def test_region_people_cannot_see_a_national_summary(
    api: Any, scenario: Scenario, django_capture_on_commit_callbacks: Any
) -> None:
    response = ask(api.admin, scenario.assessment.cycle_id, django_capture_on_commit_callbacks)
    assert api.csco_a.get(f"/api/v1/reports/{response.data['id']}/").status_code == 404
    assert api.csco_a.get(f"/api/v1/reports/{response.data['id']}/download/").status_code == 404
    assert api.observer.get(f"/api/v1/reports/{response.data['id']}/").status_code == 200


def test_an_unknown_cycle_is_404(api: Any, cast: Any) -> None:
    assert api.reviewer.post("/api/v1/cycles/999999/reports/", {}, format="json").status_code == 404


def test_national_context_reads_in_a_handful_of_queries(
    scenario: Scenario, cast: Any, django_assert_max_num_queries: Any
) -> None:
    from reports import services
    from reports.context.national import national_report_context

    requested = services.request_national_report(
        user=cast.reviewer, cycle=scenario.assessment.cycle, language="id"
    )
    report = Report.objects.select_related("cycle__framework").get(pk=requested.report.pk)
    # Five for the summary; two for the change since the previous cycle (the approved
    # assessments' verified figures, and their regions' previous cycles); three for the
    # calibration (the history of reviews, the reviewers' memberships, the self levels).
    with django_assert_max_num_queries(10):
        context = national_report_context(report)
    assert [row.code for row in context.ranking] == ["73.71", "35.10"]
    assert len(context.pilots) == 4


def test_the_summary_shows_movers_level_transitions_and_province_changes(
    api: Any, cast: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from maturity.assessments.models import AssessmentStatus
    from tests.maturity.progress.test_progress_api import (
        PAREPARE,
        cycle_of,
        scored,
        small_framework,
    )

    framework = small_framework()
    last_year, this_year = cycle_of(framework, 2025), cycle_of(framework, 2026)
    for code, before, now in (("73.71", 2, 4), (PAREPARE, 3, 2), ("35.10", 3, 3)):
        scored(last_year, code, before)
        scored(this_year, code, now)
    scored(this_year, "35.78", 5)  # no previous cycle
    scored(this_year, "73.01", 1, status=AssessmentStatus.SUBMITTED)  # not approved

    response = ask(api.reviewer, this_year.pk, django_capture_on_commit_callbacks, language="en")
    content = download(api.reviewer, response.data["id"])
    text = pdf_text(content)
    for heading in ("Change since the previous cycle", "Largest rises", "Largest falls"):
        assert heading in text
    assert "Level transitions (previous cycle × this cycle)" in text
    assert "Average change by province" in text
    attached = pdf_attachment_json(content, "maturasi-national-scores.json")
    assert [m["region"] for m in attached["movers"]["rises"]] == ["73.71"]
    assert [m["region"] for m in attached["movers"]["falls"]] == [PAREPARE]
    assert attached["movers"]["rises"][0]["change"] == "2.00"
    assert attached["transitions"]["M2"] == [0, 0, 0, 1, 0]  # 73.71: M2 → M4
    assert attached["transitions"]["M3"] == [0, 1, 1, 0, 0]  # Parepare M3 → M2, 35.10 stays
    assert attached["transitions"]["none"] == [0, 0, 0, 0, 1]  # 35.78, new this cycle
    provinces = {p["province"]: p for p in attached["province_changes"]}
    assert provinces["Sulawesi Selatan"] == {
        "province": "Sulawesi Selatan",
        "regions": 2,
        "average": "0.50",
    }
    assert provinces["Jawa Timur"]["average"] == "0.00"
