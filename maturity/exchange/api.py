"""An assessment's answers as a workbook or CSV, and importing a filled one (API.md, Assessments).

Thin ways in: the assessment is found through the caller's scope (else 404), then
:mod:`maturity.spreadsheets` builds the file, or checks the person may import (403), reads the
upload (400 on ``file`` for a file it refuses) and previews or applies it (400 with the preview
when rows are in error, 409 with the preview when rows are stale, nothing saved either way).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils import translation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from maturity.assessments import selectors
from maturity.assessments.models import Assessment
from maturity.exchange import columns, export, services

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

LANG_PARAMETER = OpenApiParameter(
    "lang",
    str,
    enum=["id", "en"],
    description="language of headings and titles: id (default) or en",
)


def _assessment(request: Request, pk: int) -> Assessment:
    return get_object_or_404(selectors.assessments_for(request.user), pk=pk)


class ExportQueryInput(serializers.Serializer):
    lang = serializers.ChoiceField(choices=["id", "en"], required=False)


class ImportQueryInput(serializers.Serializer):
    apply = serializers.BooleanField(required=False, default=False)


class ImportInput(serializers.Serializer):
    file = serializers.FileField(help_text="XLSX (the exported workbook, filled in) or CSV")


def _language(request: Request) -> str:
    given = ExportQueryInput(data=request.query_params)
    given.is_valid(raise_exception=True)
    wanted = given.validated_data.get("lang")
    if wanted:
        return str(wanted)
    return "en" if (translation.get_language() or "id").startswith("en") else "id"


# --- Output serializers -----------------------------------------------------------------------


class ImportFileOutput(serializers.Serializer):
    name = serializers.CharField()
    format = serializers.ChoiceField(choices=[columns.XLSX, columns.CSV])
    sha256 = serializers.CharField()
    rows = serializers.IntegerField()


class CellProblemOutput(serializers.Serializer):
    row = serializers.IntegerField()
    column = serializers.CharField(allow_null=True, help_text="spreadsheet column letter")
    field = serializers.CharField()
    message = serializers.CharField()


class ImportRowOutput(serializers.Serializer):
    row = serializers.IntegerField()
    indicator = serializers.CharField()
    outcome = serializers.ChoiceField(choices=services.OUTCOMES)
    changes = serializers.ListField(child=serializers.CharField())
    before = serializers.JSONField(allow_null=True)
    after = serializers.JSONField(allow_null=True)
    errors = CellProblemOutput(many=True)


class ImportConflictOutput(serializers.Serializer):
    row = serializers.IntegerField()
    indicator = serializers.CharField()
    version = serializers.IntegerField(allow_null=True)
    current = serializers.JSONField(allow_null=True)
    uploaded = serializers.JSONField(allow_null=True)


class ImportSummaryOutput(serializers.Serializer):
    new = serializers.IntegerField()
    changed = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    blank = serializers.IntegerField()
    conflict = serializers.IntegerField()
    error = serializers.IntegerField()


class ImportPreviewOutput(serializers.Serializer):
    assessment = serializers.IntegerField()
    file = ImportFileOutput()
    editable = serializers.BooleanField()
    can_apply = serializers.BooleanField()
    applied = serializers.BooleanField()
    change_set = serializers.UUIDField(allow_null=True)
    summary = ImportSummaryOutput()
    rows = ImportRowOutput(many=True)
    errors = CellProblemOutput(many=True)
    conflicts = ImportConflictOutput(many=True)


# --- Views ----------------------------------------------------------------------------------------


def _attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


class AnswersWorkbookView(APIView):
    """The answers workbook of an assessment, to fill in offline (anyone who may read it)."""

    @extend_schema(parameters=[LANG_PARAMETER], responses={(200, XLSX_TYPE): bytes})
    def get(self, request: Request, pk: int) -> HttpResponse:
        assessment = _assessment(request, pk)
        language = _language(request)
        content = export.build_answers_workbook(assessment, language)
        return _attachment(content, XLSX_TYPE, export.export_filename(assessment, "xlsx"))


class AnswersCsvView(APIView):
    """The same rows as CSV (UTF-8 with a BOM; headings are the column keys)."""

    @extend_schema(parameters=[LANG_PARAMETER], responses={(200, "text/csv"): bytes})
    def get(self, request: Request, pk: int) -> HttpResponse:
        assessment = _assessment(request, pk)
        language = _language(request)
        content = export.build_answers_csv(assessment, language)
        return _attachment(
            content, "text/csv; charset=utf-8", export.export_filename(assessment, "csv")
        )


class AnswerImportView(APIView):
    """Upload a filled workbook or CSV: a preview of what would change; ``?apply=1`` saves it."""

    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        request={"multipart/form-data": ImportInput},
        parameters=[OpenApiParameter("apply", bool, description="1: save what the preview shows")],
        responses={
            200: ImportPreviewOutput,
            400: OpenApiResponse(
                response=OpenApiTypes.OBJECT,
                description='A refused file: {"file": [message, ...]}; or, with ?apply=1, rows '
                'in error: the preview (as 200) with "detail". Nothing saved.',
            ),
            409: OpenApiResponse(
                response=OpenApiTypes.OBJECT,
                description='Not editable: {"detail"}; or, with ?apply=1, stale rows: the '
                'preview (as 200) with "detail" and "conflicts". Nothing saved.',
            ),
        },
    )
    def post(self, request: Request, pk: int) -> Response:
        assessment = _assessment(request, pk)
        query = ImportQueryInput(data=request.query_params)
        query.is_valid(raise_exception=True)
        # Before the body is parsed: a role that may not import gets 403 whatever it sent.
        services.check_may_import(user=request.user, assessment=assessment)
        upload: Any = request.FILES.get("file")
        if query.validated_data["apply"]:
            preview = services.apply_upload(user=request.user, assessment=assessment, upload=upload)
        else:
            preview = services.preview_upload(
                user=request.user, assessment=assessment, upload=upload
            )
        return Response(ImportPreviewOutput(preview.to_dict()).data)


urlpatterns = [
    path(
        "assessments/<int:pk>/answers.xlsx",
        AnswersWorkbookView.as_view(),
        name="api-answers-xlsx",
    ),
    path("assessments/<int:pk>/answers.csv", AnswersCsvView.as_view(), name="api-answers-csv"),
    path(
        "assessments/<int:pk>/answers/import/",
        AnswerImportView.as_view(),
        name="api-answer-import",
    ),
]
