"""The next steps of a region report: for its weakest themes (headline track), what each
indicator below the top level needs to reach the next one."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from maturity.frameworks.models import Indicator, Theme
from reports.context.common import level_name
from reports.context.plain import NextStepItem, NextStepTheme
from reports.context.region_source import RegionSource
from reports.labels import decimal_text, value_text

WEAKEST_THEMES = 3


def next_steps(source: RegionSource) -> tuple[NextStepTheme, ...]:
    """The weakest themes of the headline track, lowest score first (then framework order)."""
    weakest = [
        (Decimal(source.headline_themes[theme.code]), theme.position, theme)
        for theme in source.themes
        if source.headline_themes.get(theme.code) is not None
    ]
    chosen = sorted(weakest, key=lambda x: (x[0], x[1]))[:WEAKEST_THEMES]
    return tuple(
        NextStepTheme(
            code=theme.code,
            title=theme.title_in(source.language),
            score=decimal_text(score, source.language),
            items=_items(source, theme),
        )
        for score, _position, theme in chosen
    )


def _items(source: RegionSource, theme: Theme) -> tuple[NextStepItem, ...]:
    language = source.language
    items = []
    for indicator in source.indicators_by_theme[theme.pk]:
        level = source.headline_levels.get(indicator.code, 0)
        if level is None or level >= 5:
            continue
        target, requirement = _requirement(indicator, level, language, source.t)
        items.append(
            NextStepItem(
                code=indicator.code,
                title=indicator.title_in(language),
                current_level=str(level),
                next_level=f"{target} · {level_name(source.framework, target, language)}",
                requirement=requirement,
            )
        )
    return tuple(items)


def _requirement(
    indicator: Indicator, level: int, language: str, t: Mapping[str, str]
) -> tuple[int, str]:
    """The next level an indicator can reach from ``level``, and what that takes."""
    if indicator.kind == "binary":
        yes = indicator.yes_level if indicator.yes_level is not None else 5
        return yes, t["binary_yes"].format(level=yes)
    if level == 0:
        return 1, t["provide_data"]
    target = level + 1
    if indicator.kind == "rubric":
        descriptor = (indicator.rubric or {}).get(str(target)) or {}
        return target, descriptor.get(language) or descriptor.get("id", "")
    thresholds = [Decimal(str(x)) for x in indicator.thresholds or []]
    threshold = thresholds[level - 1] if len(thresholds) >= level else None
    value = value_text(threshold, language) + (f" {indicator.unit}" if indicator.unit else "")
    key = "reach_at_most" if indicator.direction == "lower" else "reach_at_least"
    return target, t[key].format(value=value)
