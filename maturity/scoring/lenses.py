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


#: Integer weights per rules object (kept with it, so an id is never reused while cached).
_weights: dict[int, tuple[FrameworkRules, dict[str, int]]] = {}


def _integer_weights(rules: FrameworkRules) -> dict[str, int]:
    """Indicator weights scaled to whole numbers by one common factor, so a group's sums are
    integer arithmetic (its mean is the same fraction). Computed once per rules object."""
    cached = _weights.get(id(rules))
    if cached is not None and cached[0] is rules:
        return cached[1]
    weights = {i.code: Fraction(i.weight) for i in rules.indicators}
    scale = math.lcm(*(w.denominator for w in weights.values())) if weights else 1
    integers = {code: int(w * scale) for code, w in weights.items()}
    if len(_weights) > 64:  # a few framework versions are in use; never grow without bound
        _weights.clear()
    _weights[id(rules)] = (rules, integers)
    return integers


def _half_up(numerator: int, denominator: int) -> Decimal:
    """numerator / denominator to two decimals, half up, in integer arithmetic (never negative)."""
    hundredths, rest = divmod(numerator * 100, denominator)
    if 2 * rest >= denominator:
        hundredths += 1
    return Decimal(f"{hundredths // 100}.{hundredths % 100:02d}")


def score_lens(
    rules: FrameworkRules,
    lens: LensRule,
    levels: Mapping[str, int | None],
    weights: Mapping[str, int] | None = None,
) -> LensScore:
    """One lens scored from one track's levels (a missing code is no data, 0; None is not
    applicable). ``weights`` are :func:`_integer_weights`, computed once for many lenses.

    Exact: a group's mean is weighted / total in whole numbers, and the index adds the groups'
    means over a common denominator, so nothing is rounded before the reported figures.
    """
    weight_of = weights if weights is not None else _integer_weights(rules)
    group_scores = []
    means: list[tuple[Fraction, int, int]] = []  # (group weight, weighted, total)
    for group in lens.groups:
        total = weighted = 0
        for code in group.indicators:
            level = levels.get(code, 0)
            if level is not None:
                weight = weight_of[code]
                total += weight
                weighted += weight * level
        if total:
            means.append((Fraction(group.weight), weighted, total))
            group_scores.append(LensGroupScore(group.code, _half_up(weighted, total)))
        else:
            group_scores.append(LensGroupScore(group.code, None))
    index = None
    if means:
        scale = math.lcm(*(w.denominator for w, _, _ in means))
        common = math.lcm(*(total for _, _, total in means))
        numerator = sum(
            (w.numerator * scale // w.denominator) * weighted * (common // total)
            for w, weighted, total in means
        )
        denominator = common * sum(w.numerator * scale // w.denominator for w, _, _ in means)
        index = _half_up(numerator, denominator)
    return LensScore(code=lens.code, index=index, groups=tuple(group_scores))


def score_lenses(
    rules: FrameworkRules, lenses: Sequence[LensRule], levels: Mapping[str, int | None]
) -> list[LensScore]:
    """Every lens of a framework, in its order."""
    weights = _integer_weights(rules)
    return [score_lens(rules, lens, levels, weights) for lens in lenses]
