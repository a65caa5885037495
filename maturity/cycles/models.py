"""Assessment cycles: a year's round of self-assessment on one framework version."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from maturity.frameworks.models import Framework

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
    # The province stage: each kabupaten/kota assessment is verified by its province's reviewer
    # (status ``province_verified``) before the ministry may approve it.
    province_review = models.BooleanField(_("verifikasi provinsi"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "-opens_on", "id"]
        constraints = [models.UniqueConstraint(fields=["name"], name="unique_cycle_name")]

    def __str__(self) -> str:
        return self.name
