"""The Django admin of the reports app: report jobs (read-only, with "ask again"), and batch
rendering of a cycle's reports (one job per assessment, plus the national summary)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from cities import access
from maturity.cycles.models import AssessmentCycle
from reports import services
from reports.models import CycleReports, Report, ReportKind
from reports.selectors import reports_visible_to


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = (
        "id",
        "kind",
        "subject",
        "cycle",
        "language",
        "status",
        "progress",
        "attempts",
        "created_at",
        "finished_at",
        "report_id",
    )
    list_filter = ("status", "kind", "language", "cycle")
    search_fields = ("report_id", "assessment__region__name", "assessment__region__code")
    list_select_related = ("assessment__region", "cycle")
    ordering = ("-created_at", "-id")
    actions = ("ask_again",)
    # Jobs change only through the pipeline; the file is private and never linked from here.
    readonly_fields = tuple(
        f.name for f in Report._meta.get_fields() if f.concrete and f.name != "file"
    )
    exclude = ("file",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_queryset(self, request: HttpRequest) -> QuerySet[Report]:
        return reports_visible_to(request.user).select_related("assessment__region", "cycle")

    @admin.display(description=_("wilayah"))
    def subject(self, obj: Report) -> str:
        return obj.assessment.region.name if obj.assessment else str(_("Nasional"))

    @admin.action(description=_("Minta laporan yang dipilih lagi (render ulang bila berubah)"))
    def ask_again(self, request: HttpRequest, queryset: QuerySet[Report]) -> None:
        count = 0
        for report in queryset.select_related("assessment__region", "assessment__cycle", "cycle"):
            if report.kind == ReportKind.REGION and report.assessment is not None:
                services.request_region_report(
                    user=request.user, assessment=report.assessment, language=report.language
                )
            elif access.may_read_national(request.user):
                services.request_national_report(
                    user=request.user, cycle=report.cycle, language=report.language
                )
            else:
                continue
            count += 1
        self.message_user(request, _("%(n)d laporan diminta.") % {"n": count}, messages.SUCCESS)


def _batch(
    modeladmin: admin.ModelAdmin,
    request: HttpRequest,
    queryset: QuerySet[Any],
    language: str,
    national: bool,
) -> None:
    if not access.may_read_national(request.user):
        modeladmin.message_user(
            request, _("Hanya peninjau, admin dan pengamat kementerian."), messages.ERROR
        )
        return
    jobs = 0
    for cycle in queryset:
        try:
            if national:
                services.request_national_report(user=request.user, cycle=cycle, language=language)
                jobs += 1
            else:
                jobs += len(
                    services.request_cycle_region_reports(
                        user=request.user, cycle=cycle, language=language
                    )
                )
        except ValidationError as error:
            modeladmin.message_user(request, "; ".join(error.messages), messages.ERROR)
            return
    modeladmin.message_user(
        request,
        _("%(n)d pekerjaan laporan diminta; kemajuannya tampak di daftar Laporan.") % {"n": jobs},
        messages.SUCCESS,
    )


@admin.register(CycleReports)
class CycleReportsAdmin(admin.ModelAdmin):
    """Cycles, for batch rendering: every region's report, or the national summary."""

    list_display = ("name", "year", "framework", "status", "assessments", "reports")
    ordering = ("-year", "name")
    actions = ("region_reports_id", "region_reports_en", "national_id", "national_en")

    def get_queryset(self, request: HttpRequest) -> QuerySet[AssessmentCycle]:
        return (
            super()
            .get_queryset(request)
            .select_related("framework")
            .annotate(
                assessment_count=Count("assessments", distinct=True),
                report_count=Count("reports", distinct=True),
            )
        )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.display(description=_("penilaian"))
    def assessments(self, obj: Any) -> int:
        return int(obj.assessment_count)

    @admin.display(description=_("laporan"))
    def reports(self, obj: Any) -> int:
        return int(obj.report_count)

    @admin.action(description=_("Buat laporan semua wilayah (Bahasa Indonesia)"))
    def region_reports_id(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        _batch(self, request, queryset, "id", national=False)

    @admin.action(description=_("Buat laporan semua wilayah (English)"))
    def region_reports_en(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        _batch(self, request, queryset, "en", national=False)

    @admin.action(description=_("Buat ringkasan nasional (Bahasa Indonesia)"))
    def national_id(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        _batch(self, request, queryset, "id", national=True)

    @admin.action(description=_("Buat ringkasan nasional (English)"))
    def national_en(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        _batch(self, request, queryset, "en", national=True)
