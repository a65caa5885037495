"""The smart-city programmes registry over HTTP, and citing a programme as an assessment's evidence.

| method, path | who |
|---|---|
| ``GET /api/v1/programmes/?element=&indicator=&province=&kind=&status=&region=&q=`` | signed in |
| ``POST /api/v1/programmes/`` | CSCO, contributor of the region |
| ``GET, PUT, PATCH, DELETE /api/v1/programmes/{id}/`` | read: who sees it; write: its region |
| ``GET, POST /api/v1/programmes/{id}/files/`` | read: who sees it; upload: its region |
| ``DELETE /api/v1/programmes/{id}/files/{fid}/`` | its region |
| ``GET /api/v1/programmes/{id}/files/{fid}/download/`` | who sees it |
| ``POST /api/v1/assessments/{id}/citations/`` ``{"indicator","programme"}`` | CSCO, contributor |

Reads go through :func:`maturity.programmes.programmes_for` (shared, or the caller's scope);
writes look the programme up through :func:`maturity.programmes.programmes_in_scope`, so another
region's programme is a 404 even when shared. Rules live in :mod:`maturity.programmes`.
"""

from __future__ import annotations

from typing import Any

from django.http import FileResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from cities.api.pagination import StandardPagination
from cities.models import Region
from maturity.assessments import downloads
from maturity.assessments import selectors as assessment_selectors
from maturity.assessments.api import DOWNLOAD_RESPONSES, EvidenceOutput
from maturity.programmes import selectors, services, validation
from maturity.programmes.models import Programme, ProgrammeFile, ProgrammeStatus


def _body(request: Request) -> dict[str, Any]:
    """The request body as a dict (400 otherwise); a form body gives one value per field."""
    if not isinstance(request.data, dict):
        raise exceptions.ValidationError(
            {"non_field_errors": [_("Isi permintaan harus objek JSON.")]}
        )
    if hasattr(request.data, "dict"):
        data: dict[str, Any] = request.data.dict()
        if hasattr(request.data, "getlist") and "indicators" in request.data:
            data["indicators"] = request.data.getlist("indicators")
        return data
    return dict(request.data)


# --- Output serializers -----------------------------------------------------------------------


class ProgrammeFileOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    size = serializers.IntegerField()
    sha256 = serializers.CharField()
    content_type = serializers.CharField()
    uploaded_by = serializers.SerializerMethodField()
    uploaded_at = serializers.DateTimeField()
    download_url = serializers.SerializerMethodField()

    def get_uploaded_by(self, item: ProgrammeFile) -> str | None:
        return item.uploaded_by.username if item.uploaded_by else None

    def get_download_url(self, item: ProgrammeFile) -> str:
        return reverse(
            "api-programme-file-download", kwargs={"pk": item.programme_id, "fid": item.pk}
        )


class ProgrammeOutput(serializers.Serializer):
    id = serializers.IntegerField()
    region = serializers.CharField(source="region.code")
    region_name = serializers.CharField(source="region.name")
    region_kind = serializers.CharField(source="region.kind")
    province_code = serializers.CharField(source="region.province_code")
    province_name = serializers.CharField(source="region.province_name")
    name = serializers.CharField()
    description_id = serializers.CharField()
    description_en = serializers.CharField()
    element = serializers.CharField(source="element_code")
    indicators = serializers.ListField(child=serializers.CharField(), source="indicator_codes")
    status = serializers.CharField()
    launch_year = serializers.IntegerField(allow_null=True)
    agency = serializers.CharField()
    url = serializers.CharField()
    users_count = serializers.IntegerField(allow_null=True)
    users_year = serializers.IntegerField(allow_null=True)
    transactions_count = serializers.IntegerField(allow_null=True)
    transactions_year = serializers.IntegerField(allow_null=True)
    shared = serializers.BooleanField()
    editable = serializers.SerializerMethodField()
    files = ProgrammeFileOutput(many=True)
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()

    def get_editable(self, programme: Programme) -> bool:
        user = self.context.get("user")
        return user is not None and selectors.may_edit(user, programme)


# --- Input serializers (for the schema; the service checks every field) -------------------------


class ProgrammeInput(serializers.Serializer):
    region = serializers.CharField(
        required=False, help_text="region code (on create; default: the caller's only region)"
    )
    name = serializers.CharField(max_length=validation.MAX_NAME)
    description_id = serializers.CharField(required=False, allow_blank=True)
    description_en = serializers.CharField(required=False, allow_blank=True)
    element = serializers.CharField(help_text="key element code of the current framework, e.g. E3")
    indicators = serializers.ListField(
        child=serializers.CharField(), required=False, help_text="indicator codes, e.g. GOV-K3"
    )
    status = serializers.ChoiceField(choices=ProgrammeStatus.choices, required=False)
    launch_year = serializers.IntegerField(required=False, allow_null=True)
    agency = serializers.CharField(required=False, allow_blank=True)
    url = serializers.URLField(required=False, allow_blank=True, help_text="http(s) only")
    users_count = serializers.IntegerField(required=False, allow_null=True)
    users_year = serializers.IntegerField(required=False, allow_null=True)
    transactions_count = serializers.IntegerField(required=False, allow_null=True)
    transactions_year = serializers.IntegerField(required=False, allow_null=True)
    shared = serializers.BooleanField(required=False, help_text="visible to other regions")


class ProgrammeFileInput(serializers.Serializer):
    file = serializers.FileField()


class CitationInput(serializers.Serializer):
    indicator = serializers.CharField(help_text="indicator code")
    programme = serializers.IntegerField(help_text="id of one of the region's programmes")


FILTERS = [
    OpenApiParameter("element", str, description="key element code, e.g. E3"),
    OpenApiParameter("indicator", str, description="linked indicator code, e.g. GOV-K3"),
    OpenApiParameter("province", str, description="province code, e.g. 73"),
    OpenApiParameter("kind", str, enum=["province", "kabupaten", "kota"]),
    OpenApiParameter("status", str, enum=ProgrammeStatus.values),
    OpenApiParameter("region", str, description="region code, e.g. 73.71"),
    OpenApiParameter("q", str, description="text in the name or either description"),
]


def _output(request: Request, programme: Programme) -> Any:
    return ProgrammeOutput(programme, context={"user": request.user}).data


def _visible(request: Request, pk: int) -> Programme:
    return get_object_or_404(selectors.programmes_for(request.user), pk=pk)


def _in_scope(request: Request, pk: int) -> Programme:
    return get_object_or_404(selectors.programmes_in_scope(request.user), pk=pk)


# --- Views ------------------------------------------------------------------------------------


class ProgrammeListView(APIView):
    parser_classes = [JSONParser, FormParser, MultiPartParser]
    pagination_class = StandardPagination  # so the schema shows the paginated shape

    @extend_schema(parameters=FILTERS, responses=ProgrammeOutput(many=True))
    def get(self, request: Request) -> Response:
        params = request.query_params
        queryset = selectors.filter_programmes(
            selectors.programmes_for(request.user),
            element=params.get("element"),
            indicator=params.get("indicator"),
            province=params.get("province"),
            kind=params.get("kind"),
            status=params.get("status"),
            region=params.get("region"),
            q=params.get("q"),
        )
        paginator = StandardPagination()
        page = paginator.paginate_queryset(queryset, request, view=self)
        data = ProgrammeOutput(page, many=True, context={"user": request.user}).data
        return paginator.get_paginated_response(data)

    @extend_schema(request=ProgrammeInput, responses={201: ProgrammeOutput})
    def post(self, request: Request) -> Response:
        body = _body(request)
        region = self._region(request, body.get("region"))
        created = services.create_programme(user=request.user, region=region, data=body)
        return Response(
            _output(request, _visible(request, created.pk)), status=status.HTTP_201_CREATED
        )

    def _region(self, request: Request, code: Any) -> Region:
        if code in (None, ""):
            mine = selectors.editable_regions(request.user)
            if len(mine) == 1:
                return mine[0]
            if not mine:
                raise exceptions.PermissionDenied(
                    _("Hanya CSCO dan kontributor wilayah yang dapat mendaftarkan program.")
                )
            raise exceptions.ValidationError({"region": [_("Pilih wilayah (kode).")]})
        region = Region.objects.filter(code=code).first() if isinstance(code, str) else None
        if region is None:
            raise exceptions.ValidationError({"region": [_("Wilayah tidak ditemukan.")]})
        return region


class ProgrammeDetailView(APIView):
    parser_classes = [JSONParser, FormParser, MultiPartParser]

    @extend_schema(responses=ProgrammeOutput)
    def get(self, request: Request, pk: int) -> Response:
        return Response(_output(request, _visible(request, pk)))

    @extend_schema(request=ProgrammeInput, responses=ProgrammeOutput)
    def put(self, request: Request, pk: int) -> Response:
        return self._update(request, pk, partial=False)

    @extend_schema(request=ProgrammeInput, responses=ProgrammeOutput)
    def patch(self, request: Request, pk: int) -> Response:
        return self._update(request, pk, partial=True)

    def _update(self, request: Request, pk: int, *, partial: bool) -> Response:
        programme = _in_scope(request, pk)
        services.update_programme(
            user=request.user, programme=programme, data=_body(request), partial=partial
        )
        return Response(_output(request, _visible(request, pk)))

    @extend_schema(responses={204: None})
    def delete(self, request: Request, pk: int) -> Response:
        services.delete_programme(user=request.user, programme=_in_scope(request, pk))
        return Response(status=status.HTTP_204_NO_CONTENT)


class ProgrammeFileListView(APIView):
    parser_classes = [MultiPartParser, FormParser, JSONParser]
    pagination_class = StandardPagination

    @extend_schema(responses=ProgrammeFileOutput(many=True))
    def get(self, request: Request, pk: int) -> Response:
        programme = _visible(request, pk)
        paginator = StandardPagination()
        page = paginator.paginate_queryset(list(programme.files.all()), request, view=self)
        return paginator.get_paginated_response(ProgrammeFileOutput(page, many=True).data)

    @extend_schema(
        request={"multipart/form-data": ProgrammeFileInput}, responses={201: ProgrammeFileOutput}
    )
    def post(self, request: Request, pk: int) -> Response:
        programme = _in_scope(request, pk)
        item = services.add_programme_file(
            user=request.user, programme=programme, upload=request.FILES.get("file")
        )
        return Response(ProgrammeFileOutput(item).data, status=status.HTTP_201_CREATED)


class ProgrammeFileDetailView(APIView):
    @extend_schema(responses={204: None})
    def delete(self, request: Request, pk: int, fid: int) -> Response:
        programme = _in_scope(request, pk)
        item = get_object_or_404(programme.files.all(), pk=fid)
        services.delete_programme_file(user=request.user, item=item)
        return Response(status=status.HTTP_204_NO_CONTENT)


def file_response(item: ProgrammeFile) -> FileResponse:
    """A programme's file as an attachment that a browser never runs or sniffs."""
    return downloads.private_download(item.file, name=item.name, content_type=item.content_type)


class ProgrammeFileDownloadView(APIView):
    @extend_schema(responses=DOWNLOAD_RESPONSES)
    def get(self, request: Request, pk: int, fid: int) -> FileResponse:
        programme = _visible(request, pk)
        return file_response(get_object_or_404(programme.files.all(), pk=fid))


class CitationView(APIView):
    parser_classes = [JSONParser, FormParser, MultiPartParser]

    @extend_schema(request=CitationInput, responses={201: EvidenceOutput})
    def post(self, request: Request, pk: int) -> Response:
        assessment = get_object_or_404(assessment_selectors.assessments_for(request.user), pk=pk)
        body = _body(request)
        raw = body.get("programme")
        if isinstance(raw, str) and raw.strip().isdigit():
            raw = int(raw)
        programme = None
        if isinstance(raw, int) and not isinstance(raw, bool):
            programme = selectors.programmes_for(request.user).filter(pk=raw).first()
        if programme is None:
            message = (
                _("Wajib diisi: id program.")
                if raw in (None, "")
                else _("Program tidak ditemukan.")
            )
            raise exceptions.ValidationError({"programme": [message]})
        code = body.get("indicator")
        evidence = services.cite_programme(
            user=request.user,
            assessment=assessment,
            indicator_code=code if isinstance(code, str) else "",
            programme=programme,
        )
        evidence = assessment_selectors.evidence_of(assessment).get(pk=evidence.pk)
        return Response(EvidenceOutput(evidence).data, status=status.HTTP_201_CREATED)


urlpatterns = [
    path("programmes/", ProgrammeListView.as_view(), name="api-programme-list"),
    path("programmes/<int:pk>/", ProgrammeDetailView.as_view(), name="api-programme-detail"),
    path(
        "programmes/<int:pk>/files/",
        ProgrammeFileListView.as_view(),
        name="api-programme-file-list",
    ),
    path(
        "programmes/<int:pk>/files/<int:fid>/",
        ProgrammeFileDetailView.as_view(),
        name="api-programme-file-detail",
    ),
    path(
        "programmes/<int:pk>/files/<int:fid>/download/",
        ProgrammeFileDownloadView.as_view(),
        name="api-programme-file-download",
    ),
    path(
        "assessments/<int:pk>/citations/",
        CitationView.as_view(),
        name="api-assessment-citations",
    ),
]
