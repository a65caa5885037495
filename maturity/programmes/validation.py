"""Validating a programme's fields, every problem at once."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.translation import gettext as _

from cities import errors as domain_errors
from maturity.frameworks.models import Framework
from maturity.programmes.models import ProgrammeStatus
from maturity.programmes.selectors import current_framework, framework_codes

_TRUE = {"true", "1", "yes", "ya", "on"}
_FALSE = {"false", "0", "no", "tidak", "off", ""}


MIN_YEAR = 1945
MAX_NAME = 200
MAX_AGENCY = 200
MAX_DESCRIPTION = 5000
MAX_URL = 500
MAX_INDICATORS = 50
MAX_COUNT = 10**15

# The fields a programme body may carry, as the API names them.
FIELDS = (
    "name",
    "description_id",
    "description_en",
    "element",
    "indicators",
    "status",
    "launch_year",
    "agency",
    "url",
    "users_count",
    "users_year",
    "transactions_count",
    "transactions_year",
    "shared",
)
FIGURES = (("users_count", "users_year"), ("transactions_count", "transactions_year"))


# --- Validation -------------------------------------------------------------------------------


def _text(
    raw: Any, name: str, errors: dict[str, list[str]], *, max_length: int, required: bool = False
) -> str:
    if raw is None:
        raw = ""
    if not isinstance(raw, str):
        errors[name] = [_("Harus berupa teks.")]
        return ""
    text = raw.strip()
    if "\x00" in text:
        errors[name] = [_("Teks memuat karakter NUL.")]
        return ""
    if required and not text:
        errors[name] = [_("Wajib diisi.")]
        return ""
    if len(text) > max_length:
        errors[name] = [_("Paling banyak %(count)s karakter.") % {"count": max_length}]
        return ""
    return text


def _integer(raw: Any, name: str, errors: dict[str, list[str]]) -> int | None:
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, bool):
        number = None
    elif isinstance(raw, int):
        number = raw
    elif (isinstance(raw, float) and raw.is_integer()) or (
        isinstance(raw, str) and re.fullmatch(r"\s*\d{1,18}\s*", raw)
    ):
        number = int(raw)
    else:
        number = None
    if number is None:
        errors[name] = [_("Harus bilangan bulat.")]
    return number


def _year(raw: Any, name: str, errors: dict[str, list[str]], this_year: int) -> int | None:
    year = _integer(raw, name, errors)
    if year is None:
        return None
    if year > this_year:
        errors[name] = [
            _("Tahun tidak boleh di masa depan (setelah %(year)s).") % {"year": this_year}
        ]
        return None
    if year < MIN_YEAR:
        errors[name] = [_("Tahun paling awal %(year)s.") % {"year": MIN_YEAR}]
        return None
    return year


def _count(raw: Any, name: str, errors: dict[str, list[str]]) -> int | None:
    number = _integer(raw, name, errors)
    if number is None:
        return None
    if number < 0:
        errors[name] = [_("Tidak boleh negatif.")]
        return None
    if number > MAX_COUNT:
        errors[name] = [_("Angka terlalu besar.")]
        return None
    return number


def _boolean(raw: Any, name: str, errors: dict[str, list[str]]) -> bool:
    if raw is None:
        return False
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, str) and raw.strip().lower() in _TRUE | _FALSE:
        return raw.strip().lower() in _TRUE
    errors[name] = [_("Harus true atau false.")]
    return False


def _codes(raw: Any) -> list[Any] | None:
    """A list of codes from a JSON list or a text of codes separated by commas or spaces."""
    if raw is None:
        return []
    if isinstance(raw, str):
        return [part for part in re.split(r"[\s,;]+", raw) if part]
    if isinstance(raw, (list, tuple)):
        return list(raw)
    return None


def clean_programme(
    data: Mapping[str, Any], *, framework: Framework | None = None, today: Any = None
) -> dict[str, Any]:
    """A programme body checked field by field, as the model's values.

    Raises :class:`cities.errors.Invalid` naming every bad field: an unknown element or
    indicator (of the current framework), a URL that is not http(s), a launch year in the future,
    a users or transactions figure without its year (or a year without its figure).
    """
    framework = framework if framework is not None else current_framework()
    this_year = (today or timezone.localdate()).year
    errors: dict[str, list[str]] = {}
    values: dict[str, Any] = {
        "name": _text(data.get("name"), "name", errors, max_length=MAX_NAME, required=True),
        "description_id": _text(
            data.get("description_id"), "description_id", errors, max_length=MAX_DESCRIPTION
        ),
        "description_en": _text(
            data.get("description_en"), "description_en", errors, max_length=MAX_DESCRIPTION
        ),
        "agency": _text(data.get("agency"), "agency", errors, max_length=MAX_AGENCY),
        "launch_year": _year(data.get("launch_year"), "launch_year", errors, this_year),
        "shared": _boolean(data.get("shared"), "shared", errors),
    }

    elements, indicators = framework_codes(framework)
    element = _text(data.get("element"), "element", errors, max_length=50, required=True)
    if element:
        found = elements.get(element.upper())
        if found is None:
            errors["element"] = [
                _("Elemen '%(code)s' tidak ada dalam kerangka yang berlaku.") % {"code": element}
            ]
        else:
            values["element_code"] = found.code
    codes = _codes(data.get("indicators"))
    if codes is None or any(not isinstance(code, str) for code in codes):
        errors["indicators"] = [_("Harus berupa daftar kode indikator.")]
    else:
        unknown = [code for code in codes if code.strip().upper() not in indicators]
        if unknown:
            listed = ", ".join(str(code) for code in unknown[:10])
            errors["indicators"] = [
                _("Indikator tidak ada dalam kerangka yang berlaku: %(codes)s.") % {"codes": listed}
            ]
        elif len(codes) > MAX_INDICATORS:
            errors["indicators"] = [
                _("Paling banyak %(count)s indikator.") % {"count": MAX_INDICATORS}
            ]
        else:
            values["indicator_codes"] = list(
                dict.fromkeys(indicators[code.strip().upper()].code for code in codes)
            )

    status = data.get("status")
    if status is None or status == "":
        values["status"] = ProgrammeStatus.RUNNING
    elif status in ProgrammeStatus.values:
        values["status"] = status
    else:
        allowed = ", ".join(ProgrammeStatus.values)
        errors["status"] = [_("Status tidak dikenal; pilih: %(choices)s.") % {"choices": allowed}]

    url = _text(data.get("url"), "url", errors, max_length=MAX_URL)
    if url:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            errors["url"] = [_("Harus alamat web http:// atau https://.")]
    values["url"] = url

    for count_name, year_name in FIGURES:
        count = _count(data.get(count_name), count_name, errors)
        year = _year(data.get(year_name), year_name, errors, this_year)
        raw_year = data.get(year_name)
        year_given = raw_year is not None and not (
            isinstance(raw_year, str) and not raw_year.strip()
        )
        if count is not None and year is None and year_name not in errors:
            errors[year_name] = [_("Tahun angka ini wajib diisi.")]
        if year_given and count is None and count_name not in errors:
            errors[count_name] = [_("Isi angkanya, atau kosongkan tahunnya.")]
        values[count_name] = count
        values[year_name] = year
    if errors:
        raise domain_errors.Invalid(errors)
    return values
