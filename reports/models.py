"""Report jobs: one row per requested PDF, read by the API and pages while workers render."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from maturity.assessments.models import Assessment
from maturity.cycles.models import AssessmentCycle
from maturity.verification.models import VerificationActivity


class ReportKind(models.TextChoices):
    REGION = "region", _("Laporan wilayah")
    NATIONAL = "national", _("Ringkasan nasional")
    MINUTES = "minutes", _("Berita acara verifikasi")


class ReportStatus(models.TextChoices):
    QUEUED = "queued", _("Antre")
    RUNNING = "running", _("Diproses")
    DONE = "done", _("Selesai")
    FAILED = "failed", _("Gagal")


class ReportLanguage(models.TextChoices):
    ID = "id", "Bahasa Indonesia"
    EN = "en", "English"


def report_upload_to(instance: Report, filename: str) -> str:
    return f"reports/{instance.created_at:%Y/%m}/{uuid.uuid4().hex}.pdf"


class Report(models.Model):
    """A PDF report job: queued → running → done | failed."""

    kind = models.CharField(max_length=16, choices=ReportKind.choices)
    assessment = models.ForeignKey(
        Assessment, null=True, blank=True, on_delete=models.CASCADE, related_name="reports"
    )
    cycle = models.ForeignKey(AssessmentCycle, on_delete=models.CASCADE, related_name="reports")
    # The minutes (berita acara) of one verification activity.
    activity = models.ForeignKey(
        VerificationActivity,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="minutes_reports",
    )
    language = models.CharField(
        max_length=2, choices=ReportLanguage.choices, default=ReportLanguage.ID
    )
    # A region report may lead with one of its framework's lenses (e.g. "ASCN" for partners).
    lens = models.CharField(max_length=50, blank=True)
    status = models.CharField(
        max_length=16, choices=ReportStatus.choices, default=ReportStatus.QUEUED, db_index=True
    )
    progress = models.PositiveSmallIntegerField(default=0)
    # Why the job failed: the message in Indonesian, and its code and values, from which
    # reports.selectors.failure_text shows it in a person's language.
    error = models.TextField(blank=True)
    error_code = models.CharField(max_length=32, blank=True)
    error_params = models.JSONField(default=dict, blank=True)
    # Hash of what the PDF is made from (snapshot, language, template version): asking again with
    # the same inputs returns the existing file.
    inputs_key = models.CharField(max_length=64, db_index=True)
    file = models.FileField(upload_to=report_upload_to, max_length=300, null=True, blank=True)
    file_name = models.CharField(max_length=200, blank=True)
    size = models.PositiveBigIntegerField(null=True, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    report_id = models.CharField(max_length=32, blank=True, db_index=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    task_id = models.CharField(max_length=64, blank=True)
    # The Celery hostname of the worker that last started the job: while it runs, the sweep
    # requeues it once that worker's heartbeat goes stale (operations.jobs).
    worker = models.CharField(max_length=255, blank=True)
    # When the task was last handed to the broker; None while publishing has not succeeded, so
    # the sweep knows which queued jobs to send (again).
    enqueued_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    file_removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.kind} {self.language} {self.status}"


class CycleReports(AssessmentCycle):
    """A cycle as the admin's batch-rendering list sees it (no table of its own)."""

    class Meta:
        proxy = True
        verbose_name = _("laporan siklus")
        verbose_name_plural = _("laporan siklus")
