"""Reads of assessments: scope, completeness, answer rows, evidence and history."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from cities import access
from cities.access import AnyUser
from cities.models import RegionKind, Role
from maturity.assessments.models import (
    EDITABLE_STATUSES,
    Answer,
    AnswerStatus,
    Assessment,
    AssessmentStatus,
    Evidence,
    HistoryEntry,
    Review,
)
from maturity.cycles.models import CycleStatus
from maturity.frameworks.models import (
    FrameworkStatus,
    Indicator,
)
from maturity.frameworks.rules import framework_entry
from maturity.frameworks.selectors import FrameworkLayout, framework_layout
from maturity.scoring import calculation


def answer_inputs(
    answers: list[Answer], codes: dict[int, str]
) -> dict[str, calculation.AnswerInput]:
    """Answers as scoring inputs, keyed by indicator code."""
    result: dict[str, calculation.AnswerInput] = {}
    for answer in answers:
        value: Decimal | int | bool | None = None
        if answer.status == AnswerStatus.ANSWERED:
            if answer.value_decimal is not None:
                value = answer.value_decimal
            elif answer.value_level is not None:
                value = answer.value_level
            else:
                value = answer.value_bool
        result[codes[answer.indicator_id]] = calculation.AnswerInput(
            status=answer.status, value=value
        )
    return result


# --- Completeness -----------------------------------------------------------------------------


def _percent(answered: int, required: int) -> Decimal:
    """Answered / required in percent, one decimal, half up — as SCORING.md §6 for a group."""
    if not required:
        return Decimal("100.0")
    exact = Fraction(answered * 100, required)
    return calculation.round_half_up(Decimal(exact.numerator) / Decimal(exact.denominator), 1)


@dataclass(frozen=True)
class Completeness:
    overall: Decimal
    by_element: list[dict[str, object]]
    by_theme: list[dict[str, object]]
    missing: list[str]  # required indicators without an answer, in framework order
    evidence_missing: list[str]  # answered indicators that need evidence and have none


def completeness_of(
    layout: FrameworkLayout, answers: list[Answer], evidence_indicator_ids: set[int]
) -> Completeness:
    """Completeness overall (via :func:`maturity.scoring.completeness`), per element and theme."""
    codes = {i.pk: i.code for i in layout.indicators}
    overall = calculation.completeness(layout.rules(), answer_inputs(answers, codes))
    answered_ids = {a.indicator_id for a in answers}
    answered_status = {a.indicator_id: a.status for a in answers}
    theme_counts: dict[int, list[int]] = {t.pk: [0, 0] for t in layout.themes}
    for indicator in layout.indicators:
        if indicator.required:
            theme_counts[indicator.theme_id][1] += 1
            if indicator.pk in answered_ids:
                theme_counts[indicator.theme_id][0] += 1
    element_counts: dict[int, list[int]] = {e.pk: [0, 0] for e in layout.elements}
    for theme in layout.themes:
        element_counts[theme.element_id][0] += theme_counts[theme.pk][0]
        element_counts[theme.element_id][1] += theme_counts[theme.pk][1]
    by_element = [
        {
            "code": e.code,
            "title": e.title,
            "answered": element_counts[e.pk][0],
            "required": element_counts[e.pk][1],
            "completeness": _percent(*element_counts[e.pk]),
        }
        for e in layout.elements
    ]
    element_code = {e.pk: e.code for e in layout.elements}
    by_theme = [
        {
            "code": t.code,
            "element": element_code[t.element_id],
            "title": t.title,
            "answered": theme_counts[t.pk][0],
            "required": theme_counts[t.pk][1],
            "completeness": _percent(*theme_counts[t.pk]),
        }
        for t in layout.themes
    ]
    missing = [i.code for i in layout.indicators if i.required and i.pk not in answered_ids]
    evidence_missing = [
        i.code
        for i in layout.indicators
        if i.evidence_required
        and answered_status.get(i.pk) == AnswerStatus.ANSWERED
        and i.pk not in evidence_indicator_ids
    ]
    return Completeness(overall, by_element, by_theme, missing, evidence_missing)


def completeness_for(assessment: Assessment) -> Completeness:
    """Read what completeness needs (five queries) and compute it."""
    layout = framework_layout(assessment.cycle.framework_id)
    answers = list(
        Answer.objects.filter(assessment=assessment).only(
            "id", "indicator_id", "status", "value_decimal", "value_level", "value_bool"
        )
    )
    with_evidence = set(
        Evidence.objects.filter(assessment=assessment).values_list("indicator_id", flat=True)
    )
    return completeness_of(layout, answers, with_evidence)


# --- Assessments ------------------------------------------------------------------------------


def assessments_for(user: AnyUser) -> QuerySet[Assessment]:
    """The assessments ``user`` may read, with what lists and details show."""
    queryset = Assessment.objects.select_related("region", "cycle", "cycle__framework")
    return access.scope(user, queryset, "region").order_by("cycle_id", "region__code")


def assessment_to_change(user: AnyUser, pk: int) -> Assessment | None:
    """The assessment ``pk`` if ``user`` may read it, its row locked until the transaction ends
    (call inside ``transaction.atomic``), with its region, cycle and framework; else None."""
    queryset = Assessment.objects.select_for_update(of=("self",)).select_related(
        "region", "cycle__framework"
    )
    try:
        # get(), not first(): no default ordering (which would join the regions) and no LIMIT.
        return access.scope(user, queryset, "region").get(pk=pk)
    except Assessment.DoesNotExist:
        return None


def filter_assessments(
    queryset: QuerySet[Assessment],
    *,
    cycle: str | None = None,
    region: str | None = None,
    province: str | None = None,
    status: str | None = None,
) -> QuerySet[Assessment]:
    """The list's filters: cycle id, region code, province code, status."""
    if cycle:
        queryset = queryset.filter(cycle_id=int(cycle)) if cycle.isdigit() else queryset.none()
    if region:
        queryset = queryset.filter(region__code=region)
    if province:
        queryset = queryset.filter(region__province_code=province)
    if status:
        queryset = queryset.filter(status=status)
    return queryset


def _province_stage_q() -> Q:
    """Assessments that the province verifies first: kabupaten and kota in a cycle with the
    province stage."""
    return Q(cycle__province_review=True) & ~Q(region__kind=RegionKind.PROVINCE)


def awaiting_verification(user: AnyUser, queryset: QuerySet[Assessment]) -> QuerySet[Assessment]:
    """Of ``queryset``, the assessments waiting for ``user``'s verification: for a province
    reviewer those submitted in a cycle with the province stage; for a ministry reviewer those
    submitted without it (a province's own included) and those the province has verified."""
    wanted = Q(pk__in=[])
    if access.has_role(user, Role.PROVINCE_REVIEWER):
        wanted |= Q(status=AssessmentStatus.SUBMITTED) & _province_stage_q()
    if access.can(user, access.APPROVE):
        wanted |= (Q(status=AssessmentStatus.SUBMITTED) & ~_province_stage_q()) | Q(
            status=AssessmentStatus.PROVINCE_VERIFIED
        )
    return queryset.filter(wanted)


def reviews_visible(user: AnyUser, assessment: Assessment) -> bool:
    """Ministry staff and province reviewers always see reviews; the region once the assessment
    is returned or approved."""
    if access.is_ministry(user) or access.has_role(user, Role.PROVINCE_REVIEWER):
        return True
    return assessment.status in {AssessmentStatus.RETURNED, AssessmentStatus.APPROVED}


@dataclass(frozen=True)
class AssessmentDetail:
    assessment: Assessment
    completeness: Completeness
    editable: bool


def assessment_detail(assessment: Assessment) -> AssessmentDetail:
    """An assessment with its completeness per element and theme (constant queries)."""

    return AssessmentDetail(
        assessment=assessment,
        completeness=completeness_for(assessment),
        editable=is_open_for_editing(assessment),
    )


# --- Answers ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class AnswerRow:
    """One indicator of the assessment's framework, with its answer (or none) and its review."""

    indicator: Indicator
    answer: Answer | None
    review: Review | None
    evidence_count: int


def answer_rows(
    assessment: Assessment,
    *,
    user: AnyUser,
    indicator_ids: list[int] | None = None,
) -> list[AnswerRow]:
    """One row per indicator, answered or not, in framework order (four queries).

    The review is included only where :func:`reviews_visible` allows.
    """
    indicators = Indicator.objects.filter(
        framework_id=assessment.cycle.framework_id
    ).select_related("theme", "theme__element")
    answers = Answer.objects.filter(assessment=assessment).select_related("updated_by")
    if indicator_ids is not None:
        indicators = indicators.filter(pk__in=indicator_ids)
        answers = answers.filter(indicator_id__in=indicator_ids)
    by_indicator = {a.indicator_id: a for a in answers}
    reviews: dict[int, Review] = {}
    if reviews_visible(user, assessment):
        review_qs = Review.objects.filter(assessment=assessment).select_related("reviewer")
        if indicator_ids is not None:
            review_qs = review_qs.filter(indicator_id__in=indicator_ids)
        reviews = {r.indicator_id: r for r in review_qs}
    evidence_counts = dict(
        Evidence.objects.filter(assessment=assessment)
        .values_list("indicator_id")
        .annotate(n=Count("id"))
        .values_list("indicator_id", "n")
    )
    return [
        AnswerRow(
            indicator=indicator,
            answer=by_indicator.get(indicator.pk),
            review=reviews.get(indicator.pk),
            evidence_count=evidence_counts.get(indicator.pk, 0),
        )
        for indicator in indicators.order_by("position", "id")
    ]


def indicator_of(assessment: Assessment, code: str) -> Indicator | None:
    """The indicator with ``code`` in the assessment's framework (with its theme and element),
    or None. A published framework's indicators never change, so they are read once per process
    (with the framework's cached rules, :func:`maturity.scores.framework_entry`); a draft's are
    read every time."""

    framework = assessment.cycle.framework
    indicators = Indicator.objects.filter(framework_id=framework.pk).select_related(
        "theme__element"
    )
    if framework.status == FrameworkStatus.DRAFT:
        return indicators.filter(code=code).first()
    cached = framework_entry(framework).indicators
    if not cached:
        cached.update({indicator.code: indicator for indicator in indicators})
    return cached.get(code)


# An answer with its evidence count, in one read: the autosave's (benchmarks/load.py). The ORM's
# get() and count() took two round trips and about 2,500 Python calls; this takes one and 500.
_ANSWER_WITH_EVIDENCE_COUNT_SQL = """
    SELECT a.*, (
        SELECT COUNT(*) FROM maturity_evidence e
        WHERE e.assessment_id = a.assessment_id AND e.indicator_id = a.indicator_id
    ) AS evidence_count
    FROM maturity_answer a
    WHERE a.assessment_id = %s AND a.indicator_id = %s
"""


def answer_with_evidence_count(assessment_id: int, indicator_id: int) -> Answer | None:
    """The answer to one indicator (None if unanswered), with ``evidence_count`` set on it."""
    found = list(Answer.objects.raw(_ANSWER_WITH_EVIDENCE_COUNT_SQL, [assessment_id, indicator_id]))
    return found[0] if found else None


def answer_row(
    assessment: Assessment,
    *,
    user: AnyUser,
    indicator: Indicator,
    answer: Answer,
    evidence_count: int | None = None,
) -> AnswerRow:
    """The row of an answer just written, its indicator (from :func:`indicator_of`) and answer
    at hand: only the evidence count (unless given) and the review (where visible) are read."""
    review = None
    if reviews_visible(user, assessment):
        review = (
            Review.objects.filter(assessment=assessment, indicator=indicator)
            .select_related("reviewer")
            .first()
        )
    return AnswerRow(
        indicator=indicator,
        answer=answer,
        review=review,
        evidence_count=(
            Evidence.objects.filter(assessment=assessment, indicator=indicator).count()
            if evidence_count is None
            else evidence_count
        ),
    )


# --- Evidence and history ---------------------------------------------------------------------


def evidence_of(assessment: Assessment) -> QuerySet[Evidence]:
    """The assessment's evidence files (the assessment was found through the user's scope)."""
    return (
        Evidence.objects.filter(assessment=assessment)
        .select_related("indicator", "uploaded_by", "programme")
        .order_by("indicator__position", "uploaded_at", "id")
    )


def evidence_for(user: AnyUser) -> QuerySet[Evidence]:
    """Every evidence file ``user`` may read."""
    return access.scope(user, Evidence.objects.all(), "assessment__region")


def history(assessment: Assessment) -> QuerySet[HistoryEntry]:
    """The assessment's recorded changes, oldest first."""
    return (
        HistoryEntry.objects.filter(assessment=assessment)
        .select_related("actor")
        .order_by("at", "id")
    )


# --- State checks -----------------------------------------------------------------------------


def _today() -> datetime.date:
    return timezone.localdate()


def is_cycle_open(assessment: Assessment, today: datetime.date | None = None) -> bool:
    """The cycle is open and today is on or before the assessment's deadline."""
    today = today or _today()
    return assessment.cycle.status == CycleStatus.OPEN and today <= assessment.deadline


def is_open_for_editing(assessment: Assessment) -> bool:
    """Answers and evidence may change: draft or returned, in an open cycle before the deadline."""
    return assessment.status in EDITABLE_STATUSES and is_cycle_open(assessment)
