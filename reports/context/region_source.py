"""What a region report is read from: the assessment with its framework tree, answers, reviews,
evidence and latest snapshots (``RegionSource``), and the medians of the cycle's other submitted
assessments to compare with (``Peers``)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from cities.models import Region
from maturity.assessments.models import Answer, Assessment, AssessmentStatus, Evidence, Review
from maturity.cycles.models import AssessmentCycle
from maturity.frameworks.models import Element, Framework, Indicator, Theme
from maturity.scores.models import ScoreSnapshot
from maturity.scores.selectors import latest_snapshots_for
from reports.context.common import (
    SUBMITTED_STATUSES,
    by_code,
    headline_rows,
    latest_cycle_snapshots,
    median,
)
from reports.labels import labels_for
from reports.models import Report


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
    # Each peer's headline indicator levels, for the medians of the lenses' groups.
    levels: tuple[dict[str, Any], ...] = ()


def read_peers(source: RegionSource) -> Peers:
    """The medians of the other submitted assessments of the cycle (one query)."""
    others = latest_cycle_snapshots(
        source.cycle.pk,
        exclude_assessment=source.assessment.pk,
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
    statuses = {row["assessment_id"]: row["assessment__status"] for row in others}
    peers = [
        row
        for row in headline_rows(others, statuses).values()
        if row["assessment__status"] in SUBMITTED_STATUSES
    ]
    province_code = source.region.province_code
    same_province = [
        row for row in peers if row["assessment__region__province_code"] == province_code
    ]
    return Peers(
        national_count=len(peers),
        province_count=len(same_province),
        national_themes=_medians(peers, "track__themes"),
        province_themes=_medians(same_province, "track__themes"),
        national_elements=_medians(peers, "track__elements"),
        province_elements=_medians(same_province, "track__elements"),
        national_index=median([Decimal(r["index"]) for r in peers if r["index"] is not None]),
        province_index=median(
            [Decimal(r["index"]) for r in same_province if r["index"] is not None]
        ),
        levels=tuple(
            {item["code"]: item["level"] for item in row.get("track__indicators") or ()}
            for row in peers
        ),
    )


def _medians(rows: list[dict[str, Any]], key: str) -> dict[str, Decimal | None]:
    values: dict[str, list[Decimal]] = defaultdict(list)
    for row in rows:
        for item in row[key] or []:
            if item.get("score") is not None:
                values[item["code"]].append(Decimal(item["score"]))
    return {code: median(found) for code, found in values.items()}
