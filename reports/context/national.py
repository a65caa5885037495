"""The national summary of a cycle: the regions ranked by their headline index, the cycle's
statuses and levels, the element averages, the ASCN pilots and the shared programmes behind the
highest scores, read in five queries."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from django.utils import timezone

from cities.models import Region
from maturity.assessments.models import Assessment
from maturity.cycles.models import AssessmentCycle
from maturity.frameworks.models import Element, Framework
from maturity.programmes.selectors import programmes_behind_top_indicators
from maturity.scores.models import ScoreTrack
from reports.context.common import (
    SUBMITTED_STATUSES,
    bands,
    by_code,
    headline_rows,
    latest_cycle_snapshots,
    median,
    report_meta,
    score_text,
    status_label,
)
from reports.context.national_calibration import national_calibration
from reports.context.national_change import national_change
from reports.context.national_charts import (
    distribution_chart,
    level_names,
    province_chart,
    status_chart,
)
from reports.context.national_lenses import lens_tables
from reports.context.plain import (
    ElementAverage,
    Figure,
    Meta,
    NationalReport,
    ProgrammeHighlight,
    RankRow,
    StatusCount,
)
from reports.labels import date_text, decimal_text, labels_for
from reports.models import Report

# Indonesia's pilots in the ASEAN Smart Cities Network (DOMAIN.md), by region code.
ASCN_PILOT_CODES = ("31", "73.71", "35.10", "32.11")
NATIONAL_ATTACHMENT_NAME = "maturasi-national-scores.json"


def national_report_context(report: Report) -> NationalReport:
    """The plain context of a cycle's national summary, read in ten queries."""
    source = _read_source(report)
    t, language, framework = source.t, source.language, source.framework
    tally = _tally(source)
    ranking = _ranking(tally.rows)
    totals = _status_totals(source)
    status_counts = _status_counts(source, totals)
    names = level_names(framework, language, t)
    change = national_change(source.cycle, source.region_by_id, language, t)
    return NationalReport(
        meta=_meta(source),
        cycle_name=source.cycle.name,
        framework=f"{framework.title_in(language)} ({framework.code} {framework.version})",
        issued_on=date_text(report.created_at or timezone.now(), language, with_time=True),
        regions_total=len(source.regions),
        figures=_figures(source, ranking, totals, tally.raw_index),
        status_counts=status_counts,
        status_chart=status_chart(t, totals, status_counts),
        distribution_chart=distribution_chart(t, names, tally.level_counts),
        province_chart=province_chart(t, names, source.province_names, tally.province_counts),
        element_averages=_element_averages(source, tally.element_values),
        element_codes=source.element_codes,
        pilots=_pilot_rows(source, ranking, tally.pilots),
        ranking=tuple(ranking),
        unranked=tuple(sorted(tally.unranked, key=lambda r: r.code)),
        level_legend=bands(framework, language, t),
        attachment_name=NATIONAL_ATTACHMENT_NAME,
        attachment_json=_data_file(source, totals, ranking, tally.raw_index, change.data),
        programmes=_programme_highlights(source),
        change=change,
        lenses=lens_tables(framework, source.headline.values(), language),
        calibration=national_calibration(source.cycle, language, t),
    )


# --- What the summary is read from -----------------------------------------------------------


@dataclass(frozen=True)
class Source:
    """The cycle's framework elements, every region, the cycle's assessments and the snapshot
    that speaks for each of them."""

    report: Report
    language: str
    t: Mapping[str, str]
    cycle: AssessmentCycle
    framework: Framework
    elements: list[Element]
    element_codes: tuple[str, ...]
    regions: Sequence[Mapping[str, Any]]
    region_by_id: dict[int, Mapping[str, Any]]
    province_names: dict[str, str]
    assessments: Sequence[Mapping[str, Any]]
    headline: dict[int, dict[str, Any]]


def _read_source(report: Report) -> Source:
    cycle = report.cycle
    framework = cycle.framework
    elements = list(Element.objects.filter(framework_id=framework.pk).order_by("position"))
    regions = list(
        Region.objects.order_by("code").values(
            "id", "code", "name", "province_code", "province_name", "kind"
        )
    )
    assessments = list(Assessment.objects.filter(cycle=cycle).values("id", "region_id", "status"))
    statuses = {a["id"]: a["status"] for a in assessments}
    snapshots = latest_cycle_snapshots(
        cycle.pk,
        fields=(
            "index",
            "level",
            "result__self__elements",
            "result__verified__elements",
            "result__self__indicators",
            "result__verified__indicators",
        ),
    )
    return Source(
        report=report,
        language=report.language,
        t=labels_for(report.language),
        cycle=cycle,
        framework=framework,
        elements=elements,
        element_codes=tuple(e.code for e in elements),
        regions=regions,
        region_by_id={r["id"]: r for r in regions},
        province_names={r["province_code"]: r["province_name"] for r in regions},
        assessments=assessments,
        headline=headline_rows(snapshots, statuses),
    )


def _meta(source: Source) -> Meta:
    t, cycle, framework = source.t, source.cycle, source.framework
    return report_meta(
        report=source.report,
        language=source.language,
        title=f"{t['national_title']} — {cycle.name}",
        subject=t["national_subject"],
        keywords=", ".join(["Maturasi", cycle.name, framework.code, framework.version, "ASCN"]),
        running_head=f"{t['national_title']} · {cycle.name}",
    )


# --- Ranking and counts ----------------------------------------------------------------------


@dataclass
class Tally:
    """The cycle's assessments counted in one pass: the ranked rows (with their sort key) and the
    unranked ones, levels nationally and by province, element scores, the pilots' rows and each
    ranked region's index as stored."""

    province_counts: dict[str, list[int]]
    rows: list[tuple[tuple[Any, ...], RankRow]] = field(default_factory=list)
    unranked: list[RankRow] = field(default_factory=list)
    level_counts: list[int] = field(default_factory=lambda: [0] * 6)
    element_values: dict[str, list[Decimal]] = field(default_factory=lambda: defaultdict(list))
    pilots: dict[str, RankRow] = field(default_factory=dict)
    raw_index: dict[str, Any] = field(default_factory=dict)


def _tally(source: Source) -> Tally:
    tally = Tally(province_counts={code: [0] * 6 for code in source.province_names})
    for assessment in source.assessments:
        region = source.region_by_id[assessment["region_id"]]
        snap = source.headline.get(assessment["id"])
        submitted = assessment["status"] in SUBMITTED_STATUSES
        index, level, scores = _index_level_scores(snap)
        if snap is not None:
            tally.raw_index[region["code"]] = index
        row = _rank_row(source, region, assessment["status"], snap, index, level, scores)
        if submitted and index is not None:
            tally.rows.append(((-Decimal(index), region["code"]), row))
            tally.level_counts[level or 0] += 1
            tally.province_counts[region["province_code"]][level or 0] += 1
            for code in source.element_codes:
                if scores.get(code) is not None:
                    tally.element_values[code].append(Decimal(scores[code]))
        else:
            tally.unranked.append(row)
        if row.pilot:
            tally.pilots[region["code"]] = row
    return tally


def _index_level_scores(snap: dict[str, Any] | None) -> tuple[Any, Any, dict[str, Any]]:
    """A headline snapshot's index, level and element scores (none of them without one)."""
    if snap is None:
        return None, None, {}
    return snap["index"], snap["level"], by_code(snap["track__elements"] or [])


def _rank_row(
    source: Source,
    region: Mapping[str, Any],
    status: str,
    snap: dict[str, Any] | None,
    index: Any,
    level: Any,
    scores: dict[str, Any],
) -> RankRow:
    t, language = source.t, source.language
    basis = ""
    if snap is not None:
        basis = t["basis_verified"] if snap["track"] == ScoreTrack.VERIFIED else t["basis_self"]
    return RankRow(
        rank="",
        region=region["name"],
        code=region["code"],
        province=region["province_name"],
        status=status_label(status, language),
        basis=basis,
        index=decimal_text(index, language),
        level=f"M{level}" if level else t["none"],
        level_number=level or 0,
        elements=tuple(score_text(scores.get(code), language) for code in source.element_codes),
        pilot=region["code"] in ASCN_PILOT_CODES,
    )


def _ranking(rows: list[tuple[tuple[Any, ...], RankRow]]) -> list[RankRow]:
    """The ranked rows in order, equal indexes sharing a rank (1, 2, 2, 4)."""
    rows.sort(key=lambda item: item[0])
    ranking = []
    previous_index = None
    rank = 0
    for position, (sort_key, row) in enumerate(rows, start=1):
        if sort_key[0] != previous_index:
            rank = position
            previous_index = sort_key[0]
        ranking.append(_with_rank(row, str(rank)))
    return ranking


def _with_rank(row: RankRow, rank: str) -> RankRow:
    return replace(row, rank=rank)


def _pilot_rows(
    source: Source, ranking: list[RankRow], pilots: dict[str, RankRow]
) -> tuple[RankRow, ...]:
    """The ASCN pilots in their fixed order: ranked, unranked, or without an assessment."""
    t = source.t
    ranked_by_code = {row.code: row for row in ranking}
    pilot_rows = []
    for code in ASCN_PILOT_CODES:
        if code in ranked_by_code:
            pilot_rows.append(ranked_by_code[code])
        elif code in pilots:
            pilot_rows.append(pilots[code])
        else:
            found = next((r for r in source.regions if r["code"] == code), None)
            if found is not None:
                pilot_rows.append(
                    RankRow(
                        rank="",
                        region=found["name"],
                        code=code,
                        province=found["province_name"],
                        status=t["no_assessment"],
                        basis="",
                        index=t["none"],
                        level=t["none"],
                        level_number=0,
                        elements=tuple(t["none"] for _ in source.element_codes),
                        pilot=True,
                    )
                )
    return tuple(pilot_rows)


def _status_totals(source: Source) -> dict[str, int]:
    assessments = source.assessments
    status_totals = {"not_started": len(source.regions) - len(assessments)}
    statuses = ["draft", "submitted", "returned", "approved"]
    if source.cycle.province_review:
        statuses.insert(2, "province_verified")
    for status in statuses:
        status_totals[status] = sum(1 for a in assessments if a["status"] == status)
    return status_totals


def _status_counts(source: Source, status_totals: dict[str, int]) -> tuple[StatusCount, ...]:
    t, language = source.t, source.language
    total = max(len(source.regions), 1)
    return tuple(
        StatusCount(
            label=t["not_started"] if key == "not_started" else status_label(key, language),
            count=count,
            share=decimal_text(Decimal(count * 100) / total, language, 1) + " %",
        )
        for key, count in status_totals.items()
    )


def _element_averages(
    source: Source, element_values: dict[str, list[Decimal]]
) -> tuple[ElementAverage, ...]:
    language = source.language
    return tuple(
        ElementAverage(
            code=e.code,
            title=e.title_in(language),
            average=decimal_text(
                sum(element_values[e.code]) / len(element_values[e.code])
                if element_values[e.code]
                else None,
                language,
            ),
            median=decimal_text(median(element_values[e.code]), language),
            count=len(element_values[e.code]),
        )
        for e in source.elements
    )


def _figures(
    source: Source, ranking: list[RankRow], status_totals: dict[str, int], raw_index: dict
) -> tuple[Figure, ...]:
    t = source.t
    ranked_indexes = [Decimal(str(raw_index[row.code])) for row in ranking]
    return (
        Figure(t["submitted_total"], str(len(ranking))),
        Figure(t["approved_total"], str(status_totals["approved"])),
        Figure(t["median_index"], decimal_text(median(ranked_indexes), source.language)),
    )


# --- Programmes and the data file ------------------------------------------------------------


def _programme_highlights(source: Source) -> tuple[ProgrammeHighlight, ...]:
    """Shared programmes behind the highest-scoring indicators (maturity/programmes.py)."""
    headline = source.headline
    levels_by_region = {
        a["region_id"]: by_code(headline[a["id"]]["track__indicators"] or [], "level")
        for a in source.assessments
        if a["status"] in SUBMITTED_STATUSES and a["id"] in headline
    }
    return tuple(
        ProgrammeHighlight(
            name=p.name,
            region=p.region_name,
            indicators=", ".join(f"{code} (M{level})" for code, level in p.indicators),
            agency=p.agency,
        )
        for p in programmes_behind_top_indicators(
            cycle_id=source.cycle.pk, levels_by_region=levels_by_region
        )
    )


def _data_file(
    source: Source,
    status_totals: dict[str, int],
    ranking: list[RankRow],
    raw_index: dict,
    change: dict[str, Any],
) -> bytes:
    """The JSON embedded in the PDF: the status counts, the ranking with the stored indexes, and
    the change since the previous cycle (movers, level transitions, province averages)."""
    cycle, framework = source.cycle, source.framework
    attachment = {
        "report_id": source.report.report_id,
        "cycle": {"id": cycle.pk, "name": cycle.name, "year": cycle.year},
        "framework": {"code": framework.code, "version": framework.version},
        "status_counts": status_totals,
        "ranking": [
            {
                "rank": int(row.rank),
                "region": row.code,
                "name": row.region,
                "basis": row.basis,
                "index": format(raw_index[row.code], "f"),
            }
            for row in ranking
        ],
        **change,
    }
    return json.dumps(attachment, ensure_ascii=False, indent=1).encode()
