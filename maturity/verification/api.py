"""The province stage over HTTP (API.md, "Verification").

``POST /api/v1/assessments/{id}/province-verify/`` — a province reviewer recommends a kabupaten or
kota assessment to the ministry (submitted → ``province_verified``).
"""

from __future__ import annotations

from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from maturity.assessments.api import (
    AssessmentDetailOutput,
    CommentInput,
    _assessment,
    _body,
    _detail,
)
from maturity.verification.services import stage


class ProvinceVerifyView(APIView):
    @extend_schema(request=CommentInput, responses=AssessmentDetailOutput)
    def post(self, request: Request, pk: int) -> Response:
        assessment = _assessment(request, pk)
        comment = _body(request).get("comment", "")
        stage.province_verify(user=request.user, assessment=assessment, comment=comment)
        return Response(_detail(_assessment(request, pk)))


urlpatterns = [
    path(
        "assessments/<int:pk>/province-verify/",
        ProvinceVerifyView.as_view(),
        name="api-assessment-province-verify",
    ),
]
