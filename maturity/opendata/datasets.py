"""Open data: a cycle's published results for citizens and researchers, with no sign-in.

Only approved assessments are published, and of them only the region (code, name, kind,
province) and the verified scores (index, level and its names, element and theme scores) with
the framework version — read from the final verified score snapshot that workers stored.
Nothing of answers, comments, evidence, reviews or people is ever read here, so it cannot leak.

:data:`FIXED_COLUMNS` and :func:`columns_for` describe every column in both languages; the data
dictionary page and the CSV heading are made from them, so they cannot drift apart.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import Count, Max, Q, QuerySet

from maturity.assessments.models import Assessment, AssessmentStatus
from maturity.cycles.models import AssessmentCycle
from maturity.frameworks import rules
from maturity.frameworks.models import Framework
from maturity.scores import selectors
from maturity.scores.models import ScoreSnapshot, ScoreTrack
from maturity.scores.ranks import Previous, Rank, change_against, cycle_ranks, previous_results


@dataclass(frozen=True)
class OpenColumn:
    """One column of the open data files, described in both languages."""

    name: str
    type: str  # text | decimal | integer
    description_id: str
    description_en: str


FIXED_COLUMNS: tuple[OpenColumn, ...] = (
    OpenColumn(
        "region_code",
        "text",
        "Kode wilayah Kementerian Dalam Negeri, mis. 73.71.",
        "The Ministry of Home Affairs' region code, e.g. 73.71.",
    ),
    OpenColumn("region_name", "text", "Nama wilayah.", "The region's name."),
    OpenColumn(
        "region_kind",
        "text",
        "Jenis wilayah: province, kabupaten atau kota.",
        "The kind of region: province, kabupaten (regency) or kota (city).",
    ),
    OpenColumn("province_code", "text", "Kode provinsi wilayah.", "The region's province code."),
    OpenColumn("province_name", "text", "Nama provinsi.", "The province's name."),
    OpenColumn(
        "framework_version",
        "text",
        "Kerangka dan versinya yang dipakai untuk menilai, mis. 'smkc 2026.1'.",
        "The framework and version the assessment used, e.g. 'smkc 2026.1'.",
    ),
    OpenColumn(
        "index",
        "decimal",
        "Indeks kematangan terverifikasi 0–5 (dua desimal), setelah ditinjau kementerian.",
        "The verified maturity index 0–5 (two decimals), after the ministry's review.",
    ),
    OpenColumn(
        "level",
        "integer",
        "Tingkat kematangan terverifikasi 1–5 dari indeks.",
        "The verified maturity level 1–5 from the index.",
    ),
    OpenColumn(
        "level_name_id",
        "text",
        "Nama tingkat dalam Bahasa Indonesia.",
        "The level's name in Indonesian.",
    ),
    OpenColumn(
        "level_name_en",
        "text",
        "Nama tingkat dalam bahasa Inggris.",
        "The level's name in English.",
    ),
    OpenColumn(
        "rank_national",
        "integer",
        "Peringkat menurut indeks terverifikasi di antara penilaian yang disetujui pada siklus "
        "ini: provinsi di antara provinsi, kabupaten dan kota di antara kabupaten dan kota; "
        "nilai sama berbagi peringkat yang lebih baik.",
        "Rank by verified index among the cycle's approved assessments: provinces among "
        "provinces, kabupaten and kota among kabupaten and kota; ties share the better rank.",
    ),
    OpenColumn(
        "rank_province",
        "integer",
        "Peringkat di antara kabupaten dan kota provinsinya (kosong untuk provinsi).",
        "Rank among the kabupaten and kota of its province (empty for a province).",
    ),
    OpenColumn(
        "previous_index",
        "decimal",
        "Indeks terverifikasi pada siklus sebelumnya (tahun lebih awal) bila disetujui.",
        "The verified index of its previous cycle (an earlier year), when approved.",
    ),
    OpenColumn(
        "change",
        "decimal",
        "Perubahan indeks terverifikasi sejak siklus sebelumnya.",
        "The change of the verified index since the previous cycle.",
    ),
)
ELEMENT_PREFIX = "element_"
THEME_PREFIX = "theme_"
LENS_PREFIX = "lens_"


@dataclass(frozen=True)
class FrameworkColumns:
    """The element and theme score columns of one framework version."""

    framework: str  # "smkc 2026.1"
    elements: list[OpenColumn]
    themes: list[OpenColumn]
    lens_groups: list[OpenColumn] = field(default_factory=list)

    @property
    def all(self) -> list[OpenColumn]:
        return [*FIXED_COLUMNS, *self.elements, *self.themes, *self.lens_groups]


def columns_for(framework: Framework) -> FrameworkColumns:
    """Every column of ``framework``'s open data: the fixed ones, then one per element and theme.

    Three queries the first time a published framework is seen, none after.
    """
    entry = rules.framework_entry(framework)
    names = entry.names
    elements = [
        OpenColumn(
            f"{ELEMENT_PREFIX}{rule.code}",
            "decimal",
            f"Skor elemen {rule.code} ({names.elements[rule.code][0]}), 0–5.",
            f"Score of element {rule.code} ({names.elements[rule.code][1]}), 0–5.",
        )
        for rule in entry.rules.elements
    ]
    themes = [
        OpenColumn(
            f"{THEME_PREFIX}{rule.code}",
            "decimal",
            f"Skor tema {rule.code} ({names.themes[rule.code][0]}), 0–5; kosong bila semua "
            "indikatornya tidak berlaku.",
            f"Score of theme {rule.code} ({names.themes[rule.code][1]}), 0–5; empty when all "
            "its indicators are not applicable.",
        )
        for rule in entry.rules.themes
    ]
    lens_groups = [
        OpenColumn(
            f"{LENS_PREFIX}{lens.code}_{group.code}",
            "decimal",
            f"Skor kelompok {group.code} ({entry.lens_titles[(lens.code, group.code)][0]}) pada "
            f"lensa {lens.code}, 0–5, dari tingkat terverifikasi yang sama.",
            f"Score of group {group.code} ({entry.lens_titles[(lens.code, group.code)][1]}) of "
            f"the {lens.code} lens, 0–5, from the same verified levels.",
        )
        for lens in entry.lenses
        for group in lens.groups
    ]
    return FrameworkColumns(
        framework=entry.label, elements=elements, themes=themes, lens_groups=lens_groups
    )


# --- Cycles -----------------------------------------------------------------------------------


def open_cycles() -> QuerySet[AssessmentCycle]:
    """Every cycle, newest first, with how many assessments are approved (one query)."""
    return (
        AssessmentCycle.objects.select_related("framework")
        .annotate(
            approved_count=Count(
                "assessments", filter=Q(assessments__status=AssessmentStatus.APPROVED)
            )
        )
        .order_by("-year", "-opens_on", "id")
    )


def open_cycle(pk: int) -> AssessmentCycle | None:
    return AssessmentCycle.objects.select_related("framework").filter(pk=pk).first()


# --- Rows -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OpenData:
    """A cycle's published rows, with what caches need to know."""

    cycle: AssessmentCycle
    columns: FrameworkColumns
    rows: list[dict[str, Any]]
    last_modified: datetime

    def as_json(self) -> dict[str, Any]:
        framework = self.cycle.framework
        entry = rules.framework_entry(framework)
        return {
            "cycle": {"id": self.cycle.pk, "name": self.cycle.name, "year": self.cycle.year},
            "framework": {
                "code": framework.code,
                "version": framework.version,
                "levels": {
                    str(level): {"id": names.get("id", ""), "en": names.get("en", "")}
                    for level, names in sorted(entry.rules.level_names.items())
                },
                "elements": [
                    {
                        "code": r.code,
                        "title_id": entry.names.elements[r.code][0],
                        "title_en": entry.names.elements[r.code][1],
                    }
                    for r in entry.rules.elements
                ],
                "themes": [
                    {
                        "code": r.code,
                        "element": r.element,
                        "title_id": entry.names.themes[r.code][0],
                        "title_en": entry.names.themes[r.code][1],
                    }
                    for r in entry.rules.themes
                ],
            },
            "count": len(self.rows),
            "results": [
                {
                    "region": {
                        "code": row["region_code"],
                        "name": row["region_name"],
                        "kind": row["region_kind"],
                        "province_code": row["province_code"],
                        "province_name": row["province_name"],
                    },
                    "framework_version": row["framework_version"],
                    "index": row["index"],
                    "level": row["level"],
                    "level_name_id": row["level_name_id"],
                    "level_name_en": row["level_name_en"],
                    "rank_national": row["rank_national"],
                    "rank_province": row["rank_province"],
                    "previous_index": row["previous_index"],
                    "change": row["change"],
                    "elements": [
                        {"code": c.name[len(ELEMENT_PREFIX) :], "score": row[c.name]}
                        for c in self.columns.elements
                    ],
                    "themes": [
                        {"code": c.name[len(THEME_PREFIX) :], "score": row[c.name]}
                        for c in self.columns.themes
                    ],
                    "lenses": [
                        {
                            "code": lens["code"],
                            "index": lens["index"],
                            "groups": [
                                {"code": g["code"], "score": g["score"]} for g in lens["groups"]
                            ],
                        }
                        for lens in row["lenses"]
                    ],
                }
                for row in self.rows
            ],
        }

    def json_bytes(self) -> bytes:
        return json.dumps(self.as_json(), ensure_ascii=False, sort_keys=False).encode("utf-8")

    def csv_bytes(self) -> bytes:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        names = [c.name for c in self.columns.all]
        writer.writerow(names)
        for row in self.rows:
            writer.writerow(["" if row.get(name) is None else row[name] for name in names])
        return buffer.getvalue().encode("utf-8")


def approved_assessments(cycle: AssessmentCycle) -> QuerySet[Assessment]:
    """The cycle's approved assessments with their latest final verified snapshot id."""
    return selectors.with_latest_snapshot_ids(
        Assessment.objects.filter(cycle=cycle, status=AssessmentStatus.APPROVED)
        .select_related("region")
        .only(
            "id",
            "cycle_id",
            "status",
            "region__code",
            "region__name",
            "region__kind",
            "region__province_code",
            "region__province_name",
        )
    ).order_by("region__code")


def _rank_and_change(
    rank: Rank | None,
    previous: dict[int, Previous],
    assessment: Assessment,
    track: dict[str, Any],
) -> dict[str, Any]:
    """Published on the verified track only: the previous index where that cycle was approved."""
    before = previous.get(assessment.region_id)
    published = Previous(before.cycle_id, None, before.verified_index) if before else None
    previous_index, change = change_against(published, None, track.get("index"))
    return {
        "rank_national": rank.national if rank else None,
        "rank_province": rank.province if rank else None,
        "previous_index": previous_index,
        "change": change,
    }


def open_data(cycle: AssessmentCycle) -> OpenData:
    """A cycle's open data: one row per approved assessment that has its verified scores.

    Five queries (plus three the first time a framework is seen), whatever the number of rows.
    """
    columns = columns_for(cycle.framework)
    assessments = list(approved_assessments(cycle))
    latest: dict[int, int] = {
        a.pk: a.latest_verified_id  # type: ignore[attr-defined]
        for a in assessments
        if getattr(a, "latest_verified_id", None)
    }
    snapshot_ids = list(latest.values())
    snapshots = (
        {
            s.pk: s
            for s in ScoreSnapshot.objects.filter(
                pk__in=snapshot_ids, track=ScoreTrack.VERIFIED
            ).only("id", "framework_version", "index", "level", "computed_at", "result")
        }
        if snapshot_ids
        else {}
    )
    framework = cycle.framework
    ranks = cycle_ranks([cycle.pk]).get(cycle.pk, {})
    previous = previous_results(cycle, {a.region_id for a in assessments})
    rows = []
    newest: datetime | None = None
    for assessment in assessments:
        snapshot = snapshots.get(latest.get(assessment.pk, 0))
        if snapshot is None:
            continue  # approved moments ago: workers have not stored the verified scores yet
        track = snapshot.result.get("verified") or {}
        elements = {item["code"]: item["score"] for item in track.get("elements", ())}
        themes = {item["code"]: item["score"] for item in track.get("themes", ())}
        region = assessment.region
        row: dict[str, Any] = {
            "region_code": region.code,
            "region_name": region.name,
            "region_kind": region.kind,
            "province_code": region.province_code,
            "province_name": region.province_name,
            "framework_version": snapshot.framework_version,
            "index": track.get("index"),
            "level": track.get("level"),
            "level_name_id": framework.level_name(track.get("level"), "id") or None,
            "level_name_en": framework.level_name(track.get("level"), "en") or None,
            **_rank_and_change(ranks.get(assessment.region_id), previous, assessment, track),
        }
        for column in columns.elements:
            row[column.name] = elements.get(column.name[len(ELEMENT_PREFIX) :])
        for column in columns.themes:
            row[column.name] = themes.get(column.name[len(THEME_PREFIX) :])
        lenses = selectors.lens_payload(rules.framework_entry(framework), track, "id")
        row["lenses"] = lenses
        for lens in lenses:
            for group in lens["groups"]:
                row[f"{LENS_PREFIX}{lens['code']}_{group['code']}"] = group["score"]
        rows.append(row)
        if newest is None or snapshot.computed_at > newest:
            newest = snapshot.computed_at
    # Any assessment of the cycle changing status (a reopening takes one out) moves this on.
    changed = Assessment.objects.filter(cycle=cycle).aggregate(newest=Max("updated_at"))["newest"]
    moments = [m for m in (newest, changed, cycle.created_at) if m is not None]
    return OpenData(cycle=cycle, columns=columns, rows=rows, last_modified=max(moments))


def etag(content: bytes) -> str:
    """A strong entity tag of a response body."""
    return '"' + hashlib.sha256(content).hexdigest()[:32] + '"'


def frameworks_of(cycles: Sequence[AssessmentCycle]) -> list[FrameworkColumns]:
    """The columns of each framework version the cycles use, once each (for the dictionary)."""
    seen: dict[int, FrameworkColumns] = {}
    for cycle in cycles:
        if cycle.framework_id not in seen:
            seen[cycle.framework_id] = columns_for(cycle.framework)
    return list(seen.values())
