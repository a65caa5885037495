"""Reads of assessment cycles."""

from __future__ import annotations

from django.db.models import QuerySet

from maturity.cycles.models import AssessmentCycle

# --- Cycles -----------------------------------------------------------------------------------


def cycles() -> QuerySet[AssessmentCycle]:
    """Every cycle (cycles are not region data: everyone signed in reads them)."""
    return AssessmentCycle.objects.select_related("framework").order_by("-year", "-opens_on", "id")
