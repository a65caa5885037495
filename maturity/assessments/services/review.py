"""A reviewer's verified level and comment on one indicator."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from cities import errors
from cities.access import AnyUser
from maturity.assessments.models import (
    Assessment,
    Review,
)
from maturity.assessments.services.answers import _unknown_indicator
from maturity.assessments.services.history import REVIEW_SET, record_history
from maturity.assessments.services.state import (
    lock_for_review,
    schedule_scoring,
)
from maturity.assessments.validation import MAX_TEXT
from maturity.frameworks.models import Indicator


def _clean_comment(comment: Any, field: str, *, required: bool) -> str:
    """A comment's text, stripped; :class:`~cities.errors.Invalid` naming ``field`` otherwise."""
    if comment is not None and not isinstance(comment, str):
        raise errors.Invalid({field: [_("Harus berupa teks.")]})
    text = (comment or "").strip()
    if required and not text:
        raise errors.Invalid({field: [_("Wajib diisi.")]})
    if len(text) > MAX_TEXT:
        raise errors.Invalid(
            {field: [_("Paling banyak %(count)d karakter.") % {"count": MAX_TEXT}]}
        )
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
    """A reviewer's decision on one indicator while under review: a level 0–5 or N/A accepted
    (a province reviewer while submitted, a ministry reviewer until the decision)."""
    locked = lock_for_review(user, assessment, "review")
    if indicator.framework_id != locked.cycle.framework_id:
        raise errors.Invalid({"indicator": [_unknown_indicator(indicator.code)]})
    text = _checked_review(verified_level, not_applicable, comment)
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


def _checked_review(verified_level: Any, not_applicable: Any, comment: Any) -> str:
    """The review's comment text once every field is right; all their problems at once else."""
    problems: dict[str, list[str]] = {}
    if verified_level is not None and (
        isinstance(verified_level, bool)
        or not isinstance(verified_level, int)
        or not 0 <= verified_level <= 5
    ):
        problems["verified_level"] = [_("Harus tingkat 0–5 atau null.")]
    if not isinstance(not_applicable, bool):
        problems["not_applicable"] = [_("Harus true atau false.")]
    elif not_applicable and verified_level is not None:
        problems["not_applicable"] = [
            _("Pilih tingkat terverifikasi atau 'tidak berlaku', bukan keduanya.")
        ]
    text = ""
    try:
        text = _clean_comment(comment, "comment", required=False)
    except errors.Invalid as error:
        problems.update(error.fields)
    if problems:
        raise errors.Invalid(problems)
    return text
