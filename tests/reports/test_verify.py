"""`/verify/<id>`: public; says whether a report with that id was issued, for which region and
cycle, and when — nothing more."""

from __future__ import annotations

from typing import Any

import pytest

from reports.labels import date_text
from reports.models import Report
from tests.reports.conftest import Scenario

pytestmark = pytest.mark.django_db


def issued(api: Any, scenario: Scenario, capture: Any) -> Report:
    with capture(execute=True):
        response = api.csco_a.post(
            f"/api/v1/assessments/{scenario.assessment.pk}/reports/", {}, format="json"
        )
    return Report.objects.get(pk=response.data["id"])


def test_anyone_can_check_that_a_report_was_issued_for_a_region_and_cycle(
    api: Any, scenario: Scenario, django_capture_on_commit_callbacks: Any
) -> None:
    report = issued(api, scenario, django_capture_on_commit_callbacks)
    response = api.anon.get(f"/verify/{report.report_id}")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Kota Makassar" in page
    assert scenario.assessment.cycle.name in page
    assert date_text(report.created_at, "id", with_time=True) in page
    # Nothing more: no scores, no file, no hash, no people.
    assert report.sha256 not in page
    assert "/download/" not in page
    assert "csco_a" not in page
    index = scenario.assessment.snapshots.first().index
    assert f"{index}".replace(".", ",") not in page


def test_an_unknown_id_is_not_found_and_shows_nothing_else(
    api: Any, scenario: Scenario, django_capture_on_commit_callbacks: Any
) -> None:
    issued(api, scenario, django_capture_on_commit_callbacks)
    response = api.anon.get("/verify/0123456789abcdef")
    page = response.content.decode()
    assert response.status_code == 404
    assert "Tidak ditemukan" in page
    assert "Not found" in page
    assert "Kota Makassar" not in page


def test_a_report_not_yet_finished_is_not_issued(api: Any, scenario: Scenario) -> None:
    response = api.csco_a.post(
        f"/api/v1/assessments/{scenario.assessment.pk}/reports/", {}, format="json"
    )
    report = Report.objects.get(pk=response.data["id"])
    assert report.status == "queued"
    assert api.anon.get(f"/verify/{report.report_id}").status_code == 404


def test_a_malformed_id_is_not_found(api: Any, cast: Any) -> None:
    response = api.anon.get("/verify/%3Cscript%3E")
    assert response.status_code == 404
    assert "<script>" not in response.content.decode()
