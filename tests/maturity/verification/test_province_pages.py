"""The province stage in the pages: the province reviewer's queue and review page, recommending
an assessment, and what the ministry's reviewer sees before and after."""

from __future__ import annotations

import pytest
from django.test import Client

from cities.models import Role
from maturity.assessments.models import Assessment
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

pytestmark = pytest.mark.django_db


def browser(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def world(cast):  # type: ignore[no-untyped-def]
    staged = make_open_cycle(
        framework=make_small_framework(code="pg"), name="Bertahap 2026", province_review=True
    )
    plain = make_open_cycle(framework=make_small_framework(code="pp"), name="Biasa 2026")
    found = {}
    for key, cycle, code, csco in (
        ("a", staged, REGION_A, cast.csco_a),
        ("b", staged, REGION_B, cast.csco_b),
        ("a_plain", plain, REGION_A, cast.csco_a),
    ):
        assessment = make_assessment(code, cycle)
        answer_everything(assessment, csco)
        submitted = api_client_for(csco).post(f"/api/v1/assessments/{assessment.pk}/submit/")
        assert submitted.status_code == 200
        found[key] = assessment
    found["province"] = member("prov_page", Role.PROVINCE_REVIEWER, "73")
    return found


def test_the_province_reviewer_queue_holds_its_staged_kabupaten_and_kota(world):
    page = browser(world["province"]).get("/review/")
    assert page.status_code == 200
    text = page.content.decode()
    assert f"/assessments/{world['a'].pk}/review/" in text
    # Another province's kabupaten; the same kota in a cycle without the stage: not waiting here.
    assert f"/assessments/{world['b'].pk}/review/" not in text
    assert f"/assessments/{world['a_plain'].pk}/review/" not in text
    assert browser(world["province"]).get("/").url == "/review/"


def test_the_ministry_queue_waits_for_the_province(world, cast):
    text = browser(cast.reviewer).get("/review/").content.decode()
    # Makassar's staged assessment waits for its province; the plain cycle's for the ministry.
    assert f'href="/assessments/{world["a_plain"].pk}/review/">Tinjau' in text
    assert f'href="/assessments/{world["a"].pk}/review/">Tinjau' not in text


def test_the_province_reviewer_recommends_from_the_review_page(world, cast):
    a = world["a"]
    review = browser(world["province"]).get(f"/assessments/{a.pk}/review/")
    text = review.content.decode()
    assert f'action="/assessments/{a.pk}/province-verify/"' in text
    assert f'action="/assessments/{a.pk}/approve/"' not in text
    assert f'action="/assessments/{a.pk}/return/"' in text

    ministry = browser(cast.reviewer).get(f"/assessments/{a.pk}/review/").content.decode()
    assert f'action="/assessments/{a.pk}/approve/"' not in ministry
    assert "mewajibkan verifikasi provinsi" in ministry

    done = browser(world["province"]).post(
        f"/assessments/{a.pk}/province-verify/", {"province-comment": "Sesuai kunjungan lapangan."}
    )
    assert done.status_code == 302 and done.url == "/review/"
    a.refresh_from_db()
    assert a.status == "province_verified"

    ministry = browser(cast.reviewer).get(f"/assessments/{a.pk}/review/").content.decode()
    assert f'action="/assessments/{a.pk}/approve/"' in ministry
    assert "Sesuai kunjungan lapangan." in ministry
    assert "Diverifikasi provinsi" in ministry
    queue = browser(cast.reviewer).get("/review/").content.decode()
    assert f'href="/assessments/{a.pk}/review/">Tinjau' in queue


def test_a_too_long_recommendation_is_a_form_error(world):
    a = world["a"]
    page = browser(world["province"]).post(
        f"/assessments/{a.pk}/province-verify/", {"province-comment": "x" * 5001}
    )
    assert page.status_code == 400
    assert "Paling banyak" in page.content.decode()
    assert Assessment.objects.get(pk=a.pk).status == "submitted"


def test_the_province_reviewer_is_refused_elsewhere(world, cast):
    client = browser(world["province"])
    assert client.get(f"/assessments/{world['b'].pk}/review/").status_code == 404
    assert client.post(f"/assessments/{world['b'].pk}/province-verify/").status_code == 404
    assert client.get("/board/").status_code == 403
    plain = client.post(
        f"/assessments/{world['a_plain'].pk}/province-verify/", {"province-comment": ""}
    )
    assert plain.status_code == 302
    assert Assessment.objects.get(pk=world["a_plain"].pk).status == "submitted"
