"""Writes for reports: asking for a report, the job's life (queued → running → done | failed),
rendering it, and the periodic sweep and clean-up.

Every state change is a conditional UPDATE, so two workers (or a redelivered message) can never
both render one job, and a finished job is never touched again.
"""

from __future__ import annotations

import hashlib
import logging
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from cities import errors
from maturity.assessments.models import Assessment, AssessmentStatus
from maturity.cycles.models import AssessmentCycle
from maturity.scores.inputs import SCORED_STATUSES
from maturity.scores.selectors import latest_snapshots_for, snapshot_is_current
from maturity.scores.services import refresh_snapshots
from reports import rendering, selectors
from reports.context.national import national_report_context
from reports.context.plain import NationalReport, RegionReport
from reports.context.region import region_report_context
from reports.failures import Failure
from reports.labels import labels_for
from reports.models import Report, ReportKind, ReportLanguage, ReportStatus

logger = logging.getLogger(__name__)

AnyUser = User | AnonymousUser

#: How many times a job may be started (a worker lost, a hard time limit) before it is failed.
MAX_ATTEMPTS = 3
#: A queued job whose message could not be published is re-sent after this long.
RESEND_UNPUBLISHED_AFTER = timedelta(minutes=1)
#: A queued job that was published but never started is re-sent after this long (a lost message).
RESEND_PUBLISHED_AFTER = timedelta(minutes=30)


def hard_time_limit() -> int:
    """Seconds after which a worker is killed mid-render (the soft limit plus a margin)."""
    return int(settings.REPORT_SOFT_TIME_LIMIT) + 60


# --- Asking for a report ---------------------------------------------------------------------


def _language(language: str) -> str:
    if language not in ReportLanguage.values:
        raise errors.Invalid({"language": [_('Bahasa harus "id" atau "en".')]})
    return language


def _reusable(**lookup: object) -> Report | None:
    """A job with the same inputs that is done (file still kept), or still on its way."""
    return (
        Report.objects.filter(**lookup)
        .filter(
            Q(status=ReportStatus.DONE, file_removed_at__isnull=True)
            | Q(status__in=[ReportStatus.QUEUED, ReportStatus.RUNNING])
        )
        .order_by("-created_at", "-id")
        .first()
    )


def _create(
    *,
    kind: str,
    assessment: Assessment | None,
    cycle: AssessmentCycle,
    language: str,
    inputs_key: str,
    user: AnyUser,
    file_name: str,
) -> Report:
    report = Report.objects.create(
        kind=kind,
        assessment=assessment,
        cycle=cycle,
        language=language,
        inputs_key=inputs_key,
        file_name=file_name,
        requested_by=user if user.is_authenticated else None,
        task_id=str(uuid.uuid4()),
    )
    report.report_id = selectors.verification_id(inputs_key=inputs_key, report_pk=report.pk)
    Report.objects.filter(pk=report.pk).update(report_id=report.report_id)
    report_pk, task_id = report.pk, report.task_id
    transaction.on_commit(lambda: enqueue(report_pk, task_id))
    return report


@dataclass(frozen=True)
class Requested:
    """A report job and whether this request created it (False: an existing one is reused)."""

    report: Report
    created: bool


def _refresh_scores_if_stale(assessment: Assessment) -> None:
    """Bring the assessment's snapshots up to date before its report is keyed and rendered, so
    a report never shows scores older than its answers (scoring is cheap and idempotent)."""
    if assessment.status not in SCORED_STATUSES:
        return
    latest = latest_snapshots_for(assessment)
    stale = not snapshot_is_current(latest.self, assessment)
    if assessment.status == AssessmentStatus.APPROVED:
        stale = stale or not snapshot_is_current(latest.verified, assessment)
    if stale:
        refresh_snapshots(assessment_id=assessment.pk)


def request_region_report(*, user: AnyUser, assessment: Assessment, language: str) -> Requested:
    """Ask for a region's report in ``language``; the caller has checked that ``user`` may read
    the assessment. The same inputs reuse the existing job (done, or on its way) instead of
    rendering again; otherwise a new job is queued once the transaction commits."""
    language = _language(language)
    with transaction.atomic():
        # One request at a time per assessment, so that equal requests share one job.
        Assessment.objects.select_for_update().filter(pk=assessment.pk).exists()
        _refresh_scores_if_stale(assessment)
        key = selectors.region_inputs_key(assessment_id=assessment.pk, language=language)
        existing = _reusable(kind=ReportKind.REGION, assessment=assessment, inputs_key=key)
        if existing is not None:
            return Requested(existing, created=False)
        name = selectors.report_file_name(
            year=assessment.cycle.year, subject=assessment.region.name, language=language
        )
        report = _create(
            kind=ReportKind.REGION,
            assessment=assessment,
            cycle=assessment.cycle,
            language=language,
            inputs_key=key,
            user=user,
            file_name=name,
        )
    return Requested(report, created=True)


def request_national_report(*, user: AnyUser, cycle: AssessmentCycle, language: str) -> Requested:
    """Ask for a cycle's national summary in ``language``; the caller has checked that ``user``
    may read national figures. Reuses a job with the same inputs, like region reports."""
    language = _language(language)
    with transaction.atomic():
        AssessmentCycle.objects.select_for_update().filter(pk=cycle.pk).exists()
        key = selectors.national_inputs_key(cycle_id=cycle.pk, language=language)
        existing = _reusable(kind=ReportKind.NATIONAL, cycle=cycle, inputs_key=key)
        if existing is not None:
            return Requested(existing, created=False)
        subject = "nasional" if language == "id" else "national"
        name = selectors.report_file_name(year=cycle.year, subject=subject, language=language)
        report = _create(
            kind=ReportKind.NATIONAL,
            assessment=None,
            cycle=cycle,
            language=language,
            inputs_key=key,
            user=user,
            file_name=name,
        )
    return Requested(report, created=True)


def request_cycle_region_reports(
    *, user: AnyUser, cycle: AssessmentCycle, language: str
) -> list[Requested]:
    """Ask for the report of every assessment in a cycle (batch rendering: one job each)."""
    assessments = (
        Assessment.objects.filter(cycle=cycle)
        .select_related("region", "cycle__framework")
        .order_by("region__code")
    )
    return [
        request_region_report(user=user, assessment=assessment, language=language)
        for assessment in assessments
    ]


# --- Publishing ------------------------------------------------------------------------------


def enqueue(report_pk: int, task_id: str) -> bool:
    """Hand the job to the broker. A broker outage is logged, not raised: the job stays queued
    with ``enqueued_at`` empty and the periodic sweep sends it again."""
    from reports.tasks import render_report  # here, not at the top: reports.tasks imports this

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


def _resend(report: Report) -> bool:
    task_id = str(uuid.uuid4())
    moved = Report.objects.filter(pk=report.pk, status=ReportStatus.QUEUED).update(
        task_id=task_id, enqueued_at=None
    )
    return bool(moved) and enqueue(report.pk, task_id)


# --- The job's life --------------------------------------------------------------------------


def _stale_running(now: datetime) -> Q:
    return Q(status=ReportStatus.RUNNING, started_at__lt=now - timedelta(seconds=hard_time_limit()))


def claim(*, report_pk: int, task_id: str, retry: bool = False) -> bool:
    """queued → running for this task, if the job is queued, or running but abandoned (past the
    hard time limit), or running under this same task id (a retry or a redelivery). A finished
    job, or one another worker is rendering, is left alone. A retry after a transient error
    does not count as a new attempt; a redelivery (a lost worker) does."""
    now = timezone.now()
    claimable = (
        Q(status=ReportStatus.QUEUED)
        | _stale_running(now)
        | Q(status=ReportStatus.RUNNING, task_id=task_id)
    )
    if retry and Report.objects.filter(
        pk=report_pk, status=ReportStatus.RUNNING, task_id=task_id
    ).update(started_at=now, progress=5):
        return True
    claimed = Report.objects.filter(claimable, pk=report_pk, attempts__lt=MAX_ATTEMPTS).update(
        status=ReportStatus.RUNNING,
        task_id=task_id,
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
    Report.objects.filter(claimable, pk=report_pk, attempts__gte=MAX_ATTEMPTS).update(
        status=ReportStatus.FAILED, finished_at=now, **_too_many_attempts().fields()
    )
    return False


def _too_many_attempts() -> Failure:
    return Failure("too_many_attempts", {"attempts": str(MAX_ATTEMPTS)})


def _progress(report_pk: int, task_id: str, value: int) -> None:
    Report.objects.filter(pk=report_pk, status=ReportStatus.RUNNING, task_id=task_id).update(
        progress=value
    )


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
    context: RegionReport | NationalReport
    if report.kind == ReportKind.REGION:
        context = region_report_context(report)
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


def render(*, report_pk: int, task_id: str, retry: bool = False) -> str:
    """Render one report job, if this task may claim it: context → HTML → PDF → storage.

    Returns the job's status afterwards (``"skipped"`` when the job was not ours to render).
    Transient database errors propagate (the task retries them); any other error marks the job
    failed with a readable reason.
    """
    from django.db import InterfaceError, OperationalError

    if not claim(report_pk=report_pk, task_id=task_id, retry=retry):
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


# --- Periodic work ---------------------------------------------------------------------------


@dataclass(frozen=True)
class SweepResult:
    resent: int
    requeued: int
    failed: int


def sweep(*, now: datetime | None = None) -> SweepResult:
    """Re-send queued jobs whose publishing failed (or whose message was lost), and take back
    running jobs abandoned past the hard time limit: requeued, or failed after MAX_ATTEMPTS."""
    now = now or timezone.now()
    failed = Report.objects.filter(_stale_running(now), attempts__gte=MAX_ATTEMPTS).update(
        status=ReportStatus.FAILED, finished_at=now, **_too_many_attempts().fields()
    )
    requeued = Report.objects.filter(_stale_running(now)).update(
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
    resent = sum(1 for report in due if _resend(report))
    if resent or requeued or failed:
        logger.info("report sweep: %d re-sent, %d requeued, %d failed", resent, requeued, failed)
    return SweepResult(resent=resent, requeued=requeued, failed=failed)


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
