"""An assessment's scoring as a job: queued when asked for, claimed by a worker (which it then
names), done or failed; taken back when that worker is lost or hands it back.

One row per assessment (:class:`~maturity.scores.models.ScoringJob`) follows its latest scoring:
asking again gives it a new task id, and every change is a conditional UPDATE on the task id it
expects, so a superseded, redelivered or re-sent task never undoes a newer state. Scoring itself
is idempotent (snapshots are upserts), so at worst a duplicate run repeats the same work.
"""

from __future__ import annotations

import logging
import uuid
from datetime import datetime, timedelta

from django.db.models import F, Q, Value
from django.db.models.functions import Greatest
from django.utils import timezone

from maturity.assessments.models import Assessment
from maturity.scores.failures import Failure
from maturity.scores.models import ScoringJob, ScoringStatus
from operations.jobs import lost_jobs, max_attempts

logger = logging.getLogger(__name__)

_CLEARED: dict[str, object] = {"error_code": "", "error_params": {}}


def new_task_id() -> str:
    return str(uuid.uuid4())


def queue(assessment_id: int, task_id: str) -> None:
    """Mark the assessment's scoring queued under ``task_id``, a new scoring with its attempts
    counted from zero (one upsert). A task still running an earlier scoring can then no longer
    finish the row: its run is superseded."""
    fields = ["status", "task_id", "attempts", "requested_at", "started_at", "finished_at"]
    ScoringJob.objects.bulk_create(
        [
            ScoringJob(
                assessment_id=assessment_id,
                status=ScoringStatus.QUEUED,
                task_id=task_id,
                attempts=0,
                requested_at=timezone.now(),
                started_at=None,
                finished_at=None,
                **_CLEARED,  # type: ignore[arg-type]
            )
        ],
        update_conflicts=True,
        unique_fields=["assessment"],
        update_fields=[*fields, *_CLEARED],
    )


def claim(*, assessment_id: int, task_id: str, worker: str, retry: bool = False) -> bool:
    """queued (or running under this same task: a redelivery) → running on ``worker``. A new
    task after a finished scoring starts a new count. A retry after a transient error does not
    count as an attempt; a redelivery (a lost worker) does, and past JOB_MAX_ATTEMPTS the
    scoring is failed instead. False when the scoring is not this task's to run: another task
    runs it, or this task already finished it."""
    now = timezone.now()
    mine = Q(status=ScoringStatus.RUNNING, task_id=task_id)
    rows = ScoringJob.objects.filter(assessment_id=assessment_id)
    running = {"status": ScoringStatus.RUNNING, "worker": worker, "started_at": now}
    if retry and rows.filter(mine).update(started_at=now, worker=worker):
        return True
    limit = max_attempts()
    claimable = Q(status=ScoringStatus.QUEUED) | mine
    if rows.filter(claimable, attempts__lt=limit).update(
        **running, task_id=task_id, finished_at=None, attempts=F("attempts") + 1, **_CLEARED
    ):
        return True
    # A task of its own after a finished scoring (sent directly, or a late duplicate): run it.
    if (
        rows.filter(status__in=[ScoringStatus.DONE, ScoringStatus.FAILED])
        .exclude(task_id=task_id)
        .update(**running, task_id=task_id, finished_at=None, attempts=1, **_CLEARED)
    ):
        return True
    if rows.filter(claimable, attempts__gte=limit).update(
        status=ScoringStatus.FAILED, finished_at=now, **too_many_attempts().fields()
    ):
        return False
    if rows.exists() or not Assessment.objects.filter(pk=assessment_id).exists():
        return False
    # No row yet (a task sent without queue()): this task starts one.
    _, created = ScoringJob.objects.get_or_create(
        assessment_id=assessment_id,
        defaults={**running, "task_id": task_id, "attempts": 1, "requested_at": now},
    )
    return created


def finish(*, assessment_id: int, task_id: str) -> bool:
    """running → done, if the scoring is still this task's."""
    return bool(
        ScoringJob.objects.filter(
            assessment_id=assessment_id, status=ScoringStatus.RUNNING, task_id=task_id
        ).update(status=ScoringStatus.DONE, finished_at=timezone.now())
    )


def fail(*, assessment_id: int, task_id: str, reason: Failure) -> bool:
    """running → failed with a reason a person can read, if the scoring is still this task's."""
    return bool(
        ScoringJob.objects.filter(
            assessment_id=assessment_id, status=ScoringStatus.RUNNING, task_id=task_id
        ).update(status=ScoringStatus.FAILED, finished_at=timezone.now(), **reason.fields())
    )


def too_many_attempts() -> Failure:
    return Failure("too_many_attempts", {"attempts": str(max_attempts())})


def lost_worker(worker: str) -> Failure:
    return Failure("worker_lost", {"attempts": str(max_attempts()), "worker": worker})


def lost(*, now: datetime) -> list[tuple[int, str, str, int]]:
    """(assessment id, task id, worker, attempts) of each running scoring whose worker is lost
    (:func:`operations.jobs.lost_jobs`). Two queries."""
    return lost_jobs(ScoringJob.objects.filter(status=ScoringStatus.RUNNING), now=now)


def heal(*, now: datetime) -> tuple[list[tuple[int, str]], int]:
    """Take back the scorings of lost workers: queued again under a new task id (returned, for
    the caller to send), or failed with a reason once started JOB_MAX_ATTEMPTS times. Each
    change is conditional on the scoring still running under the task and worker seen, so
    several sweepers never take one back twice. Returns ((assessment id, new task id) to send,
    how many failed)."""
    to_send: list[tuple[int, str]] = []
    failed = 0
    limit = max_attempts()
    for pk, task_id, worker, attempts in lost(now=now):
        rows = ScoringJob.objects.filter(
            pk=pk, status=ScoringStatus.RUNNING, task_id=task_id, worker=worker
        )
        if attempts >= limit:
            failed += rows.update(
                status=ScoringStatus.FAILED, finished_at=now, **lost_worker(worker).fields()
            )
            continue
        new = new_task_id()
        if rows.update(status=ScoringStatus.QUEUED, task_id=new, requested_at=now):
            logger.warning("scoring of assessment %s: worker %s lost; requeued", pk, worker)
            to_send.append((pk, new))
    return to_send, failed


def hand_back(*, worker: str) -> list[tuple[int, str, str]]:
    """A worker shutting down gives its running scorings back: queued again under a new task id
    at once, the start not counted as an attempt. Returns (assessment id, old task id, new task
    id) of each, for the caller to send the new and stop the old."""
    handed = []
    running = ScoringJob.objects.filter(status=ScoringStatus.RUNNING, worker=worker)
    for pk, task_id in running.values_list("pk", "task_id"):
        new = new_task_id()
        if ScoringJob.objects.filter(
            pk=pk, status=ScoringStatus.RUNNING, task_id=task_id, worker=worker
        ).update(
            status=ScoringStatus.QUEUED,
            task_id=new,
            requested_at=timezone.now(),
            attempts=Greatest(F("attempts") - 1, Value(0)),
        ):
            handed.append((pk, task_id, new))
    return handed


#: A scoring running longer than this is re-sent by the stale sweep even if its worker still
#: beats (the last resort; a scoring takes milliseconds).
RUNNING_LIMIT = timedelta(minutes=10)


def left_alone(assessment_ids: list[int], *, now: datetime) -> set[int]:
    """Those of ``assessment_ids`` the stale sweep must not re-send: their latest scoring failed
    (until their inputs change or a rescoring is forced), or it is running, not for long (the
    heal sweep watches its worker)."""
    if not assessment_ids:
        return set()
    return set(
        ScoringJob.objects.filter(pk__in=assessment_ids)
        .filter(
            Q(status=ScoringStatus.FAILED)
            | Q(status=ScoringStatus.RUNNING, started_at__gte=now - RUNNING_LIMIT)
        )
        .values_list("pk", flat=True)
    )
