"""API v1: assessment cycles (list, open one, read one)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from cities import access, errors
from cities.api.pagination import StandardPagination, paginated
from maturity.cycles import selectors, services
from maturity.cycles.models import AssessmentCycle, CycleStatus
from maturity.frameworks.models import Framework

# --- Output serializers -----------------------------------------------------------------------


class CycleOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    year = serializers.IntegerField()
    framework = serializers.IntegerField(source="framework_id")
    framework_version = serializers.SerializerMethodField()
    opens_on = serializers.DateField()
    closes_on = serializers.DateField()
    status = serializers.CharField()
    province_review = serializers.BooleanField(
        help_text="Kabupaten/kota assessments are verified by their province before approval."
    )

    def get_framework_version(self, cycle: AssessmentCycle) -> str:
        return f"{cycle.framework.code} {cycle.framework.version}"


# --- Input serializers ------------------------------------------------------------------------


class CycleInput(serializers.Serializer):
    name = serializers.CharField(max_length=100)
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    framework = serializers.IntegerField()
    opens_on = serializers.DateField()
    closes_on = serializers.DateField()
    status = serializers.ChoiceField(choices=CycleStatus.choices, default=CycleStatus.OPEN)
    province_review = serializers.BooleanField(default=False)


# --- Cycles -----------------------------------------------------------------------------------


class CycleListView(APIView):
    pagination_class = StandardPagination  # so the schema shows the paginated shape

    @extend_schema(responses=CycleOutput(many=True))
    def get(self, request: Request) -> Response:
        return paginated(
            request, self, selectors.cycles(), lambda page: CycleOutput(page, many=True).data
        )

    @extend_schema(request=CycleInput, responses={201: CycleOutput})
    def post(self, request: Request) -> Response:
        if not access.can(request.user, access.MANAGE_CYCLES):
            raise exceptions.PermissionDenied(
                _("Hanya admin kementerian yang dapat membuka siklus.")
            )
        given = CycleInput(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        framework = Framework.objects.filter(pk=data["framework"]).first()
        if framework is None:
            raise errors.Invalid({"framework": [_("Kerangka tidak ditemukan.")]})
        cycle = services.create_cycle(
            user=request.user,
            name=data["name"],
            year=data["year"],
            framework=framework,
            opens_on=data["opens_on"],
            closes_on=data["closes_on"],
            status=data["status"],
            province_review=data["province_review"],
        )
        cycle = selectors.cycles().get(pk=cycle.pk)
        return Response(CycleOutput(cycle).data, status=status.HTTP_201_CREATED)


class CycleDetailView(APIView):
    @extend_schema(responses=CycleOutput)
    def get(self, request: Request, pk: int) -> Response:
        return Response(CycleOutput(get_object_or_404(selectors.cycles(), pk=pk)).data)


urlpatterns = [
    path("cycles/", CycleListView.as_view(), name="api-cycle-list"),
    path("cycles/<int:pk>/", CycleDetailView.as_view(), name="api-cycle-detail"),
]
