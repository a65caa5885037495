"""Framework versions and their tree: elements, themes, indicators."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


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
    lenses = models.JSONField(
        default=list,
        blank=True,
        help_text="Other groupings of the indicators: [{code, title, groups: [{code, title, "
        "weight, themes, indicators}]}] (SCORING.md §9).",
    )
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
