"""The programmes registry: a region's smart-city programmes, their files and the indicators they
serve.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cities.models import Region

PROGRAMME_FILES_FOLDER = "programmes"


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
