"""The province stage: a province reviewer recommends a kabupaten/kota assessment to the
ministry (submitted → province verified)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from cities import access
from cities.access import AnyUser
from maturity.assessments import notifications
from maturity.assessments.models import Assessment, AssessmentStatus
from maturity.assessments.services.history import PROVINCE_VERIFIED, record_history
from maturity.assessments.services.review import _clean_comment
from maturity.assessments.services.state import (
    lock,
    needs_province_stage,
    no_province_stage,
    refresh_from,
    require_status,
    schedule_scoring,
)


@transaction.atomic
def province_verify(*, user: AnyUser, assessment: Assessment, comment: Any = "") -> Assessment:
    """Submitted → province verified (the province reviewer of the assessment's province), with
    a recommendation the ministry reads.

    403 for anyone else (a ministry reviewer approves instead); Conflict ``no_province_stage``
    when the cycle has no province stage, ``transition_not_allowed`` unless submitted.
    """
    access.require(user, access.PROVINCE_VERIFY, assessment.region)
    locked = lock(assessment)
    if not needs_province_stage(locked):
        raise no_province_stage()
    require_status(locked, {AssessmentStatus.SUBMITTED}, "province-verify")
    text = _clean_comment(comment, "comment", required=False)
    record_history(
        assessment=locked,
        actor=user,
        action=PROVINCE_VERIFIED,
        before={"status": locked.status},
        after={"status": AssessmentStatus.PROVINCE_VERIFIED},
        comment=text,
    )
    locked.status = AssessmentStatus.PROVINCE_VERIFIED
    locked.province_verified_at = timezone.now()
    locked.province_comment = text
    locked.save(update_fields=["status", "province_verified_at", "province_comment", "updated_at"])
    schedule_scoring(assessment_id=locked.pk)
    notifications.assessment_province_verified(assessment_id=locked.pk)
    refresh_from(assessment, locked)
    return locked
