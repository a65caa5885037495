"""Admin of assessment cycles, with the action that rescores a cycle on the workers."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from cities import access
from maturity.cycles.models import AssessmentCycle
from maturity.frameworks.models import Framework, FrameworkStatus
from maturity.scores import tasks

# --- Cycles and assessments -----------------------------------------------------------------------


@admin.register(AssessmentCycle)
class AssessmentCycleAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "year",
        "framework",
        "opens_on",
        "closes_on",
        "status",
        "province_review",
    )
    list_filter = ("status", "year", "framework")
    search_fields = ("name",)
    list_select_related = ("framework",)
    date_hierarchy = "opens_on"
    actions = ("rescore_selected",)

    @admin.action(description=_("Hitung ulang skor semua penilaian"))
    def rescore_selected(self, request: HttpRequest, queryset: QuerySet[AssessmentCycle]) -> None:
        """One scoring task per assessment to the workers (``manage.py score_cycle --force``)."""
        if not access.can(request.user, access.MANAGE_CYCLES):
            raise PermissionDenied
        sent = sum(
            len(tasks.enqueue_cycle_scoring(cycle_id=cycle.pk, force=True)) for cycle in queryset
        )
        self.message_user(
            request,
            _("%(count)s penilaian dikirim ke worker untuk dihitung ulang.") % {"count": sent},
            messages.SUCCESS,
        )

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        # Assessments are answered against the cycle's framework: it never changes afterwards.
        return ("framework", "created_at") if obj is not None else ("created_at",)

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "framework":
            kwargs["queryset"] = Framework.objects.filter(status=FrameworkStatus.PUBLISHED)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
