"""Admin of assessments, answers, reviews, evidence and history: read-only records of the regions'
work.
"""

from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from maturity.admin.common import ReadOnlyAdminMixin
from maturity.assessments.models import Answer, Assessment, Evidence, HistoryEntry, Review


class HistoryEntryInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = HistoryEntry
    extra = 0
    fields = ("at", "actor", "action", "indicator_code", "before", "after", "comment")
    readonly_fields = fields
    ordering = ("at", "id")

    def get_queryset(self, request: HttpRequest) -> QuerySet[HistoryEntry]:
        return super().get_queryset(request).select_related("actor")


@admin.register(Assessment)
class AssessmentAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = (
        "region",
        "cycle",
        "status",
        "completeness",
        "submitted_at",
        "approved_at",
        "updated_at",
    )
    list_filter = ("status", "cycle", "region__kind", "region__province_name")
    search_fields = ("region__name", "region__code")
    list_select_related = ("region", "cycle")
    inlines = (HistoryEntryInline,)


@admin.register(Answer)
class AnswerAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = (
        "assessment",
        "indicator",
        "status",
        "value_decimal",
        "value_level",
        "value_bool",
        "quality",
        "version",
        "updated_at",
    )
    list_filter = ("status", "quality", "assessment__cycle")
    search_fields = ("indicator__code", "assessment__region__name", "assessment__region__code")
    list_select_related = ("assessment__region", "assessment__cycle", "indicator")


@admin.register(Review)
class ReviewAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("assessment", "indicator", "verified_level", "not_applicable", "reviewer")
    list_filter = ("not_applicable", "assessment__cycle")
    search_fields = ("indicator__code", "assessment__region__name")
    list_select_related = ("assessment__region", "assessment__cycle", "indicator", "reviewer")


@admin.register(Evidence)
class EvidenceAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    # The file itself is left out: evidence is downloaded through the scoped API only.
    fields = (
        "assessment",
        "indicator",
        "programme",
        "name",
        "size",
        "sha256",
        "content_type",
        "uploaded_by",
        "uploaded_at",
    )
    list_display = ("name", "assessment", "indicator", "size", "content_type", "uploaded_at")
    list_filter = ("content_type", "assessment__cycle")
    search_fields = ("name", "sha256", "indicator__code", "assessment__region__name")
    list_select_related = ("assessment__region", "assessment__cycle", "indicator")


@admin.register(HistoryEntry)
class HistoryEntryAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("at", "assessment", "action", "indicator_code", "actor")
    list_filter = ("action",)
    search_fields = ("indicator_code", "assessment__region__name", "comment")
    list_select_related = ("assessment__region", "assessment__cycle", "actor")
    date_hierarchy = "at"
