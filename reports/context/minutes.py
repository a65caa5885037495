"""The minutes (berita acara) of a verification activity: who, when, where, by what method, on
which indicators, what was found, and a signature block for the region's representative and the
verifier; the activity's record embedded as a data file. Read in a handful of queries."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import User
from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

from cities import access
from maturity.frameworks.models import Indicator
from maturity.verification.models import ActivityFileKind, ActivityMethod, VerificationActivity
from reports.context.common import report_meta
from reports.context.plain import Meta
from reports.labels import date_text, labels_for
from reports.models import Report

ATTACHMENT_NAME = "maturasi-berita-acara.json"

MINUTES_LABELS: dict[str, Promise] = {
    "title": pgettext_lazy("report", "Berita Acara Verifikasi"),
    "subject": pgettext_lazy("report", "Berita acara kegiatan verifikasi penilaian kematangan"),
    "intro": pgettext_lazy(
        "report",
        "Pada waktu dan tempat di bawah ini telah dilaksanakan kegiatan verifikasi atas "
        "penilaian mandiri kematangan kota cerdas, dengan hasil sebagai berikut.",
    ),
    "activity": pgettext_lazy("report", "Kegiatan"),
    "method": pgettext_lazy("report", "Metode"),
    "scheduled_at": pgettext_lazy("report", "Dijadwalkan"),
    "held_at": pgettext_lazy("report", "Dilaksanakan"),
    "place": pgettext_lazy("report", "Tempat"),
    "meeting_link": pgettext_lazy("report", "Tautan pertemuan"),
    "confirmed": pgettext_lazy("report", "Kehadiran dikonfirmasi"),
    "not_confirmed": pgettext_lazy("report", "Belum dikonfirmasi"),
    "participants": pgettext_lazy("report", "Peserta"),
    "name": pgettext_lazy("report", "Nama"),
    "role": pgettext_lazy("report", "Jabatan"),
    "agency": pgettext_lazy("report", "Instansi"),
    "indicators": pgettext_lazy("report", "Indikator yang diverifikasi"),
    "minutes": pgettext_lazy("report", "Uraian kegiatan"),
    "findings": pgettext_lazy("report", "Temuan"),
    "no_findings": pgettext_lazy("report", "Tidak ada temuan tingkat yang dicatat."),
    "files": pgettext_lazy("report", "Lampiran"),
    "signatures": pgettext_lazy("report", "Tanda tangan"),
    "region_side": pgettext_lazy("report", "Perwakilan daerah"),
    "verifier_side": pgettext_lazy("report", "Verifikator"),
    "signed_on": pgettext_lazy("report", "Ditandatangani pada"),
}


@dataclass(frozen=True)
class Participant:
    name: str
    role: str
    agency: str


@dataclass(frozen=True)
class IndicatorLine:
    code: str
    title: str


@dataclass(frozen=True)
class FindingLine:
    code: str
    title: str
    level: str
    comment: str


@dataclass(frozen=True)
class FileLine:
    name: str
    kind: str
    sha256: str


@dataclass(frozen=True)
class Signatory:
    side: str
    name: str
    detail: str


@dataclass(frozen=True)
class MinutesReport:
    """Everything the minutes show."""

    meta: Meta
    l: dict[str, str]  # noqa: E741 — the minutes' own labels (``r.l.title``)
    number: str
    region_name: str
    region_code: str
    province_name: str
    cycle_name: str
    framework: str
    method: str
    scheduled_at: str
    held_at: str
    place: str
    meeting_link: str
    confirmed: str
    participants: tuple[Participant, ...]
    indicators: tuple[IndicatorLine, ...]
    minutes: str
    findings: tuple[FindingLine, ...]
    files: tuple[FileLine, ...]
    signatories: tuple[Signatory, ...]
    attachment_name: str
    attachment_json: bytes = field(repr=False, default=b"")


def _person(user: User | None) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.username


def _level_text(finding: dict[str, Any], not_applicable: str) -> str:
    if finding.get("not_applicable"):
        return not_applicable
    level = finding.get("verified_level")
    return "–" if level is None else str(level)


def minutes_report_context(report: Report) -> MinutesReport:
    """The plain context of an activity's minutes, in the active (the report's) language."""
    activity = VerificationActivity.objects.select_related(
        "assessment__region",
        "assessment__cycle__framework",
        "confirmed_by",
        "recorded_by",
        "planned_by",
    ).get(pk=report.activity_id or 0)
    language = report.language
    t = labels_for(language)
    own = {key: str(label) for key, label in MINUTES_LABELS.items()}
    assessment = activity.assessment
    region, cycle = assessment.region, assessment.cycle
    framework = cycle.framework
    titles = {
        i.code: i.title_in(language)
        for i in Indicator.objects.filter(framework=framework, code__in=activity.indicators)
    }
    method = str(ActivityMethod(activity.method).label)
    number = f"{cycle.year}/{region.code}/{activity.pk}"
    held = date_text(activity.held_at, language, with_time=True) if activity.held_at else "–"
    confirmed = own["not_confirmed"]
    if activity.confirmed_at:
        when = date_text(activity.confirmed_at, language, with_time=True)
        confirmed = f"{_person(activity.confirmed_by)}, {when}"
    findings = tuple(
        FindingLine(
            code=item["indicator"],
            title=titles.get(item["indicator"], ""),
            level=_level_text(item, t["not_applicable"]),
            comment=item.get("comment", ""),
        )
        for item in activity.findings
    )
    files = tuple(
        FileLine(name=f.name, kind=str(ActivityFileKind(f.kind).label), sha256=f.sha256)
        for f in activity.files.all().order_by("uploaded_at", "id")
    )
    region_people = [
        p for p in activity.participants if p.get("agency") and region.name in p["agency"]
    ]
    representative = _person(activity.confirmed_by) or (
        region_people[0]["name"] if region_people else ""
    )
    verifier_user = activity.recorded_by or activity.planned_by
    verifier = _person(verifier_user)
    # A province reviewer signs for the province, a ministry reviewer for the ministry.
    verifier_detail = (
        f"{t['province']} {region.province_name}"
        if verifier_user is not None and access.is_province_reviewer(verifier_user)
        else t["ministry"]
    )
    data = {
        "activity": activity.pk,
        "assessment": assessment.pk,
        "region": region.code,
        "cycle": cycle.name,
        "method": activity.method,
        "scheduled_at": activity.scheduled_at.isoformat(),
        "held_at": activity.held_at.isoformat() if activity.held_at else None,
        "place": activity.place,
        "meeting_link": activity.meeting_link,
        "indicators": activity.indicators,
        "participants": activity.participants,
        "minutes": activity.minutes,
        "findings": activity.findings,
        "files": [{"name": f.name, "sha256": f.sha256} for f in files],
    }
    return MinutesReport(
        meta=report_meta(
            report=report,
            language=language,
            title=f"{own['title']} · {region.name} · {method}",
            subject=own["subject"],
            keywords=", ".join([region.name, method, *activity.indicators]),
            running_head=f"{own['title']} · {region.name}",
        ),
        l=own,
        number=number,
        region_name=region.name,
        region_code=region.code,
        province_name=region.province_name,
        cycle_name=cycle.name,
        framework=f"{framework.title_in(language)} ({framework.code} {framework.version})",
        method=method,
        scheduled_at=date_text(activity.scheduled_at, language, with_time=True),
        held_at=held,
        place=activity.place,
        meeting_link=activity.meeting_link,
        confirmed=confirmed,
        participants=tuple(
            Participant(name=p.get("name", ""), role=p.get("role", ""), agency=p.get("agency", ""))
            for p in activity.participants
        ),
        indicators=tuple(
            IndicatorLine(code=code, title=titles.get(code, "")) for code in activity.indicators
        ),
        minutes=activity.minutes,
        findings=findings,
        files=files,
        signatories=(
            Signatory(side=own["region_side"], name=representative, detail=region.name),
            Signatory(side=own["verifier_side"], name=verifier, detail=verifier_detail),
        ),
        attachment_name=ATTACHMENT_NAME,
        attachment_json=json.dumps(data, ensure_ascii=False, indent=2).encode(),
    )
