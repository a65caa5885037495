"""Celery tasks of the reports app: thin ways in that take ids and call a service."""

from __future__ import annotations

import logging

from celery import shared_task
from django.conf import settings
from django.db import InterfaceError, OperationalError

from reports import services

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
        return services.render(
            report_pk=report_id, task_id=task_id, retry=bool(self.request.retries)
        )
    except TRANSIENT_DATABASE_ERRORS as exc:
        if self.request.retries >= MAX_RETRIES:
            try:
                services.fail(
                    report_pk=report_id, task_id=task_id, reason=services.failure_reason(exc)
                )
            except TRANSIENT_DATABASE_ERRORS:
                logger.warning("report %s: database still unavailable", report_id)
            raise
        raise self.retry(exc=exc, countdown=min(2 ** (self.request.retries + 1), 60))


@shared_task(name="reports.tasks.sweep_reports", acks_late=True)
def sweep_reports() -> dict[str, int]:
    """Re-send queued report jobs that never reached a worker, and take back abandoned ones."""
    result = services.sweep()
    return {"resent": result.resent, "requeued": result.requeued, "failed": result.failed}


@shared_task(name="reports.tasks.clean_old_report_files", acks_late=True)
def clean_old_report_files() -> int:
    """Delete report files past their retention period (the rows stay)."""
    return services.clean_old_files()
