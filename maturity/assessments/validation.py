"""Validating an answer against its indicator (SCORING.md §2): values, units, ranges, all problems
at once.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cities import errors as domain_errors
from maturity.assessments.models import (
    AnswerStatus,
    DataQuality,
)
from maturity.assessments.selectors import _today
from maturity.frameworks.models import Indicator, IndicatorKind

MAX_DECIMAL_DIGITS = 20
DECIMAL_PLACES = 6
MIN_YEAR = 1900
MAX_TEXT = 5000


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


NOT_A_NUMBER = gettext_lazy("Harus berupa angka.")


def _text(
    data: Mapping[str, Any], name: str, errors: dict[str, list[str]], max_length: int = MAX_TEXT
) -> str:
    raw = data.get(name)
    if raw is None:
        return ""
    if not isinstance(raw, str):
        errors[name] = [_("Harus berupa teks.")]
        return ""
    text = raw.strip()
    if "\x00" in text:
        errors[name] = [_("Teks memuat karakter NUL.")]
        return ""
    if len(text) > max_length:
        errors[name] = [_("Paling banyak %(count)d karakter.") % {"count": max_length}]
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
        errors[name] = [str(NOT_A_NUMBER)]
        return None
    if not _fits(number):
        errors[name] = [_("Angka terlalu besar.")]
        return None
    if positive and number <= 0:
        errors[name] = [_("Harus lebih dari 0.")]
        return None
    if not allow_negative and number < 0:
        errors[name] = [_("Tidak boleh negatif.")]
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
    """Check an answer body against its indicator; the cleaned fields, or
    :class:`cities.errors.Invalid` by field.

    ``data`` is the raw body (JSON or a spreadsheet row): ``status`` (``answered``,
    ``not_applicable`` with ``justification``, ``no_data``), ``value`` typed by the indicator's
    kind — a decimal in the unit (``%`` in 0–100, others non-negative unless ``allow_negative``)
    with optional ``numerator``/``denominator`` that must agree with it; a level 1–5; true/false —
    and ``comment``, ``source``, ``year``, ``quality``. A value given with another status is
    ignored. Pure apart from reading the indicator's attributes.
    """
    errors: dict[str, list[str]] = {}
    if not isinstance(data, Mapping):
        raise domain_errors.Invalid({"non_field_errors": [_("Harus berupa objek.")]})
    status = data.get("status")
    if status is None or status == "":
        errors["status"] = [_("Wajib diisi.")]
    elif status not in AnswerStatus.values:
        errors["status"] = [_("Harus salah satu dari: answered, not_applicable, no_data.")]
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
                _("Tahun harus antara %(first)d dan %(last)d.")
                % {"first": MIN_YEAR, "last": this_year + 1}
            ]
            year = None
    quality = data.get("quality") or ""
    if quality not in ("", *DataQuality.values):
        errors["quality"] = [_("Harus salah satu dari: measured, estimated, modelled.")]
        quality = ""

    clean: dict[str, Any] = {}
    if status == AnswerStatus.NOT_APPLICABLE and not justification:
        errors["justification"] = [_("Alasan wajib diisi untuk 'tidak berlaku'.")]
    if status == AnswerStatus.ANSWERED:
        clean = _clean_value(indicator, data, errors)
    if errors:
        raise domain_errors.Invalid(errors)
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
    required = _("Nilai wajib diisi untuk jawaban.")
    if indicator.kind == IndicatorKind.RUBRIC:
        if raw is None:
            errors["value"] = [required]
            return {}
        level = _level(raw)
        if level is None or not 1 <= level <= 5:
            errors["value"] = [_("Harus tingkat bilangan bulat 1–5.")]
            return {}
        return {"value_level": level}
    if indicator.kind == IndicatorKind.BINARY:
        if raw is None:
            errors["value"] = [required]
            return {}
        answer = _boolean(raw)
        if answer is None:
            errors["value"] = [_("Harus true atau false.")]
            return {}
        return {"value_bool": answer}
    return _clean_quantity(indicator, data, errors)


def _clean_quantity(
    indicator: Indicator, data: Mapping[str, Any], errors: dict[str, list[str]]
) -> dict[str, Any]:
    """A quantitative value in its unit, agreeing with numerator/denominator when given."""
    required = _("Nilai wajib diisi untuk jawaban.")
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
                _("Nilai tidak sesuai pembilang/penyebut (seharusnya ± %(expected)s).")
                % {"expected": _round_text(ratio)}
            ]
            return {}
    if is_percent(indicator.unit) and not Decimal(0) <= value <= Decimal(100):
        errors["value"] = [_("Persentase harus antara 0 dan 100.")]
        return {}
    if not _fits(value):
        errors["value"] = [_("Angka terlalu besar.")]
        return {}
    return {
        "value_decimal": _quantize(value),
        "numerator": _quantize(numerator) if numerator is not None else None,
        "denominator": _quantize(denominator) if denominator is not None else None,
    }


def _round_text(number: Decimal) -> str:
    return format(number.quantize(Decimal("0.0001")).normalize(), "f")
