"""Changing and cancelling a planned activity in the pages: the plan form filled in with the
activity, every problem beside its field, a new time that asks the region to confirm again, and
a cancellation that needs its reason and shows it."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from maturity.assessments.models import Assessment, AssessmentStatus
from maturity.verification.models import VerificationActivity
from tests.conftest import api_client_for
from tests.factories import (
    REGION_A,
    answer_everything,
    make_assessment,
    make_open_cycle,
    make_small_framework,
)

pytestmark = pytest.mark.django_db


def browser(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def activity(cast: Any) -> VerificationActivity:
    cycle = make_open_cycle(framework=make_small_framework(code="pgact"), name="Kegiatan 2026")
    assessment = answer_everything(make_assessment(REGION_A, cycle), cast.csco_a, level=3)
    assert (
        api_client_for(cast.csco_a).post(f"/api/v1/assessments/{assessment.pk}/submit/").status_code
        == 200
    )
    planned = api_client_for(cast.reviewer).post(
        f"/api/v1/assessments/{assessment.pk}/activities/",
        {
            "method": "field_visit",
            "scheduled_at": "2026-03-04T09:00:00+07:00",
            "place": "Pasar Terong",
            "indicators": ["I-1", "I-2"],
            "participants": [{"name": "Andi Rahman", "role": "Kabid", "agency": "Disdag"}],
        },
        format="json",
    )
    assert planned.status_code == 201
    found = VerificationActivity.objects.get(pk=planned.json()["id"])
    assert (
        api_client_for(cast.csco_a)
        .post(f"/api/v1/assessments/{assessment.pk}/activities/{found.pk}/confirm/")
        .status_code
        == 200
    )
    return found


def url(activity: VerificationActivity, rest: str = "") -> str:
    return f"/assessments/{activity.assessment_id}/activities/{activity.pk}/{rest}"


def test_the_reviewer_changes_the_plan_from_a_form_filled_in_with_it(
    cast: Any, activity: VerificationActivity
) -> None:
    reviewer = browser(cast.reviewer)
    detail = reviewer.get(url(activity)).content.decode()
    assert url(activity, "edit/") in detail and url(activity, "cancel/") in detail
    page = reviewer.get(url(activity, "edit/"))
    html = page.content.decode()
    assert page.status_code == 200 and "Ubah rencana kegiatan" in html
    assert 'value="2026-03-04T09:00"' in html and 'value="Pasar Terong"' in html
    assert "Andi Rahman; Kabid; Disdag" in html
    assert "daerah perlu mengonfirmasi kehadiran lagi" in html

    bad = reviewer.post(
        url(activity, "edit/"),
        {"method": "field_visit", "scheduled_at": "", "place": "", "participants": "; Staf"},
    )
    assert bad.status_code == 400
    errors = bad.context["form"].errors
    assert {"scheduled_at", "place", "indicators", "participants"} <= set(errors)

    moved = reviewer.post(
        url(activity, "edit/"),
        {
            "method": "field_visit",
            "scheduled_at": "2026-03-05T10:30",
            "place": "Pasar Terong, lantai 2",
            "indicators": ["I-1"],
            "participants": "Andi Rahman; Kabid; Disdag",
        },
    )
    assert moved.status_code == 302 and moved["Location"] == url(activity)
    activity.refresh_from_db()
    assert activity.place == "Pasar Terong, lantai 2" and activity.indicators == ["I-1"]
    assert activity.confirmed_at is None
    # The region's CSCO sees the change and may not edit.
    csco = browser(cast.csco_a)
    assert "Pasar Terong, lantai 2" in csco.get(url(activity)).content.decode()
    assert csco.get(url(activity, "edit/")).status_code == 403


def test_cancelling_needs_a_reason_and_shows_it(cast: Any, activity: VerificationActivity) -> None:
    reviewer = browser(cast.reviewer)
    missing = reviewer.post(url(activity, "cancel/"), {"reason": ""})
    assert missing.status_code == 400
    assert "reason" in missing.context["cancel_form"].errors
    assert VerificationActivity.objects.get(pk=activity.pk).status == "planned"

    done = reviewer.post(
        url(activity, "cancel/"), {"reason": "Pasar tutup untuk renovasi."}, follow=True
    )
    html = done.content.decode()
    assert done.status_code == 200 and "Kegiatan dibatalkan." in html
    assert 'data-activity-status="cancelled"' in html and "Pasar tutup untuk renovasi." in html
    assert url(activity, "edit/") not in html and url(activity, "cancel/") not in html
    again = reviewer.get(url(activity, "edit/"), follow=True)
    assert "Hanya kegiatan yang masih direncanakan yang dapat diubah." in again.content.decode()
    assert browser(cast.csco_a).post(url(activity, "cancel/"), {"reason": "x"}).status_code in (
        403,
        302,
    )


def test_the_plan_cannot_be_changed_once_the_assessment_left_review(
    cast: Any, activity: VerificationActivity
) -> None:
    """Approved (or returned) while the activity was still planned: the page says why instead of
    opening a form whose saving would be refused."""
    Assessment.objects.filter(pk=activity.assessment_id).update(status=AssessmentStatus.APPROVED)
    reviewer = browser(cast.reviewer)
    for method in ("get", "post"):
        page = getattr(reviewer, method)(url(activity, "edit/"), follow=True)
        assert page.redirect_chain == [(url(activity), 302)]
        assert "tidak sedang ditinjau" in page.content.decode()
    assert VerificationActivity.objects.get(pk=activity.pk).place == "Pasar Terong"
