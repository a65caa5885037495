"""Where to look first and how alike reviewers verify, over HTTP (API.md, "Verification
priorities" and "Calibration").

``GET /api/v1/cycles/{id}/verification-priorities/`` — the cycle's assessments waiting for
verification by risk, with their reasons (ministry roles; a province reviewer: its province).
``GET /api/v1/cycles/{id}/calibration/`` — per reviewer and per province (ministry roles).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.urls import path
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from cities.api.pagination import StandardPagination
from maturity.verification import calibration as calibration_selectors
from maturity.verification import priorities as priority_selectors
from maturity.verification.links import plan_url

LANG_PARAMETER = OpenApiParameter(
    "lang", str, enum=["id", "en"], description="language of the reasons: id (default) or en"
)


def _number(value: Decimal) -> float:
    return float(value)


def _figure(value: Decimal | None) -> str | None:
    return None if value is None else format(value, "f")


# --- Verification priorities ------------------------------------------------------------------


class ReasonOutput(serializers.Serializer):
    code = serializers.CharField()
    weight = serializers.FloatField(help_text="The factor's weight: the most points it adds.")
    points = serializers.FloatField()
    text = serializers.CharField(help_text="In the request's language.")
    indicators = serializers.ListField(child=serializers.CharField())


class PriorityOutput(serializers.Serializer):
    assessment = serializers.IntegerField()
    region = serializers.CharField()
    region_name = serializers.CharField()
    kind = serializers.CharField()
    province_code = serializers.CharField()
    status = serializers.CharField()
    self_index = serializers.CharField(allow_null=True)
    risk = serializers.FloatField()
    reasons = ReasonOutput(many=True)
    plan_url = serializers.CharField(help_text="Plan an interview on the indicators named.")


class PrioritiesPageOutput(serializers.Serializer):
    cycle = serializers.IntegerField()
    weights = serializers.DictField(child=serializers.DictField())
    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = PriorityOutput(many=True)


def priority_payload(row: priority_selectors.Priority) -> dict[str, Any]:
    return {
        "assessment": row.assessment_id,
        "region": row.region_code,
        "region_name": row.region_name,
        "kind": row.kind,
        "province_code": row.province_code,
        "status": row.status,
        "self_index": _figure(row.self_index),
        "risk": _number(row.risk),
        "reasons": [
            {
                "code": reason.code,
                "weight": _number(reason.weight),
                "points": _number(reason.points),
                "text": reason.text,
                "indicators": list(reason.indicators),
            }
            for reason in row.reasons
        ],
        "plan_url": plan_url(row.assessment_id, row.indicators),
    }


class VerificationPrioritiesView(APIView):
    """Every submitted or province-verified assessment of the cycle in the reader's scope, by
    risk, highest first, then region code."""

    @extend_schema(parameters=[LANG_PARAMETER], responses={200: PrioritiesPageOutput})
    def get(self, request: Request, pk: int) -> Response:
        cycle = priority_selectors.cycle_for_priorities(user=request.user, cycle_id=pk)
        found = priority_selectors.verification_priorities(user=request.user, cycle=cycle)
        paginator = StandardPagination()
        page = paginator.paginate_queryset(found.rows, request, view=self) or []
        paged = paginator.get_paginated_response(
            PriorityOutput([priority_payload(row) for row in page], many=True).data
        )
        return Response({"cycle": cycle.pk, "weights": found.weights, **paged.data})


# --- Calibration ------------------------------------------------------------------------------


class SpreadFields(serializers.Serializer):
    indicators_reviewed = serializers.IntegerField()
    compared = serializers.IntegerField(help_text="Reviewed indicators with a self level.")
    mean_difference = serializers.CharField(
        allow_null=True, help_text="Mean of self level minus verified level."
    )
    spread = serializers.CharField(
        allow_null=True, help_text="Population standard deviation of the same differences."
    )


class ReviewerCalibrationOutput(SpreadFields):
    reviewer = serializers.IntegerField()
    username = serializers.CharField()
    name = serializers.CharField()
    role = serializers.ChoiceField(choices=["reviewer", "province_reviewer"])
    province_code = serializers.CharField(allow_null=True)
    recommendations = serializers.IntegerField()
    changed_by_ministry = serializers.IntegerField()


class ProvinceCalibrationOutput(SpreadFields):
    province_code = serializers.CharField()
    province_name = serializers.CharField()
    changed_by_ministry = serializers.IntegerField()
    changed_share = serializers.CharField(allow_null=True)
    recommendations = serializers.IntegerField()
    returned_by_ministry = serializers.IntegerField()
    returned_share = serializers.CharField(allow_null=True)


class CalibrationOutput(serializers.Serializer):
    cycle = serializers.IntegerField()
    reviewers = ReviewerCalibrationOutput(many=True)
    provinces = ProvinceCalibrationOutput(many=True)


def _spread(reviewed: int, spread: calibration_selectors.Spread) -> dict[str, Any]:
    return {
        "indicators_reviewed": reviewed,
        "compared": spread.count,
        "mean_difference": _figure(spread.mean),
        "spread": _figure(spread.deviation),
    }


def calibration_payload(found: calibration_selectors.Calibration) -> dict[str, Any]:
    return {
        "cycle": found.cycle.pk,
        "reviewers": [
            {
                "reviewer": row.user_id,
                "username": row.username,
                "name": row.name,
                "role": row.role,
                "province_code": row.province_code,
                **_spread(row.reviewed, row.spread),
                "recommendations": row.recommendations,
                "changed_by_ministry": row.changed_by_ministry,
            }
            for row in found.reviewers
        ],
        "provinces": [
            {
                "province_code": row.province_code,
                "province_name": row.province_name,
                **_spread(row.reviewed, row.spread),
                "changed_by_ministry": row.changed_by_ministry,
                "changed_share": _figure(row.changed_share),
                "recommendations": row.recommendations,
                "returned_by_ministry": row.returned_by_ministry,
                "returned_share": _figure(row.returned_share),
            }
            for row in found.provinces
        ],
    }


class CalibrationView(APIView):
    """Per reviewer and per province, from the history of the assessments in scope."""

    @extend_schema(responses={200: CalibrationOutput})
    def get(self, request: Request, pk: int) -> Response:
        cycle = calibration_selectors.cycle_for_calibration(user=request.user, cycle_id=pk)
        found = calibration_selectors.calibration(cycle=cycle, user=request.user)
        return Response(CalibrationOutput(calibration_payload(found)).data)


urlpatterns = [
    path(
        "cycles/<int:pk>/verification-priorities/",
        VerificationPrioritiesView.as_view(),
        name="api-cycle-verification-priorities",
    ),
    path("cycles/<int:pk>/calibration/", CalibrationView.as_view(), name="api-cycle-calibration"),
]
