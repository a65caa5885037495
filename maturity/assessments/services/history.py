"""The history of an assessment: who changed what, before and after. Entries are never changed."""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any

from cities.access import AnyUser
from maturity.assessments.models import (
    Answer,
    AnswerStatus,
    Assessment,
    HistoryEntry,
)

# History actions.
ANSWER_CREATED = "answer.created"
ANSWER_CHANGED = "answer.changed"
EVIDENCE_ADDED = "evidence.added"
EVIDENCE_DELETED = "evidence.deleted"
REVIEW_SET = "review.set"
CREATED = "assessment.created"
SUBMITTED = "assessment.submitted"
PROVINCE_VERIFIED = "assessment.province_verified"
RETURNED = "assessment.returned"
APPROVED = "assessment.approved"
REOPENED = "assessment.reopened"
DEADLINE_EXTENDED = "assessment.deadline_extended"
REMINDER_SENT = "assessment.reminder_sent"


# --- History ----------------------------------------------------------------------------------


def record_history(
    *,
    assessment: Assessment,
    actor: AnyUser | None,
    action: str,
    indicator_code: str = "",
    before: Any = None,
    after: Any = None,
    comment: str = "",
    change_set: uuid.UUID | None = None,
) -> HistoryEntry:
    """Write one history entry (who, what, before → after). Entries are never changed."""
    return HistoryEntry.objects.create(
        assessment=assessment,
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        indicator_code=indicator_code,
        before=before,
        after=after,
        comment=comment,
        change_set=change_set,
    )


def _decimal_text(value: Decimal | None) -> str | None:
    if value is None:
        return None
    text = format(value.normalize(), "f")
    return text


def answer_snapshot(answer: Answer | None) -> dict[str, Any] | None:
    """An answer as JSON for history and for 409 bodies' ``before``/``after``."""
    if answer is None:
        return None
    return {
        "status": answer.status,
        "value": answer_value(answer),
        "numerator": _decimal_text(answer.numerator),
        "denominator": _decimal_text(answer.denominator),
        "justification": answer.justification,
        "comment": answer.comment,
        "source": answer.source,
        "year": answer.year,
        "quality": answer.quality or None,
        "version": answer.version,
    }


def answer_value(answer: Answer) -> str | int | bool | None:
    """The answer's value as the API shows it: a decimal string, a level, or true/false."""
    if answer.status != AnswerStatus.ANSWERED:
        return None
    if answer.value_decimal is not None:
        return _decimal_text(answer.value_decimal)
    if answer.value_level is not None:
        return answer.value_level
    return answer.value_bool
