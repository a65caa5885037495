"""The region report of an assessment: the cover and headline figures, the charts, the progress
across cycles, every element, theme and indicator, the roadmap to the next level, the method
annex and the score snapshots embedded as a data file, read in a constant number of queries
whatever the framework's size and the number of regions."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from django.utils import timezone

from maturity.scores.models import ScoreTrack
from reports.context.common import level_name, report_meta, score_text, status_label
from reports.context.plain import Figure, Meta, RegionReport
from reports.context.region_charts import (
    comparison_bars,
    elements_radar,
    radar_series,
    themes_radar,
)
from reports.context.region_elements import element_blocks, programmes_by_element
from reports.context.region_lenses import lens_pages
from reports.context.region_method import method_annex
from reports.context.region_progress import progress_section, roadmap_to_next_level
from reports.context.region_source import Peers, RegionSource, read_peers, read_region_source
from reports.labels import date_text, decimal_text
from reports.models import Report

ATTACHMENT_NAME = "maturasi-score-snapshot.json"


def region_report_context(report: Report) -> RegionReport:
    """The plain context of a region's report (``report`` with its assessment, region, cycle and
    framework selected), read in about ten queries whatever the framework's size."""
    source = read_region_source(report)
    peers = read_peers(source)
    programmes = programmes_by_element(source)
    element_series, theme_series = radar_series(source)
    progress, entries = progress_section(source)
    road, roadmap_body = roadmap_to_next_level(source)
    pages = lens_pages(source, peers)
    t, language, region, cycle = source.t, source.language, source.region, source.cycle
    framework, headline_snap = source.framework, source.headline_snap
    level_number = source.headline.get("level") or 0
    return RegionReport(
        meta=_meta(source),
        region_name=region.name,
        region_code=region.code,
        province_name=region.province_name,
        cycle_name=cycle.name,
        framework=f"{framework.title_in(language)} ({framework.code} {framework.version})",
        status=status_label(source.assessment.status, language),
        issued_on=date_text(report.created_at or timezone.now(), language, with_time=True),
        score_computed=date_text(headline_snap.computed_at, language, with_time=True)
        if headline_snap
        else t["none"],
        headline_note=t["headline_verified"] if source.verified_snap else t["headline_self"],
        provisional=source.self_snap is None,
        headline_index=score_text(source.headline.get("index"), language),
        headline_level=(
            level_name(framework, level_number, language) if level_number else t["no_score"]
        ),
        headline_level_number=level_number,
        figures=_figures(source, peers),
        elements_chart=elements_radar(source, element_series),
        themes_chart=themes_radar(source, theme_series),
        comparison_chart=comparison_bars(source, peers),
        comparison_note=t["comparison_note"].format(n=peers.national_count, p=peers.province_count),
        elements=element_blocks(source, peers, programmes),
        progress=progress,
        roadmap=road,
        lenses=tuple(page for page in pages if page.code != report.lens),
        lead_lens=next((page for page in pages if page.code == report.lens), None),
        has_programmes=any(programmes.values()),
        method=method_annex(source),
        attachment_name=ATTACHMENT_NAME,
        attachment_json=_data_file(source, entries, roadmap_body),
    )


def _meta(source: RegionSource) -> Meta:
    t, region, cycle, framework = source.t, source.region, source.cycle, source.framework
    return report_meta(
        report=source.report,
        language=source.language,
        title=f"{t['region_title']} — {region.name} — {cycle.name}",
        subject=t["region_subject"],
        keywords=", ".join(
            [
                "Maturasi",
                region.name,
                region.province_name,
                cycle.name,
                framework.code,
                framework.version,
            ]
        ),
        running_head=f"{region.name} · {cycle.name}",
    )


def _figures(source: RegionSource, peers: Peers) -> tuple[Figure, ...]:
    """The headline figures: the index of each track that counts, the gap between them, the
    medians and the completeness."""
    t, language, framework = source.t, source.language, source.framework
    self_result, verified_result = source.self_result, source.verified_result
    figures = [
        Figure(
            t["index"] + " · " + t["self"],
            score_text(self_result.get("index"), language),
            level_name(framework, self_result.get("level"), language),
        ),
    ]
    if source.verified_snap is not None:
        figures.append(
            Figure(
                t["index"] + " · " + t["verified"],
                score_text(verified_result.get("index"), language),
                level_name(framework, verified_result.get("level"), language),
                tone="verified",
            )
        )
        gap_index = None
        if self_result.get("index") is not None and verified_result.get("index") is not None:
            gap_index = Decimal(self_result["index"]) - Decimal(verified_result["index"])
        figures.append(Figure(t["gap_short"], decimal_text(gap_index, language), t["gap_note"]))
    national, province = peers.national_index, peers.province_index
    figures.append(
        Figure(
            t["national_median"] + " / " + t["province_median"].lower(),
            f"{decimal_text(national, language)} / {decimal_text(province, language)}",
        )
    )
    self_snap = source.self_snap
    completeness = self_snap.completeness if self_snap else source.assessment.completeness
    figures.append(Figure(t["completeness"], decimal_text(completeness, language, 1) + " %"))
    return tuple(figures)


def _data_file(
    source: RegionSource, progress: list[dict[str, Any]], roadmap: dict[str, Any] | None
) -> bytes:
    """The JSON embedded in the PDF: the assessment, the full score snapshot of each track, and
    the region's progress and roadmap in the API's shapes."""
    assessment, region = source.assessment, source.region
    cycle, framework = source.cycle, source.framework
    attachment = {
        "report_id": source.report.report_id,
        "assessment": assessment.pk,
        "region": {"code": region.code, "name": region.name},
        "cycle": {"id": cycle.pk, "name": cycle.name, "year": cycle.year},
        "framework": {"code": framework.code, "version": framework.version},
        "status": assessment.status,
        "snapshots": {
            track: None
            if snap is None
            else {
                "id": snap.pk,
                "track": snap.track,
                "provisional": snap.provisional,
                "inputs_hash": snap.inputs_hash,
                "framework_version": snap.framework_version,
                "computed_at": snap.computed_at.isoformat(),
                "completeness": format(snap.completeness, "f"),
                "result": snap.result,
            }
            for track, snap in (
                (ScoreTrack.SELF.value, source.self_snap),
                (ScoreTrack.VERIFIED.value, source.verified_snap),
            )
        },
        "progress": progress,
        "roadmap": roadmap,
    }
    return json.dumps(attachment, ensure_ascii=False, indent=2).encode()
