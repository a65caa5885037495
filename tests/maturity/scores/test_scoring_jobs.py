"""An assessment's scoring as a job (tasks run eagerly; the heal decided on a fixed clock, no
sleeping): a task records its worker; the heal sweep requeues the scoring of a worker whose
heartbeat is stale or missing, leaves one whose worker beats, fails one started JOB_MAX_ATTEMPTS
times with a reason a person can read, and leaves one without a worker to the stale sweep; a worker
shutting down hands its scorings back; a finished or superseded task does nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from unittest import mock

import pytest
from django.utils import timezone, translation

from maturity.assessments.models import Assessment
from maturity.scores import jobs, tasks
from maturity.scores.failures import failure_text
from maturity.scores.models import ScoreSnapshot, ScoringJob
from operations.models import WorkerHeartbeat
from tests.factories import REGION_A
from tests.maturity.scores.score_helpers import (
    WORKED_ANSWER_BODIES,
    import_worked_example,
    make_assessment,
    make_cycle,
    mark_changed,
    write_answers,
)

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 22, 9, 0, 0, tzinfo=UTC)
WORKER = "w1@host"


@pytest.fixture
def assessment() -> Assessment:
    """A submitted assessment answering the worked example, not yet scored."""
    made = make_assessment(make_cycle(import_worked_example()), REGION_A)
    write_answers(made, WORKED_ANSWER_BODIES)
    return made


@pytest.fixture
def running(assessment: Assessment) -> ScoringJob:
    """Its scoring, running on WORKER since a minute before NOW (first attempt)."""
    return ScoringJob.objects.create(
        assessment=assessment,
        status="running",
        task_id="task-1",
        worker=WORKER,
        attempts=1,
        requested_at=NOW - timedelta(seconds=61),
        started_at=NOW - timedelta(seconds=60),
    )


def beat(seconds_ago: float) -> None:
    WorkerHeartbeat.objects.update_or_create(
        hostname=WORKER,
        defaults={
            "last_seen": NOW - timedelta(seconds=seconds_ago),
            "started_at": NOW - timedelta(hours=1),
        },
    )


@pytest.fixture
def sent() -> Any:
    """The broker, replaced: records each (assessment id, task id) sent."""
    with mock.patch.object(tasks, "_send", return_value=True) as send:
        yield send


def test_a_scoring_sent_after_a_change_runs_as_a_job_and_finishes(assessment: Assessment) -> None:
    assert tasks.enqueue_scoring(assessment.pk)

    job = ScoringJob.objects.get(pk=assessment.pk)
    assert (job.status, job.attempts) == ("done", 1)
    assert job.started_at is not None and job.finished_at is not None
    assert ScoreSnapshot.objects.filter(assessment=assessment).exists()


def test_a_claim_records_the_worker(assessment: Assessment) -> None:
    jobs.queue(assessment.pk, "task-1")
    assert jobs.claim(assessment_id=assessment.pk, task_id="task-1", worker=WORKER)
    job = ScoringJob.objects.get(pk=assessment.pk)
    assert (job.status, job.worker, job.attempts) == ("running", WORKER, 1)


def test_a_stale_heartbeat_requeues_the_scoring_under_a_new_task(
    running: ScoringJob, sent: Any
) -> None:
    beat(46)
    to_send, failed = jobs.heal(now=NOW)

    running.refresh_from_db()
    assert failed == 0
    assert to_send == [(running.pk, running.task_id)]
    assert (running.status, running.attempts) == ("queued", 1)
    assert running.task_id != "task-1"
    # Taken back once, even by a second sweeper.
    assert jobs.heal(now=NOW) == ([], 0)


def test_the_heal_task_sends_what_it_took_back(running: ScoringJob, sent: Any) -> None:
    WorkerHeartbeat.objects.filter(hostname=WORKER).delete()
    with mock.patch.object(tasks.timezone, "now", return_value=NOW):
        result = tasks.heal_scoring.apply().get()
    running.refresh_from_db()
    assert result == {"requeued": 1, "sent": 1, "failed": 0}
    sent.assert_called_once_with(running.pk, running.task_id)


def test_a_fresh_heartbeat_leaves_the_scoring_running(running: ScoringJob) -> None:
    beat(10)
    assert jobs.heal(now=NOW) == ([], 0)
    running.refresh_from_db()
    assert (running.status, running.task_id) == ("running", "task-1")


def test_a_scoring_started_too_often_is_failed_with_a_reason(
    running: ScoringJob, settings: Any
) -> None:
    settings.JOB_MAX_ATTEMPTS = 3
    ScoringJob.objects.filter(pk=running.pk).update(attempts=3)
    beat(300)
    assert jobs.heal(now=NOW) == ([], 1)

    running.refresh_from_db()
    assert (running.status, running.finished_at) == ("failed", NOW)
    assert running.error_code == "worker_lost"
    with translation.override("en"):
        text = failure_text(running.error_code, running.error_params)
    assert text.startswith("Scoring stopped after 3 attempts: worker w1@host")
    with translation.override("id"):
        assert failure_text(running.error_code, running.error_params).startswith(
            "Penghitungan skor dihentikan setelah 3 percobaan"
        )


def test_no_worker_recorded_is_left_to_the_stale_sweep(running: ScoringJob) -> None:
    ScoringJob.objects.filter(pk=running.pk).update(worker="")
    assert jobs.heal(now=NOW) == ([], 0)
    assert ScoringJob.objects.get(pk=running.pk).status == "running"


def test_the_stale_sweep_leaves_a_running_or_failed_scoring_alone(
    running: ScoringJob, assessment: Assessment
) -> None:
    now = timezone.now()
    ScoringJob.objects.filter(pk=running.pk).update(started_at=now - timedelta(seconds=60))
    assert jobs.left_alone([assessment.pk], now=now) == {assessment.pk}
    # Running past the last-resort limit: the stale sweep sends it again.
    assert jobs.left_alone([assessment.pk], now=now + jobs.RUNNING_LIMIT) == set()
    ScoringJob.objects.filter(pk=running.pk).update(status="failed")
    assert jobs.left_alone([assessment.pk], now=now + jobs.RUNNING_LIMIT) == {assessment.pk}


def test_new_inputs_after_a_failure_score_again(
    running: ScoringJob, assessment: Assessment
) -> None:
    ScoringJob.objects.filter(pk=running.pk).update(status="failed", attempts=3)
    mark_changed(assessment)
    assert tasks.enqueue_scoring(assessment.pk)
    job = ScoringJob.objects.get(pk=assessment.pk)
    assert (job.status, job.attempts, job.error_code) == ("done", 1, "")


def test_a_worker_shutting_down_hands_its_scoring_back(running: ScoringJob, sent: Any) -> None:
    beat(1)
    assert tasks.hand_back(sender=WORKER) == ["task-1"]
    running.refresh_from_db()
    assert (running.status, running.attempts) == ("queued", 0)
    sent.assert_called_once_with(running.pk, running.task_id)
    assert tasks.hand_back(sender=WORKER) == []


def test_a_redelivered_finished_task_and_a_superseded_one_do_nothing(
    assessment: Assessment,
) -> None:
    jobs.queue(assessment.pk, "task-1")
    assert jobs.claim(assessment_id=assessment.pk, task_id="task-1", worker=WORKER)
    assert jobs.finish(assessment_id=assessment.pk, task_id="task-1")
    # The same message again (acks_late after a lost acknowledgement): nothing to do.
    assert not jobs.claim(assessment_id=assessment.pk, task_id="task-1", worker=WORKER)

    jobs.queue(assessment.pk, "task-2")
    assert jobs.claim(assessment_id=assessment.pk, task_id="task-2", worker=WORKER)
    jobs.queue(assessment.pk, "task-3")  # new inputs while task-2 runs
    assert not jobs.finish(assessment_id=assessment.pk, task_id="task-2")
    assert ScoringJob.objects.get(pk=assessment.pk).status == "queued"


def test_a_task_for_a_deleted_assessment_does_nothing(assessment: Assessment) -> None:
    missing = assessment.pk
    Assessment.objects.filter(pk=missing).delete()
    assert not jobs.claim(assessment_id=missing, task_id="t", worker=WORKER)
    assert not ScoringJob.objects.filter(pk=missing).exists()


def test_the_score_api_says_why_a_scoring_failed_in_the_readers_language(
    running: ScoringJob, assessment: Assessment, api: Any
) -> None:
    url = f"/api/v1/assessments/{assessment.pk}/score/"
    assert api.csco_a.get(url).json()["scoring_failure"] is None

    ScoringJob.objects.filter(pk=running.pk).update(
        status="failed", **jobs.lost_worker(WORKER).fields()
    )
    body = api.csco_a.get(url + "?lang=en").json()
    assert body["status"] == "pending"
    assert body["scoring_failure"].startswith("Scoring stopped after 3 attempts: worker w1@host")
    assert api.csco_a.get(url).json()["scoring_failure"].startswith("Penghitungan skor dihentikan")
