"""The score endpoints (API.md "Scores"): one assessment's score and a cycle's scores, as JSON,
CSV and XLSX, read from snapshots only, within scope, in a constant number of queries."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from cities.models import Membership, Role
from maturity.assessments.models import AssessmentStatus
from maturity.scores import selectors, services
from tests.maturity.scores.score_helpers import (
    WORKED_ANSWER_BODIES,
    WORKED_REVIEW_BODIES,
    WORKED_SELF,
    WORKED_VERIFIED,
    by_code,
    import_worked_example,
    make_assessment,
    make_cycle,
    set_status,
    write_answers,
    write_reviews,
)

pytestmark = pytest.mark.django_db

REGION_A = "73.71"  # Kota Makassar, Sulawesi Selatan
REGION_B = "35.10"  # Kabupaten Banyuwangi, Jawa Timur


@pytest.fixture
def cycle():
    return make_cycle(import_worked_example(), name="Siklus 2026")


@pytest.fixture
def scored(cycle):
    """Kota Makassar's submitted worked example, scored by a worker."""
    assessment = make_assessment(cycle, REGION_A)
    write_answers(assessment, WORKED_ANSWER_BODIES)
    services.refresh_snapshots(assessment_id=assessment.pk)
    return assessment


def score_url(assessment) -> str:  # type: ignore[no-untyped-def]
    return f"/api/v1/assessments/{assessment.pk}/score/"


def cycle_url(cycle, query: str = "") -> str:  # type: ignore[no-untyped-def]
    return f"/api/v1/cycles/{cycle.pk}/scores/{query}"


def approve_with_reviews(assessment) -> None:  # type: ignore[no-untyped-def]
    write_reviews(assessment, WORKED_REVIEW_BODIES)
    set_status(assessment, AssessmentStatus.APPROVED)
    services.refresh_snapshots(assessment_id=assessment.pk)


# --- One assessment's score -----------------------------------------------------------------------


def test_the_score_of_a_scored_assessment_has_every_figure_of_the_worked_example(api, scored):
    response = api.csco_a.get(score_url(scored))

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ready"
    assert body["completeness"] == "100.0"
    assert body["computed_at"]
    own = body["self"]
    assert own["index"] == "3.06"
    assert own["level"] == 3
    assert own["level_name"] == "M3 Madya (Emas)"
    assert by_code(own["elements"], "score") == WORKED_SELF["elements"]
    assert by_code(own["themes"], "score") == WORKED_SELF["themes"]
    assert by_code(own["indicators"], "level") == WORKED_SELF["indicators"]
    assert body["verified"] is None


def test_lang_en_gives_english_names(api, scored):
    body = api.csco_a.get(score_url(scored) + "?lang=en").json()

    assert body["self"]["level_name"] == "M3 Intermediate (Gold)"
    assert by_code(body["self"]["elements"], "title")["E1"] == "Liveable city"
    assert by_code(body["self"]["themes"], "title")["EDU"] == "Education"


def test_an_unknown_language_is_refused_with_a_field_message(api, scored):
    response = api.csco_a.get(score_url(scored) + "?lang=fr")

    assert response.status_code == 400
    assert "lang" in response.json()


def test_the_score_is_pending_until_a_worker_has_scored_the_submission(api, cycle):
    assessment = make_assessment(cycle, REGION_A)
    write_answers(assessment, WORKED_ANSWER_BODIES)

    body = api.csco_a.get(score_url(assessment)).json()

    assert body["status"] == "pending"
    assert body["self"] is None


def test_the_score_turns_pending_again_when_inputs_change_and_shows_the_last_figures(api, scored):
    set_status(scored, AssessmentStatus.RETURNED)

    body = api.csco_a.get(score_url(scored)).json()

    assert body["status"] == "pending"
    assert body["self"]["index"] == "3.06"


def test_a_draft_has_no_score_to_wait_for(api, cycle):
    draft = make_assessment(cycle, REGION_A, status=AssessmentStatus.DRAFT)

    body = api.csco_a.get(score_url(draft)).json()

    assert body["status"] == "not_submitted"
    assert body["self"] is None
    assert body["verified"] is None


def test_verified_stays_null_while_reviewers_work_even_with_a_provisional_track(api, scored):
    write_reviews(scored, WORKED_REVIEW_BODIES)
    services.refresh_snapshots(assessment_id=scored.pk)

    body = api.reviewer.get(score_url(scored)).json()

    assert selectors.latest_snapshot(scored.pk, "verified").provisional is True
    assert body["status"] == "ready"
    assert body["verified"] is None


def test_an_approved_assessment_shows_its_verified_track_and_gap(api, scored):
    approve_with_reviews(scored)

    body = api.observer.get(score_url(scored)).json()

    assert body["status"] == "ready"
    verified = body["verified"]
    assert verified["index"] == WORKED_VERIFIED["index"]
    assert by_code(verified["elements"], "score") == WORKED_VERIFIED["elements"]
    assert by_code(verified["themes"], "score") == WORKED_VERIFIED["themes"]
    assert by_code(verified["indicators"], "level") == WORKED_VERIFIED["indicators"]
    assert body["gap"]["index"] == "-0.11"
    assert body["self"]["index"] == "3.06"


def test_an_approved_assessment_is_pending_until_its_verified_track_is_stored(api, scored):
    set_status(scored, AssessmentStatus.APPROVED)

    body = api.observer.get(score_url(scored)).json()

    assert body["status"] == "pending"
    assert body["verified"] is None


def test_another_regions_csco_does_not_find_the_score(api, scored):
    assert api.csco_b.get(score_url(scored)).status_code == 404


def test_the_region_contributor_and_ministry_roles_read_the_score(api, scored):
    for role in ("contributor_a", "reviewer", "admin", "observer"):
        assert api[role].get(score_url(scored)).status_code == 200, role


def test_signed_out_callers_get_401(api, scored):
    assert api.anon.get(score_url(scored)).status_code == 401


def test_an_unknown_assessment_is_404(api):
    assert api.admin.get("/api/v1/assessments/999999/score/").status_code == 404


def test_the_score_is_read_in_constant_queries(api, cycle, django_assert_max_num_queries):
    scored = make_assessment(cycle, REGION_A)
    write_answers(scored, WORKED_ANSWER_BODIES)
    for _ in range(3):  # several snapshots of each track to choose the latest from
        services.refresh_snapshots(assessment_id=scored.pk)
        write_answers(scored, {"GOV-1": {"status": "answered", "value": 5}})
    approve_with_reviews(scored)
    api.observer.get(score_url(scored))  # framework names cached, memberships read

    with django_assert_max_num_queries(2):
        response = api.observer.get(score_url(scored))

    assert response.json()["verified"] is not None


# --- A cycle's scores -----------------------------------------------------------------------------


@pytest.fixture
def two_regions(cycle, scored):
    """Makassar approved (verified 3.17) and Banyuwangi submitted (self 3.06), both scored."""
    approve_with_reviews(scored)
    other = make_assessment(cycle, REGION_B)
    write_answers(other, {**WORKED_ANSWER_BODIES, "GOV-2": {"status": "answered", "value": True}})
    services.refresh_snapshots(assessment_id=other.pk)
    return scored, other


def test_cycle_scores_list_one_row_per_assessment_with_region_and_figures(api, cycle, two_regions):
    response = api.reviewer.get(cycle_url(cycle))

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    banyuwangi, makassar = body["results"]
    assert makassar["region"] == REGION_A
    assert makassar["region_name"] == "Kota Makassar"
    assert makassar["province"] == "73"
    assert makassar["province_name"] == "Sulawesi Selatan"
    assert makassar["kind"] == "kota"
    assert makassar["status"] == "approved"
    assert makassar["completeness"] == "100.0"
    assert (makassar["self_index"], makassar["self_level"]) == ("3.06", 3)
    assert (makassar["verified_index"], makassar["verified_level"]) == ("3.17", 3)
    assert {e["code"]: (e["self"], e["verified"]) for e in makassar["elements"]} == {
        "E1": ("3.67", "3.50"),
        "E2": ("3.00", "3.50"),
        "E3": ("2.50", "2.50"),
    }
    assert banyuwangi["region"] == REGION_B
    assert banyuwangi["kind"] == "kabupaten"
    assert (banyuwangi["self_index"], banyuwangi["verified_index"]) == ("3.72", None)
    assert banyuwangi["self_level"] == 4


@pytest.mark.parametrize("role", ["csco_a", "contributor_a", "csco_b"])
def test_region_roles_may_not_read_cycle_scores(api, cycle, two_regions, role):
    assert api[role].get(cycle_url(cycle)).status_code == 403


@pytest.mark.parametrize("role", ["reviewer", "admin", "observer"])
def test_ministry_roles_read_cycle_scores(api, cycle, two_regions, role):
    assert api[role].get(cycle_url(cycle)).status_code == 200


def test_a_reviewer_assigned_to_some_provinces_sees_only_their_rows(api, cast, cycle, two_regions):
    Membership.objects.filter(user=cast.reviewer, role=Role.REVIEWER).update(provinces=["35"])
    from cities import access

    access.forget(cast.reviewer)

    rows = api.reviewer.get(cycle_url(cycle)).json()["results"]

    assert [row["region"] for row in rows] == [REGION_B]


def test_an_unknown_cycle_is_404(api):
    assert api.observer.get("/api/v1/cycles/999999/scores/").status_code == 404


@pytest.mark.parametrize(
    ("query", "regions"),
    [
        ("?province=73", [REGION_A]),
        ("?kind=kabupaten", [REGION_B]),
        ("?status=submitted", [REGION_B]),
        ("?level=4", [REGION_B]),
        ("?level=3", [REGION_A]),
        ("?verified_level=3", [REGION_A]),
        ("?level=5", []),
    ],
)
def test_cycle_scores_filter_by_province_kind_status_and_level(
    api, cycle, two_regions, query, regions
):
    rows = api.admin.get(cycle_url(cycle, query)).json()["results"]

    assert [row["region"] for row in rows] == regions


@pytest.mark.parametrize("query", ["?level=9", "?kind=desa", "?status=lost", "?format=pdf"])
def test_bad_cycle_score_filters_get_field_messages(api, cycle, two_regions, query):
    response = api.admin.get(cycle_url(cycle, query))

    assert response.status_code == 400
    assert query[1:].split("=")[0] in response.json()


def test_cycle_scores_in_english_name_levels_and_elements_in_english(api, cycle, two_regions):
    row = api.admin.get(cycle_url(cycle, "?lang=en&province=73")).json()["results"][0]

    assert row["verified_level_name"] == "M3 Intermediate (Gold)"
    assert row["elements"][0]["title"] == "Liveable city"


def test_cycle_scores_as_csv(api, cycle, two_regions):
    response = api.observer.get(cycle_url(cycle, "?format=csv"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "siklus-2026.csv" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [row["region"] for row in rows] == [REGION_B, REGION_A]
    makassar = rows[1]
    assert makassar["self_index"] == "3.06"
    assert makassar["verified_index"] == "3.17"
    assert makassar["self_E1"] == "3.67"
    assert makassar["verified_E2"] == "3.50"
    assert rows[0]["verified_index"] == ""


def test_cycle_scores_as_xlsx_have_an_index_sheet_and_an_indicator_sheet(api, cycle, two_regions):
    response = api.observer.get(cycle_url(cycle, "?format=xlsx"))

    assert response.status_code == 200
    assert "spreadsheetml" in response["Content-Type"]
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["indeks", "indikator"]
    index_rows = list(workbook["indeks"].iter_rows(values_only=True))
    assert index_rows[0][0] == "Kode wilayah"
    assert [row[0] for row in index_rows[1:]] == [REGION_B, REGION_A]
    indicator_rows = list(workbook["indikator"].iter_rows(values_only=True))
    levels = {(row[0], row[4]): (row[6], row[7]) for row in indicator_rows[1:]}
    assert len(levels) == 2 * 10
    assert levels[(REGION_A, "EDU-1")] == (4, 3)
    assert levels[(REGION_A, "SAF-1")] == (0, None)
    assert levels[(REGION_B, "GOV-2")] == (5, None)


def test_file_formats_keep_the_403_for_region_roles(api, cycle, two_regions):
    response = api.csco_a.get(cycle_url(cycle, "?format=csv"))

    assert response.status_code == 403
    assert response["Content-Type"].startswith("application/json")


def test_cycle_scores_take_the_same_queries_for_two_or_many_assessments(
    api, cycle, two_regions, django_assert_num_queries
):
    api.admin.get(cycle_url(cycle))  # framework names cached, memberships read
    # The page, its count, the snapshots, the ranks of the cycle and the previous cycles' indexes.
    with django_assert_num_queries(6) as few:
        api.admin.get(cycle_url(cycle))
    for code in ("35.11", "35.12", "73.72", "73.73", "11.01"):
        more = make_assessment(cycle, code)
        write_answers(more, WORKED_ANSWER_BODIES)
        services.refresh_snapshots(assessment_id=more.pk)

    for query in ("", "?format=csv", "?format=xlsx", "?level=3&verified_level=3"):
        with django_assert_num_queries(len(few) - (1 if "format" in query else 0)):
            response = api.admin.get(cycle_url(cycle, query))
        assert response.status_code == 200
    assert api.admin.get(cycle_url(cycle)).json()["count"] == 7
