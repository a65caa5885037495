"""API v1: a region's progress across cycles, its improvement plan, and an assessment's roadmap
to the next levels.

Both are scoped like the region's assessments: a region or assessment outside the caller's
scope is not found (404).
"""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from cities import access, errors, pages
from cities.models import Region
from maturity.assessments.selectors import assessments_for
from maturity.cycles.models import AssessmentCycle
from maturity.progress import roadmap, selectors, services

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


class PlannedStepOutput(serializers.Serializer):
    id = serializers.IntegerField()
    cycle = serializers.IntegerField(help_text="The cycle whose results the step builds on.")
    indicator = serializers.CharField()
    to_level = serializers.IntegerField()
    agency = serializers.CharField(help_text="The regional agency (OPD) in charge.")
    due_on = serializers.DateField()
    note = serializers.CharField(allow_blank=True)
    met = serializers.BooleanField(
        allow_null=True, help_text="In the next cycle's progress: whether the level was reached."
    )


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
    planned_steps = PlannedStepOutput(many=True)


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


class PlannedStepInput(serializers.Serializer):
    indicator = serializers.CharField()
    to_level = serializers.IntegerField()
    agency = serializers.CharField()
    due_on = serializers.DateField()
    note = serializers.CharField(required=False, allow_blank=True)


class PlanInput(serializers.Serializer):
    """Checked by the service, which names every problem by its path (``steps[0].agency``)."""

    cycle = serializers.IntegerField()
    steps = PlannedStepInput(many=True)


class RoadmapQueryInput(serializers.Serializer):
    track = serializers.ChoiceField(choices=roadmap.TRACKS, required=False)


# --- Views ----------------------------------------------------------------------------------


class RegionProgressView(APIView):
    @extend_schema(responses=ProgressEntryOutput(many=True))
    def get(self, request: Request, code: str) -> Response:
        return Response(selectors.region_progress(_readable_region(request, code)))


def _readable_region(request: Request, code: str) -> Region:
    region = Region.objects.filter(code=code).first()
    if region is None or not access.may_read_region(request.user, region):
        raise errors.NotFound(_("Wilayah tidak ditemukan."))
    return region


class RegionPlanView(APIView):
    @extend_schema(responses=PlannedStepOutput(many=True))
    def get(self, request: Request, code: str) -> Response:
        region = _readable_region(request, code)
        return Response([selectors.planned_step_payload(s) for s in selectors.plan_of(region)])

    @extend_schema(request=PlanInput, responses={201: PlannedStepOutput(many=True)})
    def post(self, request: Request, code: str) -> Response:
        region = _readable_region(request, code)
        body = request.data if isinstance(request.data, dict) else {}
        cycle_id = body.get("cycle")
        cycle = (
            AssessmentCycle.objects.filter(pk=cycle_id).first()
            if isinstance(cycle_id, int) and not isinstance(cycle_id, bool)
            else None
        )
        if cycle is None:
            raise errors.Invalid({"cycle": [_("Siklus tidak ditemukan.")]})
        saved = services.add_planned_steps(
            user=request.user, region=region, cycle=cycle, steps=body.get("steps")
        )
        return Response(
            [selectors.planned_step_payload(s) for s in saved], status=status.HTTP_201_CREATED
        )


class RegionPlanStepView(APIView):
    @extend_schema(responses={204: None})
    def delete(self, request: Request, code: str, step_id: int) -> Response:
        region = _readable_region(request, code)
        step = get_object_or_404(selectors.plan_of(region), pk=step_id)
        services.delete_planned_step(user=request.user, step=step)
        return Response(status=status.HTTP_204_NO_CONTENT)


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
    path("regions/<str:code>/plan/", RegionPlanView.as_view(), name="api-region-plan"),
    path(
        "regions/<str:code>/plan/<int:step_id>/",
        RegionPlanStepView.as_view(),
        name="api-region-plan-step",
    ),
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
