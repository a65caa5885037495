"""The region report's page per lens: the version's other groupings of its indicators (the ASCN
focus areas, the national smart-city dimensions), scored from the same levels, with a radar of the
groups against the national medians."""

from __future__ import annotations

from dataclasses import dataclass

from maturity import charts
from maturity.frameworks.rules import framework_entry
from maturity.scoring.lenses import score_lenses
from reports.context.common import median, score_text
from reports.context.region_source import Peers, RegionSource, lens_group_scores


@dataclass(frozen=True)
class LensGroupRow:
    code: str
    title: str
    self_score: str
    verified_score: str
    national_median: str


@dataclass(frozen=True)
class LensPage:
    code: str
    title: str
    self_index: str
    verified_index: str
    chart: str
    groups: tuple[LensGroupRow, ...]


def lens_pages(source: RegionSource, peers: Peers) -> tuple[LensPage, ...]:
    """One page per lens of the version (none for a version without lenses)."""
    entry = framework_entry(source.framework)
    if not entry.lenses:
        return ()
    language, t = source.language, source.t
    pick = 1 if language == "en" else 0
    own = score_lenses(entry.rules, entry.lenses, source.self_levels)
    verified = (
        score_lenses(entry.rules, entry.lenses, source.verified_levels)
        if source.verified_snap is not None
        else []
    )
    headline = score_lenses(entry.rules, entry.lenses, source.headline_levels)
    own_groups, verified_groups, headline_groups = (
        lens_group_scores(own),
        lens_group_scores(verified),
        lens_group_scores(headline),
    )
    peer_groups = peers.lens_groups
    verified_index = {lens.code: lens.index for lens in verified}
    pages = []
    for lens, own_lens in zip(entry.lenses, own, strict=True):
        keys = [(lens.code, group.code) for group in lens.groups]
        medians = {
            key: median([score for s in peer_groups if (score := s.get(key)) is not None])
            for key in keys
        }
        axes = [group.code for group in lens.groups]
        series = [
            charts.Series(t["this_region"], [headline_groups.get(k) for k in keys], "#0b5c8a"),
            charts.Series(t["national_median"], [medians[k] for k in keys], "#1f2933"),
        ]
        title = entry.lens_titles[lens.code][pick]
        pages.append(
            LensPage(
                code=lens.code,
                title=title,
                self_index=score_text(own_lens.index, language),
                verified_index=score_text(verified_index.get(lens.code), language),
                chart=charts.radar(axes, series, title=title) if len(axes) >= 3 else "",
                groups=tuple(
                    LensGroupRow(
                        code=group.code,
                        title=entry.lens_titles[(lens.code, group.code)][pick],
                        self_score=score_text(own_groups.get(key), language),
                        verified_score=score_text(verified_groups.get(key), language),
                        national_median=score_text(medians[key], language),
                    )
                    for group, key in zip(lens.groups, keys, strict=True)
                ),
            )
        )
    return tuple(pages)
