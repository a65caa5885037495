"""The region report's "Perkembangan / Progress" section and its roadmap to the next level, built
from the same progress and roadmap the API serves (``maturity.progress``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.utils import translation

from cities import errors
from maturity import charts
from maturity.progress import roadmap as roadmaps
from maturity.progress.selectors import region_progress
from reports.context.common import level_name, score_text, status_label
from reports.context.region_source import RegionSource


@dataclass(frozen=True)
class YearRow:
    year: str
    framework: str
    status: str
    self_index: str
    verified_index: str
    change: str
    rank_national: str
    rank_province: str


@dataclass(frozen=True)
class ElementYears:
    code: str
    title: str
    scores: tuple[str, ...]


@dataclass(frozen=True)
class MovedIndicator:
    code: str
    title: str
    before: str
    after: str


@dataclass(frozen=True)
class ProgressSection:
    chart: str
    years: tuple[str, ...]
    rows: tuple[YearRow, ...]
    elements: tuple[ElementYears, ...]
    rose: tuple[MovedIndicator, ...]
    fell: tuple[MovedIndicator, ...]
    rank: str


@dataclass(frozen=True)
class RoadmapStep:
    code: str
    title: str
    levels: str
    needs: str
    peers: str


@dataclass(frozen=True)
class RoadmapTarget:
    level: str
    index_needed: str
    reachable: bool
    index_after: str
    steps: tuple[RoadmapStep, ...]


def _rank_text(rank: dict[str, Any] | None, t: Any) -> tuple[str, str, str]:
    if not rank:
        return "–", "–", ""
    national = f"{rank['national']}/{rank['national_of']}"
    province = f"{rank['province']}/{rank['province_of']}" if rank.get("province") else "–"
    sentence = t["rank_sentence"].format(national=rank["national"], of=rank["national_of"])
    if rank.get("province"):
        sentence += " " + t["rank_province_sentence"].format(
            province=rank["province"], of=rank["province_of"]
        )
    return national, province, sentence


def _chart(source: RegionSource, entries: list[dict[str, Any]]) -> str:
    framework, language, t = source.framework, source.language, source.t
    return charts.progress_line(
        charts.year_points(entries),
        title=t["progress_chart"],
        bands=framework.index_bands,
        level_names=[level_name(framework, level, language) for level in range(1, 6)],
        self_name=t["self"],
        verified_name=t["verified"],
    )


def progress_section(source: RegionSource) -> tuple[ProgressSection | None, list[dict[str, Any]]]:
    """The section (None when the region has no scored cycle yet) and the entries it shows."""
    entries = region_progress(source.region)
    if not entries:
        return None, entries
    language, t = source.language, source.t
    rows = []
    for entry in entries:
        national, province, _ = _rank_text(entry["rank"], t)
        change = entry["change"]["index"] if entry["change"] else None
        rows.append(
            YearRow(
                year=str(entry["year"]),
                framework=f"{entry['framework']['code']} {entry['framework']['version']}",
                status=status_label(entry["status"], language),
                self_index=score_text((entry["self"] or {}).get("index"), language),
                verified_index=score_text((entry["verified"] or {}).get("index"), language),
                change=score_text(change, language) if change is not None else "–",
                rank_national=national,
                rank_province=province,
            )
        )
    oldest_first = list(reversed(entries))
    titles = {e.code: e.title_in(language) for e in source.elements}
    elements = tuple(
        ElementYears(
            code=code,
            title=titles.get(code, code),
            scores=tuple(
                score_text(
                    next((e["score"] for e in entry["elements"] if e["code"] == code), None),
                    language,
                )
                for entry in oldest_first
            ),
        )
        for code in (e["code"] for e in entries[0]["elements"])
    )
    indicator_titles = {i.code: i.title_in(language) for i in source.indicators}
    changed = [
        item
        for item in entries[0]["indicators_changed"]
        if item["from"] is not None and item["to"] is not None
    ]

    def moved(items: list[dict[str, Any]]) -> tuple[MovedIndicator, ...]:
        return tuple(
            MovedIndicator(
                code=item["indicator"],
                title=indicator_titles.get(item["indicator"], ""),
                before=str(item["from"]),
                after=str(item["to"]),
            )
            for item in items
        )

    _, _, rank_sentence = _rank_text(entries[0]["rank"], t)
    return (
        ProgressSection(
            chart=_chart(source, entries),
            years=tuple(str(entry["year"]) for entry in oldest_first),
            rows=tuple(rows),
            elements=elements,
            rose=moved([item for item in changed if item["to"] > item["from"]]),
            fell=moved([item for item in changed if item["to"] < item["from"]]),
            rank=rank_sentence,
        ),
        entries,
    )


def roadmap_to_next_level(
    source: RegionSource,
) -> tuple[RoadmapTarget | None, dict[str, Any] | None]:
    """The fewest steps to the next level on the headline track, and the whole roadmap (for the
    data file); (None, None) when the assessment has no score yet."""
    assessment = source.assessment
    user = source.report.requested_by or AnonymousUser()
    try:
        with translation.override("en" if source.language == "en" else "id"):
            body = roadmaps.assessment_roadmap(
                assessment,
                user=user,
                track=roadmaps.default_track(assessment),
                language=source.language,
            )
    except errors.DomainError:
        return None, None
    if not body["targets"]:
        return None, body
    target = body["targets"][0]
    titles = {i.code: i.title_in(source.language) for i in source.indicators}
    steps = tuple(
        RoadmapStep(
            code=step["indicator"],
            title=titles.get(step["indicator"], ""),
            levels=f"{step['from_level']} → {step['to_level']}",
            needs=step["needs"],
            peers=", ".join(peer["name"] for peer in step["peers"]) or "–",
        )
        for step in target["steps"]
    )
    return (
        RoadmapTarget(
            level=target["level_name"] or str(target["level"]),
            index_needed=score_text(target["index_needed"], source.language),
            reachable=target["reachable"],
            index_after=score_text(target["index_after"], source.language),
            steps=steps,
        ),
        body,
    )
