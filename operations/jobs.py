"""Jobs that heal from their worker's heartbeat: which worker runs a job, and whether that worker
is lost.

Every job row (a report, an assessment's scoring) records the Celery hostname of the worker that
started it. A worker writes a heartbeat every WORKER_HEARTBEAT_SECONDS (:mod:`operations.workers`);
a job whose worker has not beaten for JOB_WORKER_STALE_SECONDS, or has no heartbeat at all, or
was restarted under the same name since the job started, was lost with its worker: the apps'
sweeps requeue it (up to JOB_MAX_ATTEMPTS starts) or fail it with a reason.

The decision (:func:`worker_lost`) is a pure function of the job, the heartbeat and the clock.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db.models import QuerySet

from operations.models import WorkerHeartbeat


def stale_after() -> timedelta:
    """How long a worker may stay silent before its jobs are taken back."""
    return timedelta(seconds=int(settings.JOB_WORKER_STALE_SECONDS))


def max_attempts() -> int:
    """How many times a job may be started before it is failed."""
    return int(settings.JOB_MAX_ATTEMPTS)


@dataclass(frozen=True)
class Beat:
    """A worker's heartbeat as the sweep reads it."""

    last_seen: datetime
    started_at: datetime


def beats(hostnames: Iterable[str]) -> dict[str, Beat]:
    """The heartbeats of these workers (one query); a worker without a row is absent."""
    names = {name for name in hostnames if name}
    if not names:
        return {}
    rows = WorkerHeartbeat.objects.filter(hostname__in=names).values_list(
        "hostname", "last_seen", "started_at"
    )
    return {name: Beat(last_seen=seen, started_at=started) for name, seen, started in rows}


def worker_lost(
    *,
    worker: str,
    started_at: datetime | None,
    beat: Beat | None,
    now: datetime,
    stale: timedelta,
) -> bool:
    """Whether a running job's worker is gone, so that the job must be taken back.

    - no worker recorded (a row from before workers were recorded): not decided here; only the
      time-limit sweep may take it back;
    - no heartbeat row: lost once the job is older than ``stale`` (a worker writes its first beat
      as it starts, and removes its row when it stops);
    - a heartbeat older than ``stale``: lost;
    - a heartbeat of a worker started after the job: the worker was restarted under the same
      name, and the job died with the old one;
    - otherwise the worker is alive and still has the job.
    """
    if not worker or started_at is None:
        return False
    if beat is None:
        return started_at < now - stale
    if beat.last_seen < now - stale:
        return True
    return beat.started_at > started_at


def lost_jobs(running: QuerySet[Any], *, now: datetime) -> list[tuple[int, str, str, int]]:
    """(id, task id, worker, attempts) of each of the ``running`` job rows (a queryset of a
    model with ``task_id``, ``worker``, ``started_at`` and ``attempts``) whose worker is lost
    (:func:`worker_lost`). Two queries: the rows with a worker recorded, and their heartbeats."""
    rows = list(
        running.exclude(worker="")
        .order_by("pk")
        .values_list("pk", "task_id", "worker", "started_at", "attempts")
    )
    found = beats(worker for _, _, worker, _, _ in rows)
    stale = stale_after()
    return [
        (pk, task_id, worker, attempts)
        for pk, task_id, worker, started_at, attempts in rows
        if worker_lost(
            worker=worker, started_at=started_at, beat=found.get(worker), now=now, stale=stale
        )
    ]
