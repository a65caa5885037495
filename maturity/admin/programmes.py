"""Admin of the programmes registry and its files."""

from __future__ import annotations

from django.contrib import admin

from maturity.admin.common import ReadOnlyAdminMixin
from maturity.programmes.models import Programme, ProgrammeFile

# --- Programmes -----------------------------------------------------------------------------------


class ProgrammeFileInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = ProgrammeFile
    extra = 0
    # Like evidence, the file itself is not linked from the admin.
    fields = ("name", "size", "sha256", "content_type", "uploaded_by", "uploaded_at")
    readonly_fields = fields


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ("name", "region", "element_code", "status", "launch_year", "shared")
    list_filter = ("status", "element_code", "shared")
    search_fields = ("name", "agency", "region__name", "region__code")
    list_select_related = ("region",)
    raw_id_fields = ("region",)
    readonly_fields = ("created_by", "created_at", "updated_at")
    inlines = (ProgrammeFileInline,)
