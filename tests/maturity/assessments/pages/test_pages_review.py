"""Submitting, the reviewer's queue and review page, returning and approving, the score page,
report buttons and the national board."""

from __future__ import annotations

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from maturity.assessments.models import AssessmentStatus, Review
from maturity.assessments.services import lifecycle
from reports.models import Report
from tests.maturity.assessments.pages.conftest import complete

HTMX = {"HTTP_HX_REQUEST": "true"}


def url(assessment, tail: str = "") -> str:  # type: ignore[no-untyped-def]
    return f"/assessments/{assessment.pk}/{tail}"


def submitted(assessment, cast, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    complete(assessment, cast.csco_a)
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.submit(user=cast.csco_a, assessment=assessment)
    assessment.refresh_from_db()
    return assessment


def test_submit_page_lists_what_is_missing_each_a_link(pages, assessment_a):
    response = pages.csco_a.get(url(assessment_a, "submit/"))
    assert response.status_code == 200
    html = response.content.decode()
    assert url(assessment_a, "elements/E1/#ind-EDU-1") in html
    assert url(assessment_a, "elements/E2/#ind-WAT-2") in html
    assert re.search(r"<button[^>]*disabled[^>]*>\s*Ajukan penilaian", html)


def test_submitting_an_incomplete_assessment_is_refused_with_the_list(pages, assessment_a):
    response = pages.csco_a.post(url(assessment_a, "submit/"))
    assert response.status_code == 400
    assert "Penilaian belum lengkap" in response.content.decode()
    assessment_a.refresh_from_db()
    assert assessment_a.status == AssessmentStatus.DRAFT


def test_csco_submits_a_complete_assessment(pages, cast, assessment_a):
    complete(assessment_a, cast.contributor_a)
    response = pages.csco_a.post(url(assessment_a, "submit/"))
    assert response.status_code == 302
    assessment_a.refresh_from_db()
    assert assessment_a.status == AssessmentStatus.SUBMITTED


def test_contributor_may_not_submit(pages, cast, assessment_a):
    complete(assessment_a, cast.contributor_a)
    assert pages.contributor_a.post(url(assessment_a, "submit/")).status_code == 403
    assessment_a.refresh_from_db()
    assert assessment_a.status == AssessmentStatus.DRAFT


def test_queue_lists_submitted_assessments_in_scope_with_days_waiting(
    pages, cast, assessment_a, assessment_b, django_capture_on_commit_callbacks
):
    submitted(assessment_a, cast, django_capture_on_commit_callbacks)
    html = pages.reviewer.get("/review/").content.decode()
    assert "Kota Makassar" in html
    assert "Banyuwangi" not in html  # still a draft
    assert url(assessment_a, "review/") in html
    assert "0 hari" in html


def test_queue_filters_by_province(pages, cast, assessment_a, django_capture_on_commit_callbacks):
    submitted(assessment_a, cast, django_capture_on_commit_callbacks)
    assert "Kota Makassar" in pages.reviewer.get("/review/?province=73").content.decode()
    assert "Kota Makassar" not in pages.reviewer.get("/review/?province=35").content.decode()


def test_queue_and_review_are_forbidden_to_regions(pages, assessment_a):
    assert pages.csco_a.get("/review/").status_code == 403
    assert pages.csco_a.get(url(assessment_a, "review/")).status_code == 403


def test_review_page_shows_answers_and_evidence_beside_review_fields(
    pages, cast, assessment_a, django_capture_on_commit_callbacks
):
    submitted(assessment_a, cast, django_capture_on_commit_callbacks)
    html = pages.reviewer.get(url(assessment_a, "review/")).content.decode()
    assert "EDU-1.pdf" in html  # the evidence answer_everything attached
    assert 'name="verified_level"' in html
    assert "Kembalikan ke daerah" in html and "Setujui penilaian" in html


def test_review_page_renders_in_a_constant_number_of_queries(
    pages, cast, assessment_a, django_capture_on_commit_callbacks
):
    submitted(assessment_a, cast, django_capture_on_commit_callbacks)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert pages.reviewer.get(url(assessment_a, "review/")).status_code == 200
        return len(queries)

    before = count()
    for code in ("EDU-1", "EDU-2", "HEA-1"):
        pages.reviewer.post(
            url(assessment_a, f"review/indicators/{code}/"),
            {"verified_level": "2", "comment": "Cek ulang"},
            **HTMX,
        )
    assert count() == before


def test_reviewer_saves_a_verified_level_and_comment(
    pages, cast, assessment_a, django_capture_on_commit_callbacks
):
    submitted(assessment_a, cast, django_capture_on_commit_callbacks)
    response = pages.reviewer.post(
        url(assessment_a, "review/indicators/EDU-1/"),
        {"verified_level": "2", "comment": "Data 2023, bukan 2025"},
        **HTMX,
    )
    assert response.status_code == 200
    assert "Tersimpan" in response.content.decode()
    review = Review.objects.get(assessment=assessment_a, indicator__code="EDU-1")
    assert review.verified_level == 2 and review.comment == "Data 2023, bukan 2025"


def test_return_needs_a_comment_shown_beside_the_field(
    pages, cast, assessment_a, django_capture_on_commit_callbacks
):
    submitted(assessment_a, cast, django_capture_on_commit_callbacks)
    response = pages.reviewer.post(url(assessment_a, "return/"), {"comment": "  "})
    assert response.status_code == 400
    html = response.content.decode()
    assert re.search(r'id="id_comment_error"[^>]*>\s*<li>Wajib diisi.</li>', html)
    assessment_a.refresh_from_db()
    assert assessment_a.status == AssessmentStatus.SUBMITTED


def test_return_with_a_comment_shows_it_to_the_csco_beside_the_indicator(
    pages, cast, assessment_a, django_capture_on_commit_callbacks
):
    submitted(assessment_a, cast, django_capture_on_commit_callbacks)
    pages.reviewer.post(
        url(assessment_a, "review/indicators/EDU-1/"),
        {"verified_level": "2", "comment": "Lampirkan data Dapodik terbaru"},
        **HTMX,
    )
    response = pages.reviewer.post(
        url(assessment_a, "return/"), {"comment": "Perbaiki indikator pendidikan."}
    )
    assert response.status_code == 302
    home = pages.csco_a.get("/").content.decode()
    assert "Perbaiki indikator pendidikan." in home
    page = pages.csco_a.get(url(assessment_a)).content.decode()
    assert "Lampirkan data Dapodik terbaru" in page
    assert "indicator--returned" in page


def test_reviewer_approves(pages, cast, assessment_a, django_capture_on_commit_callbacks):
    submitted(assessment_a, cast, django_capture_on_commit_callbacks)
    assert pages.reviewer.post(url(assessment_a, "approve/")).status_code == 302
    assessment_a.refresh_from_db()
    assert assessment_a.status == AssessmentStatus.APPROVED


def test_observer_cannot_return_or_approve(
    pages, cast, assessment_a, django_capture_on_commit_callbacks
):
    submitted(assessment_a, cast, django_capture_on_commit_callbacks)
    assert pages.observer.post(url(assessment_a, "approve/")).status_code == 403
    assert pages.observer.post(url(assessment_a, "return/"), {"comment": "x"}).status_code == 403


def test_score_page_shows_index_level_and_charts_once_scored(
    pages, cast, assessment_a, django_capture_on_commit_callbacks
):
    submitted(assessment_a, cast, django_capture_on_commit_callbacks)
    html = pages.csco_a.get(url(assessment_a, "score/")).content.decode()
    assert "3,50" in html  # E1 3.00, E2 (yes = 5, 3) 4.00
    assert "M4 Utama (Platinum)" in html
    assert html.count("<svg") >= 2


def test_score_page_before_submission_explains_there_is_no_score_yet(pages, assessment_a):
    html = pages.csco_a.get(url(assessment_a, "score/")).content.decode()
    assert "Skor penilaian mandiri dihitung setelah penilaian diajukan." in html


def test_report_button_queues_a_job_and_shows_its_live_status(
    pages, cast, assessment_a, django_capture_on_commit_callbacks
):
    submitted(assessment_a, cast, django_capture_on_commit_callbacks)
    response = pages.csco_a.post(url(assessment_a, "reports/"), {"language": "en"}, **HTMX)
    assert response.status_code == 200
    report = Report.objects.get(assessment=assessment_a)
    assert report.language == "en"
    assert f'data-report-status="/api/v1/reports/{report.pk}/"' in response.content.decode()


def test_report_button_with_an_unknown_language_falls_back_to_the_page_language(
    pages, cast, assessment_a, django_capture_on_commit_callbacks
):
    submitted(assessment_a, cast, django_capture_on_commit_callbacks)
    response = pages.csco_a.post(url(assessment_a, "reports/"), {"language": "xx"}, **HTMX)
    assert response.status_code == 200
    assert Report.objects.get(assessment=assessment_a).language == "id"


# --- National board -------------------------------------------------------------------------------


def test_board_shows_status_of_every_region_with_exports(pages, cycle, assessment_a):
    response = pages.observer.get(f"/board/?cycle={cycle.pk}&province=73")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kota Makassar" in html
    assert "Belum mulai" in html  # other regencies of the province have not started
    assert f"/api/v1/cycles/{cycle.pk}/scores/?format=csv" in html
    assert f"/api/v1/cycles/{cycle.pk}/scores/?format=xlsx" in html


def test_board_filters_by_status(pages, cycle, assessment_a):
    html = pages.observer.get(f"/board/?cycle={cycle.pk}&status=draft").content.decode()
    region_table = html.split('id="region-table"')[1]
    assert "Kota Makassar" in region_table
    assert "Belum mulai" not in region_table


def test_board_has_charts_once_assessments_are_scored(
    pages, cast, cycle, assessment_a, django_capture_on_commit_callbacks
):
    submitted(assessment_a, cast, django_capture_on_commit_callbacks)
    html = pages.reviewer.get(f"/board/?cycle={cycle.pk}").content.decode()
    assert "Sebaran tingkat kematangan" in html
    assert html.count("<svg") >= 2


def test_board_renders_in_a_constant_number_of_queries(
    pages, cast, cycle, assessment_a, assessment_b, django_capture_on_commit_callbacks
):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert pages.observer.get(f"/board/?cycle={cycle.pk}").status_code == 200
        return len(queries)

    submitted(assessment_a, cast, django_capture_on_commit_callbacks)
    one = count()
    complete(assessment_b, cast.csco_b)
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.submit(user=cast.csco_b, assessment=assessment_b)
    assert count() == one


def test_board_is_forbidden_to_regions(pages, cycle):
    assert pages.csco_a.get("/board/").status_code == 403


def test_national_report_button_queues_the_national_summary(pages, cycle):
    response = pages.observer.post(f"/board/cycles/{cycle.pk}/report/", **HTMX)
    assert response.status_code == 200
    assert Report.objects.filter(kind="national", cycle=cycle).exists()
    assert pages.csco_a.post(f"/board/cycles/{cycle.pk}/report/").status_code == 403


def test_provinces_in_the_board_are_only_those_in_a_limited_reviewers_scope(pages, cycle):
    from django.test import Client

    from tests.factories import member

    limited = member("peninjau_jatim", "reviewer", provinces=["35"])
    client = Client()
    client.force_login(limited)
    html = client.get(f"/board/?cycle={cycle.pk}").content.decode()
    assert "Kabupaten Banyuwangi" in html
    assert "Kota Makassar" not in html
