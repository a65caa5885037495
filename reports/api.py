"""The reports API (API.md, Reports): ask for a PDF, follow its job, download it.

Views are thin: they narrow querysets through the access policy, parse input, call one service and
present the job.
"""

from __future__ import annotations

from typing import Any

from django.http import FileResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import APIException
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from cities import access, errors
from maturity.assessments import selectors as assessments_selectors
from maturity.assessments.models import Assessment
from maturity.cycles.models import AssessmentCycle
from maturity.verification import activities_selectors
from reports import selectors, services
from reports.models import Report, ReportLanguage, ReportStatus


class ReportRequestInput(serializers.Serializer):
    language = serializers.ChoiceField(
        choices=ReportLanguage.choices,
        default=ReportLanguage.ID,
        error_messages={
            "invalid_choice": gettext_lazy('Bahasa harus "id" atau "en".'),
        },
    )


class RegionReportRequestInput(ReportRequestInput):
    lens = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=50,
        help_text="A lens of the assessment's framework for the report to lead with, e.g. ASCN.",
    )


class ReportRequestedOutput(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.CharField()
    progress = serializers.IntegerField()
    url = serializers.CharField()


class ReportStatusOutput(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    language = serializers.CharField()
    status = serializers.CharField()
    progress = serializers.IntegerField()
    error = serializers.CharField(allow_blank=True)
    download_url = serializers.CharField(allow_null=True)
    sha256 = serializers.CharField(allow_blank=True)
    size = serializers.IntegerField(allow_null=True)
    report_id = serializers.CharField(allow_blank=True)
    verify_url = serializers.CharField(allow_null=True)
    file_name = serializers.CharField(allow_blank=True)
    created_at = serializers.DateTimeField()
    finished_at = serializers.DateTimeField(allow_null=True)
    file_removed_at = serializers.DateTimeField(allow_null=True)


class Gone(APIException):
    status_code = status.HTTP_410_GONE
    default_detail = gettext_lazy(
        "Berkas laporan ini sudah dihapus setelah masa simpannya; minta laporan lagi."
    )
    default_code = "gone"


REQUESTED_RESPONSES = {
    200: OpenApiResponse(
        ReportRequestedOutput,
        description="The same report is already done",
    ),
    202: OpenApiResponse(ReportRequestedOutput, description="Queued"),
}


def _absolute(request: Request, name: str, pk: int) -> str:
    return request.build_absolute_uri(reverse(name, args=[pk]))


def _requested(request: Request, requested: services.Requested) -> Response:
    report = Report.objects.get(pk=requested.report.pk)  # the state after on_commit work
    data = ReportRequestedOutput(
        {
            "id": report.pk,
            "status": report.status,
            "progress": report.progress,
            "url": _absolute(request, "api-report-detail", report.pk),
        }
    ).data
    code = status.HTTP_200_OK if report.status == ReportStatus.DONE else status.HTTP_202_ACCEPTED
    return Response(data, status=code)


class AssessmentReportsView(APIView):
    """`POST /api/v1/assessments/{id}/reports/`: anyone who may read the assessment."""

    @extend_schema(request=RegionReportRequestInput, responses=REQUESTED_RESPONSES)
    def post(self, request: Request, pk: int) -> Response:
        assessments = access.scope(request.user, Assessment.objects.all(), "region")
        assessment = get_object_or_404(
            assessments.select_related("region", "cycle__framework"), pk=pk
        )
        payload = RegionReportRequestInput(data=request.data)
        payload.is_valid(raise_exception=True)
        requested = services.request_region_report(
            user=request.user,
            assessment=assessment,
            language=payload.validated_data["language"],
            lens=payload.validated_data.get("lens") or "",
        )
        return _requested(request, requested)


class CycleReportsView(APIView):
    """`POST /api/v1/cycles/{id}/reports/`: the national summary (reviewer, admin, observer)."""

    @extend_schema(request=ReportRequestInput, responses=REQUESTED_RESPONSES)
    def post(self, request: Request, pk: int) -> Response:
        cycle = get_object_or_404(AssessmentCycle.objects.select_related("framework"), pk=pk)
        if not access.may_read_national(request.user):
            raise errors.Forbidden(
                _("Ringkasan nasional hanya untuk peninjau, admin dan pengamat kementerian."),
                code="national_only",
            )
        payload = ReportRequestInput(data=request.data)
        payload.is_valid(raise_exception=True)
        requested = services.request_national_report(
            user=request.user, cycle=cycle, language=payload.validated_data["language"]
        )
        return _requested(request, requested)


class ActivityMinutesView(APIView):
    """`POST /api/v1/assessments/{id}/activities/{aid}/minutes/`: the minutes (berita acara) of a
    recorded verification activity, for reviewers of the assessment."""

    @extend_schema(request=ReportRequestInput, responses=REQUESTED_RESPONSES)
    def post(self, request: Request, pk: int, aid: int) -> Response:
        assessment = get_object_or_404(assessments_selectors.assessments_for(request.user), pk=pk)
        activity = get_object_or_404(activities_selectors.activities_of(assessment), pk=aid)
        payload = ReportRequestInput(data=request.data)
        payload.is_valid(raise_exception=True)
        requested = services.request_minutes(
            user=request.user, activity=activity, language=payload.validated_data["language"]
        )
        return _requested(request, requested)


def _visible_report(request: Request, pk: int) -> Report:
    return get_object_or_404(selectors.reports_visible_to(request.user), pk=pk)


class ReportDetailView(APIView):
    """`GET /api/v1/reports/{id}/`: the job's state, for whoever may see the report."""

    @extend_schema(responses=ReportStatusOutput)
    def get(self, request: Request, pk: int) -> Response:
        report = _visible_report(request, pk)
        available = report.status == ReportStatus.DONE and not report.file_removed_at
        data: dict[str, Any] = {
            "id": report.pk,
            "kind": report.kind,
            "language": report.language,
            "status": report.status,
            "progress": report.progress,
            "error": selectors.failure_text(report),
            "download_url": _absolute(request, "api-report-download", report.pk)
            if available
            else None,
            "sha256": report.sha256,
            "size": report.size,
            "report_id": report.report_id if report.status == ReportStatus.DONE else "",
            "verify_url": selectors.verify_url(report.report_id)
            if report.status == ReportStatus.DONE
            else None,
            "file_name": report.file_name,
            "created_at": report.created_at,
            "finished_at": report.finished_at,
            "file_removed_at": report.file_removed_at,
        }
        return Response(ReportStatusOutput(data).data)


class ReportDownloadView(APIView):
    """`GET /api/v1/reports/{id}/download/`: the PDF, with a readable file name."""

    @extend_schema(
        responses={
            (200, "application/pdf"): OpenApiTypes.BINARY,
            409: OpenApiResponse(description="The report is not ready"),
            410: OpenApiResponse(description="The file was removed"),
        }
    )
    def get(self, request: Request, pk: int) -> FileResponse:
        report = _visible_report(request, pk)
        if report.status != ReportStatus.DONE:
            raise errors.Conflict(
                _("Laporan belum selesai (status: %(status)s).") % {"status": report.status},
                code="report_not_ready",
            )
        if report.file_removed_at or not report.file:
            raise Gone()
        try:
            handle = report.file.open("rb")
        except FileNotFoundError:
            raise Gone()
        return FileResponse(
            handle, as_attachment=True, filename=report.file_name, content_type="application/pdf"
        )
