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


class ScoringStatus(models.TextChoices):
    QUEUED = "queued", _("Antre")
    RUNNING = "running", _("Diproses")
    DONE = "done", _("Selesai")
    FAILED = "failed", _("Gagal")


class ScoringJob(models.Model):
    """The latest scoring asked for an assessment, as workers run it: queued → running → done |
    failed. One row per assessment, reused by every later scoring (a new task id each time).

    While running it names its worker (Celery hostname), so that the heal sweep requeues it when
    that worker's heartbeat goes stale (operations.jobs); ``attempts`` counts the starts of this
    scoring, bounded by JOB_MAX_ATTEMPTS. A failure is kept as a code and its values
    (maturity.scores.failures), worded in the reader's language when shown.
    """

    assessment = models.OneToOneField(
        Assessment, on_delete=models.CASCADE, primary_key=True, related_name="scoring_job"
    )
    status = models.CharField(
        max_length=16, choices=ScoringStatus.choices, default=ScoringStatus.QUEUED, db_index=True
    )
    task_id = models.CharField(max_length=64, blank=True)
    worker = models.CharField(max_length=255, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    requested_at = models.DateTimeField()
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    error_code = models.CharField(max_length=32, blank=True)
    error_params = models.JSONField(default=dict, blank=True)

    def __str__(self) -> str:
        return f"{self.assessment_id} {self.status}"
