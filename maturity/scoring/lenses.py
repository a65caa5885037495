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

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from maturity.scoring.calculation import FrameworkRules, round_half_up

_PLACES = 2


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


def _rounded(value: Fraction) -> Decimal:
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return round_half_up(exact, _PLACES)


def group_indicators(
    rules: FrameworkRules, themes: Iterable[str], indicators: Iterable[str]
) -> tuple[str, ...]:
    """The indicator codes of whole ``themes`` and single ``indicators``, in framework order,
    each once."""
    wanted_themes = set(themes)
    wanted = set(indicators)
    return tuple(i.code for i in rules.indicators if i.theme in wanted_themes or i.code in wanted)


def score_lens(
    rules: FrameworkRules, lens: LensRule, levels: Mapping[str, int | None]
) -> LensScore:
    """One lens scored from one track's levels (a missing code is no data, 0; None is not
    applicable)."""
    weight_of = {i.code: Fraction(i.weight) for i in rules.indicators}
    exact: list[tuple[LensGroupRule, Fraction | None]] = []
    for group in lens.groups:
        total = Fraction(0)
        weighted = Fraction(0)
        for code in group.indicators:
            level = levels.get(code, 0)
            if level is None:
                continue
            total += weight_of[code]
            weighted += weight_of[code] * level
        exact.append((group, weighted / total if total else None))
    scored = [(Fraction(g.weight), s) for g, s in exact if s is not None]
    index_weight = sum((w for w, _ in scored), Fraction(0))
    index = sum((w * s for w, s in scored), Fraction(0)) / index_weight if index_weight else None
    return LensScore(
        code=lens.code,
        index=None if index is None else _rounded(index),
        groups=tuple(LensGroupScore(g.code, None if s is None else _rounded(s)) for g, s in exact),
    )


def score_lenses(
    rules: FrameworkRules, lenses: Sequence[LensRule], levels: Mapping[str, int | None]
) -> list[LensScore]:
    """Every lens of a framework, in its order."""
    return [score_lens(rules, lens, levels) for lens in lenses]
