"""The method of a region report: the level bands and the weights of elements and themes (the
annex), and how each indicator is scored (shown under the indicator, :func:`indicator_rule`)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from maturity.frameworks.models import Indicator
from reports.context.common import bands
from reports.context.plain import Method, WeightRow
from reports.context.region_source import RegionSource
from reports.labels import value_text


def method_annex(source: RegionSource) -> Method:
    framework = source.framework
    return Method(
        intro=source.t["annex_intro"].format(framework=framework.code, version=framework.version),
        bands=bands(framework, source.language, source.t),
        weights=_weights(source),
    )


def _weights(source: RegionSource) -> tuple[WeightRow, ...]:
    """Each element's weight, followed by the weights of its themes."""
    language = source.language
    weights: list[WeightRow] = []
    for element in source.elements:
        weights.append(
            WeightRow(
                code=element.code,
                title=element.title_in(language),
                parent="",
                weight=_weight(element.weight),
                is_element=True,
            )
        )
        for theme in source.themes_by_element[element.pk]:
            weights.append(
                WeightRow(
                    code=theme.code,
                    title=theme.title_in(language),
                    parent=element.code,
                    weight=_weight(theme.weight),
                )
            )
    return tuple(weights)


def indicator_rule(indicator: Indicator, language: str, t: Mapping[str, str]) -> str:
    """How ``indicator`` is scored, in a few words: its direction and thresholds t1–t4 (a
    quantitative one), the levels of its answers (yes/no, rubric), and its weight unless 1."""
    if indicator.kind == "quantitative":
        direction = t["higher_short"] if indicator.direction == "higher" else t["lower_short"]
        thresholds = " · ".join(
            value_text(Decimal(str(x)), language) for x in indicator.thresholds or []
        )
        rule = f"{direction}: {thresholds}"
    else:
        rule = _rule_text(indicator, t)
    weight = _weight(indicator.weight)
    return rule if weight == "1" else f"{rule} · {t['weight_of'].format(weight=weight)}"


def _rule_text(indicator: Indicator, t: Mapping[str, str]) -> str:
    if indicator.kind == "binary":
        yes = indicator.yes_level if indicator.yes_level is not None else 5
        no = indicator.no_level if indicator.no_level is not None else 1
        return t["yes_no_levels"].format(yes=yes, no=no)
    return t["rubric_rule"] if indicator.kind == "rubric" else ""


def _weight(value: Decimal) -> str:
    return format(Decimal(value).normalize(), "f")
