"""Writes of the assessment lifecycle: cycles, assessments, answers, evidence, review, history.

Every function is keyword-only and typed. Each checks the action with :func:`cities.access.can`
(PermissionDenied → 403), the state (``config.api.Conflict`` → 409: a status that does not allow
it, a closed cycle, a stale version) and the input (``ValidationError`` → 400 naming the field),
and writes in one transaction, recording what changed in :class:`HistoryEntry`.

The assessment's row is locked (``SELECT … FOR UPDATE``) at the start of every write, so writes to
one assessment are serialised; an answer is still written with a conditional UPDATE on its
version, so a stale write can never overwrite a newer one.
"""

from __future__ import annotations

import datetime
import logging
import re
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import File
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from rest_framework import exceptions

from cities import access
from cities.access import AnyUser
from cities.models import Region
from config.api import Conflict
from maturity import notifications, selectors, uploads
from maturity.models import (
    EDITABLE_STATUSES,
    EVIDENCE_FOLDER,
    PROGRAMME_FILES_FOLDER,
    Answer,
    AnswerStatus,
    Assessment,
    AssessmentCycle,
    AssessmentStatus,
    CycleStatus,
    DataQuality,
    Evidence,
    Framework,
    HistoryEntry,
    Indicator,
    IndicatorKind,
    ProgrammeFile,
    Review,
)
from maturity.scores import schedule_scoring

logger = logging.getLogger(__name__)

# History actions.
ANSWER_CREATED = "answer.created"
ANSWER_CHANGED = "answer.changed"
EVIDENCE_ADDED = "evidence.added"
EVIDENCE_DELETED = "evidence.deleted"
REVIEW_SET = "review.set"
CREATED = "assessment.created"
SUBMITTED = "assessment.submitted"
RETURNED = "assessment.returned"
APPROVED = "assessment.approved"
REOPENED = "assessment.reopened"
DEADLINE_EXTENDED = "assessment.deadline_extended"
REMINDER_SENT = "assessment.reminder_sent"

MAX_DECIMAL_DIGITS = 20
DECIMAL_PLACES = 6
MIN_YEAR = 1900
MAX_TEXT = 5000


def _msg(indonesian: str, english: str) -> str:
    return f"{indonesian} / {english}"


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


def _require(user: AnyUser, action: str, region: Region | None) -> None:
    if not access.can(user, action, region):
        raise PermissionDenied(
            _msg(
                "Peran Anda tidak mengizinkan tindakan ini.",
                "Your role does not allow this action.",
            )
        )


def _require_editable(assessment: Assessment) -> None:
    if assessment.status not in EDITABLE_STATUSES:
        raise Conflict(
            _msg(
                f"Penilaian berstatus '{assessment.status}' tidak dapat diubah.",
                f"An assessment in status '{assessment.status}' cannot be changed.",
            )
        )
    if not is_cycle_open(assessment):
        raise Conflict(
            _msg(
                f"Siklus ditutup atau tenggat ({assessment.deadline.isoformat()}) telah lewat.",
                f"The cycle is closed or the deadline ({assessment.deadline.isoformat()}) "
                "has passed.",
            )
        )


def _require_status(assessment: Assessment, allowed: set[str], action: str) -> None:
    if assessment.status not in allowed:
        raise Conflict(
            _msg(
                f"Tindakan '{action}' tidak diizinkan dari status '{assessment.status}'.",
                f"'{action}' is not allowed from status '{assessment.status}'.",
            )
        )


def _lock(assessment: Assessment) -> Assessment:
    """Re-read the assessment with its row locked for the rest of the transaction."""
    locked = (
        Assessment.objects.select_for_update(of=("self",))
        .select_related("cycle", "region")
        .get(pk=assessment.pk)
    )
    return locked


def _refresh_from(target: Assessment, source: Assessment) -> None:
    for field in (
        "status",
        "completeness",
        "deadline_override",
        "return_comment",
        "submitted_at",
        "returned_at",
        "approved_at",
        "inputs_changed_at",
    ):
        setattr(target, field, getattr(source, field))


# --- Cycles and assessments -------------------------------------------------------------------


@transaction.atomic
def create_cycle(
    *,
    user: AnyUser,
    name: str,
    year: int,
    framework: Framework,
    opens_on: datetime.date,
    closes_on: datetime.date,
    status: str = CycleStatus.OPEN,
) -> AssessmentCycle:
    """Open a cycle (ministry admin) on a published framework version."""
    _require(user, access.MANAGE_CYCLES, None)
    errors: dict[str, list[str]] = {}
    if not framework.is_published:
        errors["framework"] = [
            _msg("Kerangka harus sudah terbit.", "The framework must be published.")
        ]
    if closes_on < opens_on:
        errors["closes_on"] = [
            _msg(
                "Tanggal tutup harus sesudah tanggal buka.",
                "The closing date must not be before the opening date.",
            )
        ]
    if AssessmentCycle.objects.filter(name=name).exists():
        errors["name"] = [_msg("Nama siklus sudah dipakai.", "A cycle with this name exists.")]
    if status not in CycleStatus.values:
        errors["status"] = [_msg("Status tidak dikenal.", "Unknown status.")]
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            return AssessmentCycle.objects.create(
                name=name,
                year=year,
                framework=framework,
                opens_on=opens_on,
                closes_on=closes_on,
                status=status,
            )
    except IntegrityError:
        raise ValidationError(
            {"name": [_msg("Nama siklus sudah dipakai.", "A cycle with this name exists.")]}
        ) from None


@transaction.atomic
def create_assessment(*, user: AnyUser, cycle: AssessmentCycle, region: Region) -> Assessment:
    """Start a region's assessment in a cycle (its CSCO or an admin); 409 if one exists."""
    _require(user, access.REGION_CREATE_ASSESSMENT, region)
    if cycle.status == CycleStatus.CLOSED:
        raise Conflict(_msg("Siklus sudah ditutup.", "The cycle is closed."))
    exists = _msg(
        "Wilayah ini sudah memiliki penilaian dalam siklus ini.",
        "This region already has an assessment in this cycle.",
    )
    if Assessment.objects.filter(cycle=cycle, region=region).exists():
        raise Conflict(exists)
    try:
        with transaction.atomic():
            assessment = Assessment.objects.create(
                cycle=cycle, region=region, created_by=user if user.is_authenticated else None
            )
    except IntegrityError:
        raise Conflict(exists) from None
    record_history(
        assessment=assessment, actor=user, action=CREATED, after={"status": assessment.status}
    )
    return assessment


@transaction.atomic
def extend_deadline(
    *, user: AnyUser, assessment: Assessment, deadline: datetime.date
) -> Assessment:
    """Give one region a different deadline than its cycle's (ministry admin)."""
    _require(user, access.EXTEND_DEADLINE, assessment.region)
    locked = _lock(assessment)
    _set_deadline(user=user, locked=locked, deadline=deadline)
    _refresh_from(assessment, locked)
    return locked


def _set_deadline(*, user: AnyUser, locked: Assessment, deadline: datetime.date) -> None:
    before = locked.deadline.isoformat()
    locked.deadline_override = deadline
    locked.save(update_fields=["deadline_override", "updated_at"])
    record_history(
        assessment=locked,
        actor=user,
        action=DEADLINE_EXTENDED,
        before={"deadline": before},
        after={"deadline": deadline.isoformat()},
    )


# --- Answers ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CleanAnswer:
    """A validated answer body, as the model's fields."""

    status: str
    value_decimal: Decimal | None = None
    value_level: int | None = None
    value_bool: bool | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    justification: str = ""
    comment: str = ""
    source: str = ""
    year: int | None = None
    quality: str = ""

    def fields(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


_PER_N = re.compile(r"\bper\s+(\d[\d\s.,]*\d|\d)\b", re.IGNORECASE)


def unit_multiplier(unit: str) -> Decimal:
    """How a ratio numerator/denominator becomes a value in ``unit``.

    ``%`` → 100; ``per 100000`` (or ``per 100 000``, ``per 1 000 students``) → that number;
    anything else → 1.
    """
    text = (unit or "").strip()
    if text.startswith("%"):
        return Decimal(100)
    match = _PER_N.search(text)
    if match:
        digits = re.sub(r"[\s.,]", "", match.group(1))
        if digits.isdigit() and int(digits) > 0:
            return Decimal(digits)
    return Decimal(1)


def is_percent(unit: str) -> bool:
    return (unit or "").strip().startswith("%")


def _to_decimal(raw: Any) -> Decimal | None:
    """A finite decimal from a JSON number or a numeric string; None if it is not one."""
    if isinstance(raw, bool) or raw is None:
        return None
    if isinstance(raw, int):
        return Decimal(raw)
    if isinstance(raw, float):
        raw = repr(raw)
    if isinstance(raw, Decimal):
        number = raw
    elif isinstance(raw, str):
        text = raw.strip().replace(" ", "")
        if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?", text):
            return None
        try:
            number = Decimal(text)
        except InvalidOperation:
            return None
    else:
        return None
    if not number.is_finite():
        return None
    return number


def _fits(number: Decimal) -> bool:
    """Within the column: 20 digits, 6 of them after the point."""
    return abs(number) < Decimal(10) ** (MAX_DECIMAL_DIGITS - DECIMAL_PLACES)


def _quantize(number: Decimal) -> Decimal:
    return number.quantize(Decimal(1).scaleb(-DECIMAL_PLACES))


def _places(number: Decimal) -> int:
    exponent = number.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


NOT_A_NUMBER = _msg("Harus berupa angka.", "Must be a number.")


def _text(
    data: Mapping[str, Any], name: str, errors: dict[str, list[str]], max_length: int = MAX_TEXT
) -> str:
    raw = data.get(name)
    if raw is None:
        return ""
    if not isinstance(raw, str):
        errors[name] = [_msg("Harus berupa teks.", "Must be text.")]
        return ""
    text = raw.strip()
    if "\x00" in text:
        errors[name] = [_msg("Teks memuat karakter NUL.", "The text contains a NUL character.")]
        return ""
    if len(text) > max_length:
        errors[name] = [
            _msg(f"Paling banyak {max_length} karakter.", f"At most {max_length} characters.")
        ]
        return ""
    return text


def _number(
    data: Mapping[str, Any],
    name: str,
    errors: dict[str, list[str]],
    *,
    allow_negative: bool,
    positive: bool = False,
) -> Decimal | None:
    raw = data.get(name)
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    number = _to_decimal(raw)
    if number is None:
        errors[name] = [NOT_A_NUMBER]
        return None
    if not _fits(number):
        errors[name] = [_msg("Angka terlalu besar.", "The number is too large.")]
        return None
    if positive and number <= 0:
        errors[name] = [_msg("Harus lebih dari 0.", "Must be greater than 0.")]
        return None
    if not allow_negative and number < 0:
        errors[name] = [_msg("Tidak boleh negatif.", "Must not be negative.")]
        return None
    return number


def _level(raw: Any) -> int | None:
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return raw
    if isinstance(raw, str) and raw.strip().isdigit():
        return int(raw.strip())
    if isinstance(raw, (float, Decimal)) and raw == int(raw):
        return int(raw)
    return None


_TRUE = {"true", "yes", "ya", "y", "1"}
_FALSE = {"false", "no", "tidak", "t", "n", "0"}


def _boolean(raw: Any) -> bool | None:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, str):
        text = raw.strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
    return None


def validate_answer(*, indicator: Indicator, data: Mapping[str, Any]) -> CleanAnswer:
    """Check an answer body against its indicator; the cleaned fields, or 400 by field.

    ``data`` is the raw body (JSON or a spreadsheet row): ``status`` (``answered``,
    ``not_applicable`` with ``justification``, ``no_data``), ``value`` typed by the indicator's
    kind — a decimal in the unit (``%`` in 0–100, others non-negative unless ``allow_negative``)
    with optional ``numerator``/``denominator`` that must agree with it; a level 1–5; true/false —
    and ``comment``, ``source``, ``year``, ``quality``. A value given with another status is
    ignored. Pure apart from reading the indicator's attributes.
    """
    errors: dict[str, list[str]] = {}
    if not isinstance(data, Mapping):
        raise ValidationError(
            {"non_field_errors": [_msg("Harus berupa objek.", "Must be an object.")]}
        )
    status = data.get("status")
    if status is None or status == "":
        errors["status"] = [_msg("Wajib diisi.", "This field is required.")]
    elif status not in AnswerStatus.values:
        errors["status"] = [
            _msg(
                "Harus salah satu dari: answered, not_applicable, no_data.",
                "Must be one of: answered, not_applicable, no_data.",
            )
        ]
    justification = _text(data, "justification", errors)
    comment = _text(data, "comment", errors)
    source = _text(data, "source", errors, max_length=500)
    year: int | None = None
    raw_year = data.get("year")
    if raw_year is not None and raw_year != "":
        year = _level(raw_year)
        this_year = _today().year
        if year is None or not MIN_YEAR <= year <= this_year + 1:
            errors["year"] = [
                _msg(
                    f"Tahun harus antara {MIN_YEAR} dan {this_year + 1}.",
                    f"The year must be between {MIN_YEAR} and {this_year + 1}.",
                )
            ]
            year = None
    quality = data.get("quality") or ""
    if quality not in ("", *DataQuality.values):
        errors["quality"] = [
            _msg(
                "Harus salah satu dari: measured, estimated, modelled.",
                "Must be one of: measured, estimated, modelled.",
            )
        ]
        quality = ""

    clean: dict[str, Any] = {}
    if status == AnswerStatus.NOT_APPLICABLE and not justification:
        errors["justification"] = [
            _msg(
                "Alasan wajib diisi untuk 'tidak berlaku'.",
                "A justification is required for 'not applicable'.",
            )
        ]
    if status == AnswerStatus.ANSWERED:
        clean = _clean_value(indicator, data, errors)
    if errors:
        raise ValidationError(errors)
    return CleanAnswer(
        status=str(status),
        justification=justification,
        comment=comment,
        source=source,
        year=year,
        quality=quality,
        **clean,
    )


def _clean_value(
    indicator: Indicator, data: Mapping[str, Any], errors: dict[str, list[str]]
) -> dict[str, Any]:
    raw = data.get("value")
    required = _msg("Nilai wajib diisi untuk jawaban.", "A value is required for an answer.")
    if indicator.kind == IndicatorKind.RUBRIC:
        if raw is None:
            errors["value"] = [required]
            return {}
        level = _level(raw)
        if level is None or not 1 <= level <= 5:
            errors["value"] = [
                _msg("Harus tingkat bilangan bulat 1–5.", "Must be a whole level from 1 to 5.")
            ]
            return {}
        return {"value_level": level}
    if indicator.kind == IndicatorKind.BINARY:
        if raw is None:
            errors["value"] = [required]
            return {}
        answer = _boolean(raw)
        if answer is None:
            errors["value"] = [_msg("Harus true atau false.", "Must be true or false.")]
            return {}
        return {"value_bool": answer}

    # Quantitative.
    negative = indicator.allow_negative
    value = _number(data, "value", errors, allow_negative=negative)
    numerator = _number(data, "numerator", errors, allow_negative=negative)
    denominator = _number(data, "denominator", errors, allow_negative=False, positive=True)
    if any(name in errors for name in ("value", "numerator", "denominator")):
        return {}
    multiplier = unit_multiplier(indicator.unit)
    ratio: Decimal | None = None
    if numerator is not None and denominator is not None:
        ratio = numerator * multiplier / denominator
    if value is None:
        if ratio is None:
            errors["value"] = [required]
            return {}
        value = ratio
    elif ratio is not None:
        places = _places(value)
        tolerance = Decimal(5).scaleb(-(places + 1)) + Decimal(1).scaleb(-DECIMAL_PLACES)
        if abs(value - ratio) > tolerance:
            errors["value"] = [
                _msg(
                    f"Nilai tidak sesuai pembilang/penyebut (seharusnya ± {_round_text(ratio)}).",
                    f"The value does not match numerator/denominator (expected about "
                    f"{_round_text(ratio)}).",
                )
            ]
            return {}
    if is_percent(indicator.unit) and not Decimal(0) <= value <= Decimal(100):
        errors["value"] = [
            _msg("Persentase harus antara 0 dan 100.", "A percentage must lie within 0–100.")
        ]
        return {}
    if not _fits(value):
        errors["value"] = [_msg("Angka terlalu besar.", "The number is too large.")]
        return {}
    return {
        "value_decimal": _quantize(value),
        "numerator": _quantize(numerator) if numerator is not None else None,
        "denominator": _quantize(denominator) if denominator is not None else None,
    }


def _round_text(number: Decimal) -> str:
    return format(number.quantize(Decimal("0.0001")).normalize(), "f")


def _refresh_completeness(assessment: Assessment, framework: Framework) -> None:
    """Store the assessment's completeness (SCORING.md §6) after its answers changed.

    Called whenever an answer is created (an autosave may be the first one), so kept cheap: the
    framework's rules come from the in-process cache of published frameworks
    (:func:`maturity.scores.framework_entry`), the answers in one query.
    """
    from maturity import scoring
    from maturity.scores import framework_entry

    rules = framework_entry(framework).rules
    answers: dict[str, scoring.AnswerInput] = {}
    rows = Answer.objects.filter(assessment=assessment).values_list(
        "indicator__code", "status", "value_decimal", "value_level", "value_bool"
    )
    for code, status, *values in rows:
        given = [v for v in values if v is not None] if status == AnswerStatus.ANSWERED else []
        answers[code] = scoring.AnswerInput(status=status, value=given[0] if given else None)
    value = scoring.completeness(rules, answers)
    Assessment.objects.filter(pk=assessment.pk).update(completeness=value)
    assessment.completeness = value


def conflict_with(body: dict[str, Any]) -> Conflict:
    """A 409 whose body is ``body`` as given (DRF would turn numbers and null into strings)."""
    conflict = Conflict()
    conflict.detail = body  # type: ignore[assignment]
    return conflict


def _stale(answer: Answer | None) -> Conflict:
    return conflict_with(
        {
            "detail": _msg(
                "Jawaban sudah diubah orang lain; muat ulang dan coba lagi.",
                "The answer was changed by someone else; reload and try again.",
            ),
            "current": answer_snapshot(answer),
        }
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


def _expected_version(raw: Any, errors: dict[str, list[str]]) -> int | None:
    if raw is None or raw == "":
        return None
    if isinstance(raw, str) and raw.strip().isdigit():
        raw = int(raw.strip())
    if isinstance(raw, bool) or not isinstance(raw, int) or raw < 0:
        errors["version"] = [
            _msg("Versi harus bilangan bulat ≥ 0.", "The version must be a whole number ≥ 0.")
        ]
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
    _require(user, access.REGION_EDIT, assessment.region)
    locked = _lock(assessment)
    _require_editable(locked)
    if indicator.framework_id != locked.cycle.framework_id:
        raise ValidationError({"indicator": [_unknown_indicator(indicator.code)]})
    answer = _save_answer_locked(
        user=user,
        locked=locked,
        framework=assessment.cycle.framework,
        indicator=indicator,
        data=data,
    )
    _refresh_from(assessment, locked)
    return answer


def indicator_or_404(assessment: Assessment, code: str) -> Indicator:
    """The indicator ``code`` of the assessment's framework; 404 (bilingual) when it has none."""
    indicator = selectors.indicator_of(assessment, code)
    if indicator is None:
        raise exceptions.NotFound(
            _msg(
                f"Indikator '{code}' tidak ada dalam kerangka penilaian ini.",
                f"Indicator '{code}' is not in this assessment's framework.",
            )
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
        raise exceptions.NotFound(_msg("Penilaian tidak ditemukan.", "No such assessment."))
    indicator = indicator_or_404(locked, code)
    _require(user, access.REGION_EDIT, locked.region)
    _require_editable(locked)
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
    errors: dict[str, list[str]] = {}
    expected = _expected_version(data.get("version"), errors)
    try:
        clean = validate_answer(indicator=indicator, data=data)
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
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
    return _msg(
        f"Indikator '{code}' tidak ada dalam kerangka ini.",
        f"Indicator '{code}' is not in this framework.",
    )


@transaction.atomic
def save_answers_bulk(
    *,
    user: AnyUser,
    assessment: Assessment,
    items: Sequence[Mapping[str, Any]],
    change_set: uuid.UUID | None = None,
) -> list[Answer]:
    """Save many answers (each with ``"indicator"``) in one transaction: all or none.

    Bad items give 400 ``{"items": {"<index>": {field: [...]}}}``; a stale version 409 with the
    item's index and the current answer. Every history entry carries ``change_set`` (a new one
    unless the caller, e.g. a spreadsheet import, passes the id it records elsewhere too).
    """
    _require(user, access.REGION_EDIT, assessment.region)
    locked = _lock(assessment)
    _require_editable(locked)
    if not isinstance(items, Sequence) or isinstance(items, (str, bytes)):
        raise ValidationError({"items": [_msg("Harus berupa daftar.", "Must be a list.")]})
    if not items:
        raise ValidationError({"items": [_msg("Daftar kosong.", "The list is empty.")]})
    indicators = {
        i.code: i for i in Indicator.objects.filter(framework_id=locked.cycle.framework_id)
    }
    current = {a.indicator_id: a for a in Answer.objects.filter(assessment=locked)}
    errors: dict[str, dict[str, list[str]]] = {}
    prepared: list[tuple[Indicator, CleanAnswer, int | None]] = []
    seen: set[str] = set()
    for index, item in enumerate(items):
        item_errors: dict[str, list[str]] = {}
        if not isinstance(item, Mapping):
            errors[str(index)] = {
                "non_field_errors": [_msg("Harus berupa objek.", "Must be an object.")]
            }
            continue
        code = item.get("indicator")
        indicator = indicators.get(code) if isinstance(code, str) else None
        if indicator is None:
            item_errors["indicator"] = [_unknown_indicator(code)]
        elif code in seen:
            item_errors["indicator"] = [
                _msg("Indikator muncul lebih dari sekali.", "The indicator appears twice.")
            ]
        else:
            seen.add(indicator.code)
        expected = _expected_version(item.get("version"), item_errors)
        clean: CleanAnswer | None = None
        if indicator is not None:
            try:
                clean = validate_answer(indicator=indicator, data=item)
            except ValidationError as error:
                item_errors.update(error.message_dict)
        if item_errors:
            errors[str(index)] = item_errors
        elif indicator is not None and clean is not None:
            prepared.append((indicator, clean, expected))
    if errors:
        raise exceptions.ValidationError({"items": errors})

    change_set = change_set or uuid.uuid4()
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
        except Conflict as conflict:
            body = dict(conflict.detail) if isinstance(conflict.detail, dict) else {}
            body["index"] = index
            body["indicator"] = indicator.code
            raise conflict_with(body) from None
        saved.append(answer)
        entries.append(entry)
    HistoryEntry.objects.bulk_create(entries)
    if any(current.get(indicator.pk) is None for indicator, _, _ in prepared):
        _refresh_completeness(locked, assessment.cycle.framework)
    _refresh_from(assessment, locked)
    return saved


# --- Evidence ---------------------------------------------------------------------------------


@transaction.atomic
def add_evidence(
    *,
    user: AnyUser,
    assessment: Assessment,
    indicator_code: str,
    upload: Any,
) -> Evidence:
    """Keep an evidence file for one indicator, in private storage, checked by its content.

    403 unless a CSCO or contributor of the region; 409 unless editable; 400 naming
    ``indicator`` (not in the framework) or ``file`` (missing, empty, too big, a type not
    accepted — decided by :mod:`maturity.uploads` from the content, not the name).
    """
    _require(user, access.REGION_EDIT, assessment.region)
    locked = _lock(assessment)
    _require_editable(locked)
    errors: dict[str, list[str]] = {}
    indicator = (
        Indicator.objects.filter(
            framework_id=locked.cycle.framework_id, code=indicator_code
        ).first()
        if isinstance(indicator_code, str)
        else None
    )
    if indicator is None:
        errors["indicator"] = [_unknown_indicator(indicator_code)]
    if upload is None:
        errors["file"] = [_msg("Berkas wajib diunggah.", "A file is required.")]
    if errors or indicator is None:
        raise ValidationError(errors)
    checked = uploads.inspect_upload(upload, max_bytes=settings.EVIDENCE_MAX_BYTES)
    evidence = Evidence(
        assessment=locked,
        indicator=indicator,
        name=checked.name,
        size=checked.size,
        sha256=checked.sha256,
        content_type=checked.content_type,
        uploaded_by=user if user.is_authenticated else None,
    )
    upload.seek(0)
    evidence.file.save(checked.name, File(upload), save=False)
    stored_name = evidence.file.name or ""
    storage = evidence.file.storage
    try:
        evidence.save()
        record_history(
            assessment=locked,
            actor=user,
            action=EVIDENCE_ADDED,
            indicator_code=indicator.code,
            after=_evidence_snapshot(evidence),
        )
    except Exception:
        storage.delete(stored_name)
        raise
    return evidence


def _evidence_snapshot(evidence: Evidence) -> dict[str, Any]:
    return {
        "id": evidence.pk,
        "name": evidence.name,
        "size": evidence.size,
        "sha256": evidence.sha256,
        "content_type": evidence.content_type,
    }


@transaction.atomic
def delete_evidence(*, user: AnyUser, evidence: Evidence) -> None:
    """Remove an evidence file while the assessment is editable; the file goes after commit."""
    assessment = evidence.assessment
    _require(user, access.REGION_EDIT, assessment.region)
    locked = _lock(assessment)
    _require_editable(locked)
    snapshot = _evidence_snapshot(evidence)
    stored_name = evidence.file.name if evidence.file else ""
    storage = evidence.file.storage
    evidence.delete()
    record_history(
        assessment=locked,
        actor=user,
        action=EVIDENCE_DELETED,
        indicator_code=evidence.indicator.code,
        before=snapshot,
    )
    if stored_name:
        transaction.on_commit(lambda: storage.delete(stored_name))


#: How old a stored upload without a row must be before it is removed: a younger one may belong
#: to a transaction still open (the file is written before its row is committed).
ORPHAN_FILE_GRACE = datetime.timedelta(days=1)


def remove_orphan_files(
    *, older_than: datetime.timedelta = ORPHAN_FILE_GRACE, now: datetime.datetime | None = None
) -> int:
    """Delete stored evidence and programme files that no row points to, once ``older_than``.

    A file is written to storage before its row is committed; when that transaction rolls back
    (a failed commit, a database gone mid-request) or the rows go with a deleted assessment or
    programme, the file stays behind. Beat runs this daily. Returns how many files were removed.
    """
    cutoff = (now or timezone.now()) - older_than
    removed = 0
    folders_of: tuple[tuple[type[Evidence] | type[ProgrammeFile], str], ...] = (
        (Evidence, EVIDENCE_FOLDER),
        (ProgrammeFile, PROGRAMME_FILES_FOLDER),
    )
    for model, top in folders_of:
        storage = model._meta.get_field("file").storage  # type: ignore[union-attr]
        if not storage.exists(top):
            continue
        folders, _ = storage.listdir(top)
        for folder in folders:
            _, files = storage.listdir(f"{top}/{folder}")
            stored = {f"{top}/{folder}/{name}" for name in files}
            kept = set(
                model._default_manager.filter(file__in=stored).values_list("file", flat=True)
            )
            for name in sorted(stored - kept):
                if storage.get_modified_time(name) <= cutoff:
                    storage.delete(name)
                    removed += 1
    if removed:
        logger.info("removed %d stored files that no row points to", removed)
    return removed


# --- Transitions and review -------------------------------------------------------------------


def _transition(
    *,
    user: AnyUser,
    assessment: Assessment,
    to: str,
    action: str,
    comment: str = "",
    extra_before: dict[str, Any] | None = None,
) -> None:
    before = {"status": assessment.status, **(extra_before or {})}
    record_history(
        assessment=assessment,
        actor=user,
        action=action,
        before=before,
        after={"status": to},
        comment=comment,
    )


@transaction.atomic
def submit(*, user: AnyUser, assessment: Assessment) -> Assessment:
    """Draft or returned → submitted (the region's CSCO), at 100 % and with required evidence."""
    _require(user, access.REGION_SUBMIT, assessment.region)
    locked = _lock(assessment)
    _require_status(locked, set(EDITABLE_STATUSES), "submit")
    _require_editable(locked)
    completeness = selectors.completeness_for(locked)
    if completeness.overall < Decimal(100) or completeness.missing or completeness.evidence_missing:
        raise exceptions.ValidationError(
            {
                "detail": _msg(
                    "Penilaian belum lengkap: jawab semua indikator wajib dan lampirkan data "
                    "dukung yang diwajibkan.",
                    "The assessment is incomplete: answer every required indicator and attach "
                    "the evidence required.",
                ),
                "missing": completeness.missing,
                "evidence_missing": completeness.evidence_missing,
            }
        )
    _transition(user=user, assessment=locked, to=AssessmentStatus.SUBMITTED, action=SUBMITTED)
    locked.status = AssessmentStatus.SUBMITTED
    locked.submitted_at = timezone.now()
    locked.completeness = completeness.overall
    locked.save(update_fields=["status", "submitted_at", "completeness", "updated_at"])
    schedule_scoring(assessment_id=locked.pk)
    notifications.assessment_submitted(assessment_id=locked.pk)
    _refresh_from(assessment, locked)
    return locked


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
    _require(user, access.REVIEW, assessment.region)
    locked = _lock(assessment)
    _require_status(locked, {AssessmentStatus.SUBMITTED}, "review")
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


@transaction.atomic
def return_assessment(*, user: AnyUser, assessment: Assessment, comment: Any) -> Assessment:
    """Submitted → returned (reviewer in scope), with a comment the CSCO sees."""
    _require(user, access.REVIEW, assessment.region)
    locked = _lock(assessment)
    _require_status(locked, {AssessmentStatus.SUBMITTED}, "return")
    text = _clean_comment(comment, "comment", required=True)
    _transition(
        user=user, assessment=locked, to=AssessmentStatus.RETURNED, action=RETURNED, comment=text
    )
    locked.status = AssessmentStatus.RETURNED
    locked.returned_at = timezone.now()
    locked.return_comment = text
    locked.save(update_fields=["status", "returned_at", "return_comment", "updated_at"])
    schedule_scoring(assessment_id=locked.pk)
    notifications.assessment_returned(assessment_id=locked.pk)
    _refresh_from(assessment, locked)
    return locked


@transaction.atomic
def approve(*, user: AnyUser, assessment: Assessment) -> Assessment:
    """Submitted → approved (reviewer in scope); approval locks the assessment."""
    _require(user, access.REVIEW, assessment.region)
    locked = _lock(assessment)
    _require_status(locked, {AssessmentStatus.SUBMITTED}, "approve")
    _transition(user=user, assessment=locked, to=AssessmentStatus.APPROVED, action=APPROVED)
    locked.status = AssessmentStatus.APPROVED
    locked.approved_at = timezone.now()
    locked.save(update_fields=["status", "approved_at", "updated_at"])
    schedule_scoring(assessment_id=locked.pk)
    notifications.assessment_approved(assessment_id=locked.pk)
    _refresh_from(assessment, locked)
    return locked


#: Days a reopened assessment gets when its deadline has already passed.
REOPEN_DAYS = 14


@transaction.atomic
def reopen(
    *,
    user: AnyUser,
    assessment: Assessment,
    reason: Any,
    deadline: datetime.date | None = None,
) -> Assessment:
    """Approved → returned (ministry admin), with a reason the CSCO sees.

    The region must be able to correct it: ``deadline`` (not in the past) becomes its deadline;
    without one, a deadline already past moves to :data:`REOPEN_DAYS` days from today (both
    recorded in the history like any deadline change).
    """
    _require(user, access.REOPEN, assessment.region)
    locked = _lock(assessment)
    _require_status(locked, {AssessmentStatus.APPROVED}, "reopen")
    errors: dict[str, list[str]] = {}
    text = ""
    try:
        text = _clean_comment(reason, "reason", required=True)
    except ValidationError as error:
        errors.update(error.message_dict)
    today = _today()
    if deadline is not None and deadline < today:
        errors["deadline"] = [
            _msg(
                f"Tenggat baru tidak boleh sebelum hari ini ({today.isoformat()}).",
                f"The new deadline cannot be before today ({today.isoformat()}).",
            )
        ]
    if errors:
        raise ValidationError(errors)
    if deadline is None and locked.deadline < today:
        deadline = today + datetime.timedelta(days=REOPEN_DAYS)
    _transition(
        user=user, assessment=locked, to=AssessmentStatus.RETURNED, action=REOPENED, comment=text
    )
    locked.status = AssessmentStatus.RETURNED
    locked.returned_at = timezone.now()
    locked.approved_at = None
    locked.return_comment = text
    locked.save(
        update_fields=["status", "returned_at", "approved_at", "return_comment", "updated_at"]
    )
    if deadline is not None and deadline != locked.deadline:
        _set_deadline(user=user, locked=locked, deadline=deadline)
    schedule_scoring(assessment_id=locked.pk)
    notifications.assessment_returned(assessment_id=locked.pk)
    _refresh_from(assessment, locked)
    return locked
