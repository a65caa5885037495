"""Reads of verification activities, always narrowed to what a person may read (the activity's
assessment's region, through :mod:`cities.access`)."""

from __future__ import annotations

from django.db.models import QuerySet

from cities import access
from cities.access import AnyUser
from maturity.assessments.models import Assessment
from maturity.verification.models import ActivityFile, VerificationActivity


def activities_for(user: AnyUser) -> QuerySet[VerificationActivity]:
    """Every activity whose assessment ``user`` may read, soonest first."""
    return access.scope(
        user,
        VerificationActivity.objects.select_related(
            "assessment__region", "assessment__cycle", "planned_by", "confirmed_by", "recorded_by"
        ),
        "assessment__region",
    ).order_by("scheduled_at", "id")


def activities_of(assessment: Assessment) -> QuerySet[VerificationActivity]:
    """The activities of one assessment (found in the reader's scope first), with their files."""
    return (
        VerificationActivity.objects.filter(assessment=assessment)
        .select_related(
            "assessment__region", "assessment__cycle", "planned_by", "confirmed_by", "recorded_by"
        )
        .prefetch_related("files")
        .order_by("scheduled_at", "id")
    )


def calendar(user: AnyUser, *, cycle_id: int) -> QuerySet[VerificationActivity]:
    """The activities of a cycle that ``user`` may read, by date (the activity calendar)."""
    return activities_for(user).filter(assessment__cycle_id=cycle_id)


def files_of(activity: VerificationActivity) -> QuerySet[ActivityFile]:
    return ActivityFile.objects.filter(activity=activity).select_related("activity", "uploaded_by")
