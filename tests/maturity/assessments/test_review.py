"""Review through the HTTP API: verified levels per indicator while submitted, return with a
comment, approve, reopen; who sees review comments; scoring and mail on every decision."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.utils import timezone, translation
from rest_framework.test import APIClient

from cities import errors
from cities.models import Role
from maturity.assessments.models import Assessment, HistoryEntry, Review
from maturity.assessments.services import lifecycle
from maturity.assessments.services import review as services_review
from maturity.assessments.signals import scoring_inputs_changed
from maturity.frameworks.models import Indicator
from tests.factories import (
    REGION_A,
    answer_everything,
    make_assessment,
    make_open_cycle,
    member,
    submit_and_approve,
)


@pytest.fixture
def assessment(cast):  # type: ignore[no-untyped-def]
    return make_assessment(REGION_A, make_open_cycle())


@pytest.fixture
def submitted(api, cast, assessment):  # type: ignore[no-untyped-def]
    answer_everything(assessment, cast.contributor_a)
    response = api.csco_a.post(f"/api/v1/assessments/{assessment.pk}/submit/")
    assert response.status_code == 200, response.json()
    return assessment


@pytest.fixture
def codes(assessment):  # type: ignore[no-untyped-def]
    return list(
        Indicator.objects.filter(framework_id=assessment.cycle.framework_id)
        .order_by("position")
        .values_list("code", flat=True)
    )


def review(client, assessment, code, body):  # type: ignore[no-untyped-def]
    return client.put(f"/api/v1/assessments/{assessment.pk}/reviews/{code}/", body, format="json")


def post(client, assessment, action, body=None):  # type: ignore[no-untyped-def]
    return client.post(f"/api/v1/assessments/{assessment.pk}/{action}/", body or {}, format="json")


def test_a_reviewer_sets_a_verified_level_with_a_comment(api, submitted, codes):
    response = review(
        api.reviewer, submitted, codes[0], {"verified_level": 2, "comment": "Bukti hanya 2024."}
    )
    assert response.status_code == 200, response.json()
    body = response.json()
    assert (body["indicator"], body["verified_level"], body["not_applicable"]) == (
        codes[0],
        2,
        False,
    )
    assert (body["comment"], body["reviewer"]) == ("Bukti hanya 2024.", "reviewer")
    changed = review(
        api.reviewer, submitted, codes[0], {"verified_level": 0, "comment": "Tidak ada."}
    )
    assert changed.status_code == 200
    assert Review.objects.get(assessment=submitted, indicator__code=codes[0]).verified_level == 0
    entries = HistoryEntry.objects.filter(assessment=submitted, action="review.set")
    assert [e.after["verified_level"] for e in entries] == [2, 0]
    assert entries.last().before["verified_level"] == 2


def test_a_reviewer_may_accept_not_applicable(api, submitted, codes):
    response = review(api.reviewer, submitted, codes[1], {"not_applicable": True, "comment": "ok"})
    assert response.status_code == 200
    assert (response.json()["not_applicable"], response.json()["verified_level"]) == (True, None)


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"verified_level": 6}, "verified_level"),
        ({"verified_level": -1}, "verified_level"),
        ({"verified_level": "tiga"}, "verified_level"),
        ({"verified_level": True}, "verified_level"),
        ({"verified_level": 3, "not_applicable": True}, "not_applicable"),
        ({"not_applicable": "mungkin"}, "not_applicable"),
        ({"verified_level": 3, "comment": 12}, "comment"),
    ],
)
def test_a_bad_review_is_refused_naming_the_field(api, submitted, codes, body, field):
    response = review(api.reviewer, submitted, codes[0], body)
    assert response.status_code == 400
    assert field in response.json()
    assert not Review.objects.exists()


def test_a_review_of_an_unknown_indicator_is_a_404(api, submitted):
    assert review(api.reviewer, submitted, "NOPE-1", {"verified_level": 3}).status_code == 404


def test_reviews_are_only_taken_while_submitted(api, assessment, codes):
    response = review(api.reviewer, assessment, codes[0], {"verified_level": 3})
    assert response.status_code == 409
    assert not Review.objects.exists()


@pytest.mark.parametrize("role", ["csco_a", "contributor_a", "observer"])
def test_only_reviewers_review_return_and_approve(api, submitted, codes, role):
    client = api[role]
    assert review(client, submitted, codes[0], {"verified_level": 3}).status_code == 403
    assert post(client, submitted, "return", {"comment": "x"}).status_code == 403
    assert post(client, submitted, "approve").status_code == 403
    submitted.refresh_from_db()
    assert submitted.status == "submitted"


def test_a_reviewer_of_other_provinces_does_not_find_the_assessment(submitted, codes):
    east_java = APIClient()
    east_java.force_authenticate(member("reviewer_jatim", Role.REVIEWER, provinces=["35"]))
    assert east_java.get(f"/api/v1/assessments/{submitted.pk}/").status_code == 404
    assert review(east_java, submitted, codes[0], {"verified_level": 3}).status_code == 404
    assert post(east_java, submitted, "approve").status_code == 404


def test_return_needs_a_comment_and_a_submitted_assessment(api, assessment, submitted):
    for body in ({}, {"comment": "   "}):
        response = post(api.reviewer, submitted, "return", body)
        assert response.status_code == 400
        assert list(response.json()) == ["comment", "code"]
    submitted.refresh_from_db()
    assert submitted.status == "submitted"


@pytest.mark.parametrize(
    ("status", "role", "action", "body"),
    [
        ("draft", "reviewer", "return", {"comment": "x"}),
        ("draft", "reviewer", "approve", None),
        ("returned", "reviewer", "approve", None),
        ("approved", "reviewer", "return", {"comment": "x"}),
        ("submitted", "csco_a", "submit", None),
        ("approved", "csco_a", "submit", None),
        ("draft", "admin", "reopen", {"reason": "x"}),
        ("submitted", "admin", "reopen", {"reason": "x"}),
    ],
)
def test_a_transition_not_allowed_from_the_current_status_is_a_409(
    api, assessment, status, role, action, body
):
    Assessment.objects.filter(pk=assessment.pk).update(status=status)
    response = post(api[role], assessment, action, body)
    assert response.status_code == 409
    assert "tidak diizinkan dari status" in response.json()["detail"]
    assert response.json()["code"] == "transition_not_allowed"
    assert Assessment.objects.get(pk=assessment.pk).status == status


def test_a_refused_transition_speaks_the_language_of_the_request(cast, assessment):
    with pytest.raises(errors.Conflict) as refused:
        lifecycle.approve(user=cast.reviewer, assessment=assessment)
    assert refused.value.code == "transition_not_allowed"
    assert refused.value.message == "Tindakan 'approve' tidak diizinkan dari status 'draft'."
    with translation.override("en"), pytest.raises(errors.Conflict) as in_english:
        lifecycle.approve(user=cast.reviewer, assessment=assessment)
    assert in_english.value.message == "'approve' is not allowed from status 'draft'."


def test_submitting_an_incomplete_assessment_is_a_400_listing_what_is_missing(api, assessment):
    response = api.csco_a.post(f"/api/v1/assessments/{assessment.pk}/submit/?lang=en")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "incomplete"
    assert body["detail"].startswith("The assessment is incomplete")  # one text, as before
    assert body["missing"] and isinstance(body["evidence_missing"], list)
    assert Assessment.objects.get(pk=assessment.pk).status == "draft"


def test_a_bad_review_is_invalid_with_every_field_in_english(cast, submitted, codes):
    indicator = Indicator.objects.get(framework_id=submitted.cycle.framework_id, code=codes[0])
    with translation.override("en"), pytest.raises(errors.Invalid) as refused:
        services_review.set_review(
            user=cast.reviewer,
            assessment=submitted,
            indicator=indicator,
            verified_level=9,
            not_applicable="yes",
        )
    assert refused.value.fields == {
        "verified_level": ["Must be a level 0–5 or null."],
        "not_applicable": ["Must be true or false."],
    }


def test_returning_shows_the_comment_and_review_comments_to_the_region(
    api, submitted, codes, django_capture_on_commit_callbacks
):
    review(api.reviewer, submitted, codes[0], {"verified_level": 1, "comment": "Lampirkan SK."})
    rows = api.csco_a.get(f"/api/v1/assessments/{submitted.pk}/answers/").json()["results"]
    assert rows[0]["review"] is None  # not yet: the assessment is still with the reviewer
    reviewer_rows = api.reviewer.get(f"/api/v1/assessments/{submitted.pk}/answers/").json()
    assert reviewer_rows["results"][0]["review"]["comment"] == "Lampirkan SK."

    with django_capture_on_commit_callbacks(execute=True):
        response = post(api.reviewer, submitted, "return", {"comment": "Perbaiki indikator 1."})
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["return_comment"]) == (
        "returned",
        "Perbaiki indikator 1.",
    )
    detail = api.csco_a.get(f"/api/v1/assessments/{submitted.pk}/").json()
    assert detail["return_comment"] == "Perbaiki indikator 1."
    rows = api.csco_a.get(f"/api/v1/assessments/{submitted.pk}/answers/").json()["results"]
    assert rows[0]["review"]["comment"] == "Lampirkan SK."
    assert rows[0]["review"]["verified_level"] == 1
    assert [m.to for m in mail.outbox] == [["csco_a@example.go.id"]]
    assert "dikembalikan" in mail.outbox[0].subject
    assert "returned" in mail.outbox[0].subject
    assert "Perbaiki indikator 1." in mail.outbox[0].body


def test_approval_locks_the_assessment_and_tells_the_csco(
    api, submitted, codes, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(api.reviewer, submitted, "approve")
    assert response.status_code == 200
    assert response.json()["status"] == "approved"
    assert response.json()["approved_at"] is not None
    assert response.json()["editable"] is False
    assert [m.to for m in mail.outbox] == [["csco_a@example.go.id"]]
    assert "disetujui" in mail.outbox[0].subject
    put = api.csco_a.put(
        f"/api/v1/assessments/{submitted.pk}/answers/{codes[0]}/",
        {"status": "no_data", "version": 1},
        format="json",
    )
    assert put.status_code == 409
    assert review(api.reviewer, submitted, codes[0], {"verified_level": 3}).status_code == 409
    assert post(api.reviewer, submitted, "approve").status_code == 409


def test_every_scoring_input_change_schedules_scoring(
    api, submitted, codes, django_capture_on_commit_callbacks
):
    calls: list[int] = []

    def listener(sender, *, assessment_id, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(assessment_id)

    scoring_inputs_changed.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            review(api.reviewer, submitted, codes[0], {"verified_level": 2})
            post(api.reviewer, submitted, "return", {"comment": "x"})
            post(api.csco_a, submitted, "submit")
            post(api.reviewer, submitted, "approve")
            post(api.admin, submitted, "reopen", {"reason": "Data salah."})
    finally:
        scoring_inputs_changed.disconnect(listener)
    assert calls == [submitted.pk] * 5


def test_submitting_marks_the_scoring_inputs_changed(api, cast, assessment):
    answer_everything(assessment, cast.contributor_a)
    assert Assessment.objects.get(pk=assessment.pk).inputs_changed_at is None
    post(api.csco_a, assessment, "submit")
    assert Assessment.objects.get(pk=assessment.pk).inputs_changed_at is not None


def test_submitting_tells_the_reviewers_in_scope(
    api, cast, assessment, django_capture_on_commit_callbacks
):
    member("reviewer_sulsel", Role.REVIEWER, provinces=["73"])
    member("reviewer_jatim", Role.REVIEWER, provinces=["35"])
    answer_everything(assessment, cast.contributor_a)
    with django_capture_on_commit_callbacks(execute=True):
        assert post(api.csco_a, assessment, "submit").status_code == 200
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == ["reviewer@example.go.id", "reviewer_sulsel@example.go.id"]
    assert "diajukan" in mail.outbox[0].subject and "submitted" in mail.outbox[0].subject


def test_no_mail_leaves_when_the_transaction_rolls_back(api, cast, assessment):
    answer_everything(assessment, cast.contributor_a)
    # Without the commit-callback capture, the test's transaction never commits: nothing is sent.
    assert post(api.csco_a, assessment, "submit").status_code == 200
    assert mail.outbox == []


def test_an_admin_reopens_an_approved_assessment_with_a_reason(api, cast, assessment, codes):
    answer_everything(assessment, cast.contributor_a)
    submit_and_approve(assessment, cast.csco_a, cast.reviewer)
    assert post(api.reviewer, assessment, "reopen", {"reason": "x"}).status_code == 403
    assert post(api.csco_a, assessment, "reopen", {"reason": "x"}).status_code == 403
    missing = post(api.admin, assessment, "reopen", {})
    assert missing.status_code == 400
    assert list(missing.json()) == ["reason", "code"]
    response = post(api.admin, assessment, "reopen", {"reason": "Data BPS direvisi."})
    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["return_comment"], body["approved_at"]) == (
        "returned",
        "Data BPS direvisi.",
        None,
    )
    assert post(api.admin, assessment, "reopen", {"reason": "lagi"}).status_code == 409
    fixed = api.csco_a.put(
        f"/api/v1/assessments/{assessment.pk}/answers/{codes[0]}/",
        {"status": "no_data", "version": 1},
        format="json",
    )
    assert fixed.status_code == 200
    entry = HistoryEntry.objects.get(assessment=assessment, action="assessment.reopened")
    assert (entry.before, entry.after, entry.comment) == (
        {"status": "approved"},
        {"status": "returned"},
        "Data BPS direvisi.",
    )


# --- Reopening after the deadline -----------------------------------------------------------


@pytest.fixture
def approved_past_deadline(cast, assessment):  # type: ignore[no-untyped-def]
    answer_everything(assessment, cast.contributor_a)
    submit_and_approve(assessment, cast.csco_a, cast.reviewer)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    Assessment.objects.filter(pk=assessment.pk).update(deadline_override=yesterday)
    return assessment


def test_reopening_after_the_deadline_gives_the_region_two_weeks_to_correct(
    api, approved_past_deadline, codes
):
    assessment = approved_past_deadline
    response = post(api.admin, assessment, "reopen", {"reason": "Data BPS direvisi."})
    assert response.status_code == 200, response.content
    in_two_weeks = timezone.localdate() + datetime.timedelta(days=14)
    assert (response.json()["status"], response.json()["deadline"]) == (
        "returned",
        in_two_weeks.isoformat(),
    )
    moved = HistoryEntry.objects.get(assessment=assessment, action="assessment.deadline_extended")
    assert moved.after == {"deadline": in_two_weeks.isoformat()}
    fixed = api.csco_a.put(
        f"/api/v1/assessments/{assessment.pk}/answers/{codes[0]}/",
        {"status": "no_data", "version": 1},
        format="json",
    )
    assert fixed.status_code == 200, fixed.content


def test_reopening_takes_the_deadline_the_admin_gives(api, approved_past_deadline):
    assessment = approved_past_deadline
    chosen = timezone.localdate() + datetime.timedelta(days=30)
    response = post(
        api.admin, assessment, "reopen", {"reason": "Koreksi.", "deadline": chosen.isoformat()}
    )
    assert response.status_code == 200, response.content
    assert response.json()["deadline"] == chosen.isoformat()


def test_reopening_with_a_past_or_malformed_deadline_is_400_and_changes_nothing(
    api, approved_past_deadline
):
    assessment = approved_past_deadline
    last_week = (timezone.localdate() - datetime.timedelta(days=7)).isoformat()
    past = post(api.admin, assessment, "reopen", {"reason": "Koreksi.", "deadline": last_week})
    assert past.status_code == 400
    assert list(past.json()) == ["deadline", "code"]
    both = post(api.admin, assessment, "reopen", {"deadline": last_week})
    assert sorted(both.json()) == ["code", "deadline", "reason"]  # every problem at once
    malformed = post(api.admin, assessment, "reopen", {"reason": "Koreksi.", "deadline": "besok"})
    assert (malformed.status_code, list(malformed.json())) == (400, ["deadline"])
    assessment.refresh_from_db()
    assert assessment.status == "approved"
    assert not HistoryEntry.objects.filter(
        assessment=assessment, action__in=["assessment.reopened", "assessment.deadline_extended"]
    ).exists()


def test_reopening_before_the_deadline_keeps_it(api, cast, assessment):
    answer_everything(assessment, cast.contributor_a)
    submit_and_approve(assessment, cast.csco_a, cast.reviewer)
    before = assessment.deadline
    response = post(api.admin, assessment, "reopen", {"reason": "Koreksi."})
    assert response.json()["deadline"] == before.isoformat()
    assert not HistoryEntry.objects.filter(
        assessment=assessment, action="assessment.deadline_extended"
    ).exists()
