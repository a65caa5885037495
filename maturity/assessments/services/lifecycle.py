"""An assessment's life: created, deadline moved, submitted, returned, approved, reopened."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cities import access, errors
from cities.access import AnyUser
from cities.models import Region
from maturity.assessments import notifications, selectors
from maturity.assessments.models import (
    EDITABLE_STATUSES,
    Assessment,
    AssessmentStatus,
)
from maturity.assessments.selectors import _today
from maturity.assessments.services.history import (
    APPROVED,
    CREATED,
    DEADLINE_EXTENDED,
    REOPENED,
    RETURNED,
    SUBMITTED,
    record_history,
)
from maturity.assessments.services.review import _clean_comment
from maturity.assessments.services.state import (
    lock,
    lock_for_review,
    needs_province_stage,
    refresh_from,
    require_editable,
    require_status,
    schedule_scoring,
)
from maturity.cycles.models import AssessmentCycle, CycleStatus


@transaction.atomic
def create_assessment(*, user: AnyUser, cycle: AssessmentCycle, region: Region) -> Assessment:
    """Start a region's assessment in a cycle (its CSCO or an admin).

    Conflict ``cycle_closed`` when the cycle is closed, ``assessment_exists`` if one exists.
    """
    access.require(user, access.REGION_CREATE_ASSESSMENT, region)
    if cycle.status == CycleStatus.CLOSED:
        raise errors.Conflict(_("Siklus sudah ditutup."), code="cycle_closed")
    exists = errors.Conflict(
        _("Wilayah ini sudah memiliki penilaian dalam siklus ini."), code="assessment_exists"
    )
    if Assessment.objects.filter(cycle=cycle, region=region).exists():
        raise exists
    try:
        with transaction.atomic():
            assessment = Assessment.objects.create(
                cycle=cycle, region=region, created_by=user if user.is_authenticated else None
            )
    except IntegrityError:
        raise exists from None
    record_history(
        assessment=assessment, actor=user, action=CREATED, after={"status": assessment.status}
    )
    return assessment


@transaction.atomic
def extend_deadline(
    *, user: AnyUser, assessment: Assessment, deadline: datetime.date
) -> Assessment:
    """Give one region a different deadline than its cycle's (ministry admin)."""
    access.require(user, access.EXTEND_DEADLINE, assessment.region)
    locked = lock(assessment)
    _set_deadline(user=user, locked=locked, deadline=deadline)
    refresh_from(assessment, locked)
    return locked


def _set_deadline(*, user: AnyUser, locked: Assessment, deadline: datetime.date) -> None:
    before = locked.deadline.isoformat()
    locked.deadline_override = deadline
    locked.save(update_fields=["deadline_override", "updated_at"])
    record_history(
        assessment=locked,
        actor=user,
        action=DEADLINE_EXTENDED,
        before={"deadline": before},
        after={"deadline": deadline.isoformat()},
    )


# --- Transitions and review -------------------------------------------------------------------


def _transition(
    *,
    user: AnyUser,
    assessment: Assessment,
    to: str,
    action: str,
    comment: str = "",
    extra_before: dict[str, Any] | None = None,
) -> None:
    before = {"status": assessment.status, **(extra_before or {})}
    record_history(
        assessment=assessment,
        actor=user,
        action=action,
        before=before,
        after={"status": to},
        comment=comment,
    )


@transaction.atomic
def submit(*, user: AnyUser, assessment: Assessment) -> Assessment:
    """Draft or returned → submitted (the region's CSCO), at 100 % and with required evidence."""
    access.require(user, access.REGION_SUBMIT, assessment.region)
    locked = lock(assessment)
    require_status(locked, set(EDITABLE_STATUSES), "submit")
    require_editable(locked)
    completeness = selectors.completeness_for(locked)
    if completeness.overall < Decimal(100) or completeness.missing or completeness.evidence_missing:
        message = _(
            "Penilaian belum lengkap: jawab semua indikator wajib dan lampirkan data "
            "dukung yang diwajibkan."
        )
        # The body keeps the answer's shape: ``detail`` one text, beside what is missing.
        raise errors.Invalid(
            message,
            code="incomplete",
            body={
                "detail": message,
                "missing": completeness.missing,
                "evidence_missing": completeness.evidence_missing,
            },
        )
    _transition(user=user, assessment=locked, to=AssessmentStatus.SUBMITTED, action=SUBMITTED)
    locked.status = AssessmentStatus.SUBMITTED
    locked.submitted_at = timezone.now()
    locked.completeness = completeness.overall
    locked.save(update_fields=["status", "submitted_at", "completeness", "updated_at"])
    schedule_scoring(assessment_id=locked.pk)
    notifications.assessment_submitted(assessment_id=locked.pk)
    refresh_from(assessment, locked)
    return locked


@transaction.atomic
def return_assessment(*, user: AnyUser, assessment: Assessment, comment: Any) -> Assessment:
    """Submitted → returned (ministry or province reviewer in scope), or province verified →
    returned (ministry reviewer), with a comment the CSCO sees."""
    locked = lock_for_review(user, assessment, "return")
    text = _clean_comment(comment, "comment", required=True)
    _transition(
        user=user, assessment=locked, to=AssessmentStatus.RETURNED, action=RETURNED, comment=text
    )
    locked.status = AssessmentStatus.RETURNED
    locked.returned_at = timezone.now()
    locked.return_comment = text
    locked.save(update_fields=["status", "returned_at", "return_comment", "updated_at"])
    schedule_scoring(assessment_id=locked.pk)
    notifications.assessment_returned(assessment_id=locked.pk)
    refresh_from(assessment, locked)
    return locked


@transaction.atomic
def approve(*, user: AnyUser, assessment: Assessment) -> Assessment:
    """Submitted → approved (ministry reviewer in scope); approval locks the assessment.

    In a cycle with the province stage a kabupaten or kota must be ``province_verified`` first
    (Conflict ``province_stage_missing`` otherwise); a province's own assessment is the
    ministry's to verify and goes from submitted.
    """
    access.require(user, access.APPROVE, assessment.region)
    locked = lock(assessment)
    if needs_province_stage(locked):
        if locked.status == AssessmentStatus.SUBMITTED:
            raise errors.Conflict(
                _(
                    "Penilaian ini belum diverifikasi provinsi: siklus ini mewajibkan tahap "
                    "verifikasi provinsi (province_verified) sebelum persetujuan kementerian."
                ),
                code="province_stage_missing",
            )
        require_status(locked, {AssessmentStatus.PROVINCE_VERIFIED}, "approve")
    else:
        require_status(locked, {AssessmentStatus.SUBMITTED}, "approve")
    _transition(user=user, assessment=locked, to=AssessmentStatus.APPROVED, action=APPROVED)
    locked.status = AssessmentStatus.APPROVED
    locked.approved_at = timezone.now()
    locked.save(update_fields=["status", "approved_at", "updated_at"])
    schedule_scoring(assessment_id=locked.pk)
    notifications.assessment_approved(assessment_id=locked.pk)
    refresh_from(assessment, locked)
    return locked


#: Days a reopened assessment gets when its deadline has already passed.
REOPEN_DAYS = 14


@transaction.atomic
def reopen(
    *,
    user: AnyUser,
    assessment: Assessment,
    reason: Any,
    deadline: datetime.date | None = None,
) -> Assessment:
    """Approved → returned (ministry admin), with a reason the CSCO sees.

    The region must be able to correct it: ``deadline`` (not in the past) becomes its deadline;
    without one, a deadline already past moves to :data:`REOPEN_DAYS` days from today (both
    recorded in the history like any deadline change).
    """
    access.require(user, access.REOPEN, assessment.region)
    locked = lock(assessment)
    require_status(locked, {AssessmentStatus.APPROVED}, "reopen")
    text, today = _checked_reopen(reason, deadline)
    if deadline is None and locked.deadline < today:
        deadline = today + datetime.timedelta(days=REOPEN_DAYS)
    _transition(
        user=user, assessment=locked, to=AssessmentStatus.RETURNED, action=REOPENED, comment=text
    )
    locked.status = AssessmentStatus.RETURNED
    locked.returned_at = timezone.now()
    locked.approved_at = None
    locked.return_comment = text
    locked.save(
        update_fields=["status", "returned_at", "approved_at", "return_comment", "updated_at"]
    )
    if deadline is not None and deadline != locked.deadline:
        _set_deadline(user=user, locked=locked, deadline=deadline)
    schedule_scoring(assessment_id=locked.pk)
    notifications.assessment_returned(assessment_id=locked.pk)
    refresh_from(assessment, locked)
    return locked


def _checked_reopen(reason: Any, deadline: datetime.date | None) -> tuple[str, datetime.date]:
    """The reason's text and today, once the reason is given and the deadline not past."""
    problems: dict[str, list[str]] = {}
    text = ""
    try:
        text = _clean_comment(reason, "reason", required=True)
    except errors.Invalid as error:
        problems.update(error.fields)
    today = _today()
    if deadline is not None and deadline < today:
        problems["deadline"] = [
            _("Tenggat baru tidak boleh sebelum hari ini (%(today)s).")
            % {"today": today.isoformat()}
        ]
    if problems:
        raise errors.Invalid(problems)
    return text, today
