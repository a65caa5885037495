"""A report job's life on a worker: claimed (queued → running, with the worker that runs it),
rendered, stored with its SHA-256, or failed with a reason a person can read; taken back when its
worker is lost or hands it back; old files cleaned up.

Every state change is a conditional UPDATE, so two workers (or a redelivered message) can never
both render one job, and a finished job is never touched again.
"""

from __future__ import annotations

import hashlib
import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models import F, Q, Value
from django.db.models.functions import Greatest
from django.utils import timezone, translation

from operations.jobs import lost_jobs, max_attempts
from reports import rendering
from reports.context.minutes import MinutesReport, minutes_report_context
from reports.context.national import national_report_context
from reports.context.plain import NationalReport, RegionReport
from reports.context.region import region_report_context
from reports.failures import Failure
from reports.labels import labels_for
from reports.models import Report, ReportKind, ReportStatus

logger = logging.getLogger(__name__)


def hard_time_limit() -> int:
    """Seconds after which a worker is killed mid-render (the soft limit plus a margin)."""
    return int(settings.REPORT_SOFT_TIME_LIMIT) + 60


def stale_running(now: datetime) -> Q:
    return Q(status=ReportStatus.RUNNING, started_at__lt=now - timedelta(seconds=hard_time_limit()))


def claim(*, report_pk: int, task_id: str, retry: bool = False, worker: str = "") -> bool:
    """queued → running for this task on ``worker`` (its Celery hostname), if the job is queued,
    or running but abandoned (past the hard time limit), or running under this same task id (a
    retry or a redelivery). A finished job, or one another worker is rendering, is left alone.
    A retry after a transient error does not count as a new attempt; a redelivery (a lost
    worker) does. Started JOB_MAX_ATTEMPTS times already, the job is failed instead."""
    now = timezone.now()
    claimable = (
        Q(status=ReportStatus.QUEUED)
        | stale_running(now)
        | Q(status=ReportStatus.RUNNING, task_id=task_id)
    )
    if retry and Report.objects.filter(
        pk=report_pk, status=ReportStatus.RUNNING, task_id=task_id
    ).update(started_at=now, progress=5, worker=worker):
        return True
    limit = max_attempts()
    claimed = Report.objects.filter(claimable, pk=report_pk, attempts__lt=limit).update(
        status=ReportStatus.RUNNING,
        task_id=task_id,
        worker=worker,
        started_at=now,
        progress=5,
        error="",
        error_code="",
        error_params={},
        attempts=F("attempts") + 1,
    )
    if claimed:
        return True
    # Started too often already (killed by the time limit, or workers lost): give up on it.
    Report.objects.filter(claimable, pk=report_pk, attempts__gte=limit).update(
        status=ReportStatus.FAILED, finished_at=now, **too_many_attempts().fields()
    )
    return False


def too_many_attempts() -> Failure:
    return Failure("too_many_attempts", {"attempts": str(max_attempts())})


def lost_worker(worker: str) -> Failure:
    return Failure("worker_lost", {"attempts": str(max_attempts()), "worker": worker})


# --------------------------------------------------------------------------- healing


def lost(*, now: datetime) -> list[tuple[int, str, str, int]]:
    """(id, task id, worker, attempts) of each running job whose worker is lost: its heartbeat
    stale or missing, or the worker restarted since (:func:`operations.jobs.lost_jobs`)."""
    return lost_jobs(Report.objects.filter(status=ReportStatus.RUNNING), now=now)


def heal(*, now: datetime) -> tuple[int, int]:
    """Take back the jobs of lost workers: queued again (the sweep re-sends them), or failed
    with a reason once started JOB_MAX_ATTEMPTS times. Each change is conditional on the job
    still running under the task and worker seen, so several sweepers (or the worker itself
    finishing meanwhile) never take one job back twice. Returns (requeued, failed)."""
    requeued = failed = 0
    limit = max_attempts()
    for pk, task_id, worker, attempts in lost(now=now):
        rows = Report.objects.filter(
            pk=pk, status=ReportStatus.RUNNING, task_id=task_id, worker=worker
        )
        if attempts >= limit:
            failed += rows.update(
                status=ReportStatus.FAILED, finished_at=now, **lost_worker(worker).fields()
            )
        else:
            moved = rows.update(status=ReportStatus.QUEUED, progress=0, enqueued_at=None)
            requeued += moved
            if moved:
                logger.warning("report %s: worker %s lost; requeued", pk, worker)
    return requeued, failed


def hand_back(*, worker: str) -> list[tuple[int, str]]:
    """A worker shutting down gives its running jobs back: queued again at once, the start not
    counted as an attempt. Returns (id, task id) of each job handed back, for the caller to
    re-send it and to stop the worker's own run of that task."""
    handed = []
    running = Report.objects.filter(status=ReportStatus.RUNNING, worker=worker)
    for pk, task_id in running.values_list("pk", "task_id"):
        if Report.objects.filter(
            pk=pk, status=ReportStatus.RUNNING, task_id=task_id, worker=worker
        ).update(
            status=ReportStatus.QUEUED,
            progress=0,
            enqueued_at=None,
            attempts=Greatest(F("attempts") - 1, Value(0)),
        ):
            handed.append((pk, task_id))
    return handed


class TakenOver(Exception):
    """The job is no longer this task's (taken back from it, or handed back): stop rendering."""


def _progress(report_pk: int, task_id: str, value: int) -> None:
    if not Report.objects.filter(pk=report_pk, status=ReportStatus.RUNNING, task_id=task_id).update(
        progress=value
    ):
        raise TakenOver(report_pk)


def fail(*, report_pk: int, task_id: str | None, reason: Failure) -> bool:
    """running (or queued) → failed with a reason a person can read (in their language)."""
    rows = Report.objects.filter(
        pk=report_pk, status__in=[ReportStatus.RUNNING, ReportStatus.QUEUED]
    )
    if task_id is not None:
        rows = rows.filter(task_id=task_id)
    return bool(
        rows.update(status=ReportStatus.FAILED, finished_at=timezone.now(), **reason.fields())
    )


def failure_reason(exc: BaseException) -> Failure:
    """What went wrong, without a traceback."""
    from celery.exceptions import SoftTimeLimitExceeded
    from django.template import TemplateDoesNotExist, TemplateSyntaxError

    detail = str(exc).strip().splitlines()[0][:300] if str(exc).strip() else type(exc).__name__
    if isinstance(exc, SoftTimeLimitExceeded):
        return Failure("time_limit", {"limit": str(settings.REPORT_SOFT_TIME_LIMIT)})
    if isinstance(exc, (TemplateSyntaxError, TemplateDoesNotExist)):
        return Failure("template_unusable", {"detail": detail})
    return Failure("render_failed", {"error": type(exc).__name__, "detail": detail})


def _pdf(report: Report, task_id: str) -> bytes:
    """The report's PDF: its plain context → HTML → PDF bytes (in the active language)."""
    context: RegionReport | NationalReport | MinutesReport
    if report.kind == ReportKind.REGION:
        context = region_report_context(report)
    elif report.kind == ReportKind.MINUTES:
        context = minutes_report_context(report)
    else:
        context = national_report_context(report)
    _progress(report.pk, task_id, 25)
    html = rendering.render_html(report.kind, context)
    _progress(report.pk, task_id, 40)
    t = labels_for(report.language)
    return rendering.html_to_pdf(
        html,
        attachments=(
            rendering.PdfAttachment(
                name=context.attachment_name,
                content=context.attachment_json,
                description=t["attachment_description"],
            ),
        ),
        identifier=report.report_id,
    )


def render(*, report_pk: int, task_id: str, retry: bool = False, worker: str = "") -> str:
    """Render one report job, if this task may claim it: context → HTML → PDF → storage.

    Returns the job's status afterwards (``"skipped"`` when the job was not ours to render).
    Transient database errors propagate (the task retries them); any other error marks the job
    failed with a readable reason.
    """
    from django.db import InterfaceError, OperationalError

    if not claim(report_pk=report_pk, task_id=task_id, retry=retry, worker=worker):
        return "skipped"
    try:
        report = Report.objects.select_related(
            "assessment__region", "assessment__cycle__framework", "cycle__framework"
        ).get(pk=report_pk)
        # A report's language is its own, not the language of whoever or whatever runs this.
        with translation.override(report.language):
            pdf = _pdf(report, task_id)
        _progress(report_pk, task_id, 90)
        return _store(report, pdf, task_id)
    except (OperationalError, InterfaceError):
        raise
    except TakenOver:
        logger.info("report %s: taken over by another task; stopped", report_pk)
        return "skipped"
    except Exception as exc:
        logger.warning("report %s failed", report_pk, exc_info=True)
        fail(report_pk=report_pk, task_id=task_id, reason=failure_reason(exc))
        return ReportStatus.FAILED


def _store(report: Report, pdf: bytes, task_id: str) -> str:
    """Keep the PDF in private storage and mark the job done (only if it is still ours)."""
    digest = hashlib.sha256(pdf).hexdigest()
    stored = default_storage.save(
        report.file.field.generate_filename(report, report.file_name), ContentFile(pdf)
    )
    done = Report.objects.filter(pk=report.pk, status=ReportStatus.RUNNING, task_id=task_id).update(
        status=ReportStatus.DONE,
        progress=100,
        file=stored,
        size=len(pdf),
        sha256=digest,
        finished_at=timezone.now(),
        error="",
        error_code="",
        error_params={},
    )
    if not done:  # another worker took the job over meanwhile: keep its result, not ours
        default_storage.delete(stored)
        return "skipped"
    return ReportStatus.DONE


def clean_old_files(*, now: datetime | None = None) -> int:
    """Delete report files older than REPORT_FILE_RETENTION_DAYS; the rows stay (their
    verification id still answers), with ``file_removed_at`` set. Asking again renders anew."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.REPORT_FILE_RETENTION_DAYS)
    removed = 0
    old = (
        Report.objects.filter(
            status=ReportStatus.DONE, file_removed_at__isnull=True, finished_at__lt=cutoff
        )
        .exclude(file="")
        .exclude(file__isnull=True)
    )
    for report in old.only("pk", "file"):
        name = report.file.name or ""
        if name and Report.objects.filter(pk=report.pk, file_removed_at__isnull=True).update(
            file_removed_at=now, file=""
        ):
            default_storage.delete(name)
            removed += 1
    return removed
