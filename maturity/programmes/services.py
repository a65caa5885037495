"""Writing the programmes registry: create, update, delete, files, and citing a programme as
evidence.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.files.base import File
from django.db import transaction
from django.utils.translation import gettext as _

from cities import access, errors
from cities.access import AnyUser
from cities.models import Region
from maturity.assessments import selectors, uploads
from maturity.assessments.models import Assessment, Evidence
from maturity.assessments.services import history
from maturity.frameworks.models import Indicator
from maturity.programmes.models import Programme, ProgrammeFile, ProgrammeStatus
from maturity.programmes.validation import clean_programme

# History action of a citation (the evidence row it creates is a programme, not a file).
EVIDENCE_CITED = "evidence.cited"
MAX_FILES = 20


# --- For the national summary ---------------------------------------------------------------


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
        raise errors.Forbidden(
            _("Hanya CSCO dan kontributor wilayah ini yang dapat mengubah programnya.")
        )


def _name_taken(region: Region, name: Any, exclude_pk: int | None = None) -> list[str]:
    name = name.strip() if isinstance(name, str) else ""
    clash = Programme.objects.filter(region=region, name__iexact=name)
    if exclude_pk is not None:
        clash = clash.exclude(pk=exclude_pk)
    if name and clash.exists():
        return [_("Wilayah ini sudah memiliki program dengan nama ini.")]
    return []


def _checked(
    region: Region,
    data: Mapping[str, Any],
    *,
    exclude_pk: int | None = None,
    problems: dict[str, list[str]] | None = None,
) -> dict[str, Any]:
    """The programme's cleaned values; raises one :class:`cities.errors.Invalid` naming every
    problem together: the fields' own, a name the region already uses, and ``problems``."""
    found = dict(problems or {})
    values: dict[str, Any] = {}
    try:
        values = clean_programme(data)
    except errors.Invalid as error:
        found.update(error.fields)
    if "name" not in found and (taken := _name_taken(region, data.get("name"), exclude_pk)):
        found["name"] = taken
    if found:
        raise errors.Invalid(found)
    return values


def _lock_region(region: Region) -> None:
    """Serialise programme writes of one region (names are unique within a region)."""
    Region.objects.select_for_update().filter(pk=region.pk).first()


@transaction.atomic
def create_programme(*, user: AnyUser, region: Region, data: Mapping[str, Any]) -> Programme:
    """Register a region's programme (its CSCO or a contributor); 400 naming each bad field."""
    _require_edit(user, region)
    _lock_region(region)
    values = _checked(region, data)
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
    problems: dict[str, list[str]] = {}
    if data.get("region") not in (None, "", programme.region.code):
        problems["region"] = [_("Wilayah program tidak dapat diubah.")]
    _lock_region(programme.region)
    locked = Programme.objects.select_for_update().get(pk=programme.pk)
    body = {**programme_body(locked), **data} if partial else dict(data)
    values = _checked(locked.region, body, exclude_pk=locked.pk, problems=problems)
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
        raise errors.Conflict(
            _(
                "Program ini dikutip sebagai data dukung (%(count)s); ubah statusnya menjadi "
                "'dihentikan' alih-alih menghapusnya."
            )
            % {"count": cited},
            code="programme_cited",
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
        raise errors.Invalid({"file": [_("Berkas wajib diunggah.")]})
    locked = Programme.objects.select_for_update().get(pk=programme.pk)
    if locked.files.count() >= MAX_FILES:
        raise errors.Invalid(
            {"file": [_("Paling banyak %(count)s berkas per program.") % {"count": MAX_FILES}]},
            code="too_many_files",
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
    return _("Indikator '%(code)s' tidak ada dalam kerangka penilaian ini.") % {"code": code}


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
        raise errors.Forbidden(_("Peran Anda tidak mengizinkan tindakan ini."))
    locked = (
        Assessment.objects.select_for_update(of=("self",))
        .select_related("cycle", "cycle__framework", "region")
        .get(pk=assessment.pk)
    )
    if not selectors.is_open_for_editing(locked):
        raise errors.Conflict(
            _(
                "Penilaian berstatus '%(status)s' atau siklusnya yang sudah ditutup tidak "
                "dapat diubah."
            )
            % {"status": locked.status},
            code="not_editable",
        )
    problems: dict[str, list[str]] = {}
    indicator = (
        Indicator.objects.filter(framework_id=locked.cycle.framework_id, code=indicator_code)
        .select_related("theme")
        .first()
        if isinstance(indicator_code, str) and indicator_code
        else None
    )
    if indicator is None:
        problems["indicator"] = [_unknown_indicator(indicator_code)]
    if programme.region_id != locked.region_id:
        problems["programme"] = [
            _(
                "Hanya program wilayah ini sendiri yang dapat dikutip sebagai data dukung; "
                "program wilayah lain, meski dibagikan, bukan bukti bagi wilayah ini."
            )
        ]
    elif programme.status == ProgrammeStatus.PLANNED:
        problems["programme"] = [
            _("Program yang baru direncanakan belum dapat menjadi data dukung.")
        ]
    if problems or indicator is None:
        raise errors.Invalid(problems)
    already = Evidence.objects.filter(assessment=locked, indicator=indicator, programme=programme)
    if already.exists():
        raise errors.Conflict(
            _("Program ini sudah dikutip untuk indikator ini."), code="already_cited"
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
    history.record_history(
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
