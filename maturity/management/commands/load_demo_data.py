"""Load a demo cycle "2026" so that `make run` shows a living product (idempotent).

Everything goes through the services, as people would do it: the ministry admin opens the cycle,
each region's CSCO answers (one bulk save per assessment), attaches evidence where the framework
requires it and submits; the reviewer verifies some indicators, returns a few assessments with
comments and approves most. Kota Makassar is left as a draft about 60 % answered, Kabupaten
Banyuwangi submitted and waiting for review. Scores are computed here, synchronously
(:func:`maturity.scores.refresh_snapshots`), so the pages show them without a worker.

Values are made up but plausible: each region has a maturity it tends to (seeded, so the same
every time) and each answer is a number inside the band of the framework's thresholds that gives
the level drawn for it. Requires the demo accounts (``create_demo_accounts``); creates a CSCO
account for every other demo region (only ``csco.surabaya``, of a returned region, can sign in,
with the demo password). Does nothing when the cycle "2026" exists.
"""

from __future__ import annotations

import contextlib
import datetime
import logging
import math
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from cities.models import Region, RegionKind, Role
from cities.services import DEMO_PASSWORD, MembershipInput, add_membership, create_member
from config.celery_app import app as celery_app
from maturity.assessments import validation
from maturity.assessments.models import (
    Answer,
    Assessment,
    AssessmentStatus,
    Evidence,
    HistoryEntry,
    Review,
)
from maturity.assessments.services import answers as services_answers
from maturity.assessments.services import evidence as services_evidence
from maturity.assessments.services import history as services_history
from maturity.assessments.services import lifecycle
from maturity.assessments.services import review as services_review
from maturity.cycles import services as cycles_services
from maturity.cycles.models import AssessmentCycle
from maturity.frameworks.models import Direction, Framework, Indicator, IndicatorKind
from maturity.frameworks.services import load_default_framework
from maturity.programmes.models import Programme, ProgrammeStatus
from maturity.programmes.services import cite_programme
from maturity.scores.services import refresh_snapshots

CYCLE_NAME = "2026"
CYCLE_YEAR = 2026
DATA_YEAR = 2025
SEED = "maturasi-demo"

APPROVED = AssessmentStatus.APPROVED
SUBMITTED = AssessmentStatus.SUBMITTED
RETURNED = AssessmentStatus.RETURNED
DRAFT = AssessmentStatus.DRAFT


@dataclass(frozen=True)
class DemoRegion:
    """A region of the demo cycle: the maturity its answers tend to and where it ends up."""

    code: str
    mean: float  # the level its answers are drawn around (the index lands a little below it)
    status: str
    login: str  # csco.<login>
    return_comment: str = ""
    review_comments: dict[str, str] = field(default_factory=dict)


MAKASSAR = DemoRegion("73.71", 3.35, DRAFT, "makassar")
BANYUWANGI = DemoRegion("35.10", 3.85, SUBMITTED, "banyuwangi")

OTHER_REGIONS: tuple[DemoRegion, ...] = (
    DemoRegion("31", 5.4, APPROVED, "jakarta"),
    DemoRegion("32.11", 3.85, APPROVED, "sumedang"),
    DemoRegion("32.73", 4.5, APPROVED, "bandung"),
    DemoRegion("51.71", 3.6, APPROVED, "denpasar"),
    DemoRegion("34.04", 3.55, APPROVED, "sleman"),
    DemoRegion("34.71", 3.65, APPROVED, "yogyakarta"),
    DemoRegion("36.74", 3.75, APPROVED, "tangerangselatan"),
    DemoRegion("36.71", 3.4, APPROVED, "tangerang"),
    DemoRegion("32.71", 3.2, APPROVED, "bogor"),
    DemoRegion("32.75", 3.05, APPROVED, "bekasi"),
    DemoRegion("35.73", 3.25, APPROVED, "malang"),
    DemoRegion("51.03", 3.2, APPROVED, "badung"),
    DemoRegion("64.71", 3.15, APPROVED, "balikpapan"),
    DemoRegion("64.72", 2.75, APPROVED, "samarinda"),
    DemoRegion("13.71", 2.7, APPROVED, "padang"),
    DemoRegion("14.71", 2.85, APPROVED, "pekanbaru"),
    DemoRegion("71.71", 2.6, APPROVED, "manado"),
    DemoRegion("61.71", 2.45, APPROVED, "pontianak"),
    DemoRegion("52.71", 2.35, APPROVED, "mataram"),
    DemoRegion("11.71", 2.65, APPROVED, "bandaaceh"),
    DemoRegion("35.22", 2.25, APPROVED, "bojonegoro"),
    DemoRegion("34.01", 2.55, APPROVED, "kulonprogo"),
    DemoRegion("73.72", 1.95, APPROVED, "parepare"),
    DemoRegion("75.02", 1.25, APPROVED, "boalemo"),
    DemoRegion(
        "35.78",
        4.8,
        RETURNED,
        "surabaya",
        return_comment=(
            "Mohon lengkapi sebelum diajukan kembali: (1) Masterplan Smart City yang dilampirkan "
            "masih berupa draf; lampirkan Perwali penetapannya. (2) Sumber data indikator "
            "transportasi belum menyebut tahun publikasi; gunakan data Dinas Perhubungan 2025. "
            "(3) Periksa kembali indikator yang diberi catatan."
        ),
        review_comments={
            "GOV-K1": "Dokumen yang dilampirkan masih draf tanpa nomor Perwali; lampirkan "
            "dokumen yang sudah ditetapkan.",
            "TRA-9": "Angka tidak sesuai laporan Dishub 2025 tentang simpang ber-ATCS; mohon "
            "periksa pembilang dan penyebutnya.",
            "HEA-2": "Sebutkan sumber data telekonsultasi (aplikasi apa, periode berapa).",
        },
    ),
    DemoRegion(
        "12.71",
        2.95,
        RETURNED,
        "medan",
        return_comment=(
            "Data dukung program literasi digital dan tim smart city belum memuat SK atau "
            "laporan kegiatan. Mohon dilengkapi lalu ajukan kembali."
        ),
        review_comments={
            "EDU-K1": "Lampirkan laporan kegiatan dengan jumlah peserta per kelompok sasaran.",
            "GOV-K2": "SK Tim Smart City yang dilampirkan sudah kedaluwarsa (2021).",
        },
    ),
    DemoRegion(
        "53.71",
        2.05,
        RETURNED,
        "kupang",
        return_comment=(
            "Beberapa indikator diisi 'tidak ada data' padahal datanya tersedia di BPS Kota "
            "Kupang. Mohon diperbaiki."
        ),
        review_comments={
            "ECO-3": "Data tenaga kerja TIK tersedia di Sakernas BPS; mohon diisi.",
        },
    ),
    DemoRegion("33.74", 3.95, SUBMITTED, "semarang"),
    DemoRegion("16.71", 2.95, SUBMITTED, "palembang"),
    DemoRegion("75.71", 1.9, SUBMITTED, "gorontalo"),
    DemoRegion("73.73", 1.75, SUBMITTED, "palopo"),
)

#: The region whose CSCO may sign in (the returned-assessment page of the screenshots).
RETURNED_LOGIN = "surabaya"
#: A submitted region the reviewer has started verifying (decisions without approval yet).
REVIEW_IN_PROGRESS = "33.74"

#: Where Indonesian cities typically stand on an indicator, relative to their overall maturity.
TENDENCY: dict[str, float] = {
    **dict.fromkeys(
        [
            "ENE-1",
            "ENE-2",
            "ENE-3",
            "ENE-5",
            "WWA-3",
            "WWA-4",
            "TRA-11",
            "TRA-13",
            "SOW-3",
            "SOW-5",
            "HOU-2",
            "WAT-4",
            "AGR-1",
            "FIN-1",
            "POP-2",
        ],
        -1.3,
    ),
    **dict.fromkeys(["HOU-1", "ENE-9", "TRA-3", "TRA-4", "WWA-1", "WWA-2", "ENE-4"], -0.7),
    **dict.fromkeys(["TEL-1", "URP-2", "GOV-2", "GOV-K3", "TEL-K1", "FIN-2"], 0.5),
}

#: Indicators a region may reasonably call not applicable, with its justification.
NOT_APPLICABLE: dict[str, str] = {
    "ENE-2": "Wilayah belum memiliki instalasi pengolahan air limbah (IPAL) terpusat, sehingga "
    "tidak ada energi yang dihasilkan dari pengolahan air limbah.",
    "WWA-2": "Lumpur tinja diolah di IPLT regional milik provinsi di luar wilayah; pemerintah "
    "daerah tidak mengelola biosolid.",
    "TRA-13": "Belum ada regulasi nasional tentang kendaraan otonom, sehingga standar jalan "
    "untuk kendaraan otonom belum ditetapkan.",
    "TRA-14": "Wilayah tidak memiliki layanan bus kota yang dikelola atau dikontrakkan "
    "pemerintah daerah.",
    "ENE-10": "Belum ada kendaraan listrik yang terdaftar di wilayah ini, sehingga rasionya "
    "tidak dapat dihitung.",
}

#: Indicators for which a region may have no data yet, with what it says about it.
NO_DATA: dict[str, str] = {
    "EDU-1": "Belum ada survei kecakapan bahasa; direncanakan bersama Bappeda pada 2026.",
    "SPC-4": "Data anggota aktif perpustakaan belum dipisahkan dari jumlah kunjungan.",
    "ECO-2": "Data kelangsungan usaha baru belum tersedia dari OSS.",
    "AGR-2": "Timbulan sampah makanan belum ditimbang terpisah.",
    "ENV-1": "Sertifikasi bangunan gedung hijau belum didata.",
    "ECO-3": "Data tenaga kerja TIK tingkat kota belum diolah.",
    "FIN-1": "Pendapatan dari ekonomi berbagi belum dipisahkan dalam laporan pendapatan.",
}

#: Who holds the data of each theme: "{region}" is the region's name.
SOURCES: dict[str, str] = {
    "EDU": "Dinas Pendidikan {region}",
    "HEA": "Dinas Kesehatan {region}",
    "HOU": "Dinas Perumahan dan Kawasan Permukiman {region}",
    "POP": "BPS {region}",
    "REC": "Dinas Pariwisata {region}",
    "SPC": "Dinas Perpustakaan dan Kearsipan {region}",
    "URP": "Dinas Penanaman Modal dan PTSP {region}",
    "ENE": "Dinas Lingkungan Hidup {region}",
    "ENV": "Dinas Lingkungan Hidup {region}",
    "SAF": "BPBD {region}",
    "SOW": "Dinas Lingkungan Hidup {region}",
    "TRA": "Dinas Perhubungan {region}",
    "AGR": "Dinas Ketahanan Pangan {region}",
    "WWA": "Dinas Pekerjaan Umum dan Penataan Ruang {region}",
    "WAT": "Perumda Air Minum {region}",
    "ECO": "BPS {region}",
    "FIN": "Badan Pendapatan Daerah {region}",
    "GOV": "Dinas Komunikasi dan Informatika {region}",
    "TEL": "Dinas Komunikasi dan Informatika {region}",
}
SOURCE_OVERRIDES: dict[str, str] = {
    "URP-1": "Bappeda {region}",
    "URP-4": "BPS {region}",
    "POP-2": "BPKAD {region}",
    "POP-4": "BPKAD {region}",
    "EDU-1": "BPS {region}",
    "SAF-1": "Dinas Komunikasi dan Informatika {region}",
}

#: What the evidence of a rubric indicator is called.
EVIDENCE_TITLES: dict[str, str] = {
    "EDU-K1": "Laporan Program Literasi Digital 2025",
    "SPC-K1": "Laporan Pelestarian Budaya Lokal 2025",
    "GOV-K1": "Masterplan Smart City 2022-2026",
    "GOV-K2": "SK Tim Pelaksana Smart City",
    "TEL-K2": "SK CSIRT dan Laporan Keamanan Siber 2025",
}

#: Reviewers' words when they verify a level other than the one the region gave itself.
LOWER_COMMENTS = (
    "Data dukung hanya memuat rencana kegiatan, belum laporan pelaksanaan; diverifikasi satu "
    "tingkat di bawah.",
    "Angka tidak sesuai publikasi BPS 2025; diverifikasi pada tingkat yang sesuai data resmi.",
    "Cakupan baru sebagian wilayah; syarat tingkat yang dipilih belum seluruhnya terpenuhi.",
    "Dokumen penetapan (Perwali/Perbup) belum ada; yang dilampirkan masih konsep.",
)
HIGHER_COMMENT = (
    "Data dukung menunjukkan capaian lebih tinggi daripada yang dilaporkan; tingkat dinaikkan."
)
AGREE_COMMENT = "Sesuai data dukung."

#: Kota Makassar's draft: the themes it has answered so far (about 60 % of the questionnaire).
MAKASSAR_THEMES = (
    "EDU",
    "HEA",
    "HOU",
    "POP",
    "REC",
    "SPC",
    "URP",
    "ENV",
    "SAF",
    "WWA",
    "GOV",
    "TEL",
)
MAKASSAR_TRANSPORT = ("TRA-1", "TRA-2", "TRA-3", "TRA-4", "TRA-5", "TRA-6", "TRA-7", "TRA-8")
MAKASSAR_NO_EVIDENCE_YET = ("GOV-K2",)

#: Demo programmes (``load_demo_programmes``) a region cites as evidence: region, name, codes.
CITATIONS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("31", "JAKI", ("TEL-K1", "GOV-2")),
    ("31", "JakLingko", ("TRA-6",)),
    ("73.71", "Dottorota Teammu (HomeCare)", ("HEA-1", "HEA-2")),
    ("35.10", "Homestay Naik Kelas", ("SPC-K1",)),
    ("32.11", "WA KEPO", ("GOV-K3",)),
)


# --- Values -----------------------------------------------------------------------------------


def level_of(value: Decimal, thresholds: Sequence[Decimal], direction: str) -> int:
    """The level a quantitative value earns (SCORING.md §2)."""
    if direction == Direction.LOWER:
        return 1 + sum(1 for t in thresholds if value <= t)
    return 1 + sum(1 for t in thresholds if value >= t)


def _rounded(value: float) -> Decimal:
    """About three significant digits, at most six decimals: 45.4, 0.00342, 1234."""
    if value <= 0:
        return Decimal(0)
    places = min(max(2 - math.floor(math.log10(value)), 0), 6)
    return Decimal(f"{value:.{places}f}")


def value_for_level(
    level: int,
    thresholds: Sequence[Decimal],
    direction: str,
    *,
    percent: bool,
    rng: random.Random,
) -> Decimal:
    """A plausible value inside the band of ``thresholds`` that earns ``level``."""
    t = [float(x) for x in thresholds]
    if direction == Direction.LOWER:
        bands = {
            5: (t[0] * 0.4, t[0]),
            4: (t[0], t[1]),
            3: (t[1], t[2]),
            2: (t[2], t[3]),
            1: (t[3], t[3] * 1.6),
        }
    else:
        bands = {
            1: (t[0] * 0.3, t[0]),
            2: (t[0], t[1]),
            3: (t[1], t[2]),
            4: (t[2], t[3]),
            5: (t[3], t[3] * 1.4),
        }
    low, high = bands[level]
    if percent:
        high = min(high, 100.0)
    if low >= high:
        return Decimal(f"{min(low, 100.0) if percent else low:g}")
    value = _rounded(low + (high - low) * rng.uniform(0.15, 0.85))
    if level_of(value, thresholds, direction) != level:  # rounding crossed a threshold
        value = Decimal(f"{(low + high) / 2:.6f}")
    return value


def region_label(region: Region) -> str:
    """The region as its agencies name it: Kota Makassar, or Provinsi DKI Jakarta."""
    if region.kind == RegionKind.PROVINCE:
        return f"Provinsi {region.name.replace('Daerah Khusus Ibukota', 'DKI')}"
    return region.name


def draw_level(rng: random.Random, mean: float, code: str) -> int:
    return max(1, min(5, round(rng.gauss(mean + TENDENCY.get(code, 0.0), 0.7))))


def answer_item(
    indicator: Indicator, region: Region, level: int, rng: random.Random
) -> dict[str, Any]:
    """The body of an answer at ``level``: value, source, year and quality."""
    prefix = indicator.code.split("-")[0]
    source = SOURCE_OVERRIDES.get(indicator.code) or SOURCES.get(prefix, "BPS {region}")
    item: dict[str, Any] = {
        "indicator": indicator.code,
        "status": "answered",
        "source": source.format(region=region_label(region)),
        "year": DATA_YEAR if rng.random() < 0.85 else DATA_YEAR - 1,
    }
    if indicator.kind == IndicatorKind.QUANTITATIVE:
        thresholds = [Decimal(str(t)) for t in indicator.thresholds or ()]
        item["value"] = str(
            value_for_level(
                level,
                thresholds,
                indicator.direction or Direction.HIGHER,
                percent=validation.is_percent(indicator.unit),
                rng=rng,
            )
        )
        item["quality"] = rng.choices(["measured", "estimated", "modelled"], [70, 25, 5])[0]
    elif indicator.kind == IndicatorKind.RUBRIC:
        item["value"] = level
        item["quality"] = "measured"
        item["source"] = (
            f"Bagian Organisasi Setda {region_label(region)}" if prefix == "GOV" else item["source"]
        )
    else:
        item["value"] = level >= 3
        item["quality"] = "measured"
    return item


def answers_for(
    indicators: Sequence[Indicator],
    region: Region,
    demo: DemoRegion,
    *,
    only: set[str] | None = None,
) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """Answer bodies for ``region`` (every indicator, or those in ``only``) and the self level
    of each answered one. A few are not applicable or without data; seeded by region code."""
    rng = random.Random(f"{SEED}-{demo.code}")
    codes = [i.code for i in indicators if only is None or i.code in only]
    candidates = [c for c in NOT_APPLICABLE if c in codes]
    rng.shuffle(candidates)
    not_applicable = set(candidates[: rng.choice((0, 1, 1, 2))])
    kept_data = [c for c in NO_DATA if c in codes]
    rng.shuffle(kept_data)
    no_data = set(kept_data[: rng.choice((0, 1, 2, 3))])
    if demo.code == "53.71":
        no_data.add("ECO-3")  # the reviewer's comment on Kota Kupang is about it
    items = []
    levels: dict[str, int] = {}
    for indicator in indicators:
        if indicator.code not in codes:
            continue
        if indicator.code in not_applicable:
            items.append(
                {
                    "indicator": indicator.code,
                    "status": "not_applicable",
                    "justification": NOT_APPLICABLE[indicator.code],
                }
            )
            continue
        if indicator.code in no_data:
            items.append(
                {
                    "indicator": indicator.code,
                    "status": "no_data",
                    "comment": NO_DATA[indicator.code],
                }
            )
            continue
        level = draw_level(rng, demo.mean, indicator.code)
        levels[indicator.code] = level
        items.append(answer_item(indicator, region, level, rng))
    return items, levels


# --- Evidence ---------------------------------------------------------------------------------


def _pdf_text(text: str) -> str:
    ascii_text = text.encode("latin-1", "replace").decode("latin-1")
    return ascii_text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def demo_pdf(lines: Sequence[str]) -> bytes:
    """A small, valid one-page A4 PDF showing ``lines`` (with its cross-reference table)."""
    text = ["BT", "/F1 16 Tf", "56 780 Td", "20 TL"]
    for number, line in enumerate(lines):
        if number == 1:
            text.append("/F1 11 Tf")
        text.append(f"({_pdf_text(line)}) Tj T*")
    text.append("ET")
    stream = "\n".join(text).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def evidence_file(indicator: Indicator, region: Region) -> SimpleUploadedFile:
    title = EVIDENCE_TITLES.get(indicator.code, f"Data dukung {indicator.code}")
    label = region_label(region)
    content = demo_pdf(
        [
            title,
            f"Pemerintah {label}",
            f"Indikator {indicator.code}: {indicator.title_id}"[:110],
            f"Tahun data {DATA_YEAR}. Dokumen contoh untuk demo Maturasi.",
        ]
    )
    name = f"{title} - {label}.pdf"
    return SimpleUploadedFile(name, content, content_type="application/pdf")


# --- Dates ------------------------------------------------------------------------------------

TRANSITIONS = (
    services_history.CREATED,
    services_history.SUBMITTED,
    services_history.RETURNED,
    services_history.APPROVED,
)


def spread_over_weeks(*, assessment: Assessment, status: str, opened: datetime.date) -> None:
    """Date the work as if it had been done over the weeks since the cycle opened.

    The services stamp everything "now"; a review queue where every region waits 0 days shows
    nothing. Only timestamps move (when it started, was answered, submitted, reviewed, decided);
    no value, status or score does, and the scoring mark (``inputs_changed_at``) is left as is.
    """
    rng = random.Random(f"{SEED}-dates-{assessment.region_id}")
    now = timezone.localtime()
    earliest = timezone.make_aware(datetime.datetime.combine(opened, datetime.time(9)))

    def working_hours(days_ago: int) -> datetime.datetime:
        day = now - datetime.timedelta(days=days_ago)
        at = day.replace(
            hour=rng.randint(8, 15), minute=rng.randint(0, 59), second=0, microsecond=0
        )
        return max(earliest, at)

    submitted = decided = None
    if status == SUBMITTED:
        submitted_days = rng.randint(1, 14)
        submitted = working_hours(submitted_days)
        reviewed = working_hours(max(0, submitted_days - 1)) if submitted_days > 1 else now
    elif status in (APPROVED, RETURNED):
        submitted_days = rng.randint(12, 50)
        decided_days = submitted_days - rng.randint(2, 9)
        submitted, decided = working_hours(submitted_days), working_hours(decided_days)
        reviewed = decided - datetime.timedelta(hours=2)
    else:
        submitted_days = 0
        reviewed = now
    answered = working_hours(submitted_days + rng.randint(1, 3))
    started = min(answered, working_hours(submitted_days + rng.randint(7, 20)))

    Assessment.objects.filter(pk=assessment.pk).update(
        created_at=started,
        submitted_at=submitted,
        returned_at=decided if status == RETURNED else None,
        approved_at=decided if status == APPROVED else None,
        updated_at=decided or submitted or answered,
    )
    history = HistoryEntry.objects.filter(assessment=assessment)
    history.filter(action=services_history.CREATED).update(at=started)
    history.exclude(action__in=(*TRANSITIONS, services_history.REVIEW_SET)).update(at=answered)
    history.filter(action=services_history.SUBMITTED).update(at=submitted)
    history.filter(action=services_history.REVIEW_SET).update(at=reviewed)
    history.filter(action__in=(services_history.RETURNED, services_history.APPROVED)).update(
        at=decided
    )
    Answer.objects.filter(assessment=assessment).update(updated_at=answered)
    Evidence.objects.filter(assessment=assessment).update(uploaded_at=answered)
    Review.objects.filter(assessment=assessment).update(updated_at=reviewed)


# --- The command ------------------------------------------------------------------------------


@contextlib.contextmanager
def tasks_run_here() -> Iterator[None]:
    """Run Celery tasks sent meanwhile in this process, as they are sent, without a log line
    for each (a worker's task log would be noise in `make run`'s output)."""
    conf = celery_app.conf
    previous = conf.task_always_eager
    loggers = [logging.getLogger(name) for name in ("celery.app.trace", "maturasi.tasks")]
    levels = [logger.level for logger in loggers]
    conf.task_always_eager = True
    for logger in loggers:
        logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        conf.task_always_eager = previous
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


class Command(BaseCommand):
    help = (
        "Muat data demo siklus 2026 / load the demo cycle 2026 with assessments of 34 regions "
        "(does nothing if the cycle exists)"
    )

    def handle(self, *args: object, **options: object) -> None:
        if AssessmentCycle.objects.filter(name=CYCLE_NAME).exists():
            self.stdout.write(
                f"Siklus demo {CYCLE_NAME} sudah ada / the demo cycle already exists."
            )
            return
        people = self._demo_people()
        framework, _created = load_default_framework()
        # Demo events are not news: nobody is mailed about them. The scoring tasks the services
        # send on commit run here too (they find the snapshots made here up to date), rather
        # than queueing some seventy tasks ahead of the first report someone asks for, or
        # waiting on a broker that is not up yet.
        with (
            override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"),
            tasks_run_here(),
            transaction.atomic(),
        ):
            counts = self._load(framework, people)
        self.stdout.write(
            f"Siklus demo / demo cycle {CYCLE_NAME}: "
            + ", ".join(f"{count} {status}" for status, count in sorted(counts.items()))
            + f". CSCO wilayah dikembalikan / of a returned region: csco.{RETURNED_LOGIN} "
            f"({DEMO_PASSWORD})."
        )

    def _demo_people(self) -> dict[str, User]:
        wanted = ["admin", "peninjau", "csco.makassar", "kontributor.makassar", "csco.banyuwangi"]
        people = {u.username: u for u in User.objects.filter(username__in=wanted)}
        if missing := [name for name in wanted if name not in people]:
            raise CommandError(
                f"Akun demo belum ada ({', '.join(missing)}); jalankan create_demo_accounts "
                f"dulu. / Demo accounts missing; run create_demo_accounts first."
            )
        return people

    def _csco(self, demo: DemoRegion, region: Region) -> User:
        """The region's CSCO account, created when missing (able to sign in only for the
        returned region shown in the screenshots)."""
        username = f"csco.{demo.login}"
        user = User.objects.filter(username=username).first()
        membership = MembershipInput(role=Role.CSCO, region_code=region.code)
        if user is None:
            return create_member(
                username=username,
                password=DEMO_PASSWORD if demo.login == RETURNED_LOGIN else None,
                email=f"{username}@example.go.id",
                first_name=f"CSCO {region.name}",
                memberships=[membership],
            )
        add_membership(user=user, membership=membership)
        return user

    def _load(self, framework: Framework, people: dict[str, User]) -> dict[str, int]:
        today = timezone.localdate()
        cycle = cycles_services.create_cycle(
            user=people["admin"],
            name=CYCLE_NAME,
            year=CYCLE_YEAR,
            framework=framework,
            opens_on=today - datetime.timedelta(days=60),
            closes_on=today + datetime.timedelta(days=45),
        )
        indicators = list(
            Indicator.objects.filter(framework=framework)
            .select_related("theme__element")
            .order_by("position", "id")
        )
        codes = [demo.code for demo in (MAKASSAR, BANYUWANGI, *OTHER_REGIONS)]
        regions = {r.code: r for r in Region.objects.filter(code__in=codes)}
        if unknown := sorted(set(codes) - set(regions)):
            raise CommandError(
                f"Wilayah belum dimuat / regions not loaded: {', '.join(unknown)} (load_defaults)."
            )
        reviewer = people["peninjau"]

        self._makassar(cycle, indicators, regions[MAKASSAR.code], people)
        counts: dict[str, int] = {DRAFT: 1}
        for demo in (BANYUWANGI, *OTHER_REGIONS):
            region = regions[demo.code]
            csco = people["csco.banyuwangi"] if demo is BANYUWANGI else self._csco(demo, region)
            assessment = lifecycle.create_assessment(user=csco, cycle=cycle, region=region)
            items, levels = answers_for(indicators, region, demo)
            services_answers.save_answers_bulk(user=csco, assessment=assessment, items=items)
            self._evidence(assessment, indicators, items, csco, region)
            lifecycle.submit(user=csco, assessment=assessment)
            self._review(assessment, demo, indicators, levels, reviewer)
            refresh_snapshots(assessment_id=assessment.pk)
            spread_over_weeks(assessment=assessment, status=demo.status, opened=cycle.opens_on)
            counts[demo.status] = counts.get(demo.status, 0) + 1
        return counts

    def _makassar(
        self,
        cycle: AssessmentCycle,
        indicators: list[Indicator],
        region: Region,
        people: dict[str, User],
    ) -> Assessment:
        """A draft about 60 % answered: the CSCO and the contributor share the work."""
        csco, contributor = people["csco.makassar"], people["kontributor.makassar"]
        assessment = lifecycle.create_assessment(user=csco, cycle=cycle, region=region)
        answered = {i.code for i in indicators if i.theme.code in MAKASSAR_THEMES}
        answered.update(MAKASSAR_TRANSPORT)
        items, _levels = answers_for(indicators, region, MAKASSAR, only=answered)
        green = {i.code for i in indicators if i.theme.element.code == "E2"}
        by_contributor = [item for item in items if item["indicator"] in green]
        by_csco = [item for item in items if item["indicator"] not in green]
        services_answers.save_answers_bulk(user=csco, assessment=assessment, items=by_csco)
        services_answers.save_answers_bulk(
            user=contributor, assessment=assessment, items=by_contributor
        )
        self._evidence(
            assessment, indicators, items, contributor, region, skip=MAKASSAR_NO_EVIDENCE_YET
        )
        spread_over_weeks(assessment=assessment, status=DRAFT, opened=cycle.opens_on)
        return assessment

    def _evidence(
        self,
        assessment: Assessment,
        indicators: list[Indicator],
        items: list[dict[str, Any]],
        user: User,
        region: Region,
        skip: Sequence[str] = (),
    ) -> None:
        """A PDF for every answered indicator that requires evidence; the region's demo
        programmes cited where they apply."""
        answered = {item["indicator"] for item in items if item["status"] == "answered"}
        for indicator in indicators:
            if (
                indicator.evidence_required
                and indicator.code in answered
                and indicator.code not in skip
            ):
                services_evidence.add_evidence(
                    user=user,
                    assessment=assessment,
                    indicator_code=indicator.code,
                    upload=evidence_file(indicator, region),
                )
        for region_code, name, codes in CITATIONS:
            if region_code != region.code:
                continue
            programme = Programme.objects.filter(region=region, name=name).first()
            if programme is None or programme.status == ProgrammeStatus.PLANNED:
                continue  # load_demo_programmes has not run: nothing to cite
            for code in codes:
                if code in answered:
                    cite_programme(
                        user=user, assessment=assessment, indicator_code=code, programme=programme
                    )

    def _review(
        self,
        assessment: Assessment,
        demo: DemoRegion,
        indicators: list[Indicator],
        levels: dict[str, int],
        reviewer: User,
    ) -> None:
        """The reviewer's work on a submitted assessment, by where it should end up."""
        if demo.status == SUBMITTED and demo.code != REVIEW_IN_PROGRESS:
            return
        by_code = {i.code: i for i in indicators}
        rng = random.Random(f"{SEED}-review-{demo.code}")
        if demo.status == RETURNED:
            for code, comment in demo.review_comments.items():
                services_review.set_review(
                    user=reviewer,
                    assessment=assessment,
                    indicator=by_code[code],
                    verified_level=None,
                    comment=comment,
                )
            lifecycle.return_assessment(
                user=reviewer, assessment=assessment, comment=demo.return_comment
            )
            return
        lowered = rng.sample(
            sorted(c for c, level in levels.items() if level >= 2), k=rng.choice((1, 2, 3, 4))
        )
        for code in lowered:
            services_review.set_review(
                user=reviewer,
                assessment=assessment,
                indicator=by_code[code],
                verified_level=levels[code] - 1,
                comment=rng.choice(LOWER_COMMENTS),
            )
        rest = sorted(c for c, level in levels.items() if c not in lowered)
        for code in rng.sample(rest, k=3):
            raised = levels[code] < 5 and rng.random() < 0.2
            services_review.set_review(
                user=reviewer,
                assessment=assessment,
                indicator=by_code[code],
                verified_level=levels[code] + 1 if raised else levels[code],
                comment=HIGHER_COMMENT if raised else AGREE_COMMENT,
            )
        if demo.status == APPROVED:
            lifecycle.approve(user=reviewer, assessment=assessment)
