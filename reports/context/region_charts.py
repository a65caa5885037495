"""The charts of a region report: the elements and themes as radars (self and verified tracks)
and each theme against the national and provincial medians."""

from __future__ import annotations

from maturity import charts
from reports.context.common import short
from reports.context.region_source import Peers, RegionSource


def radar_series(source: RegionSource) -> tuple[list[charts.Series], list[charts.Series]]:
    """The series of the elements radar and of the themes radar: one per track that counts."""
    t, elements, themes = source.t, source.elements, source.themes
    element_series = []
    theme_series = []
    if source.self_snap is not None:
        element_series.append(
            charts.Series(
                t["self"], [source.self_elements.get(e.code) for e in elements], charts.SELF_COLOUR
            )
        )
        theme_series.append(
            charts.Series(
                t["self"], [source.self_themes.get(th.code) for th in themes], charts.SELF_COLOUR
            )
        )
    if source.verified_snap is not None:
        element_series.append(
            charts.Series(
                t["verified"],
                [source.verified_elements.get(e.code) for e in elements],
                charts.VERIFIED_COLOUR,
            )
        )
        theme_series.append(
            charts.Series(
                t["verified"],
                [source.verified_themes.get(th.code) for th in themes],
                charts.VERIFIED_COLOUR,
            )
        )
    return element_series, theme_series


def elements_radar(source: RegionSource, series: list[charts.Series]) -> str:
    return charts.radar(
        [e.code for e in source.elements],
        series,
        title=source.t["elements_chart"],
        size=190,
        label_size=9,
    )


def themes_radar(source: RegionSource, series: list[charts.Series]) -> str:
    return charts.radar(
        [th.code for th in source.themes],
        series,
        title=source.t["themes_chart"],
        size=190,
    )


def comparison_bars(source: RegionSource, peers: Peers) -> str:
    """Each theme's headline score with the national and provincial medians."""
    t, language = source.t, source.language
    return charts.bars_with_medians(
        [
            charts.BarRow(
                label=f"{th.code} · {short(th.title_in(language), 22)}",
                value=source.headline_themes.get(th.code),
                national=peers.national_themes.get(th.code),
                province=peers.province_themes.get(th.code),
            )
            for th in source.themes
        ],
        title=t["comparison"],
        value_label=t["this_region"],
        national_label=t["national_median"],
        province_label=t["province_median"],
        decimal_comma=language == "id",
    )
