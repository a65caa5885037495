"""The charts of the national summary: the cycle's statuses, the levels of the ranked regions
nationally and by province."""

from __future__ import annotations

from collections.abc import Mapping

from maturity import charts
from maturity.frameworks.models import Framework
from reports.context.common import level_name, short
from reports.context.plain import StatusCount


def status_chart(
    t: Mapping[str, str], status_totals: dict[str, int], status_counts: tuple[StatusCount, ...]
) -> str:
    return charts.level_stacks(
        [charts.StackRow(t["assessments"], list(status_totals.values()))],
        title=t["cycle_status"],
        level_names=[c.label for c in status_counts],
        row_height=20,
        label_width=90,
        colours=charts.STATUS_COLOURS,
    )


def level_names(framework: Framework, language: str, t: Mapping[str, str]) -> list[str]:
    """No level, then the framework's five level names."""
    return [t["no_level"]] + [level_name(framework, level, language) for level in range(1, 6)]


def distribution_chart(t: Mapping[str, str], names: list[str], level_counts: list[int]) -> str:
    return charts.level_stacks(
        [charts.StackRow(t["nationally"], level_counts)],
        title=t["distribution"],
        level_names=names,
        row_height=20,
        label_width=90,
        first=1,
    )


def province_chart(
    t: Mapping[str, str],
    names: list[str],
    province_names: Mapping[str, str],
    province_counts: dict[str, list[int]],
) -> str:
    province_rows = [
        charts.StackRow(short(province_names[code], 30), counts)
        for code, counts in sorted(province_counts.items())
        if sum(counts)
    ]
    return charts.level_stacks(
        province_rows,
        title=t["by_province"],
        level_names=names,
        row_height=10.5,
        label_width=170,
        first=1,
    )
