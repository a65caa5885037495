"""Lens scoring (maturity.scoring.lenses): the same levels grouped otherwise, by the same rules."""

from __future__ import annotations

import random
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from maturity.scoring.calculation import (
    ElementRule,
    FrameworkRules,
    IndicatorRule,
    ThemeRule,
    score_track,
)
from maturity.scoring.lenses import LensGroupRule, LensRule, group_indicators, score_lens


@st.composite
def one_theme_per_element(draw: st.DrawFn) -> tuple[FrameworkRules, dict[str, int | None]]:
    """Elements of one theme each (so an element's score is the weighted mean of its
    indicators), random weights, and one track's levels with some not applicable."""
    elements, themes, indicators = [], [], []
    levels: dict[str, int | None] = {}
    for e in range(draw(st.integers(1, 4))):
        element = ElementRule(f"E{e}", Decimal(draw(st.integers(1, 4))))
        theme = ThemeRule(f"T{e}", element.code, Decimal(draw(st.integers(1, 4))))
        elements.append(element)
        themes.append(theme)
        for i in range(draw(st.integers(1, 4))):
            code = f"T{e}-{i}"
            indicators.append(IndicatorRule(code, theme.code, "rubric", draw(st.integers(1, 3))))
            levels[code] = draw(st.sampled_from([None, 0, 1, 2, 3, 4, 5]))
    rules = FrameworkRules(tuple(elements), tuple(themes), tuple(indicators))
    return rules, levels


def elements_as_lens(rules: FrameworkRules) -> LensRule:
    groups = []
    for element in rules.elements:
        themes = [t.code for t in rules.themes if t.element == element.code]
        groups.append(
            LensGroupRule(element.code, group_indicators(rules, themes, ()), element.weight)
        )
    return LensRule("ELEMENTS", tuple(groups))


@settings(max_examples=200, deadline=None)
@given(one_theme_per_element())
def test_a_lens_of_the_elements_gives_the_element_scores_and_the_index(track):
    rules, levels = track
    lens = score_lens(rules, elements_as_lens(rules), levels)
    scored = score_track(rules, levels)
    assert [(g.code, g.score) for g in lens.groups] == [(e.code, e.score) for e in scored.elements]
    assert lens.index == scored.index


@settings(max_examples=200, deadline=None)
@given(one_theme_per_element(), st.randoms(use_true_random=False))
def test_permuting_the_groups_changes_nothing(track, rnd: random.Random):
    rules, levels = track
    lens = elements_as_lens(rules)
    shuffled = list(lens.groups)
    rnd.shuffle(shuffled)
    before = score_lens(rules, lens, levels)
    after = score_lens(rules, LensRule(lens.code, tuple(shuffled)), levels)
    assert after.index == before.index
    assert {g.code: g.score for g in after.groups} == {g.code: g.score for g in before.groups}


@settings(max_examples=200, deadline=None)
@given(one_theme_per_element(), st.data())
def test_a_not_applicable_indicator_drops_out_of_its_groups(track, data):
    rules, levels = track
    code = data.draw(st.sampled_from([i.code for i in rules.indicators]))
    lens = elements_as_lens(rules)
    without = LensRule(
        lens.code,
        tuple(
            LensGroupRule(g.code, tuple(c for c in g.indicators if c != code), g.weight)
            for g in lens.groups
        ),
    )
    as_not_applicable = score_lens(rules, lens, {**levels, code: None})
    left_out = score_lens(rules, without, levels)
    assert as_not_applicable == left_out


def test_an_indicator_may_sit_in_several_groups_and_a_group_of_not_applicable_has_no_score():
    rules = FrameworkRules(
        (ElementRule("E1"),),
        (ThemeRule("EDU", "E1"), ThemeRule("HEA", "E1")),
        (
            IndicatorRule("EDU-1", "EDU", "rubric", 1),
            IndicatorRule("EDU-2", "EDU", "rubric", 2),
            IndicatorRule("HEA-1", "HEA", "rubric", 1),
        ),
    )
    lens = LensRule(
        "ASCN",
        (
            LensGroupRule("CS", group_indicators(rules, ["EDU"], ["HEA-1"]), Decimal(2)),
            LensGroupRule("HW", ("HEA-1", "EDU-1")),
            LensGroupRule("QE", ("EDU-2",)),
        ),
    )
    levels = {"EDU-1": 4, "EDU-2": None, "HEA-1": 1}
    scored = score_lens(rules, lens, levels)
    # CS = (1·4 + 1·1)/2 = 2.50 (EDU-2 left out); HW = 2.50; QE has no score.
    assert [(g.code, g.score) for g in scored.groups] == [
        ("CS", Decimal("2.50")),
        ("HW", Decimal("2.50")),
        ("QE", None),
    ]
    assert scored.index == Decimal("2.50")  # (2·2.5 + 1·2.5)/3
    assert scored.to_dict()["groups"][2] == {"code": "QE", "score": None}
    nothing = score_lens(rules, LensRule("X", (LensGroupRule("QE", ("EDU-2",)),)), levels)
    assert nothing.index is None
