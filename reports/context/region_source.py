"""What a region report is read from: the assessment with its framework tree, answers, reviews,
evidence and latest snapshots (``RegionSource``), and the medians of the cycle's other submitted
assessments to compare with (``Peers``)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Max

from cities.models import Region
from maturity.assessments.models import Answer, Assessment, AssessmentStatus, Evidence, Review
from maturity.cycles.models import AssessmentCycle
from maturity.frameworks.models import Element, Framework, Indicator, Theme
from maturity.frameworks.rules import framework_entry
from maturity.scores.models import ScoreSnapshot
from maturity.scores.selectors import latest_snapshots_for
from maturity.scoring.lenses import LensScore, score_lenses
from reports.context.common import (
    SUBMITTED_STATUSES,
    by_code,
    headline_rows,
    latest_cycle_snapshots,
    median,
)
from reports.labels import labels_for
from reports.models import Report

#: A lens's group scores by (lens, group) code.
LensGroupScores = dict[tuple[str, str], Decimal | None]


@dataclass(frozen=True)
class RegionSource:
    """The assessment a region report shows, read once; the scores of each track by code.

    The self-assessment track counts once the assessment is submitted, the verified one once it
    is approved; the headline track is the verified one when it counts, else the self one.
    """

    report: Report
    language: str
    t: Mapping[str, str]
    assessment: Assessment
    region: Region
    cycle: AssessmentCycle
    framework: Framework
    elements: list[Element]
    themes: list[Theme]
    indicators: list[Indicator]
    themes_by_element: dict[int, list[Theme]]
    indicators_by_theme: dict[int, list[Indicator]]
    answers: dict[int, Answer]
    reviews: dict[int, Review]
    evidence: dict[int, list[Evidence]]
    self_snap: ScoreSnapshot | None
    verified_snap: ScoreSnapshot | None
    headline_snap: ScoreSnapshot | None
    self_result: dict[str, Any]
    verified_result: dict[str, Any]
    headline: dict[str, Any]
    self_levels: dict[str, Any]
    verified_levels: dict[str, Any]
    headline_levels: dict[str, Any]
    self_themes: dict[str, Any]
    verified_themes: dict[str, Any]
    headline_themes: dict[str, Any]
    self_elements: dict[str, Any]
    verified_elements: dict[str, Any]


def read_region_source(report: Report) -> RegionSource:
    """The report's assessment (selected with its region, cycle and framework) and what it
    shows, in seven queries."""
    assessment = report.assessment
    assert assessment is not None
    framework = assessment.cycle.framework
    elements, themes, indicators = _framework_tree(framework.pk)
    evidence: dict[int, list[Evidence]] = defaultdict(list)
    for item in Evidence.objects.filter(assessment=assessment).order_by("uploaded_at", "id"):
        evidence[item.indicator_id].append(item)
    latest = latest_snapshots_for(assessment)
    scored = assessment.status in SUBMITTED_STATUSES
    self_snap = latest.self if scored else None
    verified_snap = latest.verified if assessment.status == AssessmentStatus.APPROVED else None
    headline_snap = verified_snap or self_snap
    self_result = track_of(self_snap)
    verified_result = track_of(verified_snap)
    headline = track_of(headline_snap)
    return RegionSource(
        report=report,
        language=report.language,
        t=labels_for(report.language),
        assessment=assessment,
        region=assessment.region,
        cycle=assessment.cycle,
        framework=framework,
        elements=elements,
        themes=themes,
        indicators=indicators,
        themes_by_element=_grouped(themes, "element_id"),
        indicators_by_theme=_grouped(indicators, "theme_id"),
        answers={a.indicator_id: a for a in Answer.objects.filter(assessment=assessment)},
        reviews={r.indicator_id: r for r in Review.objects.filter(assessment=assessment)},
        evidence=evidence,
        self_snap=self_snap,
        verified_snap=verified_snap,
        headline_snap=headline_snap,
        self_result=self_result,
        verified_result=verified_result,
        headline=headline,
        self_levels=by_code(self_result.get("indicators", []), "level"),
        verified_levels=by_code(verified_result.get("indicators", []), "level"),
        headline_levels=by_code(headline.get("indicators", []), "level"),
        self_themes=by_code(self_result.get("themes", [])),
        verified_themes=by_code(verified_result.get("themes", [])),
        headline_themes=by_code(headline.get("themes", [])),
        self_elements=by_code(self_result.get("elements", [])),
        verified_elements=by_code(verified_result.get("elements", [])),
    )


def track_of(snapshot: ScoreSnapshot | None) -> dict[str, Any]:
    """The scores of a snapshot's own track (``result["self"]`` or ``result["verified"]``)."""
    if snapshot is None:
        return {}
    result = snapshot.result or {}
    if "index" in result:  # a bare TrackScore dict
        return dict(result)
    return dict(result.get(snapshot.track) or {})


def _framework_tree(framework_id: int) -> tuple[list[Element], list[Theme], list[Indicator]]:
    elements = list(Element.objects.filter(framework_id=framework_id).order_by("position"))
    themes = list(Theme.objects.filter(framework_id=framework_id).order_by("position"))
    indicators = list(Indicator.objects.filter(framework_id=framework_id).order_by("position"))
    return elements, themes, indicators


def _grouped(items: list[Any], parent: str) -> dict[int, list[Any]]:
    groups: dict[int, list[Any]] = defaultdict(list)
    for item in items:
        groups[getattr(item, parent)].append(item)
    return groups


@dataclass(frozen=True)
class Peers:
    """Medians of the cycle's other submitted assessments (headline track), nationally and in
    the region's province: of each theme, each element and the index."""

    national_count: int
    province_count: int
    national_themes: dict[str, Decimal | None]
    province_themes: dict[str, Decimal | None]
    national_elements: dict[str, Decimal | None]
    province_elements: dict[str, Decimal | None]
    national_index: Decimal | None
    province_index: Decimal | None
    # Each peer's lens group scores ((lens, group) → score), for the medians of the lenses'
    # groups (empty dicts for a framework without lenses).
    lens_groups: tuple[LensGroupScores, ...] = ()


@dataclass(frozen=True)
class PeerRow:
    """One submitted assessment of a cycle as its peers' medians need it (headline track)."""

    assessment_id: int
    province_code: str
    index: Decimal | None
    themes: dict[str, Decimal]
    elements: dict[str, Decimal]
    lens_groups: LensGroupScores


@dataclass(frozen=True)
class CyclePeers:
    """Every submitted assessment of a cycle, read once for as long as the cycle's snapshots and
    statuses stay as they were (see :func:`cycle_peers`)."""

    version: tuple[Any, ...]
    rows: tuple[PeerRow, ...]


#: The latest cycle read by this process, by cycle id: a worker rendering every region report of
#: a cycle reads the other 513 assessments' snapshots once, not once a report.
_cycles: dict[int, CyclePeers] = {}


def forget_cycle_peers() -> None:
    """Drop what :func:`cycle_peers` keeps (the tests start each from the database)."""
    _cycles.clear()


def cycle_peers(cycle: AssessmentCycle) -> CyclePeers:
    """The cycle's submitted assessments with their headline figures and lens scores.

    Kept in the process and used again while the cycle's version is the same: per assessment,
    its status (which decides who is a peer and which track speaks for it) and the number, the
    last id and the last computing time of its snapshots (a new score adds one; scoring inputs
    seen before again updates that snapshot's time, which makes it the latest again), read in
    one small query. A new score, a submission, an approval or a return gives a new version,
    and the next report reads again.
    """
    cycle_id = cycle.pk
    versions = (
        Assessment.objects.filter(cycle_id=cycle_id)
        .annotate(
            snapshot_count=Count("snapshots"),
            last_snapshot=Max("snapshots__id"),
            last_computed=Max("snapshots__computed_at"),
        )
        .order_by("pk")
        .values_list("pk", "status", "snapshot_count", "last_snapshot", "last_computed")
    )
    version = tuple(versions)
    kept = _cycles.get(cycle_id)
    if kept is not None and kept.version == version:
        return kept
    rows = latest_cycle_snapshots(
        cycle_id,
        fields=(
            "assessment__status",
            "assessment__region__province_code",
            "index",
            "result__self__themes",
            "result__self__elements",
            "result__verified__themes",
            "result__verified__elements",
            "result__self__indicators",
            "result__verified__indicators",
        ),
    )
    statuses = {row["assessment_id"]: row["assessment__status"] for row in rows}
    entry = framework_entry(cycle.framework)
    found = CyclePeers(
        version=version,
        rows=tuple(
            PeerRow(
                assessment_id=row["assessment_id"],
                province_code=row["assessment__region__province_code"],
                index=Decimal(row["index"]) if row["index"] is not None else None,
                themes=_scores(row["track__themes"]),
                elements=_scores(row["track__elements"]),
                lens_groups=lens_group_scores(
                    score_lenses(
                        entry.rules,
                        entry.lenses,
                        {item["code"]: item["level"] for item in row["track__indicators"] or ()},
                    )
                ),
            )
            for row in headline_rows(rows, statuses).values()
            if row["assessment__status"] in SUBMITTED_STATUSES
        ),
    )
    _cycles.clear()  # one cycle at a time: a batch renders one cycle's reports
    _cycles[cycle_id] = found
    return found


def _scores(items: list[dict[str, Any]] | None) -> dict[str, Decimal]:
    return {i["code"]: Decimal(i["score"]) for i in items or () if i.get("score") is not None}


def lens_group_scores(lens_scores: list[LensScore]) -> LensGroupScores:
    """Lens scores as (lens, group) → the group's score."""
    return {(lens.code, g.code): g.score for lens in lens_scores for g in lens.groups}


def read_peers(source: RegionSource) -> Peers:
    """The medians of the other submitted assessments of the cycle (see :func:`cycle_peers`)."""
    cycle = cycle_peers(source.cycle)
    own = source.assessment.pk
    province_code = source.region.province_code
    peers = [row for row in cycle.rows if row.assessment_id != own]
    same_province = [row for row in peers if row.province_code == province_code]
    return Peers(
        national_count=len(peers),
        province_count=len(same_province),
        national_themes=_medians(peers, "themes"),
        province_themes=_medians(same_province, "themes"),
        national_elements=_medians(peers, "elements"),
        province_elements=_medians(same_province, "elements"),
        national_index=median([row.index for row in peers if row.index is not None]),
        province_index=median([row.index for row in same_province if row.index is not None]),
        lens_groups=tuple(row.lens_groups for row in peers),
    )


def _medians(rows: list[PeerRow], key: str) -> dict[str, Decimal | None]:
    values: dict[str, list[Decimal]] = defaultdict(list)
    for row in rows:
        for code, score in getattr(row, key).items():
            values[code].append(score)
    return {code: median(found) for code, found in values.items()}
