"""The fewest steps that lift an index to each higher maturity level (SCORING.md §8).

Pure, like :mod:`maturity.scoring.calculation`: a function of the framework's rules and one
track's indicator levels.

Once the set of not-applicable indicators is fixed, the exact index is linear in the levels:
``index = Σ cᵢ · Lᵢ``, where ``cᵢ`` is the indicator's share of its theme, times the theme's share
of its element, times the element's share of the index (weights over the parts that have a
score). A *step* raises one indicator to its next attainable level: a quantitative or rubric
indicator by one level (no data → 1 counts as one step), a yes/no indicator from no (or no data)
to yes in one step. Each step therefore adds a constant ``gain``, independent of the others, and
the fewest steps that add at least the missing amount are the largest gains taken first.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal
from fractions import Fraction

from maturity.scoring.calculation import FrameworkRules, IndicatorRule, score_track

#: Reported figures have two decimals, rounded half up (SCORING.md §4): a reported index reaches
#: a band bound ``b`` exactly when the exact index is at least ``b`` minus half a hundredth.
_HALF_HUNDREDTH = Fraction(1, 200)
_TOP_LEVEL = 5


@dataclass(frozen=True)
class Step:
    """Raise ``indicator`` from ``from_level`` to ``to_level``; the index gains ``gain``.
    ``count`` is how many steps that is (a yes/no raise is one, whatever the levels)."""

    indicator: str
    from_level: int
    to_level: int
    gain: Fraction
    count: int = 1


@dataclass(frozen=True)
class Target:
    """What reaching ``level`` takes: ``reachable`` or not, the steps, the index after them."""

    level: int
    index_needed: Decimal
    reachable: bool
    steps: tuple[Step, ...]
    index_after: Decimal | None


def index_coefficients(
    rules: FrameworkRules, levels: Mapping[str, int | None]
) -> dict[str, Fraction]:
    """Each scored indicator's weight in the exact index, given which are not applicable.

    ``levels`` maps codes to a level 0-5 or None (not applicable); a missing code is no data.
    Not-applicable indicators, and those of themes or elements without a score, have none.
    """
    weight_of = {i.code: Fraction(i.weight) for i in rules.indicators}
    theme_total: dict[str, Fraction] = {}
    for indicator in rules.indicators:
        if levels.get(indicator.code, 0) is not None:
            theme_total[indicator.theme] = (
                theme_total.get(indicator.theme, 0) + weight_of[indicator.code]
            )
    element_total: dict[str, Fraction] = {}
    for theme in rules.themes:
        if theme.code in theme_total:
            element_total[theme.element] = element_total.get(theme.element, 0) + Fraction(
                theme.weight
            )
    index_total = sum(
        (Fraction(e.weight) for e in rules.elements if e.code in element_total), Fraction(0)
    )
    if not index_total:
        return {}
    theme_of = {t.code: t for t in rules.themes}
    element_weight = {e.code: Fraction(e.weight) for e in rules.elements}
    coefficients = {}
    for indicator in rules.indicators:
        if indicator.theme not in theme_total or levels.get(indicator.code, 0) is None:
            continue
        theme = theme_of[indicator.theme]
        coefficients[indicator.code] = (
            element_weight[theme.element]
            / index_total
            * Fraction(theme.weight)
            / element_total[theme.element]
            * weight_of[indicator.code]
            / theme_total[indicator.theme]
        )
    return coefficients


def unit_steps(rules: FrameworkRules, levels: Mapping[str, int | None]) -> list[Step]:
    """Every step still open to the track, each with its constant gain, in framework order."""
    coefficients = index_coefficients(rules, levels)
    steps: list[Step] = []
    for indicator in rules.indicators:
        if indicator.code not in coefficients:
            continue
        level = levels.get(indicator.code, 0) or 0
        for from_level, to_level in _raises(indicator, level):
            gain = coefficients[indicator.code] * (to_level - from_level)
            if gain > 0:
                steps.append(Step(indicator.code, from_level, to_level, gain))
    return steps


def _raises(indicator: IndicatorRule, level: int) -> list[tuple[int, int]]:
    if indicator.kind == "binary":
        yes = indicator.yes_level
        return [(level, yes)] if level < yes else []
    return [(current, current + 1) for current in range(level, _TOP_LEVEL)]


def exact_index(rules: FrameworkRules, levels: Mapping[str, int | None]) -> Fraction | None:
    """The unrounded index of a track (None when nothing is scored)."""
    coefficients = index_coefficients(rules, levels)
    if not coefficients:
        return None
    return sum((c * (levels.get(code, 0) or 0) for code, c in coefficients.items()), Fraction(0))


def index_needed(bound: Decimal) -> Fraction:
    """The smallest exact index whose reported (rounded) figure reaches ``bound``."""
    reported = bound.quantize(Decimal("0.01"), rounding=ROUND_CEILING)
    return Fraction(reported) - _HALF_HUNDREDTH


def roadmap(rules: FrameworkRules, levels: Mapping[str, int | None]) -> list[Target]:
    """One :class:`Target` per maturity level above the track's current one.

    Each target takes the fewest steps whose gains lift the reported index to the level's band
    bound: the largest gains first (ties in framework order). Consecutive steps on one indicator
    are merged into one (``from_level`` → ``to_level``).
    """
    current = score_track(rules, levels)
    if current.level is None:
        return []
    start = exact_index(rules, levels) or Fraction(0)
    order = {i.code: position for position, i in enumerate(rules.indicators)}
    steps = sorted(
        unit_steps(rules, levels), key=lambda s: (-s.gain, order[s.indicator], s.from_level)
    )
    targets = []
    for level in range(current.level + 1, _TOP_LEVEL + 1):
        bound = rules.index_bands[level - 2]
        needed = index_needed(bound) - start
        taken: list[Step] = []
        total = Fraction(0)
        for step in steps:
            if total >= needed:
                break
            taken.append(step)
            total += step.gain
        reachable = total >= needed
        after = dict(levels)
        for step in taken:
            after[step.indicator] = step.to_level
        targets.append(
            Target(
                level=level,
                index_needed=bound,
                reachable=reachable,
                steps=merge_steps(taken, order) if reachable else (),
                index_after=score_track(rules, after).index if reachable else None,
            )
        )
    return targets


def merge_steps(steps: list[Step], order: Mapping[str, int]) -> tuple[Step, ...]:
    """Consecutive steps on one indicator as one, largest gain first, then framework order."""
    merged: dict[str, Step] = {}
    for step in steps:
        earlier = merged.get(step.indicator)
        if earlier is None:
            merged[step.indicator] = step
        else:
            merged[step.indicator] = Step(
                step.indicator,
                min(earlier.from_level, step.from_level),
                max(earlier.to_level, step.to_level),
                earlier.gain + step.gain,
                earlier.count + step.count,
            )
    return tuple(sorted(merged.values(), key=lambda s: (-s.gain, order[s.indicator])))
