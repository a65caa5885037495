"""Writing answers: one (with its version check), autosaved, or many at once."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from cities import access, errors
from cities.access import AnyUser
from maturity.assessments import selectors
from maturity.assessments.models import (
    Answer,
    AnswerStatus,
    Assessment,
    HistoryEntry,
)
from maturity.assessments.services.history import ANSWER_CHANGED, ANSWER_CREATED, answer_snapshot
from maturity.assessments.services.state import lock, refresh_from, require_editable
from maturity.assessments.validation import CleanAnswer, validate_answer
from maturity.frameworks.models import Framework, Indicator
from maturity.frameworks.rules import framework_entry
from maturity.scoring import calculation


def _refresh_completeness(assessment: Assessment, framework: Framework) -> None:
    """Store the assessment's completeness (SCORING.md §6) after its answers changed.

    Called whenever an answer is created (an autosave may be the first one), so kept cheap: the
    framework's rules come from the in-process cache of published frameworks
    (:func:`maturity.scores.framework_entry`), the answers in one query.
    """

    rules = framework_entry(framework).rules
    answers: dict[str, calculation.AnswerInput] = {}
    rows = Answer.objects.filter(assessment=assessment).values_list(
        "indicator__code", "status", "value_decimal", "value_level", "value_bool"
    )
    for code, status, *values in rows:
        given = [v for v in values if v is not None] if status == AnswerStatus.ANSWERED else []
        answers[code] = calculation.AnswerInput(status=status, value=given[0] if given else None)
    value = calculation.completeness(rules, answers)
    Assessment.objects.filter(pk=assessment.pk).update(completeness=value)
    assessment.completeness = value


#: The code of a write made from a version someone else has since changed.
STALE_VERSION = "stale_version"


def _stale(answer: Answer | None) -> errors.Conflict:
    """A stale write's refusal, carrying the answer as it now is (``current``)."""
    return errors.Conflict(
        _("Jawaban sudah diubah orang lain; muat ulang dan coba lagi."),
        code=STALE_VERSION,
        body={"current": answer_snapshot(answer)},
    )


def _write_answer(
    *,
    user: AnyUser,
    assessment: Assessment,
    indicator: Indicator,
    clean: CleanAnswer,
    expected_version: int | None,
    current: Answer | None,
    change_set: uuid.UUID | None,
) -> tuple[Answer, HistoryEntry]:
    """Create (expected none) or conditionally update (expected version) one answer."""
    actor = user if user.is_authenticated else None
    if not expected_version:
        if current is not None:
            raise _stale(current)
        try:
            with transaction.atomic():
                answer = Answer.objects.create(
                    assessment=assessment,
                    indicator=indicator,
                    version=1,
                    updated_by=actor,
                    **clean.fields(),
                )
        except IntegrityError:
            raise _stale(
                Answer.objects.filter(assessment=assessment, indicator=indicator).first()
            ) from None
        action, before = ANSWER_CREATED, None
    else:
        if current is None or current.version != expected_version:
            raise _stale(current)
        now, fields = timezone.now(), clean.fields()
        updated = Answer.objects.filter(pk=current.pk, version=expected_version).update(
            version=F("version") + 1, updated_by=actor, updated_at=now, **fields
        )
        if updated != 1:
            raise _stale(Answer.objects.filter(pk=current.pk).first())
        action, before = ANSWER_CHANGED, answer_snapshot(current)
        # The row is now what the UPDATE wrote: no need to read it back (the autosave's hot path).
        answer = current
        for name, value in fields.items():
            setattr(answer, name, value)
        answer.version, answer.updated_by, answer.updated_at = expected_version + 1, actor, now
    entry = HistoryEntry(
        assessment=assessment,
        actor=actor,
        action=action,
        indicator_code=indicator.code,
        before=before,
        after=answer_snapshot(answer),
        change_set=change_set,
    )
    return answer, entry


def _expected_version(raw: Any, problems: dict[str, list[str]]) -> int | None:
    if raw is None or raw == "":
        return None
    if isinstance(raw, str) and raw.strip().isdigit():
        raw = int(raw.strip())
    if isinstance(raw, bool) or not isinstance(raw, int) or raw < 0:
        problems["version"] = [_("Versi harus bilangan bulat ≥ 0.")]
        return None
    return raw


@transaction.atomic
def save_answer(
    *,
    user: AnyUser,
    assessment: Assessment,
    indicator: Indicator,
    data: Mapping[str, Any],
) -> Answer:
    """Create or change one answer; ``data["version"]`` is the version last read (0/absent: none).

    403 unless a CSCO or contributor of the region; 409 unless editable, or when the version is
    stale (with the current answer); 400 by field for a bad body.
    """
    access.require(user, access.REGION_EDIT, assessment.region)
    locked = lock(assessment)
    require_editable(locked)
    if indicator.framework_id != locked.cycle.framework_id:
        raise errors.Invalid({"indicator": [_unknown_indicator(indicator.code)]})
    answer = _save_answer_locked(
        user=user,
        locked=locked,
        framework=assessment.cycle.framework,
        indicator=indicator,
        data=data,
    )
    refresh_from(assessment, locked)
    return answer


def indicator_or_404(assessment: Assessment, code: str) -> Indicator:
    """The indicator ``code`` of the assessment's framework; :class:`~cities.errors.NotFound`
    when it has none."""
    indicator = selectors.indicator_of(assessment, code)
    if indicator is None:
        raise errors.NotFound(
            _("Indikator '%(code)s' tidak ada dalam kerangka penilaian ini.") % {"code": code}
        )
    return indicator


@dataclass(frozen=True)
class Autosaved:
    """What :func:`autosave` wrote, and where; the answer's evidence count when it was read with
    the answer (a changed answer), None when it is still to count (a new one)."""

    assessment: Assessment
    indicator: Indicator
    answer: Answer
    evidence_count: int | None


@transaction.atomic
def autosave(*, user: AnyUser, assessment_id: int, code: str, data: Mapping[str, Any]) -> Autosaved:
    """:func:`save_answer` for one indicator code of an assessment id, as the API's autosave
    sends them: the hottest path under load, so the assessment is found in the user's scope and
    locked in one read.

    404 when the assessment is outside the user's scope or the code not in its framework; then
    as :func:`save_answer`.
    """
    locked = selectors.assessment_to_change(user, assessment_id)
    if locked is None:
        raise errors.NotFound(_("Penilaian tidak ditemukan."))
    indicator = indicator_or_404(locked, code)
    access.require(user, access.REGION_EDIT, locked.region)
    require_editable(locked)
    answer = _save_answer_locked(
        user=user, locked=locked, framework=locked.cycle.framework, indicator=indicator, data=data
    )
    return Autosaved(
        assessment=locked,
        indicator=indicator,
        answer=answer,
        evidence_count=getattr(answer, "evidence_count", None),  # see answer_with_evidence_count
    )


def _save_answer_locked(
    *,
    user: AnyUser,
    locked: Assessment,
    framework: Framework,
    indicator: Indicator,
    data: Mapping[str, Any],
) -> Answer:
    """The body of :func:`save_answer` once the assessment's row is locked, the user may edit
    and the assessment is editable: a valid body, the write and its history entry."""
    problems: dict[str, list[str]] = {}
    expected = _expected_version(data.get("version"), problems)
    try:
        clean = validate_answer(indicator=indicator, data=data)
    except errors.Invalid as error:
        problems.update(error.fields)
    if problems:
        raise errors.Invalid(problems)
    current = selectors.answer_with_evidence_count(locked.pk, indicator.pk)
    answer, entry = _write_answer(
        user=user,
        assessment=locked,
        indicator=indicator,
        clean=clean,
        expected_version=expected,
        current=current,
        change_set=None,
    )
    entry.save()
    if current is None:  # completeness counts answers of any status: only a new one moves it
        _refresh_completeness(locked, framework)
    return answer


def _unknown_indicator(code: object) -> str:
    return _("Indikator '%(code)s' tidak ada dalam kerangka ini.") % {"code": code}


@transaction.atomic
def save_answers_bulk(
    *,
    user: AnyUser,
    assessment: Assessment,
    items: Sequence[Mapping[str, Any]],
    change_set: uuid.UUID | None = None,
) -> list[Answer]:
    """Save many answers (each with ``"indicator"``) in one transaction: all or none.

    Bad items are refused as :class:`~cities.errors.Invalid` whose body is
    ``{"items": {"<index>": {field: [...]}}}``; a stale version as ``stale_version`` with the
    item's index and the current answer. Every history entry carries ``change_set`` (a new one
    unless the caller, e.g. a spreadsheet import, passes the id it records elsewhere too).
    """
    access.require(user, access.REGION_EDIT, assessment.region)
    locked = lock(assessment)
    require_editable(locked)
    if not isinstance(items, Sequence) or isinstance(items, (str, bytes)):
        raise errors.Invalid({"items": [_("Harus berupa daftar.")]})
    if not items:
        raise errors.Invalid({"items": [_("Daftar kosong.")]})
    prepared = _prepare_items(locked, items)
    current = {a.indicator_id: a for a in Answer.objects.filter(assessment=locked)}
    saved = _write_items(
        user=user,
        locked=locked,
        prepared=prepared,
        current=current,
        change_set=change_set or uuid.uuid4(),
    )
    if any(current.get(indicator.pk) is None for indicator, _clean, _version in prepared):
        _refresh_completeness(locked, assessment.cycle.framework)
    refresh_from(assessment, locked)
    return saved


_Prepared = tuple[Indicator, CleanAnswer, int | None]


def _prepare_items(locked: Assessment, items: Sequence[Mapping[str, Any]]) -> list[_Prepared]:
    """Every item checked, or all their problems at once by index (nothing is written)."""
    indicators = {
        i.code: i for i in Indicator.objects.filter(framework_id=locked.cycle.framework_id)
    }
    problems: dict[str, dict[str, list[str]]] = {}
    prepared: list[_Prepared] = []
    seen: set[str] = set()
    for index, item in enumerate(items):
        if not isinstance(item, Mapping):
            problems[str(index)] = {"non_field_errors": [_("Harus berupa objek.")]}
            continue
        item_problems, found = _prepare_item(item, indicators, seen)
        if item_problems:
            problems[str(index)] = item_problems
        elif found is not None:
            prepared.append(found)
    if problems:
        # Nested by index: the body keeps the shape (the fields hold one message per item).
        summary = {
            "items": [
                f"{index}: {message}"
                for index, by_field in problems.items()
                for messages in by_field.values()
                for message in messages
            ]
        }
        raise errors.Invalid(summary, body={"items": problems})
    return prepared


def _prepare_item(
    item: Mapping[str, Any], indicators: dict[str, Indicator], seen: set[str]
) -> tuple[dict[str, list[str]], _Prepared | None]:
    """One item's problems by field, or the indicator, clean answer and expected version."""
    problems: dict[str, list[str]] = {}
    code = item.get("indicator")
    indicator = indicators.get(code) if isinstance(code, str) else None
    if indicator is None:
        problems["indicator"] = [_unknown_indicator(code)]
    elif code in seen:
        problems["indicator"] = [_("Indikator muncul lebih dari sekali.")]
    else:
        seen.add(indicator.code)
    expected = _expected_version(item.get("version"), problems)
    clean: CleanAnswer | None = None
    if indicator is not None:
        try:
            clean = validate_answer(indicator=indicator, data=item)
        except errors.Invalid as error:
            problems.update(error.fields)
    if problems or indicator is None or clean is None:
        return problems, None
    return problems, (indicator, clean, expected)


def _write_items(
    *,
    user: AnyUser,
    locked: Assessment,
    prepared: list[_Prepared],
    current: dict[int, Answer],
    change_set: uuid.UUID,
) -> list[Answer]:
    """Write the checked items and their history; a stale one refuses them all (its index and
    indicator added to the refusal's body)."""
    saved: list[Answer] = []
    entries: list[HistoryEntry] = []
    for index, (indicator, clean, expected) in enumerate(prepared):
        try:
            answer, entry = _write_answer(
                user=user,
                assessment=locked,
                indicator=indicator,
                clean=clean,
                expected_version=expected,
                current=current.get(indicator.pk),
                change_set=change_set,
            )
        except errors.Conflict as conflict:
            body = {**conflict.body, "index": index, "indicator": indicator.code}
            raise errors.Conflict(conflict.message, code=conflict.code, body=body) from None
        saved.append(answer)
        entries.append(entry)
    HistoryEntry.objects.bulk_create(entries)
    return saved
