"""The roadmap's fewest steps (maturity.scoring.roadmap) against brute force on small random
frameworks, and applying its steps reaches the target level."""

from __future__ import annotations

import itertools
from decimal import Decimal
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from maturity.scoring.calculation import (
    ElementRule,
    FrameworkRules,
    IndicatorRule,
    ThemeRule,
    score_track,
)
from maturity.scoring.roadmap import exact_index, index_needed, roadmap, unit_steps

KINDS = ("quantitative", "rubric", "binary")


@st.composite
def tracks(draw: st.DrawFn) -> tuple[FrameworkRules, dict[str, int | None]]:
    """A framework of up to five indicators and one track's levels on it."""
    element_count = draw(st.integers(1, 2))
    elements = [
        ElementRule(f"E{e}", Decimal(draw(st.integers(1, 3)))) for e in range(element_count)
    ]
    themes = []
    indicators = []
    levels: dict[str, int | None] = {}
    for element in elements:
        for t in range(draw(st.integers(1, 2))):
            theme = ThemeRule(f"{element.code}T{t}", element.code, Decimal(draw(st.integers(1, 3))))
            themes.append(theme)
            for i in range(draw(st.integers(1, 2))):
                if len(indicators) == 5:
                    break
                code = f"{theme.code}I{i}"
                kind = draw(st.sampled_from(KINDS))
                yes_level = draw(st.integers(3, 5)) if kind == "binary" else 5
                no_level = draw(st.integers(1, 2)) if kind == "binary" else 1
                indicators.append(
                    IndicatorRule(
                        code=code,
                        theme=theme.code,
                        kind=kind,
                        weight=Decimal(draw(st.integers(1, 3))),
                        direction="higher" if kind == "quantitative" else None,
                        thresholds=(1, 2, 3, 4) if kind == "quantitative" else (),
                        yes_level=yes_level,
                        no_level=no_level,
                    )
                )
                if kind == "binary":
                    levels[code] = draw(st.sampled_from([0, no_level, yes_level, None]))
                else:
                    levels[code] = draw(st.sampled_from([0, 1, 2, 3, 4, 5, None]))
    bands = sorted(draw(st.sets(st.integers(100, 480), min_size=4, max_size=4)))
    rules = FrameworkRules(
        elements=tuple(elements),
        themes=tuple(themes),
        indicators=tuple(indicators),
        index_bands=tuple(Decimal(b) / 100 for b in bands),  # type: ignore[arg-type]
    )
    return rules, levels


def fewest_steps_by_brute_force(
    rules: FrameworkRules, levels: dict[str, int | None], target: int
) -> int | None:
    choices = []
    for indicator in rules.indicators:
        level = levels.get(indicator.code, 0)
        if level is None:
            choices.append([(None, 0)])
        elif indicator.kind == "binary":
            options = [(level, 0)]
            if level < indicator.yes_level:
                options.append((indicator.yes_level, 1))
            choices.append(options)
        else:
            choices.append([(to, to - level) for to in range(level, 6)])
    best = None
    for combination in itertools.product(*choices):
        cost = sum(c for _, c in combination)
        if best is not None and cost >= best:
            continue
        after = {i.code: lvl for i, (lvl, _) in zip(rules.indicators, combination, strict=True)}
        reached = score_track(rules, after).level
        if reached is not None and reached >= target:
            best = cost
    return best


@settings(max_examples=150, deadline=None)
@given(tracks())
def test_the_roadmap_takes_the_fewest_steps_brute_force_finds(track):
    rules, levels = track
    for target in roadmap(rules, levels):
        fewest = fewest_steps_by_brute_force(rules, levels, target.level)
        assert target.reachable == (fewest is not None)
        if target.reachable:
            assert sum(step.count for step in target.steps) == fewest


@settings(max_examples=150, deadline=None)
@given(tracks())
def test_applying_the_steps_reaches_the_target_level(track):
    rules, levels = track
    current = score_track(rules, levels).level
    targets = roadmap(rules, levels)
    if current is not None:
        assert [t.level for t in targets] == list(range(current + 1, 6))
    for target in targets:
        if not target.reachable:
            continue
        after = dict(levels)
        for step in target.steps:
            assert after.get(step.indicator, 0) == step.from_level
            after[step.indicator] = step.to_level
        scored = score_track(rules, after)
        assert scored.level is not None and scored.level >= target.level
        assert scored.index == target.index_after


@settings(max_examples=100, deadline=None)
@given(tracks())
def test_each_step_adds_its_gain_to_the_exact_index(track):
    rules, levels = track
    for step in unit_steps(rules, levels):
        before = {**levels, step.indicator: step.from_level}
        after = {**levels, step.indicator: step.to_level}
        assert exact_index(rules, after) - exact_index(rules, before) == step.gain
        exact = score_track(rules, after).index_exact  # 50 significant digits
        assert abs(exact_index(rules, after) - Fraction(exact)) < Fraction(1, 10**40)


def test_the_reported_index_reaches_a_bound_half_a_hundredth_below_it():
    assert index_needed(Decimal("2.60")) == Fraction(2595, 1000)
    assert index_needed(Decimal("1.8")) == Fraction(1795, 1000)


def test_the_worked_example_needs_one_rubric_level_and_one_yes_to_reach_m4():
    """SCORING.md §7 scores 3.06 (M3); M4 needs 3.50."""
    rules = FrameworkRules(
        elements=(ElementRule("E1"), ElementRule("E2"), ElementRule("E3")),
        themes=(
            ThemeRule("EDU", "E1"),
            ThemeRule("HEA", "E1"),
            ThemeRule("WAT", "E2"),
            ThemeRule("SAF", "E2"),
            ThemeRule("GOV", "E3"),
        ),
        indicators=(
            IndicatorRule("EDU-1", "EDU", "quantitative", 1, "higher", (20, 40, 60, 80)),
            IndicatorRule("EDU-2", "EDU", "rubric", 2),
            IndicatorRule("HEA-1", "HEA", "quantitative", 1, "lower", (5, 10, 15, 20)),
            IndicatorRule("HEA-2", "HEA", "binary"),
            IndicatorRule("WAT-1", "WAT", "quantitative", 1, "higher", (50, 70, 85, 95)),
            IndicatorRule("WAT-2", "WAT", "quantitative", 1, "higher", (1, 2, 3, 4)),
            IndicatorRule("SAF-1", "SAF", "rubric"),
            IndicatorRule("SAF-2", "SAF", "rubric"),
            IndicatorRule("GOV-1", "GOV", "rubric"),
            IndicatorRule("GOV-2", "GOV", "binary"),
        ),
    )
    levels: dict[str, int | None] = {
        "EDU-1": 4,
        "EDU-2": 3,
        "HEA-1": 3,
        "HEA-2": 5,
        "WAT-1": 5,
        "WAT-2": None,
        "SAF-1": 0,
        "SAF-2": 2,
        "GOV-1": 4,
        "GOV-2": 1,
    }
    m4 = roadmap(rules, levels)[0]
    assert m4.level == 4 and m4.reachable
    # GOV-2 no → yes gains (5 − 1)/6 = 0.67 alone: 3.06 → 3.72.
    assert [(s.indicator, s.from_level, s.to_level) for s in m4.steps] == [("GOV-2", 1, 5)]
    assert m4.index_after == Decimal("3.72")
