"""What the assessment services share: may it change now, its row locked, scoring marked."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cities import access, errors
from cities.access import AnyUser
from cities.models import RegionKind
from maturity.assessments.models import (
    EDITABLE_STATUSES,
    Assessment,
    AssessmentStatus,
)
from maturity.assessments.selectors import is_cycle_open
from maturity.assessments.signals import scoring_inputs_changed


def require_editable(assessment: Assessment) -> None:
    """Refuse (``not_editable``, ``cycle_closed``) unless the region may still change it."""
    if assessment.status not in EDITABLE_STATUSES:
        raise errors.Conflict(
            _("Penilaian berstatus '%(status)s' tidak dapat diubah.")
            % {"status": assessment.status},
            code="not_editable",
        )
    if not is_cycle_open(assessment):
        raise errors.Conflict(
            _("Siklus ditutup atau tenggat (%(deadline)s) telah lewat.")
            % {"deadline": assessment.deadline.isoformat()},
            code="cycle_closed",
        )


def require_status(assessment: Assessment, allowed: set[str], action: str) -> None:
    """Refuse (``transition_not_allowed``) an action its current status does not allow."""
    if assessment.status not in allowed:
        raise errors.Conflict(
            _("Tindakan '%(action)s' tidak diizinkan dari status '%(status)s'.")
            % {"action": action, "status": assessment.status},
            code="transition_not_allowed",
        )


def needs_province_stage(assessment: Assessment) -> bool:
    """Must the province verify this assessment before the ministry decides? In a cycle with
    the province stage, every kabupaten and kota; a province's own assessment never."""
    return bool(assessment.cycle.province_review) and assessment.region.kind != RegionKind.PROVINCE


def reviewable_statuses(user: AnyUser, assessment: Assessment) -> set[str]:
    """The statuses in which ``user`` (allowed to review it) may record reviews on the
    assessment or return it: a ministry reviewer while it is submitted or province verified, a
    province reviewer only while it is submitted (once recommended, it is the ministry's)."""
    if access.can(user, access.APPROVE, assessment.region):
        return {AssessmentStatus.SUBMITTED, AssessmentStatus.PROVINCE_VERIFIED}
    return {AssessmentStatus.SUBMITTED}


def require_stage_reviewer(user: AnyUser, assessment: Assessment) -> None:
    """Refuse (``no_province_stage``) a province reviewer acting on an assessment that has no
    province stage (a cycle without it): there the ministry verifies alone, as before."""
    if access.can(user, access.APPROVE, assessment.region):
        return
    if not needs_province_stage(assessment):
        raise no_province_stage()


def no_province_stage() -> errors.Conflict:
    """The refusal (``no_province_stage``) of province work on an assessment without the stage."""
    return errors.Conflict(
        _("Siklus ini tidak memiliki tahap verifikasi provinsi."), code="no_province_stage"
    )


def lock_for_review(user: AnyUser, assessment: Assessment, action: str) -> Assessment:
    """The assessment locked, once ``user`` may review it now: in scope (403), in their stage
    (409 ``no_province_stage``) and under review as their stage allows (409)."""
    access.require(user, access.REVIEW, assessment.region)
    locked = lock(assessment)
    require_stage_reviewer(user, locked)
    require_status(locked, reviewable_statuses(user, locked), action)
    return locked


def lock(assessment: Assessment) -> Assessment:
    """Re-read the assessment with its row locked for the rest of the transaction."""
    locked = (
        Assessment.objects.select_for_update(of=("self",))
        .select_related("cycle", "region")
        .get(pk=assessment.pk)
    )
    return locked


def refresh_from(target: Assessment, source: Assessment) -> None:
    for field in (
        "status",
        "completeness",
        "deadline_override",
        "return_comment",
        "submitted_at",
        "returned_at",
        "approved_at",
        "province_verified_at",
        "province_comment",
        "inputs_changed_at",
    ):
        setattr(target, field, getattr(source, field))


def schedule_scoring(*, assessment_id: int) -> None:
    """Mark the assessment's scoring inputs as changed and announce it once committed.

    The mark is written in the caller's transaction, so even if the broker is down when the
    transaction commits, the periodic sweep finds the assessment stale and rescoring happens.
    """
    Assessment.objects.filter(pk=assessment_id).update(inputs_changed_at=timezone.now())
    transaction.on_commit(
        lambda: scoring_inputs_changed.send(sender=Assessment, assessment_id=assessment_id)
    )
