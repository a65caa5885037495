"""How alike reviewers verify (GET /api/v1/cycles/{id}/calibration/, its page and the national
summary's section): per reviewer and per province, the indicators reviewed, the mean and spread
of self minus verified levels, and how often the ministry changed a province's recommendation."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from cities.models import Role
from maturity.assessments.models import Assessment
from maturity.scores.services import refresh_snapshots
from tests.conftest import api_client_for
from tests.factories import (
    REGION_A,
    REGION_B,
    answer_everything,
    make_assessment,
    make_open_cycle,
    make_small_framework,
    member,
)
from tests.reports.conftest import download, pdf_text

pytestmark = pytest.mark.django_db


def url(assessment: Assessment, action: str) -> str:
    return f"/api/v1/assessments/{assessment.pk}/{action}"


def ok(response: Any) -> Any:
    assert response.status_code == 200, response.json()
    return response


@pytest.fixture
def calibrated(cast: Any, api: Any) -> dict[str, Any]:
    """A cycle with the province stage on a framework of three indicators, whose self levels are
    I-1: 3, I-2: 3, I-3: 5. Makassar (73): the province reviewer sets I-1 to 2 and I-2 to 3 and
    recommends it; the ministry sets I-1 to 1 (changing the province's level) and I-3 to 5 and
    approves. Banyuwangi (35): the province reviewer sets I-1 to 3 and recommends it; the
    ministry returns it."""
    cycle = make_open_cycle(
        framework=make_small_framework(code="kalib"), name="Kalibrasi 2026", province_review=True
    )
    prov_73 = api_client_for(member("prov_73", Role.PROVINCE_REVIEWER, "73"))
    prov_35 = api_client_for(member("prov_35", Role.PROVINCE_REVIEWER, "35"))
    found = {}
    for code, csco in ((REGION_A, cast.csco_a), (REGION_B, cast.csco_b)):
        assessment = make_assessment(code, cycle)
        answer_everything(assessment, csco)
        ok(api_client_for(csco).post(url(assessment, "submit/")))
        refresh_snapshots(assessment_id=assessment.pk)  # a worker would, on commit
        found[code] = assessment
    a, b = found[REGION_A], found[REGION_B]
    for code, level in (("I-1", 2), ("I-2", 3)):
        ok(prov_73.put(url(a, f"reviews/{code}/"), {"verified_level": level}, format="json"))
    ok(prov_73.post(url(a, "province-verify/"), {"comment": "Baik."}, format="json"))
    for code, level in (("I-1", 1), ("I-3", 5)):
        ok(api.reviewer.put(url(a, f"reviews/{code}/"), {"verified_level": level}, format="json"))
    ok(api.reviewer.post(url(a, "approve/")))
    ok(prov_35.put(url(b, "reviews/I-1/"), {"verified_level": 3}, format="json"))
    ok(prov_35.post(url(b, "province-verify/"), {}, format="json"))
    ok(api.reviewer.post(url(b, "return/"), {"comment": "Bukti kurang."}, format="json"))
    return {"cycle": cycle, "a": a, "b": b}


def calibration(client: Any, cycle: Any) -> Any:
    return client.get(f"/api/v1/cycles/{cycle.pk}/calibration/")


def test_reviewers_and_provinces_are_compared_by_self_minus_verified(
    api: Any, calibrated: dict[str, Any]
) -> None:
    body = ok(calibration(api.observer, calibrated["cycle"])).json()
    assert body["cycle"] == calibrated["cycle"].pk
    reviewers = {row["username"]: row for row in body["reviewers"]}
    assert set(reviewers) == {"reviewer", "prov_73", "prov_35"}
    ministry = reviewers["reviewer"]
    assert ministry["role"] == "reviewer" and ministry["province_code"] is None
    # I-1: 3 − 1 = 2, I-3: 5 − 5 = 0
    assert ministry["indicators_reviewed"] == 2 and ministry["compared"] == 2
    assert ministry["mean_difference"] == "1.00" and ministry["spread"] == "1.00"
    south_sulawesi = reviewers["prov_73"]
    assert south_sulawesi["role"] == "province_reviewer"
    assert south_sulawesi["province_code"] == "73"
    # I-1: 3 − 2 = 1, I-2: 3 − 3 = 0; the ministry then set I-1 otherwise
    assert south_sulawesi["indicators_reviewed"] == 2
    assert south_sulawesi["mean_difference"] == "0.50" and south_sulawesi["spread"] == "0.50"
    assert south_sulawesi["recommendations"] == 1
    assert south_sulawesi["changed_by_ministry"] == 1
    east_java = reviewers["prov_35"]
    assert east_java["mean_difference"] == "0.00" and east_java["changed_by_ministry"] == 0
    assert [row["username"] for row in body["reviewers"]] == ["reviewer", "prov_35", "prov_73"]

    provinces = {row["province_code"]: row for row in body["provinces"]}
    assert set(provinces) == {"35", "73"}
    assert provinces["73"] == {
        "province_code": "73",
        "province_name": provinces["73"]["province_name"],
        "indicators_reviewed": 2,
        "compared": 2,
        "mean_difference": "0.50",
        "spread": "0.50",
        "changed_by_ministry": 1,
        "changed_share": "0.50",
        "recommendations": 1,
        "returned_by_ministry": 0,
        "returned_share": "0.00",
    }
    assert provinces["73"]["province_name"] == "Sulawesi Selatan"
    assert provinces["35"]["recommendations"] == 1
    assert provinces["35"]["returned_by_ministry"] == 1
    assert provinces["35"]["returned_share"] == "1.00"


def test_rows_are_narrowed_to_the_readers_scope(api: Any, calibrated: dict[str, Any]) -> None:
    limited = api_client_for(member("reviewer_73", Role.REVIEWER, provinces=["73"]))
    body = ok(calibration(limited, calibrated["cycle"])).json()
    assert {row["username"] for row in body["reviewers"]} == {"reviewer", "prov_73"}
    assert [row["province_code"] for row in body["provinces"]] == ["73"]
    ministry = next(row for row in body["reviewers"] if row["username"] == "reviewer")
    assert ministry["indicators_reviewed"] == 2  # Makassar only; Banyuwangi is outside


def test_only_ministry_roles_read_calibration(api: Any, calibrated: dict[str, Any]) -> None:
    cycle = calibrated["cycle"]
    for role in ("csco_a", "contributor_a", "csco_b"):
        assert calibration(api[role], cycle).status_code == 403
    province = api_client_for(member("prov_73", Role.PROVINCE_REVIEWER, "73"))
    assert calibration(province, cycle).status_code == 403
    assert api.admin.get("/api/v1/cycles/999999/calibration/").status_code == 404


def test_calibration_reads_a_fixed_number_of_queries(
    api: Any, calibrated: dict[str, Any], django_assert_max_num_queries: Any
) -> None:
    # The grants, the cycle, the history with its actors, their memberships, the self levels.
    with django_assert_max_num_queries(5):
        ok(calibration(api.reviewer, calibrated["cycle"]))


def test_a_cycle_without_reviews_has_empty_tables(api: Any, cast: Any) -> None:
    cycle = make_open_cycle(framework=make_small_framework(code="kosong"), name="Kosong 2026")
    assert ok(calibration(api.reviewer, cycle)).json() == {
        "cycle": cycle.pk,
        "reviewers": [],
        "provinces": [],
    }


def test_the_calibration_page_shows_both_tables(cast: Any, calibrated: dict[str, Any]) -> None:
    browser = Client()
    browser.force_login(cast.admin)
    page = browser.get(f"/cycles/{calibrated['cycle'].pk}/calibration/")
    assert page.status_code == 200
    html = page.content.decode()
    assert '<div class="table-wrap"><table class="table" id="reviewer-table">' in html
    assert '<div class="table-wrap"><table class="table" id="province-calibration-table">' in html
    assert "Peninjau provinsi 73" in html and "Sulawesi Selatan" in html
    assert "0,50" in html
    english = browser.get(f"/cycles/{calibrated['cycle'].pk}/calibration/?lang=en")
    assert "Verification calibration" in english.content.decode()
    refused = Client()
    refused.force_login(cast.csco_a)
    assert refused.get(f"/cycles/{calibrated['cycle'].pk}/calibration/").status_code == 403


@pytest.mark.parametrize(
    ("language", "heading"), [("id", "Kalibrasi verifikasi"), ("en", "Verification calibration")]
)
def test_the_national_summary_has_a_calibration_section(
    api: Any,
    calibrated: dict[str, Any],
    django_capture_on_commit_callbacks: Any,
    language: str,
    heading: str,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = api.reviewer.post(
            f"/api/v1/cycles/{calibrated['cycle'].pk}/reports/",
            {"language": language},
            format="json",
        )
    assert response.status_code in (200, 202), response.json()
    text = pdf_text(download(api.reviewer, response.data["id"]))
    assert heading in text
    assert "prov_73" in text and "prov_35" in text
    section = text[text.index(heading) :]
    assert ("Simpangan baku" if language == "id" else "Standard deviation") in section
    assert ("0,50" if language == "id" else "0.50") in section
