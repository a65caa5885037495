"""Verification activities: an interview, a field visit or another way a reviewer checks an
assessment beyond its documents, with its participants, the region's confirmation, its minutes,
findings and files (photos, the signed minutes)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from maturity.assessments.models import Assessment

ACTIVITY_FILES_FOLDER = "activities"


class ActivityMethod(models.TextChoices):
    DOCUMENT_REVIEW = "document_review", _("Telaah dokumen")
    INTERVIEW = "interview", _("Wawancara")
    FIELD_VISIT = "field_visit", _("Kunjungan lapangan")
    REMOTE_EVALUATION = "remote_evaluation", _("Evaluasi jarak jauh")
    DEMONSTRATION = "demonstration", _("Demonstrasi")
    OBSERVATION = "observation", _("Observasi")


class ActivityStatus(models.TextChoices):
    PLANNED = "planned", _("Direncanakan")
    DONE = "done", _("Selesai")
    CANCELLED = "cancelled", _("Dibatalkan")


class VerificationActivity(models.Model):
    """One verification activity on an assessment: planned by a reviewer (who may reschedule or
    cancel it while planned), its attendance confirmed by the region's CSCO, then recorded with
    minutes and findings (which become the indicators' reviews)."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="verification_activities"
    )
    method = models.CharField(max_length=24, choices=ActivityMethod.choices)
    status = models.CharField(
        max_length=16, choices=ActivityStatus.choices, default=ActivityStatus.PLANNED
    )
    scheduled_at = models.DateTimeField(db_index=True)
    place = models.CharField(max_length=300, blank=True)
    meeting_link = models.URLField(max_length=500, blank=True)
    # Indicator codes of the assessment's framework, in the order given.
    indicators = models.JSONField(default=list)
    # [{"name", "role", "agency"}]
    participants = models.JSONField(default=list)
    planned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    held_at = models.DateTimeField(null=True, blank=True)
    minutes = models.TextField(blank=True)
    # [{"indicator", "verified_level", "not_applicable", "comment"}], also recorded as reviews.
    findings = models.JSONField(default=list, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["scheduled_at", "id"]
        verbose_name_plural = "verification activities"

    def __str__(self) -> str:
        return f"#{self.pk} {self.method} {self.scheduled_at:%Y-%m-%d}"


def activity_upload_to(instance: ActivityFile, filename: str) -> str:
    return f"{ACTIVITY_FILES_FOLDER}/{instance.activity_id}/{uuid.uuid4().hex}"


class ActivityFileKind(models.TextChoices):
    PHOTO = "photo", _("Foto")
    SIGNED_MINUTES = "signed_minutes", _("Berita acara bertanda tangan")


class ActivityFile(models.Model):
    """A photo or the signed minutes of an activity, kept in private storage like evidence."""

    activity = models.ForeignKey(
        VerificationActivity, on_delete=models.CASCADE, related_name="files"
    )
    kind = models.CharField(max_length=16, choices=ActivityFileKind.choices)
    file = models.FileField(upload_to=activity_upload_to, max_length=300)
    name = models.CharField(max_length=255)
    size = models.PositiveBigIntegerField(default=0)
    sha256 = models.CharField(max_length=64)
    content_type = models.CharField(max_length=100)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["activity_id", "uploaded_at", "id"]

    def __str__(self) -> str:
        return self.name
