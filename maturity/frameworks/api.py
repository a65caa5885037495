"""Framework versions over HTTP: list, the whole tree, import, publish, retire, copy.

Reading: every signed-in person reads published and retired versions; drafts are visible (and
otherwise 404) only to ministry admins, who alone may import, publish, copy and retire (403 for
anyone else). There is no update endpoint: a draft is changed by importing a corrected file under
another version (or in the admin); a published version never changes.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils import translation
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import exceptions, generics, serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from cities import access, errors
from maturity.frameworks import selectors, services
from maturity.frameworks.models import Framework, FrameworkStatus

# A framework file is text of a few hundred kilobytes; anything far bigger is not one.
MAX_FILE_BYTES = 5 * 1024 * 1024

STATUS_LIST = ", ".join(FrameworkStatus.values)

LANG_PARAMETER = OpenApiParameter(
    "lang", str, enum=["id", "en"], description="language of titles: id (default) or en"
)


def request_language(request: Request) -> str:
    """``?lang=id|en`` when given, else the language of the request (Indonesian unless chosen)."""
    wanted = request.query_params.get("lang", "")
    if wanted in ("id", "en"):
        return wanted
    return "en" if (translation.get_language() or "id").startswith("en") else "id"


def decimal_text(value: Any) -> str:
    """A decimal as JSON text without trailing zeros, as the file writes it: ``1``, ``2.6``."""
    return format(Decimal(value).normalize(), "f")


# --- Output serializers ---------------------------------------------------------------------------


def bilingual(id_text: str, en_text: str) -> dict[str, str]:
    return {"id": id_text, "en": en_text}


class FrameworkSummaryOutput(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    version = serializers.CharField()
    title = serializers.SerializerMethodField()
    status = serializers.CharField()

    def get_title(self, framework: Framework) -> str:
        return framework.title_in(self.context.get("language", "id"))


class StatusChangeOutput(FrameworkSummaryOutput):
    published_at = serializers.DateTimeField(allow_null=True)
    retired_at = serializers.DateTimeField(allow_null=True)


class IndicatorOutput(serializers.Serializer):
    code = serializers.CharField()
    iso37122 = serializers.SerializerMethodField()
    title = serializers.SerializerMethodField()
    guidance = serializers.SerializerMethodField()
    kind = serializers.CharField()
    unit = serializers.SerializerMethodField()
    direction = serializers.SerializerMethodField()
    thresholds = serializers.SerializerMethodField()
    allow_negative = serializers.BooleanField()
    rubric = serializers.SerializerMethodField()
    yes_level = serializers.IntegerField(allow_null=True)
    no_level = serializers.IntegerField(allow_null=True)
    weight = serializers.SerializerMethodField()
    required = serializers.BooleanField()
    evidence_required = serializers.BooleanField()
    continues = serializers.SerializerMethodField()

    def get_iso37122(self, indicator: Any) -> str | None:
        return indicator.iso37122 or None

    def get_title(self, indicator: Any) -> dict[str, str]:
        return bilingual(indicator.title_id, indicator.title_en)

    def get_guidance(self, indicator: Any) -> dict[str, str]:
        return bilingual(indicator.guidance_id, indicator.guidance_en)

    def get_unit(self, indicator: Any) -> str | None:
        return indicator.unit or None

    def get_direction(self, indicator: Any) -> str | None:
        return indicator.direction or None

    def get_thresholds(self, indicator: Any) -> list[str] | None:
        if indicator.thresholds is None:
            return None
        return [decimal_text(t) for t in indicator.thresholds]

    def get_rubric(self, indicator: Any) -> dict[str, dict[str, str]] | None:
        if indicator.rubric is None:
            return None
        return {k: bilingual(v["id"], v["en"]) for k, v in sorted(indicator.rubric.items())}

    def get_weight(self, indicator: Any) -> str:
        return decimal_text(indicator.weight)

    def get_continues(self, indicator: Any) -> str | None:
        return indicator.continues or None


class ThemeOutput(serializers.Serializer):
    code = serializers.CharField()
    title = serializers.SerializerMethodField()
    weight = serializers.SerializerMethodField()
    indicators = IndicatorOutput(many=True, source="indicators.all")

    def get_title(self, theme: Any) -> dict[str, str]:
        return bilingual(theme.title_id, theme.title_en)

    def get_weight(self, theme: Any) -> str:
        return decimal_text(theme.weight)


class ElementOutput(serializers.Serializer):
    code = serializers.CharField()
    title = serializers.SerializerMethodField()
    weight = serializers.SerializerMethodField()
    themes = ThemeOutput(many=True, source="themes.all")

    def get_title(self, element: Any) -> dict[str, str]:
        return bilingual(element.title_id, element.title_en)

    def get_weight(self, element: Any) -> str:
        return decimal_text(element.weight)


class FrameworkTreeOutput(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    version = serializers.CharField()
    previous = serializers.SerializerMethodField()
    status = serializers.CharField()
    title = serializers.SerializerMethodField()
    description = serializers.SerializerMethodField()
    levels = serializers.SerializerMethodField()
    index_bands = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()
    published_at = serializers.DateTimeField(allow_null=True)
    retired_at = serializers.DateTimeField(allow_null=True)
    elements = ElementOutput(many=True, source="elements.all")

    def get_previous(self, framework: Framework) -> str | None:
        return framework.previous_version or None

    def get_title(self, framework: Framework) -> dict[str, str]:
        return bilingual(framework.title_id, framework.title_en)

    def get_description(self, framework: Framework) -> dict[str, str]:
        return bilingual(framework.description_id, framework.description_en)

    def get_levels(self, framework: Framework) -> dict[str, dict[str, str]]:
        return {
            k: bilingual(v["id"], v["en"])
            for k, v in sorted(framework.levels.items(), key=lambda item: int(item[0]))
        }

    def get_index_bands(self, framework: Framework) -> list[str]:
        return [decimal_text(b) for b in framework.index_bands]


# --- Input serializers ----------------------------------------------------------------------------


class FrameworkImportInput(serializers.Serializer):
    file = serializers.FileField()


class CopyInput(serializers.Serializer):
    version = serializers.CharField(max_length=50, trim_whitespace=True)


PROBLEMS_400 = inline_serializer(
    "FrameworkFileProblems",
    {
        "file": serializers.ListField(child=serializers.CharField()),
        "code": serializers.CharField(required=False),  # absent with the file itself missing
        "problems": inline_serializer(
            "FrameworkFileProblem",
            {
                "path": serializers.CharField(),
                "line": serializers.IntegerField(allow_null=True),
                "message": serializers.CharField(),
            },
            many=True,
            required=False,  # absent when the file itself is missing or too big
        ),
    },
)


# --- Helpers --------------------------------------------------------------------------------------


def _require_manager(request: Request) -> None:
    if not access.can(request.user, access.MANAGE_FRAMEWORKS):
        raise errors.Forbidden(_("Hanya admin kementerian yang dapat mengelola kerangka."))


def _visible_object(request: Request, pk: int) -> Framework:
    """Scope first (outside it → 404), then the caller may be refused the action (403)."""
    return get_object_or_404(selectors.visible_frameworks(request.user), pk=pk)


def _tree_response(framework: Framework, code: int = status.HTTP_200_OK) -> Response:
    tree = selectors.framework_tree(framework.pk)
    return Response(FrameworkTreeOutput(tree).data, status=code)


# --- Views ----------------------------------------------------------------------------------------


@extend_schema(
    parameters=[
        LANG_PARAMETER,
        OpenApiParameter("status", str, enum=list(FrameworkStatus.values)),
        OpenApiParameter("code", str),
    ]
)
class FrameworkListView(generics.ListAPIView):
    """Framework versions the caller may read, newest first within each code."""

    serializer_class = FrameworkSummaryOutput
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[Framework]:
        queryset = selectors.visible_frameworks(self.request.user)
        wanted_status = self.request.query_params.get("status")
        if wanted_status:
            if wanted_status not in FrameworkStatus.values:
                message = _("Status tidak dikenal; salah satu dari %(statuses)s.")
                raise exceptions.ValidationError({"status": [message % {"statuses": STATUS_LIST}]})
            queryset = queryset.filter(status=wanted_status)
        code = self.request.query_params.get("code")
        if code:
            queryset = queryset.filter(code=code)
        return queryset.only("id", "code", "version", "title_id", "title_en", "status")

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "language": request_language(self.request)}


class FrameworkDetailView(APIView):
    @extend_schema(responses=FrameworkTreeOutput)
    def get(self, request: Request, pk: int) -> Response:
        """The whole tree: levels, index bands, elements → themes → indicators (4 queries)."""
        framework = get_object_or_404(
            selectors.with_tree(selectors.visible_frameworks(request.user)), pk=pk
        )
        return Response(FrameworkTreeOutput(framework).data)


class FrameworkImportView(APIView):
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        request=FrameworkImportInput,
        parameters=[OpenApiParameter("publish", bool, description="publish at once")],
        responses={201: FrameworkTreeOutput, 400: PROBLEMS_400},
    )
    def post(self, request: Request) -> Response:
        """Import a framework file (multipart ``file``): a draft, or published with ?publish=1."""
        _require_manager(request)
        serializer = FrameworkImportInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        upload = serializer.validated_data["file"]
        if upload.size > MAX_FILE_BYTES:
            message = _("Berkas lebih dari %(megabytes)s MB.")
            megabytes = MAX_FILE_BYTES // (1024 * 1024)
            raise exceptions.ValidationError({"file": [message % {"megabytes": megabytes}]})
        publish = request.query_params.get("publish", "").lower() in ("1", "true", "yes")
        framework = services.import_framework(
            text=upload.read(), publish=publish, user=request.user
        )
        return _tree_response(framework, status.HTTP_201_CREATED)


class FrameworkPublishView(APIView):
    @extend_schema(request=None, responses={200: StatusChangeOutput, 400: PROBLEMS_400})
    def post(self, request: Request, pk: int) -> Response:
        """Draft → published; from then on the version never changes."""
        framework = _visible_object(request, pk)
        _require_manager(request)
        framework = services.publish_framework(framework=framework, user=request.user)
        context = {"language": request_language(request)}
        return Response(StatusChangeOutput(framework, context=context).data)


class FrameworkRetireView(APIView):
    @extend_schema(request=None, responses=StatusChangeOutput)
    def post(self, request: Request, pk: int) -> Response:
        """Published → retired; assessments made on it stay readable."""
        framework = _visible_object(request, pk)
        _require_manager(request)
        framework = services.retire_framework(framework=framework, user=request.user)
        context = {"language": request_language(request)}
        return Response(StatusChangeOutput(framework, context=context).data)


class FrameworkCopyView(APIView):
    @extend_schema(request=CopyInput, responses={201: FrameworkTreeOutput})
    def post(self, request: Request, pk: int) -> Response:
        """A new draft version copied from a published one; its indicators continue theirs."""
        framework = _visible_object(request, pk)
        _require_manager(request)
        serializer = CopyInput(data=request.data)
        serializer.is_valid(raise_exception=True)
        copy = services.copy_framework(
            framework=framework,
            version=serializer.validated_data["version"],
            user=request.user,
        )
        return _tree_response(copy, status.HTTP_201_CREATED)


urlpatterns = [
    path("frameworks/", FrameworkListView.as_view(), name="framework-list"),
    path("frameworks/import/", FrameworkImportView.as_view(), name="framework-import"),
    path("frameworks/<int:pk>/", FrameworkDetailView.as_view(), name="framework-detail"),
    path("frameworks/<int:pk>/publish/", FrameworkPublishView.as_view(), name="framework-publish"),
    path("frameworks/<int:pk>/retire/", FrameworkRetireView.as_view(), name="framework-retire"),
    path("frameworks/<int:pk>/copy/", FrameworkCopyView.as_view(), name="framework-copy"),
]
