"""Scores over HTTP (API.md "Scores"): one assessment's score, and a cycle's scores as a list,
CSV or XLSX. Everything is read from score snapshots that workers wrote; nothing is computed on
read, so a response says ``"status": "pending"`` until the snapshots reflect the current inputs.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import Any

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.text import slugify
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from cities import access
from cities.api.pagination import StandardPagination
from cities.models import RegionKind
from maturity.assessments.models import Assessment, AssessmentStatus
from maturity.cycles.models import AssessmentCycle
from maturity.scores import selectors

FILE_FORMATS = ("csv", "xlsx")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

LANG_PARAMETER = OpenApiParameter(
    "lang", str, enum=["id", "en"], description="language of names: id (default) or en"
)


# --- Input serializers ----------------------------------------------------------------------------


class ScoreQueryInput(serializers.Serializer):
    lang = serializers.ChoiceField(choices=["id", "en"], required=False, default="id")


class CycleScoresQueryInput(ScoreQueryInput):
    format = serializers.ChoiceField(choices=["json", "api", *FILE_FORMATS], required=False)
    province = serializers.RegexField(r"^\d{2}$", required=False)
    kind = serializers.ChoiceField(choices=RegionKind.choices, required=False)
    status = serializers.ChoiceField(choices=AssessmentStatus.choices, required=False)
    level = serializers.IntegerField(min_value=1, max_value=5, required=False)
    verified_level = serializers.IntegerField(min_value=1, max_value=5, required=False)


def _query(request: Request, serializer_class: type[serializers.Serializer]) -> dict[str, Any]:
    given = serializer_class(data=request.query_params)
    given.is_valid(raise_exception=True)
    return dict(given.validated_data)


# --- Output serializers ---------------------------------------------------------------------------


class ElementScoreOutput(serializers.Serializer):
    code = serializers.CharField()
    title = serializers.CharField()
    score = serializers.CharField(allow_null=True)


class ThemeScoreOutput(ElementScoreOutput):
    element = serializers.CharField()


class IndicatorLevelOutput(serializers.Serializer):
    code = serializers.CharField()
    title = serializers.CharField()
    theme = serializers.CharField()
    level = serializers.IntegerField(allow_null=True)


class LensGroupScoreOutput(serializers.Serializer):
    code = serializers.CharField()
    title = serializers.CharField()
    score = serializers.CharField(allow_null=True)


class LensScoreOutput(serializers.Serializer):
    code = serializers.CharField()
    title = serializers.CharField()
    index = serializers.CharField(allow_null=True)
    groups = LensGroupScoreOutput(many=True)


class TrackOutput(serializers.Serializer):
    index = serializers.CharField(allow_null=True)
    level = serializers.IntegerField(allow_null=True)
    level_name = serializers.CharField(allow_null=True)
    elements = ElementScoreOutput(many=True)
    themes = ThemeScoreOutput(many=True)
    indicators = IndicatorLevelOutput(many=True)
    lenses = LensScoreOutput(
        many=True, help_text="The version's lenses, scored from the same levels; [] without."
    )


class GapItemOutput(serializers.Serializer):
    code = serializers.CharField()
    score = serializers.CharField(allow_null=True)


class GapOutput(serializers.Serializer):
    index = serializers.CharField(allow_null=True)
    elements = GapItemOutput(many=True)
    themes = GapItemOutput(many=True)


class ScoreOutput(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=[selectors.READY, selectors.PENDING, selectors.NOT_SUBMITTED]
    )
    computed_at = serializers.DateTimeField(allow_null=True)
    completeness = serializers.CharField()
    framework_version = serializers.CharField()
    self = TrackOutput(allow_null=True)
    verified = TrackOutput(allow_null=True)
    verified_at = serializers.DateTimeField(allow_null=True)
    gap = GapOutput(allow_null=True)
    scoring_failure = serializers.CharField(allow_null=True)


class CycleElementOutput(serializers.Serializer):
    code = serializers.CharField()
    title = serializers.CharField()
    self = serializers.CharField(allow_null=True)
    verified = serializers.CharField(allow_null=True)


class CycleLensGroupOutput(serializers.Serializer):
    code = serializers.CharField()
    title = serializers.CharField()
    self = serializers.CharField(allow_null=True)
    verified = serializers.CharField(allow_null=True)


class CycleLensOutput(CycleLensGroupOutput):
    groups = CycleLensGroupOutput(many=True)


class CycleScoreRowOutput(serializers.Serializer):
    assessment = serializers.IntegerField()
    region = serializers.CharField()
    region_name = serializers.CharField()
    province = serializers.CharField()
    province_name = serializers.CharField()
    kind = serializers.CharField()
    status = serializers.CharField()
    score_status = serializers.CharField()
    completeness = serializers.CharField()
    framework_version = serializers.CharField()
    computed_at = serializers.DateTimeField(allow_null=True)
    self_index = serializers.CharField(allow_null=True)
    self_level = serializers.IntegerField(allow_null=True)
    self_level_name = serializers.CharField(allow_null=True)
    verified_index = serializers.CharField(allow_null=True)
    verified_level = serializers.IntegerField(allow_null=True)
    verified_level_name = serializers.CharField(allow_null=True)
    gap_index = serializers.CharField(allow_null=True)
    rank_national = serializers.IntegerField(
        allow_null=True, help_text="Among the cycle's approved assessments of its kind group."
    )
    rank_province = serializers.IntegerField(
        allow_null=True, help_text="Among the approved kabupaten and kota of its province."
    )
    previous_index = serializers.CharField(
        allow_null=True, help_text="The region's previous cycle, on the compared track."
    )
    change = serializers.CharField(
        allow_null=True, help_text="Verified where both cycles are approved, else self."
    )
    elements = CycleElementOutput(many=True)
    lenses = CycleLensOutput(many=True, help_text="Each lens of the version: index and groups.")


class CycleScoresPageOutput(serializers.Serializer):
    """The paginated list (API.md Conventions), for the schema."""

    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = CycleScoreRowOutput(many=True)


# --- Views ----------------------------------------------------------------------------------------


class AssessmentScoreView(APIView):
    """The self and verified scores of one assessment, from its latest snapshots."""

    @extend_schema(parameters=[LANG_PARAMETER], responses={200: ScoreOutput})
    def get(self, request: Request, pk: int) -> Response:
        query = _query(request, ScoreQueryInput)
        visible = access.scope(
            request.user, Assessment.objects.select_related("cycle__framework", "region")
        )
        assessment = get_object_or_404(visible, pk=pk)
        payload = selectors.score_payload(assessment, query["lang"])
        # Why the latest scoring failed, while the score lags (a ready score needs no excuse).
        payload["scoring_failure"] = (
            selectors.scoring_failure(assessment)
            if payload["status"] == selectors.PENDING
            else None
        )
        return Response(ScoreOutput(payload).data)


class FileFormatNegotiation(DefaultContentNegotiation):
    """``?format=csv|xlsx`` asks the view for a file, not DRF for a renderer; errors stay JSON."""

    def select_renderer(self, request, renderers, format_suffix=None):  # type: ignore[no-untyped-def]
        wanted = format_suffix or request.query_params.get(self.settings.URL_FORMAT_OVERRIDE)
        known = {renderer.format for renderer in renderers}
        if wanted and wanted not in known:
            return renderers[0], renderers[0].media_type
        return super().select_renderer(request, renderers, format_suffix)


class CycleScoresView(APIView):
    """Every assessment of a cycle with its scores: ministry reviewers, admins and observers."""

    content_negotiation_class = FileFormatNegotiation

    @extend_schema(
        parameters=[
            LANG_PARAMETER,
            OpenApiParameter("format", str, enum=["json", *FILE_FORMATS]),
            OpenApiParameter("province", str, description="province code"),
            OpenApiParameter("kind", str, enum=list(RegionKind.values)),
            OpenApiParameter("status", str, enum=list(AssessmentStatus.values)),
            OpenApiParameter("level", int, description="self level 1-5"),
            OpenApiParameter("verified_level", int, description="verified level 1-5"),
        ],
        responses={
            (200, "application/json"): CycleScoresPageOutput,
            (200, "text/csv"): bytes,
            (200, XLSX_TYPE): bytes,
        },
    )
    def get(self, request: Request, pk: int) -> Response | HttpResponse:
        if not access.can(request.user, access.READ_NATIONAL):
            raise PermissionDenied(_("Peran Anda tidak mengizinkan melihat skor nasional."))
        query = _query(request, CycleScoresQueryInput)
        cycle = get_object_or_404(AssessmentCycle.objects.select_related("framework"), pk=pk)
        assessments = selectors.filter_cycle_assessments(
            access.scope(request.user, Assessment.objects.filter(cycle=cycle)),
            province=query.get("province"),
            kind=query.get("kind"),
            status=query.get("status"),
            level=query.get("level"),
            verified_level=query.get("verified_level"),
        )
        language = query["lang"]
        file_format = query.get("format")
        if file_format in FILE_FORMATS:
            rows = selectors.cycle_score_rows(
                list(assessments),
                framework=cycle.framework,
                language=language,
                with_indicators=file_format == "xlsx",
            )
            if file_format == "csv":
                return _csv_response(cycle, rows)
            return _xlsx_response(cycle, rows, language)
        paginator = StandardPagination()
        page = paginator.paginate_queryset(assessments, request, view=self)
        rows = selectors.cycle_score_rows(page or [], framework=cycle.framework, language=language)
        return paginator.get_paginated_response(CycleScoreRowOutput(rows, many=True).data)


# --- Files ----------------------------------------------------------------------------------------

ROW_COLUMNS = (
    "region",
    "region_name",
    "province",
    "province_name",
    "kind",
    "status",
    "score_status",
    "completeness",
    "self_index",
    "self_level",
    "self_level_name",
    "verified_index",
    "verified_level",
    "verified_level_name",
    "gap_index",
    "rank_national",
    "rank_province",
    "previous_index",
    "change",
    "framework_version",
)

HEADINGS = {
    "region": ("Kode wilayah", "Region code"),
    "region_name": ("Wilayah", "Region"),
    "province": ("Kode provinsi", "Province code"),
    "province_name": ("Provinsi", "Province"),
    "kind": ("Jenis", "Kind"),
    "status": ("Status", "Status"),
    "score_status": ("Status skor", "Score status"),
    "completeness": ("Kelengkapan (%)", "Completeness (%)"),
    "self_index": ("Indeks mandiri", "Self index"),
    "self_level": ("Tingkat mandiri", "Self level"),
    "self_level_name": ("Nama tingkat mandiri", "Self level name"),
    "verified_index": ("Indeks terverifikasi", "Verified index"),
    "verified_level": ("Tingkat terverifikasi", "Verified level"),
    "verified_level_name": ("Nama tingkat terverifikasi", "Verified level name"),
    "gap_index": ("Selisih indeks", "Index gap"),
    "rank_national": ("Peringkat nasional", "National rank"),
    "rank_province": ("Peringkat di provinsi", "Rank in province"),
    "previous_index": ("Indeks siklus sebelumnya", "Previous cycle's index"),
    "change": ("Perubahan indeks", "Index change"),
    "framework_version": ("Versi kerangka", "Framework version"),
    "indicator": ("Kode indikator", "Indicator code"),
    "indicator_title": ("Indikator", "Indicator"),
    "self": ("mandiri", "self"),
    "verified": ("terverifikasi", "verified"),
}
NUMBER_COLUMNS = {
    "completeness",
    "self_index",
    "verified_index",
    "gap_index",
    "previous_index",
    "change",
}


def _heading(key: str, language: str) -> str:
    id_text, en_text = HEADINGS[key]
    return en_text if language == "en" else id_text


def _filename(cycle: AssessmentCycle, extension: str) -> str:
    return f"skor-{slugify(cycle.name) or cycle.pk}.{extension}"


def _attachment(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _element_codes(rows: list[dict[str, Any]]) -> list[str]:
    return [element["code"] for element in rows[0]["elements"]] if rows else []


def _csv_response(cycle: AssessmentCycle, rows: list[dict[str, Any]]) -> HttpResponse:
    """The rows as CSV with stable, machine-readable column names (the JSON keys)."""
    codes = _element_codes(rows)
    groups = _lens_group_codes(rows)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(
        [
            *ROW_COLUMNS,
            *(f"self_{c}" for c in codes),
            *(f"verified_{c}" for c in codes),
            *(f"self_{c}" for c in groups),
            *(f"verified_{c}" for c in groups),
        ]
    )
    for row in rows:
        elements = row["elements"]
        lens_groups = _lens_groups(row)
        writer.writerow(
            [
                *("" if row[key] is None else row[key] for key in ROW_COLUMNS),
                *("" if e["self"] is None else e["self"] for e in elements),
                *("" if e["verified"] is None else e["verified"] for e in elements),
                *("" if g["self"] is None else g["self"] for g in lens_groups),
                *("" if g["verified"] is None else g["verified"] for g in lens_groups),
            ]
        )
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    return _attachment(response, _filename(cycle, "csv"))


def _lens_groups(row: dict[str, Any]) -> list[dict[str, Any]]:
    return [group for lens in row.get("lenses", ()) for group in lens["groups"]]


def _lens_group_codes(rows: list[dict[str, Any]]) -> list[str]:
    """``ASCN_CS``-style names of every lens group, one column each per track."""
    if not rows:
        return []
    return [
        f"{lens['code']}_{g['code']}" for lens in rows[0].get("lenses", ()) for g in lens["groups"]
    ]


def _cell(key: str, value: Any) -> Any:
    if value is None:
        return None
    if key in NUMBER_COLUMNS:
        return Decimal(value)
    return value


def _xlsx_response(
    cycle: AssessmentCycle, rows: list[dict[str, Any]], language: str
) -> HttpResponse:
    """Two sheets: "indeks" (a row per region: index, level and element scores) and
    "indikator" (a row per region and indicator: its self and verified level)."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    index_sheet = workbook.create_sheet("indeks")
    elements = rows[0]["elements"] if rows else []
    groups = _lens_groups(rows[0]) if rows else []
    codes = _lens_group_codes(rows)
    index_sheet.append(
        [
            *(_heading(key, language) for key in ROW_COLUMNS),
            *(f"{e['code']} {e['title']} ({_heading('self', language)})" for e in elements),
            *(f"{e['code']} {e['title']} ({_heading('verified', language)})" for e in elements),
            *(
                f"{c} {g['title']} ({_heading('self', language)})"
                for c, g in zip(codes, groups, strict=True)
            ),
            *(
                f"{c} {g['title']} ({_heading('verified', language)})"
                for c, g in zip(codes, groups, strict=True)
            ),
        ]
    )
    for row in rows:
        lens_groups = _lens_groups(row)
        index_sheet.append(
            [
                *(_cell(key, row[key]) for key in ROW_COLUMNS),
                *(_cell("self_index", e["self"]) for e in row["elements"]),
                *(_cell("verified_index", e["verified"]) for e in row["elements"]),
                *(_cell("self_index", g["self"]) for g in lens_groups),
                *(_cell("verified_index", g["verified"]) for g in lens_groups),
            ]
        )
    indicator_sheet = workbook.create_sheet("indikator")
    indicator_sheet.append(
        [
            _heading("region", language),
            _heading("region_name", language),
            _heading("province_name", language),
            _heading("status", language),
            _heading("indicator", language),
            _heading("indicator_title", language),
            _heading("self_level", language),
            _heading("verified_level", language),
        ]
    )
    for row in rows:
        for indicator in row.get("indicators", ()):
            indicator_sheet.append(
                [
                    row["region"],
                    row["region_name"],
                    row["province_name"],
                    row["status"],
                    indicator["code"],
                    indicator["title"],
                    indicator["self"],
                    indicator["verified"],
                ]
            )
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    return _attachment(response, _filename(cycle, "xlsx"))


urlpatterns = [
    path("assessments/<int:pk>/score/", AssessmentScoreView.as_view(), name="assessment-score"),
    path("cycles/<int:pk>/scores/", CycleScoresView.as_view(), name="cycle-scores"),
]
