"""Verification activities over HTTP (API.md, "Verification activities").

| method, path | who |
|---|---|
| ``GET /api/v1/assessments/{id}/activities/`` | readers of the assessment |
| ``POST /api/v1/assessments/{id}/activities/`` | reviewers in scope (the province's: stage) |
| ``GET /api/v1/assessments/{id}/activities/{aid}/`` | readers |
| ``PATCH /api/v1/assessments/{id}/activities/{aid}/`` | reviewers in scope (reschedule) |
| ``POST …/activities/{aid}/cancel/`` | reviewers in scope |
| ``POST …/activities/{aid}/confirm/`` | the region's CSCO |
| ``POST …/activities/{aid}/record/`` | reviewers in scope |
| ``POST …/activities/{aid}/files/`` | reviewers in scope (multipart) |
| ``GET …/activities/{aid}/files/{fid}/download/`` | readers |

The minutes PDF (``POST …/activities/{aid}/minutes/``) is a report job: ``reports/api.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import FileResponse
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from cities.api.pagination import StandardPagination, paginated
from maturity.assessments import downloads
from maturity.assessments.api import DOWNLOAD_RESPONSES, _assessment, _body
from maturity.assessments.models import Assessment
from maturity.verification import activities_selectors as selectors
from maturity.verification.models import (
    ActivityFile,
    ActivityFileKind,
    ActivityMethod,
    VerificationActivity,
)
from maturity.verification.services import activities as services


def _username(user: Any) -> str | None:
    return user.username if user is not None else None


class ParticipantOutput(serializers.Serializer):
    name = serializers.CharField()
    role = serializers.CharField(allow_blank=True)
    agency = serializers.CharField(allow_blank=True)


class FindingOutput(serializers.Serializer):
    indicator = serializers.CharField()
    verified_level = serializers.IntegerField(allow_null=True)
    not_applicable = serializers.BooleanField()
    comment = serializers.CharField(allow_blank=True)


class ActivityFileOutput(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    name = serializers.CharField()
    size = serializers.IntegerField()
    sha256 = serializers.CharField()
    content_type = serializers.CharField()
    uploaded_by = serializers.SerializerMethodField()
    uploaded_at = serializers.DateTimeField()
    download_url = serializers.SerializerMethodField()

    def get_uploaded_by(self, item: ActivityFile) -> str | None:
        return _username(item.uploaded_by)

    def get_download_url(self, item: ActivityFile) -> str:
        return reverse(
            "api-activity-file-download",
            kwargs={"pk": item.activity.assessment_id, "aid": item.activity_id, "fid": item.pk},
        )


class ActivityOutput(serializers.Serializer):
    id = serializers.IntegerField()
    assessment = serializers.IntegerField(source="assessment_id")
    region = serializers.CharField(source="assessment.region.code")
    region_name = serializers.CharField(source="assessment.region.name")
    method = serializers.CharField()
    method_label = serializers.CharField(source="get_method_display")
    status = serializers.CharField()
    scheduled_at = serializers.DateTimeField()
    place = serializers.CharField(allow_blank=True)
    meeting_link = serializers.CharField(allow_blank=True)
    indicators = serializers.ListField(child=serializers.CharField())
    participants = ParticipantOutput(many=True)
    planned_by = serializers.SerializerMethodField()
    confirmed_by = serializers.SerializerMethodField()
    confirmed_at = serializers.DateTimeField(allow_null=True)
    held_at = serializers.DateTimeField(allow_null=True)
    minutes = serializers.CharField(allow_blank=True)
    findings = FindingOutput(many=True)
    recorded_by = serializers.SerializerMethodField()
    recorded_at = serializers.DateTimeField(allow_null=True)
    cancelled_by = serializers.SerializerMethodField()
    cancelled_at = serializers.DateTimeField(allow_null=True)
    cancel_reason = serializers.CharField(allow_blank=True)
    files = ActivityFileOutput(many=True, source="files.all")
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()

    def get_planned_by(self, activity: VerificationActivity) -> str | None:
        return _username(activity.planned_by)

    def get_confirmed_by(self, activity: VerificationActivity) -> str | None:
        return _username(activity.confirmed_by)

    def get_recorded_by(self, activity: VerificationActivity) -> str | None:
        return _username(activity.recorded_by)

    def get_cancelled_by(self, activity: VerificationActivity) -> str | None:
        return _username(activity.cancelled_by)


class ParticipantInput(serializers.Serializer):
    name = serializers.CharField()
    role = serializers.CharField(required=False)
    agency = serializers.CharField(required=False)


class ActivityInput(serializers.Serializer):
    method = serializers.ChoiceField(choices=ActivityMethod.values)
    scheduled_at = serializers.DateTimeField()
    place = serializers.CharField(required=False, help_text="place or meeting_link, or both")
    meeting_link = serializers.URLField(required=False)
    indicators = serializers.ListField(child=serializers.CharField())
    participants = ParticipantInput(many=True)


class RescheduleInput(serializers.Serializer):
    """Any of the planned fields; those not given stay."""

    method = serializers.ChoiceField(choices=ActivityMethod.values, required=False)
    scheduled_at = serializers.DateTimeField(required=False)
    place = serializers.CharField(required=False)
    meeting_link = serializers.URLField(required=False)
    indicators = serializers.ListField(child=serializers.CharField(), required=False)
    participants = ParticipantInput(many=True, required=False)


class CancelInput(serializers.Serializer):
    reason = serializers.CharField()


class FindingInput(serializers.Serializer):
    indicator = serializers.CharField()
    verified_level = serializers.JSONField(required=False, help_text='0-5 or "not_applicable"')
    not_applicable = serializers.BooleanField(required=False)
    comment = serializers.CharField(required=False)


class RecordInput(serializers.Serializer):
    held_at = serializers.DateTimeField()
    minutes = serializers.CharField()
    findings = FindingInput(many=True)


class ActivityFileInput(serializers.Serializer):
    file = serializers.FileField()
    kind = serializers.ChoiceField(choices=ActivityFileKind.values, required=False)


def _activity(assessment: Assessment, aid: int) -> VerificationActivity:
    """One activity of an assessment already found in the caller's scope (404 otherwise)."""
    return get_object_or_404(selectors.activities_of(assessment), pk=aid)


def _present(assessment: Assessment, aid: int) -> dict[str, Any]:
    return ActivityOutput(_activity(assessment, aid)).data  # type: ignore[return-value]


def _acted(
    request: Request,
    pk: int,
    aid: int,
    action: Callable[..., VerificationActivity],
    *,
    with_body: bool = False,
) -> Response:
    """Run a service ``action`` on one activity of an assessment in the caller's scope (with
    the request's JSON body as its ``data``) and answer with the activity as it is now."""
    assessment = _assessment(request, pk)
    extra = {"data": _body(request)} if with_body else {}
    action(user=request.user, activity=_activity(assessment, aid), **extra)
    return Response(_present(assessment, aid))


class ActivityListView(APIView):
    pagination_class = StandardPagination

    @extend_schema(responses=ActivityOutput(many=True))
    def get(self, request: Request, pk: int) -> Response:
        assessment = _assessment(request, pk)
        return paginated(
            request,
            self,
            selectors.activities_of(assessment),
            lambda page: ActivityOutput(page, many=True).data,
        )

    @extend_schema(request=ActivityInput, responses={201: ActivityOutput})
    def post(self, request: Request, pk: int) -> Response:
        assessment = _assessment(request, pk)
        created = services.plan_activity(
            user=request.user, assessment=assessment, data=_body(request)
        )
        return Response(_present(assessment, created.pk), status=status.HTTP_201_CREATED)


class ActivityDetailView(APIView):
    @extend_schema(responses=ActivityOutput)
    def get(self, request: Request, pk: int, aid: int) -> Response:
        return Response(_present(_assessment(request, pk), aid))

    @extend_schema(request=RescheduleInput, responses=ActivityOutput)
    def patch(self, request: Request, pk: int, aid: int) -> Response:
        return _acted(request, pk, aid, services.reschedule_activity, with_body=True)


class ActivityCancelView(APIView):
    @extend_schema(request=CancelInput, responses=ActivityOutput)
    def post(self, request: Request, pk: int, aid: int) -> Response:
        return _acted(request, pk, aid, services.cancel_activity, with_body=True)


class ActivityConfirmView(APIView):
    @extend_schema(request=None, responses=ActivityOutput)
    def post(self, request: Request, pk: int, aid: int) -> Response:
        return _acted(request, pk, aid, services.confirm_attendance)


class ActivityRecordView(APIView):
    @extend_schema(request=RecordInput, responses=ActivityOutput)
    def post(self, request: Request, pk: int, aid: int) -> Response:
        return _acted(request, pk, aid, services.record_activity, with_body=True)


class ActivityFilesView(APIView):
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    @extend_schema(
        request={"multipart/form-data": ActivityFileInput},
        responses={
            201: ActivityFileOutput,
            415: OpenApiResponse(description="The body is not a readable multipart form."),
        },
    )
    def post(self, request: Request, pk: int, aid: int) -> Response:
        activity = _activity(_assessment(request, pk), aid)
        item = services.add_activity_file(
            user=request.user,
            activity=activity,
            upload=request.FILES.get("file"),
            kind=request.data.get("kind"),
        )
        item = get_object_or_404(selectors.files_of(activity), pk=item.pk)
        return Response(ActivityFileOutput(item).data, status=status.HTTP_201_CREATED)


class ActivityFileDownloadView(APIView):
    @extend_schema(responses=DOWNLOAD_RESPONSES)
    def get(self, request: Request, pk: int, aid: int, fid: int) -> FileResponse:
        activity = _activity(_assessment(request, pk), aid)
        item = get_object_or_404(selectors.files_of(activity), pk=fid)
        return downloads.private_download(item.file, name=item.name, content_type=item.content_type)


ACTIVITY = "assessments/<int:pk>/activities/<int:aid>/"

urlpatterns = [
    path("assessments/<int:pk>/activities/", ActivityListView.as_view(), name="api-activity-list"),
    path(ACTIVITY, ActivityDetailView.as_view(), name="api-activity-detail"),
    path(f"{ACTIVITY}confirm/", ActivityConfirmView.as_view(), name="api-activity-confirm"),
    path(f"{ACTIVITY}cancel/", ActivityCancelView.as_view(), name="api-activity-cancel"),
    path(f"{ACTIVITY}record/", ActivityRecordView.as_view(), name="api-activity-record"),
    path(f"{ACTIVITY}files/", ActivityFilesView.as_view(), name="api-activity-files"),
    path(
        f"{ACTIVITY}files/<int:fid>/download/",
        ActivityFileDownloadView.as_view(),
        name="api-activity-file-download",
    ),
]
