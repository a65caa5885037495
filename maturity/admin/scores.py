"""Admin of score snapshots (read-only: workers write them)."""

from __future__ import annotations

from django.contrib import admin

from maturity.admin.common import ReadOnlyAdminMixin
from maturity.scores.models import ScoreSnapshot


@admin.register(ScoreSnapshot)
class ScoreSnapshotAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = (
        "assessment",
        "track",
        "provisional",
        "index",
        "level",
        "completeness",
        "framework_version",
        "computed_at",
    )
    list_filter = ("track", "provisional", "level")
    search_fields = ("assessment__region__name", "inputs_hash")
    list_select_related = ("assessment__region", "assessment__cycle")
