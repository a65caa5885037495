"""Frameworks, cycles, assessments, answers, evidence, reviews, history, scores and programmes."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from cities.models import Region


class BilingualTitle(models.Model):
    """Titles held in Indonesian and English; ``title`` picks the active language."""

    title_id = models.TextField(_("judul (Indonesia)"))
    title_en = models.TextField(_("judul (English)"))

    class Meta:
        abstract = True

    @property
    def title(self) -> str:
        return self.title_en if (get_language() or "id").startswith("en") else self.title_id

    def title_in(self, language: str) -> str:
        return self.title_en if language.startswith("en") else self.title_id


# --- Frameworks -------------------------------------------------------------------------------


class FrameworkStatus(models.TextChoices):
    DRAFT = "draft", _("Draf")
    PUBLISHED = "published", _("Terbit")
    RETIRED = "retired", _("Dipensiunkan")


class Framework(BilingualTitle):
    """A version of the maturity questionnaire and every number scoring uses."""

    code = models.SlugField(_("kode"), max_length=50)
    version = models.CharField(_("versi"), max_length=50)
    description_id = models.TextField(blank=True)
    description_en = models.TextField(blank=True)
    previous_version = models.CharField(max_length=50, blank=True)
    status = models.CharField(
        max_length=16, choices=FrameworkStatus.choices, default=FrameworkStatus.DRAFT
    )
    levels = models.JSONField(help_text="{'1': {'id': ..., 'en': ...}, ...}")
    index_bands = models.JSONField(help_text="Four ascending decimals, as strings.")
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)
    retired_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["code", "-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="unique_framework_version")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.version}"

    @property
    def is_published(self) -> bool:
        return self.status == FrameworkStatus.PUBLISHED

    def level_name(self, level: int | None, language: str = "id") -> str:
        if level is None:
            return ""
        names = self.levels.get(str(level)) or {}
        return names.get("en" if language.startswith("en") else "id", "")


class Element(BilingualTitle):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="elements")
    code = models.CharField(max_length=50)
    weight = models.DecimalField(max_digits=12, decimal_places=6, default=1)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["framework_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="unique_element_code")
        ]

    def __str__(self) -> str:
        return self.code


class Theme(BilingualTitle):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="themes")
    element = models.ForeignKey(Element, on_delete=models.CASCADE, related_name="themes")
    code = models.CharField(max_length=50)
    weight = models.DecimalField(max_digits=12, decimal_places=6, default=1)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["framework_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="unique_theme_code")
        ]

    def __str__(self) -> str:
        return self.code


class IndicatorKind(models.TextChoices):
    QUANTITATIVE = "quantitative", _("Kuantitatif")
    RUBRIC = "rubric", _("Rubrik")
    BINARY = "binary", _("Ya/tidak")


class Direction(models.TextChoices):
    HIGHER = "higher", _("Makin tinggi makin baik")
    LOWER = "lower", _("Makin rendah makin baik")


class Indicator(BilingualTitle):
    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="indicators")
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="indicators")
    code = models.CharField(max_length=50)
    iso37122 = models.CharField(max_length=20, blank=True)
    guidance_id = models.TextField(blank=True)
    guidance_en = models.TextField(blank=True)
    kind = models.CharField(max_length=16, choices=IndicatorKind.choices)
    unit = models.CharField(max_length=100, blank=True)
    direction = models.CharField(max_length=8, choices=Direction.choices, blank=True)
    thresholds = models.JSONField(null=True, blank=True, help_text="Four decimals, as strings.")
    allow_negative = models.BooleanField(default=False)
    rubric = models.JSONField(null=True, blank=True, help_text="{'1': {'id','en'}, ... '5'}")
    yes_level = models.PositiveSmallIntegerField(null=True, blank=True)
    no_level = models.PositiveSmallIntegerField(null=True, blank=True)
    weight = models.DecimalField(max_digits=12, decimal_places=6, default=1)
    required = models.BooleanField(default=True)
    evidence_required = models.BooleanField(default=False)
    continues = models.CharField(max_length=50, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["framework_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["framework", "code"], name="unique_indicator_code")
        ]

    def __str__(self) -> str:
        return self.code

    def guidance_in(self, language: str) -> str:
        return self.guidance_en if language.startswith("en") else self.guidance_id


# --- Cycles and assessments ---------------------------------------------------------------------


class CycleStatus(models.TextChoices):
    PLANNED = "planned", _("Direncanakan")
    OPEN = "open", _("Dibuka")
    CLOSED = "closed", _("Ditutup")


class AssessmentCycle(models.Model):
    """A yearly round of assessments on one published framework version."""

    name = models.CharField(_("nama"), max_length=100)
    year = models.PositiveIntegerField(_("tahun"))
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="cycles")
    opens_on = models.DateField(_("dibuka"))
    closes_on = models.DateField(_("ditutup"))
    status = models.CharField(max_length=16, choices=CycleStatus.choices, default=CycleStatus.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "-opens_on", "id"]
        constraints = [models.UniqueConstraint(fields=["name"], name="unique_cycle_name")]

    def __str__(self) -> str:
        return self.name


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", _("Draf")
    SUBMITTED = "submitted", _("Diajukan")
    RETURNED = "returned", _("Dikembalikan")
    APPROVED = "approved", _("Disetujui")


EDITABLE_STATUSES = frozenset({AssessmentStatus.DRAFT, AssessmentStatus.RETURNED})


class Assessment(models.Model):
    """One region's self-assessment in one cycle."""

    cycle = models.ForeignKey(AssessmentCycle, on_delete=models.PROTECT, related_name="assessments")
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="assessments")
    status = models.CharField(
        max_length=16, choices=AssessmentStatus.choices, default=AssessmentStatus.DRAFT
    )
    completeness = models.DecimalField(max_digits=4, decimal_places=1, default=0)
    deadline_override = models.DateField(null=True, blank=True)
    return_comment = models.TextField(blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    returned_at = models.DateTimeField(null=True, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
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
PROGRAMME_FILES_FOLDER = "programmes"


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


# --- Programmes -----------------------------------------------------------------------------------


class ProgrammeStatus(models.TextChoices):
    PLANNED = "planned", _("Direncanakan")
    PILOTING = "piloting", _("Uji coba")
    RUNNING = "running", _("Berjalan")
    RETIRED = "retired", _("Dihentikan")


class Programme(models.Model):
    """A region's smart-city programme or service, linked to the indicators it evidences."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="programmes")
    name = models.CharField(_("nama"), max_length=200)
    description_id = models.TextField(blank=True)
    description_en = models.TextField(blank=True)
    element_code = models.CharField(max_length=50)
    indicator_codes = models.JSONField(default=list, blank=True)
    status = models.CharField(
        max_length=16, choices=ProgrammeStatus.choices, default=ProgrammeStatus.RUNNING
    )
    launch_year = models.PositiveIntegerField(null=True, blank=True)
    agency = models.CharField(max_length=200, blank=True)
    url = models.URLField(max_length=500, blank=True)
    users_count = models.PositiveBigIntegerField(null=True, blank=True)
    users_year = models.PositiveIntegerField(null=True, blank=True)
    transactions_count = models.PositiveBigIntegerField(null=True, blank=True)
    transactions_year = models.PositiveIntegerField(null=True, blank=True)
    shared = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["region__code", "name"]

    def __str__(self) -> str:
        return self.name


def programme_upload_to(instance: ProgrammeFile, filename: str) -> str:
    return f"{PROGRAMME_FILES_FOLDER}/{instance.programme_id}/{uuid.uuid4().hex}"


class ProgrammeFile(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(upload_to=programme_upload_to, max_length=300)
    name = models.CharField(max_length=255)
    size = models.PositiveBigIntegerField(default=0)
    sha256 = models.CharField(max_length=64)
    content_type = models.CharField(max_length=100)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["programme_id", "uploaded_at", "id"]

    def __str__(self) -> str:
        return self.name
