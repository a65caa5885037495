"""Report jobs on workers: the tasks (thin ways in that take ids and call :mod:`reports.jobs`),
sending a job to the broker, the sweep that resends or takes back lost jobs, and the hand-back
of a worker's jobs when it shuts down."""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from celery import shared_task
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.db.models import Q
from django.dispatch import receiver
from django.utils import timezone

from operations.workers import worker_stopping
from reports import jobs
from reports.models import Report, ReportStatus

logger = logging.getLogger(__name__)

TRANSIENT_DATABASE_ERRORS = (OperationalError, InterfaceError)
MAX_RETRIES = 5


@shared_task(
    bind=True,
    name="reports.tasks.render_report",
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=settings.REPORT_SOFT_TIME_LIMIT,
    time_limit=settings.REPORT_SOFT_TIME_LIMIT + 60,
    max_retries=MAX_RETRIES,
)
def render_report(self, report_id: int) -> str:  # type: ignore[no-untyped-def]
    """Render one report job; a second delivery of a finished job does nothing.

    A lost database connection is retried with backoff (2, 4, 8 … s); after the last retry the
    job is marked failed if the database lets us, else the sweep takes it back later.
    """
    task_id = self.request.id or ""
    try:
        return jobs.render(
            report_pk=report_id,
            task_id=task_id,
            retry=bool(self.request.retries),
            worker=self.request.hostname or "",
        )
    except TRANSIENT_DATABASE_ERRORS as exc:
        if self.request.retries >= MAX_RETRIES:
            try:
                jobs.fail(report_pk=report_id, task_id=task_id, reason=jobs.failure_reason(exc))
            except TRANSIENT_DATABASE_ERRORS:
                logger.warning("report %s: database still unavailable", report_id)
            raise
        raise self.retry(exc=exc, countdown=min(2 ** (self.request.retries + 1), 60))


@shared_task(name="reports.tasks.sweep_reports", acks_late=True)
def sweep_reports() -> dict[str, int]:
    """Take back the jobs of lost workers, re-send queued report jobs that never reached a worker,
    and take back jobs abandoned past the time limit (every JOB_HEAL_SECONDS)."""
    result = sweep()
    return {
        "healed": result.healed,
        "resent": result.resent,
        "requeued": result.requeued,
        "failed": result.failed,
    }


@shared_task(name="reports.tasks.clean_old_report_files", acks_late=True)
def clean_old_report_files() -> int:
    """Delete report files past their retention period (the rows stay)."""
    return jobs.clean_old_files()


#: A queued job whose message could not be published is re-sent after this long.
RESEND_UNPUBLISHED_AFTER = timedelta(minutes=1)


#: A queued job that was published but never started is re-sent after this long (a lost message).
RESEND_PUBLISHED_AFTER = timedelta(minutes=30)


def enqueue(report_pk: int, task_id: str) -> bool:
    """Hand the job to the broker. A broker outage is logged, not raised: the job stays queued
    with ``enqueued_at`` empty and the periodic sweep sends it again."""
    try:
        render_report.apply_async(args=[report_pk], task_id=task_id)
    except Exception:
        logger.warning(
            "report %s not queued (broker unavailable?); the sweep will resend it",
            report_pk,
            exc_info=True,
        )
        return False
    Report.objects.filter(pk=report_pk, status=ReportStatus.QUEUED, task_id=task_id).update(
        enqueued_at=timezone.now()
    )
    return True


def _resend(report_pk: int, task_id: str) -> bool:
    """Send a queued job again under a new task id, if it is still queued under ``task_id`` (so
    that two sweepers never both send it)."""
    new_task_id = str(uuid.uuid4())
    moved = Report.objects.filter(pk=report_pk, status=ReportStatus.QUEUED, task_id=task_id).update(
        task_id=new_task_id, enqueued_at=None
    )
    return bool(moved) and enqueue(report_pk, new_task_id)


@dataclass(frozen=True)
class SweepResult:
    resent: int
    requeued: int
    failed: int
    healed: int = 0


def sweep(*, now: datetime | None = None) -> SweepResult:
    """Take back the running jobs of lost workers (heartbeat stale or missing: requeued, or
    failed after JOB_MAX_ATTEMPTS starts), re-send queued jobs whose publishing failed (or whose
    message was lost), and, as a last resort, take back running jobs abandoned past the hard time
    limit (a job with no worker recorded, or a worker alive but stuck).

    ``healed`` counts the jobs of lost workers taken back (requeued or failed); ``requeued`` and
    ``failed`` those taken back by the time limit."""
    now = now or timezone.now()
    healed_requeued, healed_failed = jobs.heal(now=now)
    limit = jobs.max_attempts()
    failed = Report.objects.filter(jobs.stale_running(now), attempts__gte=limit).update(
        status=ReportStatus.FAILED, finished_at=now, **jobs.too_many_attempts().fields()
    )
    requeued = Report.objects.filter(jobs.stale_running(now)).update(
        status=ReportStatus.QUEUED, progress=0, enqueued_at=None
    )
    due = (
        Report.objects.filter(status=ReportStatus.QUEUED)
        .filter(
            Q(enqueued_at__isnull=True, created_at__lt=now - RESEND_UNPUBLISHED_AFTER)
            | Q(enqueued_at__isnull=True, attempts__gt=0)
            | Q(enqueued_at__lt=now - RESEND_PUBLISHED_AFTER)
        )
        .order_by("created_at", "id")
    )
    resent = sum(1 for pk, task_id in due.values_list("pk", "task_id") if _resend(pk, task_id))
    healed = healed_requeued + healed_failed
    if resent or requeued or failed or healed:
        logger.info(
            "report sweep: %d of lost workers taken back (%d failed), %d re-sent, "
            "%d requeued, %d failed past the time limit",
            healed,
            healed_failed,
            resent,
            requeued,
            failed,
        )
    return SweepResult(resent=resent, requeued=requeued, failed=failed, healed=healed)


@receiver(worker_stopping, dispatch_uid="reports.tasks.hand_back")
def hand_back(sender: str, **_kwargs: object) -> list[str]:
    """A worker shuts down: its report jobs go back to the queue and are sent again at once
    (under new task ids); returns the task ids it was running, for it to stop them."""
    handed = jobs.hand_back(worker=sender)
    for pk, task_id in handed:
        _resend(pk, task_id)
    return [task_id for _, task_id in handed]
