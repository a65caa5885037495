"""The whole lifecycle through the HTTP API on the default framework: Kota Makassar fills in,
submits, is returned, fixes, resubmits and is approved; afterwards nothing changes, and the
history tells every step. Deadline reminders go out once a day."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from maturity.assessments.models import Assessment
from maturity.assessments.notifications import send_deadline_reminders
from maturity.frameworks.models import Indicator
from tests.factories import (
    REGION_A,
    REGION_B,
    TINY_PDF,
    default_framework,
    make_assessment,
    make_open_cycle,
    value_for_level,
)


def pdf(name: str):  # type: ignore[no-untyped-def]
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, TINY_PDF, "application/pdf")


def test_makassar_fills_in_submits_is_returned_fixes_and_is_approved(
    api, cast, django_capture_on_commit_callbacks
):
    framework = default_framework()
    indicators = list(Indicator.objects.filter(framework=framework).order_by("position"))
    evidence_needed = [i.code for i in indicators if i.evidence_required]
    assert len(indicators) > 20 and evidence_needed

    # The ministry opens the cycle; Makassar's CSCO starts the assessment.
    today = timezone.localdate()
    cycle = api.admin.post(
        "/api/v1/cycles/",
        {
            "name": "2026",
            "year": today.year,
            "framework": framework.pk,
            "opens_on": (today - datetime.timedelta(days=1)).isoformat(),
            "closes_on": (today + datetime.timedelta(days=30)).isoformat(),
        },
        format="json",
    )
    assert cycle.status_code == 201, cycle.json()
    created = api.csco_a.post(
        "/api/v1/assessments/", {"cycle": cycle.json()["id"], "region": REGION_A}, format="json"
    )
    assert created.status_code == 201, created.json()
    base = f"/api/v1/assessments/{created.json()['id']}"

    rows = api.contributor_a.get(f"{base}/answers/?page_size=200").json()
    assert rows["count"] == len(indicators)
    assert all(r["status"] is None and r["version"] == 0 for r in rows["results"])

    # The contributor answers most indicators in bulk; the CSCO answers the rest one by one.
    half = len(indicators) // 2
    bulk = api.contributor_a.post(
        f"{base}/answers/bulk/",
        [{**value_for_level(i, 3), "indicator": i.code} for i in indicators[:half]],
        format="json",
    )
    assert bulk.status_code == 200, bulk.json()
    for indicator in indicators[half:]:
        single = api.csco_a.put(
            f"{base}/answers/{indicator.code}/", value_for_level(indicator, 4), format="json"
        )
        assert single.status_code == 200, (indicator.code, single.json())
    assert api.csco_a.get(f"{base}/").json()["completeness"] == "100.0"

    # Evidence is still missing: submitting names exactly what lacks it.
    early = api.csco_a.post(f"{base}/submit/")
    assert early.status_code == 400
    assert early.json()["missing"] == []
    assert early.json()["evidence_missing"] == evidence_needed
    for code in evidence_needed:
        response = api.contributor_a.post(
            f"{base}/evidence/", {"indicator": code, "file": pdf(f"{code}.pdf")}, format="multipart"
        )
        assert response.status_code == 201, response.json()

    with django_capture_on_commit_callbacks(execute=True):
        submitted = api.csco_a.post(f"{base}/submit/")
    assert submitted.status_code == 200, submitted.json()
    assert submitted.json()["status"] == "submitted"
    assert submitted.json()["submitted_at"] is not None
    assert [m.to for m in mail.outbox] == [["reviewer@example.go.id"]]

    # While submitted the region cannot change anything.
    first = indicators[0]
    locked = api.csco_a.put(
        f"{base}/answers/{first.code}/", {**value_for_level(first, 5), "version": 1}, format="json"
    )
    assert locked.status_code == 409

    # The reviewer comments on one indicator and returns the assessment.
    reviewed = api.reviewer.put(
        f"{base}/reviews/{first.code}/",
        {"verified_level": 2, "comment": "Sumber data tidak jelas."},
        format="json",
    )
    assert reviewed.status_code == 200
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        returned = api.reviewer.post(
            f"{base}/return/", {"comment": "Perjelas sumber data indikator pertama."}, format="json"
        )
    assert returned.status_code == 200
    assert [m.to for m in mail.outbox] == [["csco_a@example.go.id"]]
    detail = api.csco_a.get(f"{base}/").json()
    assert (detail["status"], detail["return_comment"]) == (
        "returned",
        "Perjelas sumber data indikator pertama.",
    )
    row = api.csco_a.get(f"{base}/answers/{first.code}/").json()
    assert row["review"]["comment"] == "Sumber data tidak jelas."

    # The CSCO fixes the answer (with the version last read) and resubmits.
    fixed = api.csco_a.put(
        f"{base}/answers/{first.code}/",
        {
            **value_for_level(first, 3),
            "version": row["version"],
            "source": "BPS Kota Makassar 2025",
        },
        format="json",
    )
    assert fixed.status_code == 200, fixed.json()
    assert fixed.json()["version"] == row["version"] + 1
    assert api.csco_a.post(f"{base}/submit/").status_code == 200

    # The reviewer approves.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        approved = api.reviewer.post(f"{base}/approve/")
    assert approved.status_code == 200
    assert approved.json()["status"] == "approved"
    assert [m.to for m in mail.outbox] == [["csco_a@example.go.id"]]

    # Afterwards no edit succeeds: 409, "not editable in this status".
    evidence_id = api.csco_a.get(f"{base}/evidence/").json()["results"][0]["id"]
    attempts = [
        api.csco_a.put(
            f"{base}/answers/{first.code}/",
            {**value_for_level(first, 5), "version": fixed.json()["version"]},
            format="json",
        ),
        api.contributor_a.post(
            f"{base}/answers/bulk/",
            [
                {
                    **value_for_level(first, 5),
                    "indicator": first.code,
                    "version": fixed.json()["version"],
                }
            ],
            format="json",
        ),
        api.contributor_a.post(
            f"{base}/evidence/",
            {"indicator": first.code, "file": pdf("late.pdf")},
            format="multipart",
        ),
        api.csco_a.delete(f"{base}/evidence/{evidence_id}/"),
        api.csco_a.post(f"{base}/submit/"),
        api.reviewer.put(f"{base}/reviews/{first.code}/", {"verified_level": 5}, format="json"),
        api.reviewer.post(f"{base}/return/", {"comment": "lagi"}, format="json"),
    ]
    assert [a.status_code for a in attempts] == [409] * len(attempts)

    # The history shows every step, in order, with who did it.
    history = api.observer.get(f"{base}/history/?page_size=200").json()
    steps = [(h["action"], h["actor"]) for h in history["results"]]
    transitions = [s for s in steps if s[0].startswith("assessment.")]
    assert transitions == [
        ("assessment.created", "csco_a"),
        ("assessment.submitted", "csco_a"),
        ("assessment.returned", "reviewer"),
        ("assessment.submitted", "csco_a"),
        ("assessment.approved", "reviewer"),
    ]
    created_answers = [h for h in history["results"] if h["action"] == "answer.created"]
    assert len(created_answers) == len(indicators)
    assert {h["actor"] for h in created_answers} == {"contributor_a", "csco_a"}
    assert steps.count(("evidence.added", "contributor_a")) == len(evidence_needed)
    assert ("review.set", "reviewer") in steps
    change = next(h for h in history["results"] if h["action"] == "answer.changed")
    assert change["indicator_code"] == first.code
    assert change["after"]["source"] == "BPS Kota Makassar 2025"
    assert change["before"]["version"] + 1 == change["after"]["version"]
    returned_entry = next(h for h in history["results"] if h["action"] == "assessment.returned")
    assert returned_entry["before"] == {"status": "submitted"}
    assert returned_entry["after"] == {"status": "returned"}
    assert returned_entry["comment"] == "Perjelas sumber data indikator pertama."
    assert Assessment.objects.get(pk=created.json()["id"]).status == "approved"


def test_the_history_is_paginated(api, cast):
    assessment = make_assessment(REGION_A, make_open_cycle())
    indicators = Indicator.objects.filter(framework_id=assessment.cycle.framework_id)
    api.csco_a.post(
        f"/api/v1/assessments/{assessment.pk}/answers/bulk/",
        [{**value_for_level(i, 2), "indicator": i.code} for i in indicators],
        format="json",
    )
    page = api.csco_a.get(f"/api/v1/assessments/{assessment.pk}/history/?page_size=10").json()
    assert page["count"] == indicators.count()
    assert len(page["results"]) == 10
    assert page["next"] is not None


@pytest.fixture
def reminder_cycle(cast):  # type: ignore[no-untyped-def]
    today = datetime.date(2026, 6, 23)
    cycle = make_open_cycle(name="pengingat")
    cycle.closes_on = today + datetime.timedelta(days=7)
    cycle.save()
    makassar = make_assessment(REGION_A, cycle)
    banyuwangi = make_assessment(REGION_B, cycle)
    banyuwangi.deadline_override = today + datetime.timedelta(days=20)
    banyuwangi.save()
    return today, makassar


def test_deadline_reminders_go_out_once_a_day_to_the_regions_people(
    reminder_cycle, django_capture_on_commit_callbacks
):
    today, makassar = reminder_cycle
    with django_capture_on_commit_callbacks(execute=True):
        assert send_deadline_reminders(today=today) == 1
    assert sorted(m.to[0] for m in mail.outbox) == [
        "contributor_a@example.go.id",
        "csco_a@example.go.id",
    ]
    assert "7 hari" in mail.outbox[0].subject and "7 days" in mail.outbox[0].subject
    with django_capture_on_commit_callbacks(execute=True):
        assert send_deadline_reminders(today=today) == 0
    assert len(mail.outbox) == 2

    # One day before the deadline the second reminder goes out, once.
    day_before = today + datetime.timedelta(days=6)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_deadline_reminders(today=day_before) == 1
        assert send_deadline_reminders(today=day_before) == 0
    assert len(mail.outbox) == 4
    assert "1 hari" in mail.outbox[-1].subject
    assert send_deadline_reminders(today=today + datetime.timedelta(days=3)) == 0
    # Banyuwangi's own (extended) deadline counts, not the cycle's.
    with django_capture_on_commit_callbacks(execute=True):
        assert send_deadline_reminders(today=today + datetime.timedelta(days=13)) == 1
    assert mail.outbox[-1].to == ["csco_b@example.go.id"]
    # An assessment no longer editable gets no reminder.
    Assessment.objects.filter(region__code=REGION_B).update(status="submitted")
    assert send_deadline_reminders(today=today + datetime.timedelta(days=19)) == 0
    assert makassar.history.filter(action="assessment.reminder_sent").count() == 2
