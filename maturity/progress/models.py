"""A region's improvement plan: the steps its CSCO adopted to reach the next level."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from cities.models import Region
from maturity.cycles.models import AssessmentCycle


class PlannedStep(models.Model):
    """Raise ``indicator_code`` to ``to_level`` by ``due_on``, with ``agency`` (the OPD) in charge.

    The step builds on the region's results of ``cycle``; the next cycle's progress says whether
    it was met.
    """

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="planned_steps")
    cycle = models.ForeignKey(
        AssessmentCycle, on_delete=models.CASCADE, related_name="planned_steps"
    )
    indicator_code = models.CharField(max_length=50)
    to_level = models.PositiveSmallIntegerField()
    agency = models.CharField(max_length=200)
    due_on = models.DateField()
    note = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["region_id", "-cycle__year", "due_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "cycle", "indicator_code"], name="one_planned_step_per_indicator"
            )
        ]

    def __str__(self) -> str:
        return f"{self.region_id} {self.indicator_code} → {self.to_level}"
