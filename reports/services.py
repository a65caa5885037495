"""Asking for a report: one job row per request (or the current one reused), sent to the workers
once the transaction commits. What a worker does with the job is in :mod:`reports.jobs`."""

from __future__ import annotations

import hashlib
import logging
import uuid
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser, User
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from cities import access, errors
from maturity.assessments.models import Assessment, AssessmentStatus
from maturity.assessments.services.state import require_stage_reviewer
from maturity.cycles.models import AssessmentCycle
from maturity.scores.inputs import SCORED_STATUSES
from maturity.scores.selectors import latest_snapshots_for, snapshot_is_current
from maturity.scores.services import refresh_snapshots
from maturity.verification.models import ActivityStatus, VerificationActivity
from reports import selectors
from reports.models import Report, ReportKind, ReportLanguage, ReportStatus
from reports.tasks import enqueue

logger = logging.getLogger(__name__)

AnyUser = User | AnonymousUser


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
    lens: str = "",
    activity: VerificationActivity | None = None,
) -> Report:
    report = Report.objects.create(
        kind=kind,
        lens=lens,
        activity=activity,
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


def request_region_report(
    *, user: AnyUser, assessment: Assessment, language: str, lens: str = ""
) -> Requested:
    """Ask for a region's report in ``language``, leading with ``lens`` when given (a lens of the
    assessment's framework, else 400 on ``lens``); the caller has checked that ``user`` may read
    the assessment. The same inputs reuse the existing job (done, or on its way) instead of
    rendering again; otherwise a new job is queued once the transaction commits."""
    language = _language(language)
    codes = [item["code"] for item in assessment.cycle.framework.lenses or ()]
    if lens and lens not in codes:
        raise errors.Invalid(
            {
                "lens": [
                    _("Kerangka penilaian ini tidak memiliki lensa %(lens)s; pilih: %(codes)s.")
                    % {"lens": lens, "codes": ", ".join(codes) or "–"}
                ]
            }
        )
    with transaction.atomic():
        # One request at a time per assessment, so that equal requests share one job.
        Assessment.objects.select_for_update().filter(pk=assessment.pk).exists()
        _refresh_scores_if_stale(assessment)
        key = selectors.region_inputs_key(assessment_id=assessment.pk, language=language)
        if lens:  # the same inputs led by a lens make another PDF
            key = hashlib.sha256(f"{key}:lens:{lens}".encode()).hexdigest()
        existing = _reusable(
            kind=ReportKind.REGION, assessment=assessment, inputs_key=key, lens=lens
        )
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
            lens=lens,
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


def request_minutes(*, user: AnyUser, activity: VerificationActivity, language: str) -> Requested:
    """Ask for the minutes (berita acara) of a recorded activity in ``language``: reviewers of
    the assessment (403 otherwise; 409 ``activity_not_recorded`` while it is only planned). The
    same inputs reuse the existing job, like region reports."""
    language = _language(language)
    assessment = activity.assessment
    access.require(user, access.REVIEW, assessment.region)
    require_stage_reviewer(user, assessment)  # a province reviewer only where it verifies
    if activity.status != ActivityStatus.DONE:
        raise errors.Conflict(
            _("Berita acara dibuat setelah kegiatan dicatat."), code="activity_not_recorded"
        )
    with transaction.atomic():
        VerificationActivity.objects.select_for_update().filter(pk=activity.pk).exists()
        key = selectors.minutes_inputs_key(activity_id=activity.pk, language=language)
        existing = _reusable(kind=ReportKind.MINUTES, activity=activity, inputs_key=key)
        if existing is not None:
            return Requested(existing, created=False)
        subject = f"{assessment.region.name} {'berita-acara' if language == 'id' else 'minutes'}"
        name = selectors.report_file_name(
            year=assessment.cycle.year, subject=f"{subject} {activity.pk}", language=language
        )
        report = _create(
            kind=ReportKind.MINUTES,
            assessment=assessment,
            cycle=assessment.cycle,
            language=language,
            inputs_key=key,
            user=user,
            file_name=name,
            activity=activity,
        )
    return Requested(report, created=True)


# --- Publishing ------------------------------------------------------------------------------


# --- The job's life --------------------------------------------------------------------------


# --- Periodic work ---------------------------------------------------------------------------
