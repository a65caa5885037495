"""Score snapshots: one per assessment, track and set of inputs, written by workers."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from maturity.assessments.models import Assessment


class ScoreTrack(models.TextChoices):
    SELF = "self", _("Mandiri")
    VERIFIED = "verified", _("Terverifikasi")


class ScoreSnapshot(models.Model):
    """Scores of one track computed from a given set of inputs (identified by their hash)."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="snapshots")
    track = models.CharField(max_length=16, choices=ScoreTrack.choices)
    provisional = models.BooleanField(default=False)
    inputs_hash = models.CharField(max_length=64)
    framework_version = models.CharField(max_length=100)
    computed_at = models.DateTimeField(auto_now_add=True, db_index=True)
    index = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    level = models.PositiveSmallIntegerField(null=True, blank=True)
    completeness = models.DecimalField(max_digits=4, decimal_places=1, default=0)
    result = models.JSONField()

    class Meta:
        ordering = ["assessment_id", "track", "-computed_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "track", "inputs_hash"], name="one_snapshot_per_inputs"
            )
        ]

    def __str__(self) -> str:
        return f"{self.assessment_id} {self.track} {self.index}"
