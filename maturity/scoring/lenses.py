"""Lenses: other groupings of a framework's own indicators, scored from the same levels
(SCORING.md §9). Pure, like :mod:`maturity.scoring.calculation`.

A lens has groups; a group holds indicators (whole themes and/or single indicators; one
indicator may sit in several groups or in none).

- A **group's score** is the weighted mean (indicator weights) of its indicators' levels, the
  not-applicable ones left out; a group whose indicators are all not applicable has no score.
- A **lens index** is the weighted mean (group weights) of the groups that have a score.
- Exact arithmetic; reported to two decimals, half up, like theme and element scores.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from maturity.scoring.calculation import FrameworkRules


@dataclass(frozen=True)
class LensGroupRule:
    """A group of a lens: its weight and the indicator codes it holds (themes resolved)."""

    code: str
    indicators: tuple[str, ...]
    weight: Decimal = Decimal(1)


@dataclass(frozen=True)
class LensRule:
    code: str
    groups: tuple[LensGroupRule, ...]


@dataclass(frozen=True)
class LensGroupScore:
    code: str
    score: Decimal | None


@dataclass(frozen=True)
class LensScore:
    code: str
    index: Decimal | None
    groups: tuple[LensGroupScore, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "index": _text(self.index),
            "groups": [{"code": g.code, "score": _text(g.score)} for g in self.groups],
        }


def _text(value: Decimal | None) -> str | None:
    return None if value is None else format(value, "f")


def group_indicators(
    rules: FrameworkRules, themes: Iterable[str], indicators: Iterable[str]
) -> tuple[str, ...]:
    """The indicator codes of whole ``themes`` and single ``indicators``, in framework order,
    each once."""
    wanted_themes = set(themes)
    wanted = set(indicators)
    return tuple(i.code for i in rules.indicators if i.theme in wanted_themes or i.code in wanted)


#: Each (rules, lenses) pair's plan: integer weights resolved once (the objects are kept with it,
#: so an id is never reused while cached).
_plans: dict[tuple[int, int], tuple[object, object, tuple[Any, ...]]] = {}


def _plan(rules: FrameworkRules, lenses: Sequence[LensRule]) -> tuple[Any, ...]:
    """Per lens: its code and, per group, (code, weight, ((indicator code, weight), ...)) with
    every weight a whole number (indicator weights and group weights each scaled by one common
    factor, which leaves every mean unchanged)."""
    key = (id(rules), id(lenses))
    cached = _plans.get(key)
    if cached is not None and cached[0] is rules and cached[1] is lenses:
        return cached[2]
    indicator_weights = {i.code: Fraction(i.weight) for i in rules.indicators}
    scale = math.lcm(*(w.denominator for w in indicator_weights.values()), 1)
    integers = {code: int(w * scale) for code, w in indicator_weights.items()}
    plan = []
    for lens in lenses:
        group_weights = [Fraction(group.weight) for group in lens.groups]
        group_scale = math.lcm(*(w.denominator for w in group_weights), 1)
        plan.append(
            (
                lens.code,
                tuple(
                    (
                        group.code,
                        int(weight * group_scale),
                        tuple((code, integers[code]) for code in group.indicators),
                    )
                    for group, weight in zip(lens.groups, group_weights, strict=True)
                ),
            )
        )
    if len(_plans) > 64:  # a few framework versions are in use; never grow without bound
        _plans.clear()
    _plans[key] = (rules, lenses, tuple(plan))
    return tuple(plan)


def _half_up(numerator: int, denominator: int) -> Decimal:
    """numerator / denominator to two decimals, half up, in integer arithmetic (never negative)."""
    hundredths, rest = divmod(numerator * 100, denominator)
    if 2 * rest >= denominator:
        hundredths += 1
    return Decimal(hundredths).scaleb(-2)


def _score(code: str, groups: tuple[Any, ...], levels: Mapping[str, int | None]) -> LensScore:
    group_scores = []
    means: list[tuple[int, int, int]] = []  # (group weight, weighted, total)
    for group_code, group_weight, indicators in groups:
        total = weighted = 0
        for indicator, weight in indicators:
            level = levels.get(indicator, 0)
            if level is not None:
                total += weight
                weighted += weight * level
        if total:
            means.append((group_weight, weighted, total))
            group_scores.append(LensGroupScore(group_code, _half_up(weighted, total)))
        else:
            group_scores.append(LensGroupScore(group_code, None))
    index = None
    if means:
        common = math.lcm(*(total for _, _, total in means))
        numerator = sum(w * weighted * (common // total) for w, weighted, total in means)
        index = _half_up(numerator, common * sum(w for w, _, _ in means))
    return LensScore(code=code, index=index, groups=tuple(group_scores))


def score_lens(
    rules: FrameworkRules, lens: LensRule, levels: Mapping[str, int | None]
) -> LensScore:
    """One lens scored from one track's levels (a missing code is no data, 0; None is not
    applicable). Exact: a group's mean is weighted / total in whole numbers, and the index adds
    the groups' means over a common denominator, so nothing is rounded before the reported
    figures."""
    return score_lenses(rules, (lens,), levels)[0]


def score_lenses(
    rules: FrameworkRules, lenses: Sequence[LensRule], levels: Mapping[str, int | None]
) -> list[LensScore]:
    """Every lens of a framework, in its order."""
    return [_score(code, groups, levels) for code, groups in _plan(rules, lenses)]
