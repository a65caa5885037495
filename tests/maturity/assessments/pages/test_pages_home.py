"""The home page: a region's assessments with completeness, deadline and what to do next."""

from __future__ import annotations

from tests.maturity.assessments.pages.conftest import complete


def test_csco_home_lists_the_regions_assessment_with_completeness_and_days_left(
    pages, assessment_a
):
    response = pages.csco_a.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kota Makassar" in html
    assert "Siklus 2026" in html
    assert "Kota layak huni" in html  # an element's completeness bar
    assert "20 hari lagi" in html
    assert f"/assessments/{assessment_a.pk}/" in html


def test_home_never_lists_another_regions_assessment(pages, assessment_a, assessment_b):
    html = pages.csco_a.get("/").content.decode()
    assert f"/assessments/{assessment_b.pk}/" not in html
    assert "Banyuwangi" not in html


def test_csco_is_offered_to_start_an_open_cycle_without_an_assessment(pages, cycle):
    html = pages.csco_a.get("/").content.decode()
    assert f"/cycles/{cycle.pk}/start/73.71/" in html


def test_contributor_cannot_start_but_is_told_the_csco_has_not_started(pages, cycle):
    html = pages.contributor_a.get("/").content.decode()
    assert "/start/" not in html
    assert "CSCO daerah Anda belum memulai" in html


def test_reviewer_home_is_the_review_queue_and_observer_home_is_the_board(pages):
    assert pages.reviewer.get("/").url == "/review/"
    assert pages.observer.get("/").url == "/board/"


def test_anonymous_visitor_is_sent_to_sign_in(pages):
    response = pages.anon.get("/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_home_shows_full_completeness_once_everything_is_answered(pages, cast, assessment_a):
    complete(assessment_a, cast.csco_a)
    html = pages.csco_a.get("/").content.decode()
    assert "100.0%" in html or "100,0%" in html
