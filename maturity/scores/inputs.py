"""What a score is computed from (an assessment's framework, answers and reviews) and its hash."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db.models import Q
from django.utils.dateparse import parse_datetime

from maturity.assessments.models import (
    UNDER_REVIEW_STATUSES,
    Answer,
    AnswerStatus,
    Assessment,
    AssessmentStatus,
    Review,
)
from maturity.frameworks.rules import FrameworkEntry, framework_entry
from maturity.scores.models import ScoreTrack
from maturity.scoring.calculation import (
    AnswerInput,
    ReviewInput,
)

_HASH_SCHEMA = 1  # bump when the hashed payload's shape changes


# --------------------------------------------------------------------------- inputs and hashing


#: Statuses in which an assessment has a self score (SCORING.md §3: from submission on).
SCORED_STATUSES = (
    AssessmentStatus.SUBMITTED,
    AssessmentStatus.PROVINCE_VERIFIED,
    AssessmentStatus.RETURNED,
    AssessmentStatus.APPROVED,
)


@dataclass(frozen=True)
class ScoringInputs:
    """One assessment's scoring inputs, as read by :func:`load_inputs`."""

    assessment: Assessment
    entry: FrameworkEntry
    answers: dict[str, AnswerInput]
    reviews: dict[str, ReviewInput]  # decisions only (a comment alone scores nothing)
    inputs_as_of: datetime | None

    @property
    def final(self) -> bool:
        """Whether the verified track is final (approved) rather than provisional."""
        return self.assessment.status == AssessmentStatus.APPROVED

    @property
    def tracks(self) -> tuple[str, ...]:
        """The tracks this assessment has now: self from submission, verified from approval,
        and a provisional verified track while a submitted assessment is being reviewed."""
        status = self.assessment.status
        if status not in SCORED_STATUSES:
            return ()
        if status == AssessmentStatus.APPROVED or (
            status in UNDER_REVIEW_STATUSES and self.reviews
        ):
            return (ScoreTrack.SELF, ScoreTrack.VERIFIED)
        return (ScoreTrack.SELF,)


def load_inputs(assessment_id: int) -> ScoringInputs:
    """Read an assessment, its framework, answers and reviews: 3 queries (6 on a cold cache).

    The assessment row (and its ``inputs_changed_at``) is read first, so the answers and reviews
    read after it are at least as new as the mark the snapshot will claim to reflect.
    """
    assessment = Assessment.objects.select_related("cycle__framework").get(pk=assessment_id)
    inputs_as_of = assessment.inputs_changed_at
    entry = framework_entry(assessment.cycle.framework)
    kinds = entry.kinds
    answers: dict[str, AnswerInput] = {}
    rows = (
        Answer.objects.filter(assessment_id=assessment_id)
        .order_by()
        .values_list("indicator__code", "status", "value_decimal", "value_level", "value_bool")
    )
    for code, status, value_decimal, value_level, value_bool in rows:
        kind = kinds.get(code)
        if kind is None:
            continue
        value: Decimal | int | bool | None = None
        if status == AnswerStatus.ANSWERED:
            if kind == "quantitative":
                value = value_decimal
            elif kind == "rubric":
                value = value_level
            else:
                value = value_bool
        answers[code] = AnswerInput(status, value)
    reviews: dict[str, ReviewInput] = {}
    review_rows = (
        Review.objects.filter(assessment_id=assessment_id)
        .filter(Q(verified_level__isnull=False) | Q(not_applicable=True))
        .order_by()
        .values_list("indicator__code", "verified_level", "not_applicable")
    )
    for code, verified_level, not_applicable in review_rows:
        if code in kinds:
            level = None if not_applicable else verified_level
            reviews[code] = ReviewInput(verified_level=level, not_applicable=not_applicable)
    return ScoringInputs(
        assessment=assessment,
        entry=entry,
        answers=answers,
        reviews=reviews,
        inputs_as_of=inputs_as_of,
    )


def _canonical_value(value: object) -> object:
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f")
        return "0" if text in {"-0", "0"} else text
    return value


def inputs_hash(inputs: ScoringInputs, track: str) -> str:
    """sha256 of a canonical JSON of what ``track`` depends on.

    Self: the framework (id, version) and every answer's status and value. Verified: the same,
    plus the reviewers' decisions and whether the track is final (approved) or provisional.
    Comments, sources and timestamps do not change scores and are left out.
    """
    framework = inputs.assessment.cycle.framework
    payload: dict[str, Any] = {
        "schema": _HASH_SCHEMA,
        "track": track,
        "framework": [framework.pk, framework.code, framework.version],
        "answers": sorted(
            [code, answer.status, _canonical_value(answer.value)]
            for code, answer in inputs.answers.items()
        ),
    }
    if track == ScoreTrack.VERIFIED:
        payload["reviews"] = sorted(
            [code, review.verified_level, review.not_applicable]
            for code, review in inputs.reviews.items()
        )
        payload["final"] = inputs.final
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(canonical.encode("ascii")).hexdigest()


def mark_covers(as_of: object, changed_at: datetime | None) -> bool:
    """Whether a snapshot computed against mark ``as_of`` reflects inputs changed at
    ``changed_at``."""
    if changed_at is None:
        return True
    if not isinstance(as_of, str):
        return False
    parsed = parse_datetime(as_of)
    return parsed is not None and parsed >= changed_at
