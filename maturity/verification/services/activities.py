"""Verification activities: a reviewer plans one (an interview, a field visit, …) and may move
or cancel it while it is planned, the region's CSCO confirms attendance, the reviewer records
what was found — each finding becomes that indicator's review, citing the activity — and uploads
photos and the signed minutes."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone, translation
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from cities import access, errors
from cities.access import AnyUser
from maturity.assessments import uploads
from maturity.assessments.models import Assessment
from maturity.assessments.services.history import record_history
from maturity.assessments.services.review import _checked_review, set_review
from maturity.assessments.services.state import (
    lock,
    lock_for_review,
    require_stage_reviewer,
)
from maturity.frameworks.models import Indicator
from maturity.verification.models import (
    ActivityFile,
    ActivityFileKind,
    ActivityMethod,
    ActivityStatus,
    VerificationActivity,
)

# History actions of an assessment's activities (the findings themselves are "review.set").
ACTIVITY_PLANNED = "activity.planned"
ACTIVITY_CONFIRMED = "activity.confirmed"
ACTIVITY_RECORDED = "activity.recorded"
ACTIVITY_FILE_ADDED = "activity.file_added"
ACTIVITY_RESCHEDULED = "activity.rescheduled"
ACTIVITY_CANCELLED = "activity.cancelled"

MAX_PLACE = 300
MAX_LINK = 500
MAX_PARTICIPANTS = 50
MAX_PARTICIPANT_TEXT = 200
MAX_INDICATORS = 100
MAX_MINUTES = 20000
MAX_REASON = 2000
#: What a reschedule may change (any of them; the others stay as planned).
RESCHEDULABLE = ("method", "scheduled_at", "place", "meeting_link", "indicators", "participants")
#: How far in the future a "held at" may lie (clocks differ a little).
HELD_AT_TOLERANCE = datetime.timedelta(minutes=10)
#: What an activity's files may be: photos and (scanned, signed) minutes.
ACTIVITY_FILE_TYPES = frozenset({uploads.PDF, uploads.PNG, uploads.JPEG})

Problems = dict[str, list[str]]


def _add(problems: Problems, field: str, message: str) -> None:
    problems.setdefault(field, []).append(message)


def _text(
    problems: Problems, data: dict[str, Any], field: str, *, limit: int, name: str | None = None
) -> str:
    """``data[field]`` as stripped text (empty when absent); a problem under ``name``."""
    value = data.get(field)
    if value is None:
        return ""
    if not isinstance(value, str):
        _add(problems, name or field, _("Harus berupa teks."))
        return ""
    text = value.strip()
    if len(text) > limit:
        _add(problems, name or field, _("Paling banyak %(count)d karakter.") % {"count": limit})
    return text


def _moment(problems: Problems, value: Any, field: str) -> datetime.datetime | None:
    """An ISO 8601 date and time (a naive one is in the product's time zone); required."""
    if value is None or value == "":
        _add(problems, field, _("Wajib diisi."))
        return None
    moment = None
    if isinstance(value, datetime.datetime):
        moment = value
    elif isinstance(value, str):
        try:
            moment = parse_datetime(value.strip())
        except ValueError:
            moment = None
    if moment is None:
        _add(problems, field, _("Tanggal dan jam tidak valid (YYYY-MM-DDTHH:MM)."))
        return None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def _indicator_codes(problems: Problems, value: Any, assessment: Assessment) -> list[str]:
    """The indicator codes, each of the assessment's framework (unknown ones named), in order."""
    if not isinstance(value, list) or not value:
        _add(problems, "indicators", _("Pilih paling sedikit satu indikator (daftar kode)."))
        return []
    if len(value) > MAX_INDICATORS:
        _add(
            problems,
            "indicators",
            _("Paling banyak %(count)d indikator.") % {"count": MAX_INDICATORS},
        )
        return []
    if not all(isinstance(code, str) for code in value):
        _add(problems, "indicators", _("Setiap indikator harus kode berupa teks."))
        return []
    codes = list(dict.fromkeys(code.strip() for code in value))
    known = set(
        Indicator.objects.filter(
            framework_id=assessment.cycle.framework_id, code__in=codes
        ).values_list("code", flat=True)
    )
    unknown = [code for code in codes if code not in known]
    if unknown:
        _add(
            problems,
            "indicators",
            _("Indikator tidak dikenal dalam kerangka penilaian ini: %(codes)s.")
            % {"codes": ", ".join(unknown)},
        )
    return codes


def _participants(problems: Problems, value: Any) -> list[dict[str, str]]:
    """``[{"name", "role", "agency"}]``: at least one, each with a name; problems by path."""
    if not isinstance(value, list) or not value:
        _add(problems, "participants", _("Sebutkan paling sedikit satu peserta."))
        return []
    if len(value) > MAX_PARTICIPANTS:
        _add(
            problems,
            "participants",
            _("Paling banyak %(count)d peserta.") % {"count": MAX_PARTICIPANTS},
        )
        return []
    people = []
    for index, item in enumerate(value):
        where = f"participants[{index}]"
        if not isinstance(item, dict):
            _add(problems, where, _("Harus objek dengan name, role dan agency."))
            continue
        person = {
            key: _text(problems, item, key, limit=MAX_PARTICIPANT_TEXT, name=f"{where}.{key}")
            for key in ("name", "role", "agency")
        }
        if not person["name"] and f"{where}.name" not in problems:
            _add(problems, f"{where}.name", _("Wajib diisi."))
        people.append(person)
    return people


def _meeting_link(problems: Problems, data: dict[str, Any]) -> str:
    link = _text(problems, data, "meeting_link", limit=MAX_LINK)
    if link:
        try:
            URLValidator(schemes=["http", "https"])(link)
        except ValidationError:
            _add(problems, "meeting_link", _("Tautan harus alamat http(s) yang valid."))
    return link


def _planned_fields(data: Any, assessment: Assessment) -> dict[str, Any]:
    """The fields of a planned activity, once every one is right; all problems at once else."""
    if not isinstance(data, dict):
        raise errors.Invalid(_("Isi permintaan harus objek JSON."))
    problems: Problems = {}
    method = data.get("method")
    if method not in ActivityMethod.values:
        _add(
            problems,
            "method",
            _("Pilih salah satu: %(choices)s.") % {"choices": ", ".join(ActivityMethod.values)},
        )
    scheduled_at = _moment(problems, data.get("scheduled_at"), "scheduled_at")
    place = _text(problems, data, "place", limit=MAX_PLACE)
    link = _meeting_link(problems, data)
    if not place and not link and "place" not in problems and "meeting_link" not in problems:
        _add(problems, "place", _("Isi tempat atau tautan pertemuan (paling sedikit salah satu)."))
    codes = _indicator_codes(problems, data.get("indicators"), assessment)
    people = _participants(problems, data.get("participants"))
    if problems:
        raise errors.Invalid(problems)
    return {
        "method": method,
        "scheduled_at": scheduled_at,
        "place": place,
        "meeting_link": link,
        "indicators": codes,
        "participants": people,
    }


def _activity_snapshot(activity: VerificationActivity) -> dict[str, Any]:
    return {
        "activity": activity.pk,
        "method": activity.method,
        "status": activity.status,
        "scheduled_at": activity.scheduled_at.isoformat() if activity.scheduled_at else None,
        "indicators": list(activity.indicators),
    }


@transaction.atomic
def plan_activity(*, user: AnyUser, assessment: Assessment, data: Any) -> VerificationActivity:
    """A reviewer (ministry, or the province's in a cycle with the province stage) plans an
    activity on an assessment under review.

    ``data``: ``method``, ``scheduled_at``, ``place`` and/or ``meeting_link``, ``indicators``
    (codes of the assessment's framework), ``participants`` (``[{"name", "role", "agency"}]``).
    Forbidden (403) outside the reviewer roles; Conflict unless under review in the reviewer's
    stage; Invalid naming every problem by its path (``participants[1].name``).
    """
    locked = lock_for_review(user, assessment, "plan-activity")
    fields = _planned_fields(data, locked)
    activity = VerificationActivity.objects.create(
        assessment=locked,
        planned_by=user if user.is_authenticated else None,
        **fields,
    )
    record_history(
        assessment=locked,
        actor=user,
        action=ACTIVITY_PLANNED,
        after=_activity_snapshot(activity),
    )
    return activity


def _locked_activity(activity: VerificationActivity) -> VerificationActivity:
    return VerificationActivity.objects.select_for_update(of=("self",)).get(pk=activity.pk)


def _require_planned(activity: VerificationActivity, action: str) -> None:
    if activity.status == ActivityStatus.CANCELLED:
        raise errors.Conflict(
            _("Kegiatan ini sudah dibatalkan; tindakan '%(action)s' tidak lagi diizinkan.")
            % {"action": action},
            code="activity_cancelled",
        )
    if activity.status != ActivityStatus.PLANNED:
        raise errors.Conflict(
            _("Kegiatan ini sudah dicatat; tindakan '%(action)s' tidak lagi diizinkan.")
            % {"action": action},
            code="activity_recorded",
        )


@transaction.atomic
def reschedule_activity(
    *, user: AnyUser, activity: VerificationActivity, data: Any
) -> VerificationActivity:
    """A reviewer changes a planned activity: any of :data:`RESCHEDULABLE`, checked as when
    planned (every problem at once); what is not given stays. A new time asks the region to
    confirm its attendance again. Same refusals as planning; Conflict once recorded or
    cancelled."""
    if not isinstance(data, dict):
        raise errors.Invalid(_("Isi permintaan harus objek JSON."))
    assessment = lock_for_review(user, activity.assessment, "reschedule-activity")
    locked = _locked_activity(activity)
    _require_planned(locked, "reschedule")
    current = {
        "method": locked.method,
        "scheduled_at": locked.scheduled_at,
        "place": locked.place,
        "meeting_link": locked.meeting_link,
        "indicators": list(locked.indicators),
        "participants": list(locked.participants),
    }
    given = {name: data[name] for name in RESCHEDULABLE if name in data}
    fields = _planned_fields({**current, **given}, assessment)
    changed = [name for name, value in fields.items() if current[name] != value]
    if not changed:
        return locked
    before = _activity_snapshot(locked)
    for name in changed:
        setattr(locked, name, fields[name])
    if "scheduled_at" in changed:
        locked.confirmed_by = None
        locked.confirmed_at = None
    locked.save()
    record_history(
        assessment=assessment,
        actor=user,
        action=ACTIVITY_RESCHEDULED,
        before=before,
        after={**_activity_snapshot(locked), "changed": changed},
    )
    return locked


@transaction.atomic
def cancel_activity(
    *, user: AnyUser, activity: VerificationActivity, data: Any
) -> VerificationActivity:
    """A reviewer in scope (the province's: in a cycle with the stage) cancels a planned
    activity, whatever the assessment's status, giving a ``reason`` (kept, shown, in history).
    Forbidden for anyone else; Conflict once recorded or cancelled."""
    access.require(user, access.REVIEW, activity.assessment.region)
    assessment = lock(activity.assessment)
    require_stage_reviewer(user, assessment)
    locked = _locked_activity(activity)
    _require_planned(locked, "cancel")
    if not isinstance(data, dict):
        raise errors.Invalid(_("Isi permintaan harus objek JSON."))
    problems: Problems = {}
    reason = _text(problems, data, "reason", limit=MAX_REASON)
    if not reason and "reason" not in problems:
        _add(problems, "reason", _("Tuliskan alasan pembatalan."))
    if problems:
        raise errors.Invalid(problems)
    locked.status = ActivityStatus.CANCELLED
    locked.cancelled_by = user if user.is_authenticated else None
    locked.cancelled_at = timezone.now()
    locked.cancel_reason = reason
    locked.save()
    record_history(
        assessment=assessment,
        actor=user,
        action=ACTIVITY_CANCELLED,
        after=_activity_snapshot(locked),
        comment=reason,
    )
    return locked


@transaction.atomic
def confirm_attendance(*, user: AnyUser, activity: VerificationActivity) -> VerificationActivity:
    """The region's CSCO confirms that the region attends a planned activity (a second
    confirmation changes nothing). Forbidden for anyone else; Conflict once recorded."""
    assessment = activity.assessment
    access.require(user, access.CONFIRM_ATTENDANCE, assessment.region)
    locked = _locked_activity(activity)
    _require_planned(locked, "confirm")
    if locked.confirmed_at is None:
        locked.confirmed_by = user if user.is_authenticated else None
        locked.confirmed_at = timezone.now()
        locked.save(update_fields=["confirmed_by", "confirmed_at", "updated_at"])
        record_history(
            assessment=assessment,
            actor=user,
            action=ACTIVITY_CONFIRMED,
            after=_activity_snapshot(locked),
        )
    return locked


def citation(activity: VerificationActivity, held_at: datetime.datetime) -> str:
    """How a finding's review cites its activity: ``[Wawancara 2026-03-04 #12]`` (stored text,
    so always in Indonesian, the language of the record)."""
    with translation.override("id"):
        method = str(ActivityMethod(activity.method).label)
    day = timezone.localtime(held_at).date().isoformat()
    return f"[{method} {day} #{activity.pk}]"


def _level_of(item: dict[str, Any]) -> tuple[Any, Any]:
    """A finding's (verified_level, not_applicable) as the review takes them: ``"verified_level":
    "not_applicable"`` and ``"not_applicable": true`` both mean N/A accepted."""
    level = item.get("verified_level")
    not_applicable = item.get("not_applicable", False)
    if level == "not_applicable":
        return None, True
    return level, not_applicable


def _findings(
    problems: Problems, value: Any, activity: VerificationActivity, prefix: str
) -> list[dict[str, Any]]:
    """The findings, each on one of the activity's indicators with a level 0–5 or N/A and a
    comment; problems by path (``findings[2].verified_level``)."""
    if value is None:
        return []
    if not isinstance(value, list):
        _add(problems, "findings", _("Harus daftar temuan."))
        return []
    found: list[dict[str, Any]] = []
    seen: set[str] = set()
    for index, item in enumerate(value):
        where = f"findings[{index}]"
        if not isinstance(item, dict):
            _add(problems, where, _("Harus objek dengan indicator, verified_level dan comment."))
            continue
        code = item.get("indicator")
        if not isinstance(code, str) or code not in activity.indicators:
            _add(
                problems,
                f"{where}.indicator",
                _("Indikator %(code)s bukan indikator kegiatan ini (%(codes)s).")
                % {"code": code, "codes": ", ".join(activity.indicators)},
            )
        elif code in seen:
            _add(problems, f"{where}.indicator", _("Indikator ini sudah ada di temuan lain."))
        else:
            seen.add(code)
        level, not_applicable = _level_of(item)
        comment = item.get("comment", "")
        if level is None and not_applicable is False:
            _add(
                problems,
                f"{where}.verified_level",
                _('Wajib diisi: tingkat 0–5 atau "not_applicable".'),
            )
        cited = f"{prefix} {comment.strip()}" if isinstance(comment, str) else comment
        try:
            _checked_review(level, not_applicable, cited)
        except errors.Invalid as error:
            for field, messages in error.fields.items():
                for message in messages:
                    _add(problems, f"{where}.{field}", message)
        found.append(
            {
                "indicator": code,
                "verified_level": level,
                "not_applicable": not_applicable is True,
                "comment": comment.strip() if isinstance(comment, str) else "",
            }
        )
    return found


@transaction.atomic
def record_activity(
    *, user: AnyUser, activity: VerificationActivity, data: Any
) -> VerificationActivity:
    """A reviewer records a planned activity: ``held_at``, ``minutes`` and ``findings``
    (``[{"indicator", "verified_level" | "not_applicable", "comment"}]``). The activity becomes
    done and each finding is recorded as that indicator's review (through
    :func:`~maturity.assessments.services.review.set_review`, so history and scoring follow),
    its comment citing the activity. One transaction: a bad finding saves nothing.
    """
    assessment = lock_for_review(user, activity.assessment, "record-activity")
    locked = _locked_activity(activity)
    _require_planned(locked, "record")
    if not isinstance(data, dict):
        raise errors.Invalid(_("Isi permintaan harus objek JSON."))
    problems: Problems = {}
    held_at = _moment(problems, data.get("held_at"), "held_at")
    if held_at is not None and held_at > timezone.now() + HELD_AT_TOLERANCE:
        _add(problems, "held_at", _("Waktu pelaksanaan tidak boleh di masa depan."))
    minutes = _text(problems, data, "minutes", limit=MAX_MINUTES)
    if not minutes and "minutes" not in problems:
        _add(problems, "minutes", _("Wajib diisi."))
    prefix = citation(locked, held_at or timezone.now())
    findings = _findings(problems, data.get("findings"), locked, prefix)
    if problems or held_at is None:
        raise errors.Invalid(problems)
    indicators = {
        i.code: i
        for i in Indicator.objects.filter(
            framework_id=assessment.cycle.framework_id, code__in=locked.indicators
        )
    }
    for finding in findings:
        set_review(
            user=user,
            assessment=assessment,
            indicator=indicators[finding["indicator"]],
            verified_level=finding["verified_level"],
            not_applicable=finding["not_applicable"],
            comment=f"{prefix} {finding['comment']}".strip(),
        )
    locked.status = ActivityStatus.DONE
    locked.held_at = held_at
    locked.minutes = minutes
    locked.findings = findings
    locked.recorded_by = user if user.is_authenticated else None
    locked.recorded_at = timezone.now()
    locked.save()
    record_history(
        assessment=assessment,
        actor=user,
        action=ACTIVITY_RECORDED,
        after={**_activity_snapshot(locked), "findings": len(findings)},
        comment=prefix,
    )
    return locked


def _file_kind(value: Any, content_type: str) -> str:
    """The kind asked for, or from the content: an image is a photo, a PDF the signed minutes."""
    if value in ActivityFileKind.values:
        return str(value)
    if content_type == uploads.PDF:
        return ActivityFileKind.SIGNED_MINUTES
    return ActivityFileKind.PHOTO


@transaction.atomic
def add_activity_file(
    *, user: AnyUser, activity: VerificationActivity, upload: Any, kind: Any = None
) -> ActivityFile:
    """Keep a photo or the signed minutes of an activity, in private storage, checked by its
    content like evidence (:mod:`maturity.assessments.uploads`): a PDF, PNG or JPEG.

    Reviewers of the assessment upload (403 otherwise; 409 for a province reviewer in a cycle
    without the province stage); Invalid naming ``file`` or ``kind``.
    """
    assessment = activity.assessment
    access.require(user, access.REVIEW, assessment.region)
    locked_assessment = lock(assessment)
    require_stage_reviewer(user, locked_assessment)
    problems: Problems = {}
    if kind not in (None, "") and kind not in ActivityFileKind.values:
        _add(
            problems,
            "kind",
            _("Pilih salah satu: %(choices)s.") % {"choices": ", ".join(ActivityFileKind.values)},
        )
    if upload is None:
        _add(problems, "file", _("Berkas wajib diunggah."))
    if problems:
        raise errors.Invalid(problems, code=uploads.NOT_ACCEPTED if "file" in problems else None)
    checked = uploads.inspect_upload(upload, max_bytes=settings.EVIDENCE_MAX_BYTES)
    if checked.content_type not in ACTIVITY_FILE_TYPES:
        raise errors.Invalid(
            {"file": [_("Berkas kegiatan harus foto (PNG, JPEG) atau PDF.")]},
            code=uploads.NOT_ACCEPTED,
        )
    item = ActivityFile(
        activity=activity,
        kind=_file_kind(kind, checked.content_type),
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
        record_history(
            assessment=locked_assessment,
            actor=user,
            action=ACTIVITY_FILE_ADDED,
            after={
                "activity": activity.pk,
                "id": item.pk,
                "kind": item.kind,
                "name": item.name,
                "sha256": item.sha256,
            },
        )
    except Exception:
        storage.delete(stored_name)
        raise
    return item
