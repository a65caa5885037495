"""Starting a new cycle from last year's work.

A CSCO who starts the region's assessment may copy the previous cycle's answers (and evidence)
of the indicators that continue into the new framework version, as a draft starting point. An
indicator continues when it is the same indicator (both cycles on one framework version) or when
the new version names it in ``continues``. Nothing here decides what an answer may be: every
copied answer goes through :func:`maturity.services.save_answers_bulk` and every file through
:func:`maturity.services.add_evidence`, so the new framework's rules, the access policy and the
history apply exactly as if the CSCO had typed them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.files.base import File
from django.db import transaction

from cities import errors
from cities.access import AnyUser
from cities.models import Region
from maturity.assessments import validation
from maturity.assessments.models import Answer, Assessment, AssessmentStatus, Evidence
from maturity.assessments.services import answers as services_answers
from maturity.assessments.services import evidence as services_evidence
from maturity.assessments.services import history, lifecycle
from maturity.cycles.models import AssessmentCycle
from maturity.frameworks.models import Indicator


@dataclass(frozen=True)
class CarryOverPlan:
    """What starting from the previous cycle would copy."""

    previous: Assessment | None
    continuing: dict[str, str]  # new indicator code → previous indicator code

    @property
    def count(self) -> int:
        return len(self.continuing)


@dataclass(frozen=True)
class StartResult:
    assessment: Assessment
    answers: int
    evidence: int
    skipped: list[str]  # indicator codes whose old answer no longer fits the new rules


def previous_assessment(*, cycle: AssessmentCycle, region: Region) -> Assessment | None:
    """The region's most recent assessment in an earlier cycle that got past a draft."""
    return (
        Assessment.objects.filter(region=region, cycle__year__lte=cycle.year)
        .exclude(cycle=cycle)
        .exclude(status=AssessmentStatus.DRAFT, answers__isnull=True)
        .select_related("cycle", "cycle__framework")
        .order_by("-cycle__year", "-cycle__opens_on", "-pk")
        .first()
    )


def continuing_indicators(*, previous_framework_id: int, framework_id: int) -> dict[str, str]:
    """New indicator code → the previous version's indicator code it continues."""
    if previous_framework_id == framework_id:
        codes = Indicator.objects.filter(framework_id=framework_id).values_list("code", flat=True)
        return {code: code for code in codes}
    old_codes = set(
        Indicator.objects.filter(framework_id=previous_framework_id).values_list("code", flat=True)
    )
    return {
        code: continues
        for code, continues in Indicator.objects.filter(framework_id=framework_id)
        .exclude(continues="")
        .values_list("code", "continues")
        if continues in old_codes
    }


def plan(*, cycle: AssessmentCycle, region: Region) -> CarryOverPlan:
    """What a carry-over into ``cycle`` would take from the region's previous assessment."""
    previous = previous_assessment(cycle=cycle, region=region)
    if previous is None:
        return CarryOverPlan(previous=None, continuing={})
    continuing = continuing_indicators(
        previous_framework_id=previous.cycle.framework_id, framework_id=cycle.framework_id
    )
    return CarryOverPlan(previous=previous, continuing=continuing)


@transaction.atomic
def start_assessment(
    *, user: AnyUser, cycle: AssessmentCycle, region: Region, carry_over: bool
) -> StartResult:
    """Create the region's assessment in ``cycle``; with ``carry_over``, copy the previous
    cycle's answers and evidence of continuing indicators as a draft. All or nothing."""
    assessment = lifecycle.create_assessment(user=user, cycle=cycle, region=region)
    if not carry_over:
        return StartResult(assessment=assessment, answers=0, evidence=0, skipped=[])
    return carry_over_into(user=user, assessment=assessment)


def carry_over_into(*, user: AnyUser, assessment: Assessment) -> StartResult:
    """Copy what continues from the region's previous assessment into ``assessment``."""
    found = plan(cycle=assessment.cycle, region=assessment.region)
    if found.previous is None or not found.continuing:
        return StartResult(assessment=assessment, answers=0, evidence=0, skipped=[])
    items, skipped = _answers_to_copy(found.previous, assessment, found.continuing)
    if items:
        services_answers.save_answers_bulk(user=user, assessment=assessment, items=items)
    copied_codes = {item["indicator"] for item in items}
    by_old_code = {old: new for new, old in found.continuing.items() if new in copied_codes}
    evidence_count = _copy_evidence(
        user=user, previous=found.previous, assessment=assessment, by_old_code=by_old_code
    )
    assessment.refresh_from_db()
    return StartResult(
        assessment=assessment, answers=len(items), evidence=evidence_count, skipped=skipped
    )


def _answers_to_copy(
    previous: Assessment, assessment: Assessment, continuing: dict[str, str]
) -> tuple[list[dict[str, Any]], list[str]]:
    """The previous answers as bodies for the new indicators, and the codes whose old answer
    the new framework's rules no longer accept."""
    new_indicators = {
        i.code: i
        for i in Indicator.objects.filter(
            framework_id=assessment.cycle.framework_id, code__in=list(continuing)
        )
    }
    old_answers = {
        a.indicator.code: a
        for a in Answer.objects.filter(assessment=previous).select_related("indicator")
    }
    items: list[dict[str, Any]] = []
    skipped: list[str] = []
    for code, old_code in continuing.items():
        old = old_answers.get(old_code)
        if old is None:
            continue
        body = history.answer_snapshot(old) or {}
        body.pop("version", None)
        try:
            validation.validate_answer(indicator=new_indicators[code], data=body)
        except errors.Invalid:
            skipped.append(code)
            continue
        items.append({**body, "indicator": code})
    return items, skipped


def _copy_evidence(
    *, user: AnyUser, previous: Assessment, assessment: Assessment, by_old_code: dict[str, str]
) -> int:
    """Add the previous files of the copied answers to the new assessment; how many."""
    count = 0
    for evidence in (
        Evidence.objects.filter(assessment=previous, indicator__code__in=list(by_old_code))
        .exclude(file="")
        .select_related("indicator")
        .order_by("indicator__position", "id")
    ):
        if not evidence.file:
            continue
        with evidence.file.open("rb") as handle:
            services_evidence.add_evidence(
                user=user,
                assessment=assessment,
                indicator_code=by_old_code[evidence.indicator.code],
                upload=File(handle, name=evidence.name),
            )
        count += 1
    return count
