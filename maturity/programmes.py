"""The smart-city programmes registry: each region's services ("JAKI", "Dottorota", "WA KEPO"),
linked to the indicators they evidence and shared with other regions for peer learning.

Reads and writes of programmes live together in this module (selectors first, then services).
Who may do what is decided by :mod:`cities.access`, the one policy:

* **Reading** (:func:`programmes_for`): every signed-in person reads the programmes a region marked
  ``shared``, plus the programmes of the regions in their scope — their own region's drafts for a
  CSCO or contributor, every region's for ministry staff (province-limited staff: their provinces).
* **Writing** (:func:`programmes_in_scope` + ``REGION_EDIT``): writes look a programme up among the
  programmes of the regions in the person's scope only, so another region's programme — shared or
  not — is simply not found (404); a reviewer or observer finds it but may not change it (403).
* **The public** (:func:`public_programmes`): shared programmes of regions that have at least one
  approved assessment, so that only programmes of verified regions are shown to everyone.
* **Citing** (:func:`cite_programme`): an assessment may cite only its own region's programmes.
  Another region's programme, even a shared one, says nothing about this region's maturity, so it
  is refused (400 naming ``programme``); so is a programme that is only ``planned``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import File
from django.core.validators import URLValidator
from django.db import connection, transaction
from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from cities import access
from cities.access import AnyUser
from cities.models import Region
from config.api import Conflict
from maturity import services, uploads
from maturity.models import (
    EDITABLE_STATUSES,
    Assessment,
    AssessmentStatus,
    Element,
    Evidence,
    Framework,
    FrameworkStatus,
    Indicator,
    Programme,
    ProgrammeFile,
    ProgrammeStatus,
)

# History action of a citation (the evidence row it creates is a programme, not a file).
EVIDENCE_CITED = "evidence.cited"

MIN_YEAR = 1945
MAX_NAME = 200
MAX_AGENCY = 200
MAX_DESCRIPTION = 5000
MAX_URL = 500
MAX_INDICATORS = 50
MAX_COUNT = 10**15
MAX_FILES = 20
MAX_QUERY = 200

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


def _msg(indonesian: str, english: str) -> str:
    return f"{indonesian} / {english}"


def _signed_in(user: AnyUser) -> bool:
    return bool(user.is_authenticated and user.is_active)


# --- Selectors --------------------------------------------------------------------------------


def _with_files(queryset: QuerySet[Programme]) -> QuerySet[Programme]:
    files = ProgrammeFile.objects.select_related("uploaded_by").order_by("uploaded_at", "id")
    return queryset.select_related("region").prefetch_related(Prefetch("files", queryset=files))


def programmes_for(user: AnyUser) -> QuerySet[Programme]:
    """The programmes ``user`` may read: shared ones, plus those of the regions in their scope."""
    queryset = _with_files(Programme.objects.all())
    if not _signed_in(user):
        return queryset.none()
    in_scope = access.region_q(user, "region")
    if in_scope is None:
        return queryset.order_by("region__code", "name", "id")
    return queryset.filter(Q(shared=True) | in_scope).order_by("region__code", "name", "id")


def programmes_in_scope(user: AnyUser) -> QuerySet[Programme]:
    """The programmes of the regions in ``user``'s scope: where writes look programmes up, so
    that another region's programme is not found even when it is shared."""
    return access.scope(user, _with_files(Programme.objects.all()), "region").order_by(
        "region__code", "name", "id"
    )


def public_programmes() -> QuerySet[Programme]:
    """Shared programmes of regions with at least one approved assessment (no sign-in needed)."""
    approved = Assessment.objects.filter(
        region_id=OuterRef("region_id"), status=AssessmentStatus.APPROVED
    )
    return (
        Programme.objects.filter(shared=True)
        .filter(Exists(approved))
        .select_related("region")
        .order_by("region__code", "name", "id")
    )


def filter_programmes(
    queryset: QuerySet[Programme],
    *,
    element: str | None = None,
    indicator: str | None = None,
    province: str | None = None,
    kind: str | None = None,
    status: str | None = None,
    region: str | None = None,
    q: str | None = None,
) -> QuerySet[Programme]:
    """The registry's filters: key element, linked indicator, province code, kind of region,
    status, region code and a text search in the name and both descriptions."""
    if element:
        queryset = queryset.filter(element_code__iexact=element.strip())
    if indicator:
        queryset = _with_indicator(queryset, indicator.strip().upper())
    if province:
        queryset = queryset.filter(region__province_code=province.strip())
    if kind:
        queryset = queryset.filter(region__kind=kind.strip())
    if status:
        queryset = queryset.filter(status=status.strip())
    if region:
        queryset = queryset.filter(region__code=region.strip())
    text = (q or "").strip()[:MAX_QUERY]
    if text:
        queryset = queryset.filter(
            Q(name__icontains=text)
            | Q(description_id__icontains=text)
            | Q(description_en__icontains=text)
        )
    return queryset


def _with_indicator(queryset: QuerySet[Programme], code: str) -> QuerySet[Programme]:
    if connection.features.supports_json_field_contains:
        return queryset.filter(indicator_codes__contains=[code])
    # SQLite (the bare-machine default) cannot look inside JSON lists: match in Python.
    ids = [
        pk for pk, codes in queryset.values_list("pk", "indicator_codes") if code in (codes or [])
    ]
    return queryset.filter(pk__in=ids)


def current_framework() -> Framework | None:
    """The framework whose codes programmes are linked to: the latest published version."""
    return (
        Framework.objects.filter(status=FrameworkStatus.PUBLISHED)
        .order_by("-published_at", "-id")
        .first()
    )


def framework_codes(
    framework: Framework | None,
) -> tuple[dict[str, Element], dict[str, Indicator]]:
    """A framework's elements and indicators by upper-cased code (two queries)."""
    if framework is None:
        return {}, {}
    elements = {e.code.upper(): e for e in Element.objects.filter(framework=framework)}
    indicators = {
        i.code.upper(): i
        for i in Indicator.objects.filter(framework=framework).order_by("position", "id")
    }
    return elements, indicators


def editable_regions(user: AnyUser) -> list[Region]:
    """The regions whose programmes ``user`` may create and edit (CSCO, contributor)."""
    regions = access.readable_regions(user).filter(
        pk__in=[g.region_id for g in access.grants(user) if g.region_id is not None]
    )
    return [r for r in regions.order_by("code") if access.can(user, access.REGION_EDIT, r)]


def may_edit(user: AnyUser, programme: Programme) -> bool:
    """May ``user`` change ``programme`` (a CSCO or contributor of its region)?"""
    return access.can(user, access.REGION_EDIT, programme.region)


def citable_programmes(user: AnyUser, assessment: Assessment) -> QuerySet[Programme]:
    """The programmes ``user`` could cite in ``assessment``: its own region's, not planned."""
    return (
        programmes_for(user)
        .filter(region_id=assessment.region_id)
        .exclude(status=ProgrammeStatus.PLANNED)
    )


def open_assessments_for_citing(user: AnyUser, programme: Programme) -> list[Assessment]:
    """The programme's region's assessments that ``user`` may cite it in now."""
    if not access.can(user, access.REGION_EDIT, programme.region):
        return []
    candidates = (
        access.scope(user, Assessment.objects.all(), "region")
        .filter(region_id=programme.region_id, status__in=EDITABLE_STATUSES)
        .select_related("cycle", "cycle__framework", "region")
        .order_by("-cycle__year", "-cycle_id")
    )
    return [a for a in candidates if services.is_open_for_editing(a)]


# --- For the national summary ---------------------------------------------------------------

# "The highest-scoring indicators": those on which a region reached this level or better.
TOP_LEVEL = 4
TOP_PROGRAMMES_LIMIT = 30


@dataclass(frozen=True)
class ProgrammeBehindTop:
    """A shared programme and the top-scoring indicators of its region that it backs."""

    name: str
    region_code: str
    region_name: str
    agency: str
    url: str
    indicators: tuple[tuple[str, int], ...]  # (code, level), highest level first


def programmes_behind_top_indicators(
    *,
    cycle_id: int,
    levels_by_region: Mapping[int, Mapping[str, int | None]],
    min_level: int = TOP_LEVEL,
    limit: int = TOP_PROGRAMMES_LIMIT,
) -> list[ProgrammeBehindTop]:
    """Shared programmes backing indicators on which their region scored ``min_level`` or better.

    ``levels_by_region`` gives, per region id, the indicator levels that speak for its assessment
    in the cycle (the reports choose which track). A programme backs an indicator it is linked to,
    or one it was cited for as evidence in this cycle. Drafts (not shared) never appear: the
    summary is for peer learning. Read in one query; best first (highest level, then the number
    of indicators backed), at most ``limit``.
    """
    tops = {
        region_id: {
            code: level
            for code, level in levels.items()
            if level is not None and level >= min_level
        }
        for region_id, levels in levels_by_region.items()
    }
    tops = {region_id: levels for region_id, levels in tops.items() if levels}
    if not tops:
        return []
    rows = (
        Programme.objects.filter(shared=True, region_id__in=list(tops))
        .values(
            "pk",
            "name",
            "agency",
            "url",
            "indicator_codes",
            "region_id",
            "region__code",
            "region__name",
            "citations__indicator__code",
            "citations__assessment__cycle_id",
        )
        .order_by("region__code", "name", "pk")
    )
    found: dict[int, Any] = {}
    backed: dict[int, set[str]] = defaultdict(set)
    row: Any
    for row in rows:
        found.setdefault(row["pk"], row)
        backed[row["pk"]].update(row["indicator_codes"] or [])
        if row["citations__assessment__cycle_id"] == cycle_id:
            backed[row["pk"]].add(row["citations__indicator__code"])
    result = []
    for pk, row in found.items():
        levels = tops[row["region_id"]]
        indicators = sorted(
            ((code, levels[code]) for code in backed[pk] if code in levels),
            key=lambda item: (-item[1], item[0]),
        )
        if indicators:
            result.append(
                ProgrammeBehindTop(
                    name=row["name"],
                    region_code=row["region__code"],
                    region_name=row["region__name"],
                    agency=row["agency"],
                    url=row["url"],
                    indicators=tuple(indicators),
                )
            )
    result.sort(key=lambda p: (-p.indicators[0][1], -len(p.indicators), p.region_code, p.name))
    return result[:limit]


def registry_inputs(*, cycle_id: int) -> dict[str, Any]:
    """What of the registry a cycle's national summary depends on (for its inputs key), in one
    query: the latest change and number of programmes, and the cycle's citations."""
    in_cycle = Q(citations__assessment__cycle_id=cycle_id)
    return Programme.objects.aggregate(
        programmes_at=Max("updated_at"),
        programmes_n=Count("id", distinct=True),
        citations_max=Max("citations__id", filter=in_cycle),
        citations_n=Count("citations__id", filter=in_cycle, distinct=True),
    )


# --- Validation -------------------------------------------------------------------------------


def _text(
    raw: Any, name: str, errors: dict[str, list[str]], *, max_length: int, required: bool = False
) -> str:
    if raw is None:
        raw = ""
    if not isinstance(raw, str):
        errors[name] = [_msg("Harus berupa teks.", "Must be text.")]
        return ""
    text = raw.strip()
    if "\x00" in text:
        errors[name] = [_msg("Teks memuat karakter NUL.", "The text contains a NUL character.")]
        return ""
    if required and not text:
        errors[name] = [_msg("Wajib diisi.", "This field is required.")]
        return ""
    if len(text) > max_length:
        errors[name] = [
            _msg(f"Paling banyak {max_length} karakter.", f"At most {max_length} characters.")
        ]
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
        errors[name] = [_msg("Harus bilangan bulat.", "Must be a whole number.")]
    return number


def _year(raw: Any, name: str, errors: dict[str, list[str]], this_year: int) -> int | None:
    year = _integer(raw, name, errors)
    if year is None:
        return None
    if year > this_year:
        errors[name] = [
            _msg(
                f"Tahun tidak boleh di masa depan (setelah {this_year}).",
                f"The year must not be in the future (after {this_year}).",
            )
        ]
        return None
    if year < MIN_YEAR:
        errors[name] = [_msg(f"Tahun paling awal {MIN_YEAR}.", f"The earliest year is {MIN_YEAR}.")]
        return None
    return year


def _count(raw: Any, name: str, errors: dict[str, list[str]]) -> int | None:
    number = _integer(raw, name, errors)
    if number is None:
        return None
    if number < 0:
        errors[name] = [_msg("Tidak boleh negatif.", "Must not be negative.")]
        return None
    if number > MAX_COUNT:
        errors[name] = [_msg("Angka terlalu besar.", "The number is too large.")]
        return None
    return number


_TRUE = {"true", "1", "yes", "ya", "on"}
_FALSE = {"false", "0", "no", "tidak", "off", ""}


def _boolean(raw: Any, name: str, errors: dict[str, list[str]]) -> bool:
    if raw is None:
        return False
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, str) and raw.strip().lower() in _TRUE | _FALSE:
        return raw.strip().lower() in _TRUE
    errors[name] = [_msg("Harus true atau false.", "Must be true or false.")]
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

    Raises ``ValidationError`` naming every bad field: an unknown element or indicator (of the
    current framework), a URL that is not http(s), a launch year in the future, a users or
    transactions figure without its year (or a year without its figure).
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
                _msg(
                    f"Elemen '{element}' tidak ada dalam kerangka yang berlaku.",
                    f"Element '{element}' is not in the current framework.",
                )
            ]
        else:
            values["element_code"] = found.code
    codes = _codes(data.get("indicators"))
    if codes is None or any(not isinstance(code, str) for code in codes):
        errors["indicators"] = [
            _msg("Harus berupa daftar kode indikator.", "Must be a list of indicator codes.")
        ]
    else:
        unknown = [code for code in codes if code.strip().upper() not in indicators]
        if unknown:
            listed = ", ".join(str(code) for code in unknown[:10])
            errors["indicators"] = [
                _msg(
                    f"Indikator tidak ada dalam kerangka yang berlaku: {listed}.",
                    f"Indicators not in the current framework: {listed}.",
                )
            ]
        elif len(codes) > MAX_INDICATORS:
            errors["indicators"] = [
                _msg(
                    f"Paling banyak {MAX_INDICATORS} indikator.",
                    f"At most {MAX_INDICATORS} indicators.",
                )
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
        errors["status"] = [
            _msg(
                f"Status tidak dikenal; pilih: {allowed}.",
                f"Unknown status; choose one of: {allowed}.",
            )
        ]

    url = _text(data.get("url"), "url", errors, max_length=MAX_URL)
    if url:
        try:
            URLValidator(schemes=["http", "https"])(url)
        except ValidationError:
            errors["url"] = [
                _msg(
                    "Harus alamat web http:// atau https://.",
                    "Must be a web address starting with http:// or https://.",
                )
            ]
    values["url"] = url

    for count_name, year_name in FIGURES:
        count = _count(data.get(count_name), count_name, errors)
        year = _year(data.get(year_name), year_name, errors, this_year)
        raw_year = data.get(year_name)
        year_given = raw_year is not None and not (
            isinstance(raw_year, str) and not raw_year.strip()
        )
        if count is not None and year is None and year_name not in errors:
            errors[year_name] = [
                _msg("Tahun angka ini wajib diisi.", "The year of this figure is required.")
            ]
        if year_given and count is None and count_name not in errors:
            errors[count_name] = [
                _msg(
                    "Isi angkanya, atau kosongkan tahunnya.",
                    "Give the figure, or leave its year empty.",
                )
            ]
        values[count_name] = count
        values[year_name] = year
    if errors:
        raise ValidationError(errors)
    return values


def programme_body(programme: Programme) -> dict[str, Any]:
    """A programme as an input body (what a partial update starts from)."""
    return {
        "name": programme.name,
        "description_id": programme.description_id,
        "description_en": programme.description_en,
        "element": programme.element_code,
        "indicators": list(programme.indicator_codes or []),
        "status": programme.status,
        "launch_year": programme.launch_year,
        "agency": programme.agency,
        "url": programme.url,
        "users_count": programme.users_count,
        "users_year": programme.users_year,
        "transactions_count": programme.transactions_count,
        "transactions_year": programme.transactions_year,
        "shared": programme.shared,
    }


# --- Services ---------------------------------------------------------------------------------


def _require_edit(user: AnyUser, region: Region) -> None:
    if not access.can(user, access.REGION_EDIT, region):
        raise PermissionDenied(
            _msg(
                "Hanya CSCO dan kontributor wilayah ini yang dapat mengubah programnya.",
                "Only this region's CSCO and contributors may change its programmes.",
            )
        )


def _unique_name(region: Region, name: str, exclude_pk: int | None = None) -> None:
    clash = Programme.objects.filter(region=region, name__iexact=name)
    if exclude_pk is not None:
        clash = clash.exclude(pk=exclude_pk)
    if name and clash.exists():
        raise ValidationError(
            {
                "name": [
                    _msg(
                        "Wilayah ini sudah memiliki program dengan nama ini.",
                        "This region already has a programme with this name.",
                    )
                ]
            }
        )


def _lock_region(region: Region) -> None:
    """Serialise programme writes of one region (names are unique within a region)."""
    Region.objects.select_for_update().filter(pk=region.pk).first()


@transaction.atomic
def create_programme(*, user: AnyUser, region: Region, data: Mapping[str, Any]) -> Programme:
    """Register a region's programme (its CSCO or a contributor); 400 naming each bad field."""
    _require_edit(user, region)
    values = clean_programme(data)
    _lock_region(region)
    _unique_name(region, values["name"])
    return Programme.objects.create(
        region=region, created_by=user if user.is_authenticated else None, **values
    )


@transaction.atomic
def update_programme(
    *, user: AnyUser, programme: Programme, data: Mapping[str, Any], partial: bool = True
) -> Programme:
    """Change a programme (its region's CSCO or a contributor). ``partial``: fields not given
    keep their value; otherwise they are emptied. The region never changes."""
    _require_edit(user, programme.region)
    given_region = data.get("region")
    if given_region not in (None, "", programme.region.code):
        raise ValidationError(
            {
                "region": [
                    _msg(
                        "Wilayah program tidak dapat diubah.", "A programme's region cannot change."
                    )
                ]
            }
        )
    _lock_region(programme.region)
    locked = Programme.objects.select_for_update().get(pk=programme.pk)
    body = {**programme_body(locked), **data} if partial else dict(data)
    values = clean_programme(body)
    _unique_name(locked.region, values["name"], exclude_pk=locked.pk)
    for name, value in values.items():
        setattr(locked, name, value)
    locked.save()
    return locked


@transaction.atomic
def delete_programme(*, user: AnyUser, programme: Programme) -> None:
    """Remove a programme and its files; 409 while an assessment cites it as evidence."""
    _require_edit(user, programme.region)
    locked = Programme.objects.select_for_update().get(pk=programme.pk)
    cited = Evidence.objects.filter(programme=locked).count()
    if cited:
        raise Conflict(
            _msg(
                f"Program ini dikutip sebagai data dukung ({cited}); ubah statusnya menjadi "
                "'dihentikan' alih-alih menghapusnya.",
                f"This programme is cited as evidence ({cited}); set its status to 'retired' "
                "instead of deleting it.",
            )
        )
    stored = [(f.file.storage, f.file.name) for f in locked.files.all() if f.file.name]
    locked.delete()

    def remove_files() -> None:
        for storage, name in stored:
            storage.delete(name)

    transaction.on_commit(remove_files)


@transaction.atomic
def add_programme_file(*, user: AnyUser, programme: Programme, upload: Any) -> ProgrammeFile:
    """Keep a brochure, decree or screenshot of a programme, checked by its content like
    evidence (:func:`maturity.uploads.inspect_upload`), in private storage."""
    _require_edit(user, programme.region)
    if upload is None:
        raise ValidationError({"file": [_msg("Berkas wajib diunggah.", "A file is required.")]})
    locked = Programme.objects.select_for_update().get(pk=programme.pk)
    if locked.files.count() >= MAX_FILES:
        raise ValidationError(
            {
                "file": [
                    _msg(
                        f"Paling banyak {MAX_FILES} berkas per program.",
                        f"At most {MAX_FILES} files per programme.",
                    )
                ]
            }
        )
    checked = uploads.inspect_upload(upload, max_bytes=settings.EVIDENCE_MAX_BYTES)
    item = ProgrammeFile(
        programme=locked,
        name=checked.name,
        size=checked.size,
        sha256=checked.sha256,
        content_type=checked.content_type,
        uploaded_by=user if user.is_authenticated else None,
    )
    upload.seek(0)
    item.file.save(checked.name, File(upload), save=False)
    stored_name, storage = item.file.name or "", item.file.storage
    try:
        item.save()
        locked.save(update_fields=["updated_at"])
    except Exception:
        storage.delete(stored_name)
        raise
    return item


@transaction.atomic
def delete_programme_file(*, user: AnyUser, item: ProgrammeFile) -> None:
    """Remove one of a programme's files; the stored file goes after commit."""
    programme = item.programme
    _require_edit(user, programme.region)
    stored_name, storage = item.file.name or "", item.file.storage
    item.delete()
    programme.save(update_fields=["updated_at"])
    if stored_name:
        transaction.on_commit(lambda: storage.delete(stored_name))


def _unknown_indicator(code: object) -> str:
    return _msg(
        f"Indikator '{code}' tidak ada dalam kerangka penilaian ini.",
        f"Indicator '{code}' is not in this assessment's framework.",
    )


@transaction.atomic
def cite_programme(
    *, user: AnyUser, assessment: Assessment, indicator_code: str, programme: Programme
) -> Evidence:
    """Cite one of the region's programmes as evidence for an indicator (no upload).

    Creates an :class:`Evidence` row with ``programme`` set, named after the programme, without a
    file (``sha256`` empty), and records it in the assessment's history. 403 unless a CSCO or
    contributor of the region; 409 unless the assessment is editable or when the programme is
    already cited for that indicator; 400 naming ``indicator`` (not in the framework) or
    ``programme`` (another region's, or only planned).
    """
    if not access.can(user, access.REGION_EDIT, assessment.region):
        raise PermissionDenied(
            _msg(
                "Peran Anda tidak mengizinkan tindakan ini.",
                "Your role does not allow this action.",
            )
        )
    locked = (
        Assessment.objects.select_for_update(of=("self",))
        .select_related("cycle", "cycle__framework", "region")
        .get(pk=assessment.pk)
    )
    if not services.is_open_for_editing(locked):
        raise Conflict(
            _msg(
                f"Penilaian berstatus '{locked.status}' atau siklusnya yang sudah ditutup tidak "
                "dapat diubah.",
                f"An assessment in status '{locked.status}' or in a closed cycle cannot be "
                "changed.",
            )
        )
    errors: dict[str, list[str]] = {}
    indicator = (
        Indicator.objects.filter(framework_id=locked.cycle.framework_id, code=indicator_code)
        .select_related("theme")
        .first()
        if isinstance(indicator_code, str) and indicator_code
        else None
    )
    if indicator is None:
        errors["indicator"] = [_unknown_indicator(indicator_code)]
    if programme.region_id != locked.region_id:
        errors["programme"] = [
            _msg(
                "Hanya program wilayah ini sendiri yang dapat dikutip sebagai data dukung; "
                "program wilayah lain, meski dibagikan, bukan bukti bagi wilayah ini.",
                "Only this region's own programmes may be cited as evidence; another region's "
                "programme, even a shared one, is no evidence for this region.",
            )
        ]
    elif programme.status == ProgrammeStatus.PLANNED:
        errors["programme"] = [
            _msg(
                "Program yang baru direncanakan belum dapat menjadi data dukung.",
                "A programme that is only planned cannot be evidence yet.",
            )
        ]
    if errors or indicator is None:
        raise ValidationError(errors)
    already = Evidence.objects.filter(assessment=locked, indicator=indicator, programme=programme)
    if already.exists():
        raise Conflict(
            _msg(
                "Program ini sudah dikutip untuk indikator ini.",
                "This programme is already cited for this indicator.",
            )
        )
    evidence = Evidence.objects.create(
        assessment=locked,
        indicator=indicator,
        programme=programme,
        name=programme.name[:255],
        size=0,
        sha256="",
        content_type="",
        uploaded_by=user if user.is_authenticated else None,
    )
    services.record_history(
        assessment=locked,
        actor=user,
        action=EVIDENCE_CITED,
        indicator_code=indicator.code,
        after={"id": evidence.pk, "name": evidence.name, "programme": programme.pk},
    )
    return evidence


# --- Demo data --------------------------------------------------------------------------------


@transaction.atomic
def import_programme(*, region: Region, data: Mapping[str, Any]) -> tuple[Programme, bool]:
    """Create or update a region's programme by name, checked like any other (for demo data and
    imports by the system, so no person's role is checked). Returns (programme, created)."""
    values = clean_programme(data)
    _lock_region(region)
    found = Programme.objects.filter(region=region, name__iexact=values["name"]).first()
    if found is None:
        return Programme.objects.create(region=region, **values), True
    changed = [name for name, value in values.items() if getattr(found, name) != value]
    for name in changed:
        setattr(found, name, values[name])
    if changed:
        found.save()
    return found, False
