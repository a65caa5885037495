"""Assessments and what fills them: answers, reviews, evidence and the history of every change."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cities.models import Region
from maturity.cycles.models import AssessmentCycle
from maturity.frameworks.models import Indicator


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", _("Draf")
    SUBMITTED = "submitted", _("Diajukan")
    PROVINCE_VERIFIED = "province_verified", _("Diverifikasi provinsi")
    RETURNED = "returned", _("Dikembalikan")
    APPROVED = "approved", _("Disetujui")


EDITABLE_STATUSES = frozenset({AssessmentStatus.DRAFT, AssessmentStatus.RETURNED})
#: Submitted and not yet decided: under verification by the province or the ministry.
UNDER_REVIEW_STATUSES = frozenset({AssessmentStatus.SUBMITTED, AssessmentStatus.PROVINCE_VERIFIED})


class Assessment(models.Model):
    """One region's self-assessment in one cycle."""

    cycle = models.ForeignKey(AssessmentCycle, on_delete=models.PROTECT, related_name="assessments")
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="assessments")
    status = models.CharField(
        max_length=24, choices=AssessmentStatus.choices, default=AssessmentStatus.DRAFT
    )
    completeness = models.DecimalField(max_digits=4, decimal_places=1, default=0)
    deadline_override = models.DateField(null=True, blank=True)
    return_comment = models.TextField(blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    returned_at = models.DateTimeField(null=True, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    # The province stage (cycles with ``province_review``): when and with what recommendation the
    # province reviewer passed it to the ministry.
    province_verified_at = models.DateTimeField(null=True, blank=True)
    province_comment = models.TextField(blank=True)
    # Moves forward whenever anything scoring reads changes; the sweep rescoring compares it with
    # the latest snapshot so that a lost task is redone.
    inputs_changed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["cycle_id", "region__code"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "region"], name="one_assessment_per_cycle")
        ]

    def __str__(self) -> str:
        return f"{self.cycle} · {self.region.name}"

    @property
    def deadline(self):  # type: ignore[no-untyped-def]
        return self.deadline_override or self.cycle.closes_on


class AnswerStatus(models.TextChoices):
    ANSWERED = "answered", _("Dijawab")
    NOT_APPLICABLE = "not_applicable", _("Tidak berlaku")
    NO_DATA = "no_data", _("Tidak ada data")


class DataQuality(models.TextChoices):
    MEASURED = "measured", _("Terukur")
    ESTIMATED = "estimated", _("Perkiraan")
    MODELLED = "modelled", _("Pemodelan")


class Answer(models.Model):
    """A region's answer to one indicator; ``version`` guards against stale writes."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="answers")
    status = models.CharField(max_length=16, choices=AnswerStatus.choices)
    value_decimal = models.DecimalField(max_digits=20, decimal_places=6, null=True, blank=True)
    value_level = models.PositiveSmallIntegerField(null=True, blank=True)
    value_bool = models.BooleanField(null=True, blank=True)
    numerator = models.DecimalField(max_digits=20, decimal_places=6, null=True, blank=True)
    denominator = models.DecimalField(max_digits=20, decimal_places=6, null=True, blank=True)
    justification = models.TextField(blank=True)
    comment = models.TextField(blank=True)
    source = models.CharField(max_length=500, blank=True)
    year = models.PositiveIntegerField(null=True, blank=True)
    quality = models.CharField(max_length=16, choices=DataQuality.choices, blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["assessment_id", "indicator__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "indicator"], name="one_answer_per_indicator"
            )
        ]

    def __str__(self) -> str:
        return f"{self.assessment_id}:{self.indicator_id} {self.status}"


class Review(models.Model):
    """A reviewer's decision on one indicator: a verified level 0–5, or N/A accepted."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="reviews")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="reviews")
    verified_level = models.PositiveSmallIntegerField(null=True, blank=True)
    not_applicable = models.BooleanField(default=False)
    comment = models.TextField(blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["assessment_id", "indicator__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "indicator"], name="one_review_per_indicator"
            )
        ]

    def __str__(self) -> str:
        return f"{self.assessment_id}:{self.indicator_id} → {self.verified_level}"


#: Where uploads are stored: one folder per assessment (evidence) or programme (its files).
EVIDENCE_FOLDER = "evidence"


def evidence_upload_to(instance: Evidence, filename: str) -> str:
    return f"{EVIDENCE_FOLDER}/{instance.assessment_id}/{uuid.uuid4().hex}"


class Evidence(models.Model):
    """A supporting file ("data dukung") for one indicator, kept in private storage."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="evidence")
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="evidence")
    file = models.FileField(upload_to=evidence_upload_to, max_length=300, null=True, blank=True)
    programme = models.ForeignKey(
        "Programme", null=True, blank=True, on_delete=models.PROTECT, related_name="citations"
    )
    name = models.CharField(max_length=255)
    size = models.PositiveBigIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["assessment_id", "indicator__position", "uploaded_at", "id"]
        verbose_name_plural = "evidence"

    def __str__(self) -> str:
        return self.name


class HistoryEntry(models.Model):
    """One recorded change: who, when, what, before → after. Never edited, never deleted."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="history")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    action = models.CharField(max_length=40)
    indicator_code = models.CharField(max_length=50, blank=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    comment = models.TextField(blank=True)
    change_set = models.UUIDField(null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["assessment_id", "at", "id"]
        verbose_name_plural = "history entries"

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.indicator_code}"
