"""A reviewer's verified level and comment on one indicator."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from cities import access
from cities.access import AnyUser
from maturity.assessments.models import (
    Assessment,
    AssessmentStatus,
    Review,
)
from maturity.assessments.services.answers import _unknown_indicator
from maturity.assessments.services.history import REVIEW_SET, record_history
from maturity.assessments.services.state import lock, require_status, schedule_scoring
from maturity.assessments.validation import MAX_TEXT
from maturity.frameworks.models import Indicator


def _msg(indonesian: str, english: str) -> str:
    return f"{indonesian} / {english}"


def _clean_comment(comment: Any, field: str, *, required: bool) -> str:
    if comment is not None and not isinstance(comment, str):
        raise ValidationError({field: [_msg("Harus berupa teks.", "Must be text.")]})
    text = (comment or "").strip()
    if required and not text:
        raise ValidationError({field: [_msg("Wajib diisi.", "This field is required.")]})
    if len(text) > MAX_TEXT:
        too_long = _msg(f"Paling banyak {MAX_TEXT} karakter.", f"At most {MAX_TEXT} characters.")
        raise ValidationError({field: [too_long]})
    return text


def _review_snapshot(review: Review | None) -> dict[str, Any] | None:
    if review is None:
        return None
    return {
        "verified_level": review.verified_level,
        "not_applicable": review.not_applicable,
        "comment": review.comment,
    }


@transaction.atomic
def set_review(
    *,
    user: AnyUser,
    assessment: Assessment,
    indicator: Indicator,
    verified_level: int | None,
    not_applicable: bool = False,
    comment: str = "",
) -> Review:
    """A reviewer's decision on one indicator while submitted: a level 0–5 or N/A accepted."""
    access.require(user, access.REVIEW, assessment.region)
    locked = lock(assessment)
    require_status(locked, {AssessmentStatus.SUBMITTED}, "review")
    if indicator.framework_id != locked.cycle.framework_id:
        raise ValidationError({"indicator": [_unknown_indicator(indicator.code)]})
    errors: dict[str, list[str]] = {}
    if verified_level is not None and (
        isinstance(verified_level, bool)
        or not isinstance(verified_level, int)
        or not 0 <= verified_level <= 5
    ):
        errors["verified_level"] = [
            _msg("Harus tingkat 0–5 atau null.", "Must be a level 0–5 or null.")
        ]
    if not isinstance(not_applicable, bool):
        errors["not_applicable"] = [_msg("Harus true atau false.", "Must be true or false.")]
    elif not_applicable and verified_level is not None:
        errors["not_applicable"] = [
            _msg(
                "Pilih tingkat terverifikasi atau 'tidak berlaku', bukan keduanya.",
                "Choose a verified level or 'not applicable', not both.",
            )
        ]
    try:
        text = _clean_comment(comment, "comment", required=False)
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    review = Review.objects.filter(assessment=locked, indicator=indicator).first()
    before = _review_snapshot(review)
    if review is None:
        review = Review(assessment=locked, indicator=indicator)
    review.verified_level = verified_level
    review.not_applicable = not_applicable
    review.comment = text
    review.reviewer = user if user.is_authenticated else None
    review.save()
    record_history(
        assessment=locked,
        actor=user,
        action=REVIEW_SET,
        indicator_code=indicator.code,
        before=before,
        after=_review_snapshot(review),
    )
    schedule_scoring(assessment_id=locked.pk)
    return review
