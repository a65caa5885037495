"""The report sweep's heal, decided on a fixed clock (no sleeping, no worker): a running job whose
worker's heartbeat is stale (or missing) is requeued and sent again; a fresh heartbeat leaves it;
a job started JOB_MAX_ATTEMPTS times is failed with a reason a person can read; a job with no
worker recorded is left to the time-limit sweep. Taking back is idempotent, and a worker shutting
down hands its jobs back at once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from unittest import mock

import pytest
from django.utils import translation

from operations.models import WorkerHeartbeat
from reports import jobs, selectors, tasks
from reports.models import Report
from tests.factories import REGION_A, make_assessment, make_open_cycle, make_small_framework

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 11, 22, 9, 0, 0, tzinfo=UTC)
WORKER = "w1@host"


@pytest.fixture
def job(cast: Any) -> Report:
    """A region report running on WORKER, started a minute before NOW (its first attempt)."""
    cycle = make_open_cycle(framework=make_small_framework())
    assessment = make_assessment(REGION_A, cycle)
    return Report.objects.create(
        kind="region",
        assessment=assessment,
        cycle=cycle,
        inputs_key="k",
        status="running",
        task_id="task-1",
        worker=WORKER,
        started_at=NOW - timedelta(seconds=60),
        attempts=1,
        progress=40,
    )


def beat(seconds_ago: float, hostname: str = WORKER) -> None:
    WorkerHeartbeat.objects.update_or_create(
        hostname=hostname,
        defaults={
            "last_seen": NOW - timedelta(seconds=seconds_ago),
            "started_at": NOW - timedelta(hours=1),
        },
    )


@pytest.fixture
def sent() -> Any:
    """The broker, replaced: records each (report id, task id) sent, and marks it published as
    :func:`reports.tasks.enqueue` does."""

    def publish(report_pk: int, task_id: str) -> bool:
        Report.objects.filter(pk=report_pk, task_id=task_id).update(enqueued_at=NOW)
        return True

    with mock.patch.object(tasks, "enqueue", side_effect=publish) as enqueue:
        yield enqueue


def test_a_stale_heartbeat_requeues_the_job_and_sends_it_again(job: Report, sent: Any) -> None:
    beat(46)
    result = tasks.sweep(now=NOW)

    assert (result.healed, result.resent, result.requeued, result.failed) == (1, 1, 0, 0)
    job.refresh_from_db()
    assert (job.status, job.progress, job.attempts) == ("queued", 0, 1)
    assert job.task_id != "task-1"
    sent.assert_called_once_with(job.pk, job.task_id)


def test_a_worker_without_heartbeat_loses_its_job(job: Report, sent: Any) -> None:
    assert tasks.sweep(now=NOW).healed == 1
    assert Report.objects.get(pk=job.pk).status == "queued"


def test_a_fresh_heartbeat_leaves_the_job_running(job: Report, sent: Any) -> None:
    beat(5)
    result = tasks.sweep(now=NOW)

    assert (result.healed, result.resent, result.requeued, result.failed) == (0, 0, 0, 0)
    job.refresh_from_db()
    assert (job.status, job.task_id, job.progress) == ("running", "task-1", 40)
    sent.assert_not_called()


def test_a_job_started_too_often_is_failed_with_a_reason_naming_the_worker(
    job: Report, sent: Any, settings: Any
) -> None:
    settings.JOB_MAX_ATTEMPTS = 3
    Report.objects.filter(pk=job.pk).update(attempts=3)
    beat(120)
    result = tasks.sweep(now=NOW)

    assert (result.healed, result.resent) == (1, 0)
    job.refresh_from_db()
    assert (job.status, job.finished_at, job.error_code) == ("failed", NOW, "worker_lost")
    assert job.error_params == {"attempts": "3", "worker": WORKER}
    assert WORKER in job.error
    with translation.override("en"):
        text = selectors.failure_text(job)
    assert text.startswith("Report generation stopped after 3 attempts")
    assert WORKER in text
    sent.assert_not_called()


def test_no_worker_recorded_takes_the_time_limit_path_only(job: Report, sent: Any) -> None:
    Report.objects.filter(pk=job.pk).update(worker="")
    assert tasks.sweep(now=NOW).healed == 0
    assert Report.objects.get(pk=job.pk).status == "running"

    later = NOW + timedelta(seconds=jobs.hard_time_limit())
    result = tasks.sweep(now=later)
    assert (result.healed, result.requeued, result.resent) == (0, 1, 1)
    assert Report.objects.get(pk=job.pk).status == "queued"


def test_taking_back_twice_takes_back_once(job: Report, sent: Any) -> None:
    beat(46)
    assert jobs.heal(now=NOW) == (1, 0)
    assert jobs.heal(now=NOW) == (0, 0)
    assert tasks.sweep(now=NOW).resent == 1
    assert tasks.sweep(now=NOW).resent == 0
    assert sent.call_count == 1


def test_a_job_its_worker_finished_meanwhile_is_not_taken_back(job: Report, sent: Any) -> None:
    beat(46)
    found = jobs.lost(now=NOW)
    assert [pk for pk, *_ in found] == [job.pk]
    # The worker finishes between the sweep's read and its update: the update finds nothing.
    Report.objects.filter(pk=job.pk).update(status="done", progress=100)
    with mock.patch.object(jobs, "lost", return_value=found):
        assert jobs.heal(now=NOW) == (0, 0)
    assert Report.objects.get(pk=job.pk).status == "done"


def test_a_claim_records_the_worker(job: Report) -> None:
    Report.objects.filter(pk=job.pk).update(status="queued", worker="", attempts=0)
    assert jobs.claim(report_pk=job.pk, task_id="task-2", worker="w2@host")
    job.refresh_from_db()
    assert (job.status, job.worker, job.task_id) == ("running", "w2@host", "task-2")
    assert job.attempts == 1


def test_a_worker_shutting_down_hands_its_job_back_at_once(job: Report, sent: Any) -> None:
    beat(1)
    other = Report.objects.create(
        kind="region",
        assessment=job.assessment,
        cycle=job.cycle,
        inputs_key="k2",
        status="running",
        task_id="task-9",
        worker="w2@host",
        started_at=NOW,
        attempts=1,
    )
    handed = tasks.hand_back(sender=WORKER)

    assert handed == ["task-1"]
    job.refresh_from_db()
    # Queued again, sent under a new task id; the interrupted start is not counted.
    assert (job.status, job.attempts, job.progress) == ("queued", 0, 0)
    sent.assert_called_once_with(job.pk, job.task_id)
    assert Report.objects.get(pk=other.pk).status == "running"


def test_a_render_taken_over_meanwhile_stops_without_storing(job: Report) -> None:
    Report.objects.filter(pk=job.pk).update(task_id="someone-else")
    with pytest.raises(jobs.TakenOver):
        jobs._progress(job.pk, "task-1", 90)
