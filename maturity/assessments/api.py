"""Cycles, assessments, answers, evidence, review, transitions and history over HTTP (API.md).

Thin ways in: every assessment is found through :func:`maturity.selectors.assessments_for`
(outside the caller's scope → 404), then one service is called, which checks the action (403),
the state (409: a status that does not allow it, a closed cycle or a passed deadline, a stale
version) and the input (400 by field).

"Not editable" is 409, not 403: a CSCO who may edit their region's answers gets 409 when the
assessment is submitted or approved (or the cycle is closed); 403 is for a role that may never
take the action.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.http import FileResponse
from django.shortcuts import get_object_or_404
from django.urls import path, register_converter, reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import exceptions, serializers, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from cities import pages
from cities.api.pagination import StandardPagination, paginated
from cities.models import Region
from maturity.assessments import downloads, selectors, uploads
from maturity.assessments.models import Assessment, Evidence, HistoryEntry, Review
from maturity.assessments.services import answers as services_answers
from maturity.assessments.services import evidence as services_evidence
from maturity.assessments.services import history as services_history
from maturity.assessments.services import lifecycle
from maturity.assessments.services import review as services_review
from maturity.cycles.models import AssessmentCycle


def _language(request: Request) -> str:
    """The request's language (``?lang``, the switch or ``Accept-Language``: the middleware)."""
    return pages.language()


def _assessment(request: Request, pk: int) -> Assessment:
    """The assessment, if the caller's scope holds it; 404 otherwise."""
    return get_object_or_404(selectors.assessments_for(request.user), pk=pk)


def _decimal(value: Any) -> str | None:
    return None if value is None else format(value.normalize(), "f")


class AssessmentOutput(serializers.Serializer):
    id = serializers.IntegerField()
    cycle = serializers.IntegerField(source="cycle_id")
    cycle_name = serializers.CharField(source="cycle.name")
    framework = serializers.IntegerField(source="cycle.framework_id")
    region = serializers.CharField(source="region.code")
    region_name = serializers.CharField(source="region.name")
    province_code = serializers.CharField(source="region.province_code")
    status = serializers.CharField()
    completeness = serializers.DecimalField(max_digits=4, decimal_places=1)
    deadline = serializers.DateField()
    submitted_at = serializers.DateTimeField(allow_null=True)
    returned_at = serializers.DateTimeField(allow_null=True)
    approved_at = serializers.DateTimeField(allow_null=True)
    province_review = serializers.BooleanField(
        source="cycle.province_review",
        help_text="Whether the province verifies this assessment before the ministry decides.",
    )
    province_verified_at = serializers.DateTimeField(allow_null=True)


class CompletenessGroupOutput(serializers.Serializer):
    code = serializers.CharField()
    title = serializers.CharField()
    answered = serializers.IntegerField()
    required = serializers.IntegerField()
    completeness = serializers.DecimalField(max_digits=4, decimal_places=1)


class ThemeCompletenessOutput(CompletenessGroupOutput):
    element = serializers.CharField()


class AssessmentDetailOutput(AssessmentOutput):
    return_comment = serializers.CharField()
    province_comment = serializers.CharField()
    editable = serializers.BooleanField()
    completeness_by_element = CompletenessGroupOutput(many=True)
    completeness_by_theme = ThemeCompletenessOutput(many=True)
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


def _detail(assessment: Assessment) -> dict[str, Any]:
    detail = selectors.assessment_detail(assessment)
    data = dict(AssessmentOutput(assessment).data)
    data.update(
        return_comment=assessment.return_comment,
        province_comment=assessment.province_comment,
        editable=detail.editable,
        completeness=f"{detail.completeness.overall:.1f}",
        completeness_by_element=CompletenessGroupOutput(
            detail.completeness.by_element, many=True
        ).data,
        completeness_by_theme=ThemeCompletenessOutput(detail.completeness.by_theme, many=True).data,
        created_at=serializers.DateTimeField().to_representation(assessment.created_at),
        updated_at=serializers.DateTimeField().to_representation(assessment.updated_at),
    )
    return data


class ReviewOutput(serializers.Serializer):
    verified_level = serializers.IntegerField(allow_null=True)
    not_applicable = serializers.BooleanField()
    comment = serializers.CharField()
    reviewer = serializers.SerializerMethodField()
    updated_at = serializers.DateTimeField()

    def get_reviewer(self, review: Review) -> str | None:
        return review.reviewer.username if review.reviewer else None


class ReviewWithIndicatorOutput(ReviewOutput):
    indicator = serializers.CharField(source="indicator.code")


class AnswerRowOutput(serializers.Serializer):
    """One indicator and its answer (blank when unanswered); the review when visible."""

    indicator = serializers.CharField()
    title = serializers.CharField()
    kind = serializers.CharField()
    unit = serializers.CharField()
    element = serializers.CharField()
    theme = serializers.CharField()
    required = serializers.BooleanField()
    evidence_required = serializers.BooleanField()
    status = serializers.CharField(allow_null=True)
    value = serializers.JSONField(allow_null=True)
    numerator = serializers.CharField(allow_null=True)
    denominator = serializers.CharField(allow_null=True)
    justification = serializers.CharField()
    comment = serializers.CharField()
    source = serializers.CharField()
    year = serializers.IntegerField(allow_null=True)
    quality = serializers.CharField(allow_null=True)
    version = serializers.IntegerField()
    updated_by = serializers.CharField(allow_null=True)
    updated_at = serializers.DateTimeField(allow_null=True)
    evidence_count = serializers.IntegerField()
    review = ReviewOutput(allow_null=True)


def answer_row_data(row: selectors.AnswerRow, language: str) -> dict[str, Any]:
    """The plain data of one answer row (the API's, and the same for 409 bodies)."""
    indicator, answer = row.indicator, row.answer
    data: dict[str, Any] = {
        "indicator": indicator.code,
        "title": indicator.title_in(language),
        "kind": indicator.kind,
        "unit": indicator.unit,
        "element": indicator.theme.element.code,
        "theme": indicator.theme.code,
        "required": indicator.required,
        "evidence_required": indicator.evidence_required,
        "status": None,
        "value": None,
        "numerator": None,
        "denominator": None,
        "justification": "",
        "comment": "",
        "source": "",
        "year": None,
        "quality": None,
        "version": 0,
        "updated_by": None,
        "updated_at": None,
        "evidence_count": row.evidence_count,
        "review": None,
    }
    if answer is not None:
        data.update(
            status=answer.status,
            value=services_history.answer_value(answer),
            numerator=_decimal(answer.numerator),
            denominator=_decimal(answer.denominator),
            justification=answer.justification,
            comment=answer.comment,
            source=answer.source,
            year=answer.year,
            quality=answer.quality or None,
            version=answer.version,
            updated_by=answer.updated_by.username if answer.updated_by else None,
            updated_at=answer.updated_at,
        )
    if row.review is not None:
        data["review"] = row.review
    return data


def _rows(rows: list[selectors.AnswerRow], language: str) -> Any:
    return AnswerRowOutput([answer_row_data(r, language) for r in rows], many=True).data


class EvidenceProgrammeOutput(serializers.Serializer):
    """A programme cited as evidence (maturity/programmes.py): no file, the programme instead."""

    id = serializers.IntegerField()
    name = serializers.CharField()
    url = serializers.CharField()


class EvidenceOutput(serializers.Serializer):
    id = serializers.IntegerField()
    indicator = serializers.CharField(source="indicator.code")
    name = serializers.CharField()
    size = serializers.IntegerField()
    sha256 = serializers.CharField()
    content_type = serializers.CharField()
    uploaded_by = serializers.SerializerMethodField()
    uploaded_at = serializers.DateTimeField()
    download_url = serializers.SerializerMethodField()
    programme = EvidenceProgrammeOutput(allow_null=True)

    def get_uploaded_by(self, evidence: Evidence) -> str | None:
        return evidence.uploaded_by.username if evidence.uploaded_by else None

    def get_download_url(self, evidence: Evidence) -> str | None:
        if not evidence.file:
            return None
        return reverse(
            "api-evidence-download", kwargs={"pk": evidence.assessment_id, "eid": evidence.pk}
        )


class HistoryOutput(serializers.Serializer):
    id = serializers.IntegerField()
    at = serializers.DateTimeField()
    actor = serializers.SerializerMethodField()
    action = serializers.CharField()
    indicator_code = serializers.CharField()
    before = serializers.JSONField(allow_null=True)
    after = serializers.JSONField(allow_null=True)
    comment = serializers.CharField()

    def get_actor(self, entry: HistoryEntry) -> str | None:
        return entry.actor.username if entry.actor else None


class AssessmentInput(serializers.Serializer):
    cycle = serializers.IntegerField()
    region = serializers.CharField(max_length=16)


class AnswerInput(serializers.Serializer):
    """An answer body; the value's type and range are checked against the indicator by
    :func:`maturity.services.validate_answer`."""

    status = serializers.JSONField(required=False, help_text="answered | not_applicable | no_data")
    value = serializers.JSONField(required=False, help_text="decimal string, level 1-5, or bool")
    numerator = serializers.JSONField(required=False)
    denominator = serializers.JSONField(required=False)
    justification = serializers.JSONField(required=False)
    comment = serializers.JSONField(required=False)
    source = serializers.JSONField(required=False)
    year = serializers.JSONField(required=False)
    quality = serializers.JSONField(required=False, help_text="measured | estimated | modelled")
    version = serializers.JSONField(required=False, help_text="the version last read; 0: new")


class BulkAnswerInput(AnswerInput):
    indicator = serializers.JSONField(help_text="indicator code")


class EvidenceInput(serializers.Serializer):
    indicator = serializers.CharField()
    file = serializers.FileField()


class ReviewInput(serializers.Serializer):
    verified_level = serializers.JSONField(required=False, help_text="0-5 or null")
    not_applicable = serializers.JSONField(required=False, help_text="true: N/A accepted")
    comment = serializers.JSONField(required=False)


class CommentInput(serializers.Serializer):
    comment = serializers.CharField()


class ReasonInput(serializers.Serializer):
    reason = serializers.CharField()


class ReopenInput(ReasonInput):
    deadline = serializers.DateField(
        required=False,
        help_text="The new deadline (YYYY-MM-DD); by default 14 days from today when the "
        "deadline has passed",
    )


class DeadlineInput(serializers.Serializer):
    deadline = serializers.DateField()


def _body(request: Request) -> dict[str, Any]:
    """The request body as a dict (400 otherwise)."""
    if not isinstance(request.data, dict):
        raise exceptions.ValidationError(
            {"non_field_errors": [_("Isi permintaan harus objek JSON.")]}
        )
    if hasattr(request.data, "dict"):  # a form body (QueryDict): one value per field
        return request.data.dict()  # type: ignore[no-any-return]
    return dict(request.data)


STALE_409 = inline_serializer(
    "StaleAnswer",
    {"detail": serializers.CharField(), "current": serializers.JSONField(allow_null=True)},
)
INCOMPLETE_400 = inline_serializer(
    "IncompleteAssessment",
    {
        "detail": serializers.CharField(),
        "missing": serializers.ListField(child=serializers.CharField()),
        "evidence_missing": serializers.ListField(child=serializers.CharField()),
    },
)


# --- Assessments ------------------------------------------------------------------------------


class AssessmentListView(APIView):
    pagination_class = StandardPagination

    @extend_schema(
        parameters=[
            OpenApiParameter("cycle", int),
            OpenApiParameter("region", str, description="region code, e.g. 73.71"),
            OpenApiParameter("province", str, description="province code, e.g. 73"),
            OpenApiParameter("status", str),
        ],
        responses=AssessmentOutput(many=True),
    )
    def get(self, request: Request) -> Response:
        params = request.query_params
        queryset = selectors.filter_assessments(
            selectors.assessments_for(request.user),
            cycle=params.get("cycle"),
            region=params.get("region"),
            province=params.get("province"),
            status=params.get("status"),
        )
        return paginated(
            request, self, queryset, lambda page: AssessmentOutput(page, many=True).data
        )

    @extend_schema(request=AssessmentInput, responses={201: AssessmentDetailOutput})
    def post(self, request: Request) -> Response:
        given = AssessmentInput(data=request.data)
        given.is_valid(raise_exception=True)
        errors: dict[str, list[str]] = {}
        cycle = AssessmentCycle.objects.filter(pk=given.validated_data["cycle"]).first()
        if cycle is None:
            errors["cycle"] = [_("Siklus tidak ditemukan.")]
        region = Region.objects.filter(code=given.validated_data["region"]).first()
        if region is None:
            errors["region"] = [_("Wilayah tidak ditemukan.")]
        if errors:
            raise exceptions.ValidationError(errors)
        assert cycle is not None and region is not None
        created = lifecycle.create_assessment(user=request.user, cycle=cycle, region=region)
        assessment = _assessment(request, created.pk)
        return Response(_detail(assessment), status=status.HTTP_201_CREATED)


class AssessmentDetailView(APIView):
    @extend_schema(responses=AssessmentDetailOutput)
    def get(self, request: Request, pk: int) -> Response:
        return Response(_detail(_assessment(request, pk)))


def _deadline(raw: Any) -> datetime.date:
    """A body's ``deadline`` as a date (400 naming it otherwise)."""
    try:
        deadline = datetime.date.fromisoformat(raw) if isinstance(raw, str) else None
    except ValueError:
        deadline = None
    if deadline is None:
        raise exceptions.ValidationError({"deadline": [_("Tanggal tidak valid (YYYY-MM-DD).")]})
    return deadline


class DeadlineView(APIView):
    @extend_schema(request=DeadlineInput, responses=AssessmentDetailOutput)
    def post(self, request: Request, pk: int) -> Response:
        assessment = _assessment(request, pk)
        deadline = _deadline(_body(request).get("deadline"))
        lifecycle.extend_deadline(user=request.user, assessment=assessment, deadline=deadline)
        return Response(_detail(_assessment(request, pk)))


# --- Answers ----------------------------------------------------------------------------------


class AnswerListView(APIView):
    pagination_class = StandardPagination

    @extend_schema(responses=AnswerRowOutput(many=True))
    def get(self, request: Request, pk: int) -> Response:
        assessment = _assessment(request, pk)
        rows = selectors.answer_rows(assessment, user=request.user)
        language = _language(request)
        return paginated(request, self, rows, lambda page: _rows(page, language))


class AnswerDetailView(APIView):
    def _row(self, request: Request, assessment: Assessment, indicator_id: int) -> Any:
        rows = selectors.answer_rows(assessment, user=request.user, indicator_ids=[indicator_id])
        return _rows(rows, _language(request))[0]

    @extend_schema(responses=AnswerRowOutput)
    def get(self, request: Request, pk: int, code: str) -> Response:
        assessment = _assessment(request, pk)
        indicator = services_answers.indicator_or_404(assessment, code)
        return Response(self._row(request, assessment, indicator.pk))

    @extend_schema(request=AnswerInput, responses={200: AnswerRowOutput, 409: STALE_409})
    def put(self, request: Request, pk: int, code: str) -> Response:
        saved = services_answers.autosave(
            user=request.user, assessment_id=pk, code=code, data=_body(request)
        )
        row = selectors.answer_row(
            saved.assessment,
            user=request.user,
            indicator=saved.indicator,
            answer=saved.answer,
            evidence_count=saved.evidence_count,
        )
        return Response(_rows([row], _language(request))[0])


class AnswerBulkView(APIView):
    @extend_schema(
        request=BulkAnswerInput(many=True),
        responses={200: AnswerRowOutput(many=True), 409: STALE_409},
    )
    def post(self, request: Request, pk: int) -> Response:
        assessment = _assessment(request, pk)
        items = request.data
        if isinstance(items, dict) and "items" in items:
            items = items["items"]
        if not isinstance(items, list):
            raise exceptions.ValidationError({"items": [_("Isi permintaan harus daftar jawaban.")]})
        saved = services_answers.save_answers_bulk(
            user=request.user, assessment=assessment, items=items
        )
        rows = selectors.answer_rows(
            assessment, user=request.user, indicator_ids=[a.indicator_id for a in saved]
        )
        data = _rows(rows, _language(request))
        return Response({"count": len(data), "results": data})


# --- Evidence ---------------------------------------------------------------------------------


def _evidence(assessment: Assessment, eid: int) -> Evidence:
    return get_object_or_404(selectors.evidence_of(assessment), pk=eid)


class EvidenceListView(APIView):
    parser_classes = [MultiPartParser, FormParser, JSONParser]
    pagination_class = StandardPagination

    @extend_schema(
        parameters=[OpenApiParameter("indicator", str, description="indicator code")],
        responses=EvidenceOutput(many=True),
    )
    def get(self, request: Request, pk: int) -> Response:
        assessment = _assessment(request, pk)
        queryset = selectors.evidence_of(assessment)
        if request.query_params.get("indicator"):
            queryset = queryset.filter(indicator__code=request.query_params["indicator"])
        return paginated(request, self, queryset, lambda page: EvidenceOutput(page, many=True).data)

    @extend_schema(request={"multipart/form-data": EvidenceInput}, responses={201: EvidenceOutput})
    def post(self, request: Request, pk: int) -> Response:
        assessment = _assessment(request, pk)
        code = request.data.get("indicator")
        upload = request.FILES.get("file")
        evidence = services_evidence.add_evidence(
            user=request.user,
            assessment=assessment,
            indicator_code=code if isinstance(code, str) else "",
            upload=upload,
        )
        evidence = _evidence(assessment, evidence.pk)
        return Response(EvidenceOutput(evidence).data, status=status.HTTP_201_CREATED)


class EvidenceDetailView(APIView):
    @extend_schema(responses=EvidenceOutput)
    def get(self, request: Request, pk: int, eid: int) -> Response:
        return Response(EvidenceOutput(_evidence(_assessment(request, pk), eid)).data)

    @extend_schema(responses={204: None})
    def delete(self, request: Request, pk: int, eid: int) -> Response:
        evidence = _evidence(_assessment(request, pk), eid)
        services_evidence.delete_evidence(user=request.user, evidence=evidence)
        return Response(status=status.HTTP_204_NO_CONTENT)


#: What a download may be served as: an accepted type, or octet-stream for anything else.
DOWNLOAD_RESPONSES = {
    (200, content_type): bytes
    for content_type in (*sorted(uploads.ALLOWED_TYPES), "application/octet-stream")
}


class EvidenceDownloadView(APIView):
    @extend_schema(responses=DOWNLOAD_RESPONSES)
    def get(self, request: Request, pk: int, eid: int) -> FileResponse:
        evidence = _evidence(_assessment(request, pk), eid)
        return downloads.private_download(
            evidence.file, name=evidence.name, content_type=evidence.content_type
        )


# --- Transitions and review -------------------------------------------------------------------


class SubmitView(APIView):
    @extend_schema(request=None, responses={200: AssessmentDetailOutput, 400: INCOMPLETE_400})
    def post(self, request: Request, pk: int) -> Response:
        assessment = _assessment(request, pk)
        lifecycle.submit(user=request.user, assessment=assessment)
        return Response(_detail(_assessment(request, pk)))


class ReturnView(APIView):
    @extend_schema(request=CommentInput, responses=AssessmentDetailOutput)
    def post(self, request: Request, pk: int) -> Response:
        assessment = _assessment(request, pk)
        comment = _body(request).get("comment")
        lifecycle.return_assessment(user=request.user, assessment=assessment, comment=comment)
        return Response(_detail(_assessment(request, pk)))


class ApproveView(APIView):
    @extend_schema(request=None, responses=AssessmentDetailOutput)
    def post(self, request: Request, pk: int) -> Response:
        assessment = _assessment(request, pk)
        lifecycle.approve(user=request.user, assessment=assessment)
        return Response(_detail(_assessment(request, pk)))


class ReopenView(APIView):
    @extend_schema(request=ReopenInput, responses=AssessmentDetailOutput)
    def post(self, request: Request, pk: int) -> Response:
        assessment = _assessment(request, pk)
        body = _body(request)
        deadline = _deadline(body["deadline"]) if body.get("deadline") is not None else None
        lifecycle.reopen(
            user=request.user, assessment=assessment, reason=body.get("reason"), deadline=deadline
        )
        return Response(_detail(_assessment(request, pk)))


class ReviewView(APIView):
    @extend_schema(request=ReviewInput, responses=ReviewWithIndicatorOutput)
    def put(self, request: Request, pk: int, code: str) -> Response:
        assessment = _assessment(request, pk)
        indicator = services_answers.indicator_or_404(assessment, code)
        body = _body(request)
        review = services_review.set_review(
            user=request.user,
            assessment=assessment,
            indicator=indicator,
            verified_level=body.get("verified_level"),
            not_applicable=body.get("not_applicable", False),
            comment=body.get("comment", ""),
        )
        review = Review.objects.select_related("indicator", "reviewer").get(pk=review.pk)
        return Response(ReviewWithIndicatorOutput(review).data)


# --- History ----------------------------------------------------------------------------------


class HistoryView(APIView):
    pagination_class = StandardPagination

    @extend_schema(responses=HistoryOutput(many=True))
    def get(self, request: Request, pk: int) -> Response:
        assessment = _assessment(request, pk)
        return paginated(
            request,
            self,
            selectors.history(assessment),
            lambda page: HistoryOutput(page, many=True).data,
        )


class IndicatorCodeConverter:
    """An indicator code in a path: anything but the sibling endpoints' names (``bulk`` here,
    ``import`` in spreadsheets.py), so ``answers/import/`` reaches its own view."""

    regex = r"(?!(?:bulk|import)/)[^/]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(IndicatorCodeConverter, "indicator_code")

urlpatterns = [
    path("assessments/", AssessmentListView.as_view(), name="api-assessment-list"),
    path("assessments/<int:pk>/", AssessmentDetailView.as_view(), name="api-assessment-detail"),
    path("assessments/<int:pk>/deadline/", DeadlineView.as_view(), name="api-assessment-deadline"),
    path("assessments/<int:pk>/answers/", AnswerListView.as_view(), name="api-answer-list"),
    path("assessments/<int:pk>/answers/bulk/", AnswerBulkView.as_view(), name="api-answer-bulk"),
    path(
        "assessments/<int:pk>/answers/<indicator_code:code>/",
        AnswerDetailView.as_view(),
        name="api-answer-detail",
    ),
    path("assessments/<int:pk>/evidence/", EvidenceListView.as_view(), name="api-evidence-list"),
    path(
        "assessments/<int:pk>/evidence/<int:eid>/",
        EvidenceDetailView.as_view(),
        name="api-evidence-detail",
    ),
    path(
        "assessments/<int:pk>/evidence/<int:eid>/download/",
        EvidenceDownloadView.as_view(),
        name="api-evidence-download",
    ),
    path("assessments/<int:pk>/submit/", SubmitView.as_view(), name="api-assessment-submit"),
    path("assessments/<int:pk>/return/", ReturnView.as_view(), name="api-assessment-return"),
    path("assessments/<int:pk>/approve/", ApproveView.as_view(), name="api-assessment-approve"),
    path("assessments/<int:pk>/reopen/", ReopenView.as_view(), name="api-assessment-reopen"),
    path(
        "assessments/<int:pk>/reviews/<str:code>/",
        ReviewView.as_view(),
        name="api-assessment-review",
    ),
    path("assessments/<int:pk>/history/", HistoryView.as_view(), name="api-assessment-history"),
]
