"""Regions of Indonesia and the memberships that give people a role in them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RegionKind(models.TextChoices):
    PROVINCE = "province", _("Provinsi")
    KABUPATEN = "kabupaten", _("Kabupaten")
    KOTA = "kota", _("Kota")


class Region(models.Model):
    """A province, kabupaten or kota, keyed by the ministry's region code (e.g. ``73.71``)."""

    code = models.CharField(_("kode"), max_length=16, unique=True)
    name = models.CharField(_("nama"), max_length=200)
    kind = models.CharField(_("jenis"), max_length=16, choices=RegionKind.choices)
    province_code = models.CharField(_("kode provinsi"), max_length=4, db_index=True)
    province_name = models.CharField(_("nama provinsi"), max_length=200)

    class Meta:
        ordering = ["code"]
        verbose_name = _("wilayah")
        verbose_name_plural = _("wilayah")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Role(models.TextChoices):
    CSCO = "csco", _("CSCO (Chief Smart City Officer)")
    CONTRIBUTOR = "contributor", _("Kontributor")
    REVIEWER = "reviewer", _("Peninjau kementerian")
    PROVINCE_REVIEWER = "province_reviewer", _("Peninjau provinsi")
    ADMIN = "admin", _("Admin kementerian")
    OBSERVER = "observer", _("Pengamat")


REGION_ROLES = frozenset({Role.CSCO, Role.CONTRIBUTOR})
MINISTRY_ROLES = frozenset({Role.REVIEWER, Role.ADMIN, Role.OBSERVER})
#: A province reviewer holds a membership on a province and verifies its kabupaten and kota for
#: the ministry (when the cycle has the province stage).
PROVINCE_ROLES = frozenset({Role.PROVINCE_REVIEWER})
#: Roles whose membership names a region (a kabupaten/kota/province, or a province).
ROLES_WITH_REGION = REGION_ROLES | PROVINCE_ROLES


class Membership(models.Model):
    """A role a person holds: in one region (CSCO, contributor), on a province (province
    reviewer) or at the ministry.

    A reviewer or observer with ``provinces`` set is limited to those provinces; empty means all.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("peran"), max_length=24, choices=Role.choices)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, null=True, blank=True, related_name="memberships"
    )
    provinces = models.JSONField(
        _("provinsi yang ditugaskan"),
        default=list,
        blank=True,
        help_text=_("Kode provinsi untuk peninjau/pengamat; kosong berarti semua."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["user_id", "role", "region_id"]
        verbose_name = _("keanggotaan")
        verbose_name_plural = _("keanggotaan")
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "region"], name="unique_membership"),
            models.CheckConstraint(
                condition=(
                    models.Q(
                        role__in=["csco", "contributor", "province_reviewer"], region__isnull=False
                    )
                    | models.Q(role__in=["reviewer", "admin", "observer"], region__isnull=True)
                ),
                name="membership_region_matches_role",
            ),
        ]

    def __str__(self) -> str:
        where = self.region.code if self.region_id and self.region else "kementerian"
        return f"{self.user} · {self.role} · {where}"
