"""API v1: a region's progress across cycles, and an assessment's roadmap to the next levels.

Both are scoped like the region's assessments: a region or assessment outside the caller's
scope is not found (404).
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from cities import access, errors, pages
from cities.models import Region
from maturity.assessments.selectors import assessments_for
from maturity.progress import roadmap, selectors

# --- Output serializers ---------------------------------------------------------------------


class IndexLevelOutput(serializers.Serializer):
    index = serializers.CharField(allow_null=True)
    level = serializers.IntegerField(allow_null=True)


class FrameworkVersionOutput(serializers.Serializer):
    code = serializers.CharField()
    version = serializers.CharField()


class ChangeOutput(serializers.Serializer):
    track = serializers.ChoiceField(choices=roadmap.TRACKS)
    index = serializers.CharField(help_text="Signed, two decimals: '0.25', '-0.12'.")
    level = serializers.IntegerField()
    previous_cycle = serializers.IntegerField()


class RankOutput(serializers.Serializer):
    national = serializers.IntegerField()
    national_of = serializers.IntegerField()
    province = serializers.IntegerField(allow_null=True)
    province_of = serializers.IntegerField(allow_null=True)


class ElementChangeOutput(serializers.Serializer):
    code = serializers.CharField()
    score = serializers.CharField(allow_null=True)
    change = serializers.CharField(allow_null=True)


class IndicatorChangeOutput(serializers.Serializer):
    indicator = serializers.CharField()
    from_ = serializers.IntegerField(allow_null=True)
    to = serializers.IntegerField(allow_null=True)

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        fields["from"] = fields.pop("from_")
        return fields


class ProgressEntryOutput(serializers.Serializer):
    cycle = serializers.IntegerField()
    name = serializers.CharField()
    year = serializers.IntegerField()
    framework = FrameworkVersionOutput()
    framework_changed = serializers.BooleanField()
    status = serializers.CharField()
    self = IndexLevelOutput(allow_null=True)
    verified = IndexLevelOutput(allow_null=True)
    change = ChangeOutput(allow_null=True)
    rank = RankOutput(allow_null=True)
    elements = ElementChangeOutput(many=True)
    indicators_changed = IndicatorChangeOutput(many=True)


class PeerProgrammeOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class PeerOutput(serializers.Serializer):
    region = serializers.CharField()
    name = serializers.CharField()
    level = serializers.IntegerField()
    programmes = PeerProgrammeOutput(many=True)


class StepOutput(serializers.Serializer):
    indicator = serializers.CharField()
    from_level = serializers.IntegerField()
    to_level = serializers.IntegerField()
    gain = serializers.CharField(help_text="What the step adds to the exact index.")
    needs = serializers.CharField()
    peers = PeerOutput(many=True)


class TargetOutput(serializers.Serializer):
    level = serializers.IntegerField()
    level_name = serializers.CharField(allow_null=True)
    index_needed = serializers.CharField()
    reachable = serializers.BooleanField()
    index_after = serializers.CharField(allow_null=True)
    steps = StepOutput(many=True)


class RoadmapOutput(serializers.Serializer):
    track = serializers.ChoiceField(choices=roadmap.TRACKS)
    index = serializers.CharField(allow_null=True)
    level = serializers.IntegerField(allow_null=True)
    targets = TargetOutput(many=True)


# --- Input serializers ----------------------------------------------------------------------


class RoadmapQueryInput(serializers.Serializer):
    track = serializers.ChoiceField(choices=roadmap.TRACKS, required=False)


# --- Views ----------------------------------------------------------------------------------


class RegionProgressView(APIView):
    @extend_schema(responses=ProgressEntryOutput(many=True))
    def get(self, request: Request, code: str) -> Response:
        region = Region.objects.filter(code=code).first()
        if region is None or not access.may_read_region(request.user, region):
            raise errors.NotFound(_("Wilayah tidak ditemukan."))
        return Response(selectors.region_progress(region))


class AssessmentRoadmapView(APIView):
    @extend_schema(
        parameters=[OpenApiParameter("track", str, enum=list(roadmap.TRACKS))],
        responses=RoadmapOutput,
    )
    def get(self, request: Request, pk: int) -> Response:
        assessment = get_object_or_404(assessments_for(request.user), pk=pk)
        query = RoadmapQueryInput(data=request.query_params)
        query.is_valid(raise_exception=True)
        track = query.validated_data.get("track") or roadmap.default_track(assessment)
        body = roadmap.assessment_roadmap(
            assessment, user=request.user, track=track, language=pages.language()
        )
        return Response(body)


urlpatterns = [
    path(
        "regions/<str:code>/progress/",
        RegionProgressView.as_view(),
        name="api-region-progress",
    ),
    path(
        "assessments/<int:pk>/roadmap/",
        AssessmentRoadmapView.as_view(),
        name="api-assessment-roadmap",
    ),
]
