"""Worker faults: a worker process killed (SIGKILL) in the middle of a report's rendering or of a
scoring; the job goes to another process and completes. A whole worker lost with its jobs: the
reaper (the report sweep) takes back the job left ``running`` and the scoring sweep re-sends the
lost scoring, on the worker that remains; no job stays ``running`` for ever.

The workers pause inside the rendering (after the HTML, before the PDF) and inside the scoring
(inputs read, nothing written) through a test-only hook (tests/proof/fault_settings.py), so the
kill lands there every time."""

from __future__ import annotations

import hashlib
import os
import signal
from datetime import timedelta
from typing import Any

import pytest
from django.core.files.storage import default_storage
from django.db.models import F
from rest_framework.test import APIClient

from maturity.assessments.models import Assessment
from maturity.assessments.services import answers
from maturity.scores.models import ScoreSnapshot
from reports.jobs import hard_time_limit
from reports.models import Report
from tests.proof.conftest import SLOW_CALLS
from tests.proof.processes import wait_for
from tests.proof.world import World, build_world

pytestmark = pytest.mark.integration

RENDERING = "reports.rendering.html_to_pdf"
SCORING = "maturity.scores.services.compute_score"


def complete(world: World, user: Any) -> None:
    """Answer the small framework's other two indicators, so region A's assessment can go in."""
    answers.save_answers_bulk(
        user=user,
        assessment=world.a.assessment,
        items=[
            {"indicator": "I-2", "status": "answered", "value": "55", "version": 0},
            {"indicator": "I-3", "status": "answered", "value": True, "version": 0},
        ],
    )


def finished(report_pk: int) -> Report | None:
    report = Report.objects.get(pk=report_pk)
    return report if report.status in ("done", "failed") else None


def assert_rendered(report: Report) -> None:
    assert report.status == "done", report.error
    with default_storage.open(report.file.name, "rb") as stored:
        content = stored.read()
    assert content.startswith(b"%PDF")
    assert hashlib.sha256(content).hexdigest() == report.sha256


def scored(assessment_id: int) -> bool:
    return ScoreSnapshot.objects.filter(assessment_id=assessment_id, track="self").exists()


def test_a_report_whose_process_is_killed_mid_render_is_redelivered_and_completes(
    start_worker, through_the_broker, markers, cast
):
    worker = start_worker(
        name="render-kill",
        MATURASI_TEST_SLOW_CALLS=SLOW_CALLS,
        MATURASI_TEST_MARKERS=str(markers.folder),
    )
    world = build_world(cast)
    client = APIClient()
    client.force_authenticate(cast.csco_a)
    asked = client.post(
        f"/api/v1/assessments/{world.a.assessment.pk}/reports/", {"language": "en"}, format="json"
    )
    assert asked.status_code == 202, asked.content
    report_pk = asked.json()["id"]

    task_id, pid = markers.wait(RENDERING)
    held = Report.objects.get(pk=report_pk)
    assert (held.status, held.attempts, held.task_id) == ("running", 1, task_id)
    assert pid in worker.children()
    os.kill(pid, signal.SIGKILL)

    report = wait_for(lambda: finished(report_pk), 90, "the report finished")
    assert_rendered(report)
    assert (report.attempts, report.task_id) == (2, task_id)
    (first, first_pid), (again, again_pid) = markers.started(RENDERING)
    assert first == again == task_id and again_pid != first_pid
    assert "WorkerLostError" in worker.output()


def test_a_scoring_whose_process_is_killed_midway_is_redelivered_and_completes(
    start_worker, through_the_broker, markers, cast
):
    worker = start_worker(
        name="score-kill",
        MATURASI_TEST_SLOW_CALLS=SLOW_CALLS,
        MATURASI_TEST_MARKERS=str(markers.folder),
    )
    world = build_world(cast)
    complete(world, cast.csco_a)
    client = APIClient()
    client.force_authenticate(cast.csco_a)
    assessment = world.a.assessment
    assert client.post(f"/api/v1/assessments/{assessment.pk}/submit/").status_code == 200

    task_id, pid = markers.wait(SCORING)
    assert not scored(assessment.pk)
    assert pid in worker.children()
    os.kill(pid, signal.SIGKILL)

    wait_for(lambda: scored(assessment.pk), 90, "the assessment scored")
    score = client.get(f"/api/v1/assessments/{assessment.pk}/score/").json()
    assert score["status"] == "ready"
    (first, first_pid), (again, again_pid) = markers.started(SCORING)
    assert first == again == task_id and again_pid != first_pid
    assert "WorkerLostError" in worker.output()


def test_jobs_of_a_lost_worker_are_reaped_and_completed_by_the_remaining_one(
    private_redis, web, start_worker, markers, cast
):
    """The whole worker is killed while it renders a report and scores an assessment: its
    messages are neither acknowledged nor returned (the broker would give them back only after
    its visibility timeout). The report job is left ``running``; once it is older than the hard
    time limit (moved back here instead of waiting), the reaper requeues it, and the scoring
    sweep re-sends the scoring; the other worker does both."""
    lost = start_worker(
        name="lost",
        broker_url=private_redis.url,
        MATURASI_TEST_SLOW_CALLS=SLOW_CALLS,
        MATURASI_TEST_MARKERS=str(markers.folder),
    )
    world = build_world(cast)
    complete(world, cast.csco_a)
    status, body = web.request(
        "POST",
        f"/api/v1/assessments/{world.b.assessment.pk}/reports/",
        {"language": "id"},
        token=world.tokens["csco_b"],
    )
    assert status == 202, body
    report_pk = body["id"]
    status, body = web.request(
        "POST",
        f"/api/v1/assessments/{world.a.assessment.pk}/submit/",
        token=world.tokens["csco_a"],
    )
    assert status == 200, body
    markers.wait(RENDERING)
    markers.wait(SCORING)
    lost.kill()

    assert Report.objects.get(pk=report_pk).status == "running"
    assert not scored(world.a.assessment.pk)
    Report.objects.filter(pk=report_pk).update(
        started_at=F("started_at") - timedelta(seconds=hard_time_limit() + 1)
    )
    start_worker(
        name="remaining",
        broker_url=private_redis.url,
        beat=True,
        MATURASI_TEST_SWEEP_SECONDS="1",
        MATURASI_TEST_SWEEP_GRACE_SECONDS="1",
    )

    report = wait_for(lambda: finished(report_pk), 90, "the reaped report finished")
    assert_rendered(report)
    assert report.attempts == 2
    wait_for(lambda: scored(world.a.assessment.pk), 90, "the lost scoring redone")
    assert not Report.objects.filter(status="running").exists()
    assert Assessment.objects.get(pk=world.a.assessment.pk).status == "submitted"
