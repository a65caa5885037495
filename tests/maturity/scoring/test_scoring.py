"""The scoring contract (docs SCORING.md), checked on maturity.scoring directly.

Scoring is pure, so these tests need no database: worked example, edge cases of rounding, bands,
thresholds and completeness, the verified track, and property tests for its invariants.
"""

from __future__ import annotations

import json
from decimal import Context, Decimal, getcontext
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from maturity.scoring.calculation import (
    DEFAULT_INDEX_BANDS,
    AnswerInput,
    ElementRule,
    FrameworkRules,
    IndicatorRule,
    ReviewInput,
    ScoreItem,
    ScoreResult,
    ThemeRule,
    TrackScore,
    completeness,
    indicator_level,
    maturity_level,
    round_half_up,
    score_assessment,
    score_track,
    self_levels,
    verified_levels,
)

D = Decimal

LEVEL_NAMES = {
    1: {"id": "M1 Pratama (Perunggu)", "en": "M1 Initial (Bronze)"},
    2: {"id": "M2 Muda (Perak)", "en": "M2 Developing (Silver)"},
    3: {"id": "M3 Madya (Emas)", "en": "M3 Intermediate (Gold)"},
    4: {"id": "M4 Utama (Platinum)", "en": "M4 Advanced (Platinum)"},
    5: {"id": "M5 Paripurna (Berlian)", "en": "M5 Complete (Diamond)"},
}

BOUNDED = settings(max_examples=60, deadline=None)


def answered(value: Decimal | int | bool) -> AnswerInput:
    return AnswerInput("answered", value)


NOT_APPLICABLE = AnswerInput("not_applicable")
NO_DATA = AnswerInput("no_data")


def quantitative(
    code: str, theme: str, direction: str, thresholds: tuple[int, ...], weight: int = 1
) -> IndicatorRule:
    return IndicatorRule(
        code,
        theme,
        "quantitative",
        weight=D(weight),
        direction=direction,
        thresholds=tuple(D(t) for t in thresholds),
    )


# --------------------------------------------------------------------------- worked example (§7)


def worked_example_rules() -> FrameworkRules:
    return FrameworkRules(
        elements=(ElementRule("E1"), ElementRule("E2"), ElementRule("E3")),
        themes=(
            ThemeRule("EDU", "E1"),
            ThemeRule("HEA", "E1"),
            ThemeRule("WAT", "E2"),
            ThemeRule("SAF", "E2"),
            ThemeRule("GOV", "E3"),
        ),
        indicators=(
            quantitative("EDU-1", "EDU", "higher", (20, 40, 60, 80)),
            IndicatorRule("EDU-2", "EDU", "rubric", weight=D(2)),
            quantitative("HEA-1", "HEA", "lower", (5, 10, 15, 20)),
            IndicatorRule("HEA-2", "HEA", "binary"),
            quantitative("WAT-1", "WAT", "higher", (50, 70, 85, 95)),
            quantitative("WAT-2", "WAT", "higher", (1, 2, 3, 4)),
            IndicatorRule("SAF-1", "SAF", "rubric"),
            IndicatorRule("SAF-2", "SAF", "rubric"),
            IndicatorRule("GOV-1", "GOV", "rubric"),
            IndicatorRule("GOV-2", "GOV", "binary"),
        ),
        level_names=LEVEL_NAMES,
    )


WORKED_ANSWERS = {
    "EDU-1": answered(D(65)),
    "EDU-2": answered(3),
    "HEA-1": answered(D(12)),
    "HEA-2": answered(True),
    "WAT-1": answered(D(95)),
    "WAT-2": NOT_APPLICABLE,
    "SAF-1": NO_DATA,
    "SAF-2": answered(2),
    "GOV-1": answered(4),
    "GOV-2": answered(False),
}


def worked_example(
    *, verified: bool = False, reviews: dict[str, ReviewInput] | None = None, language: str = "id"
) -> ScoreResult:
    return score_assessment(
        worked_example_rules(),
        WORKED_ANSWERS,
        reviews or {},
        verified=verified,
        language=language,
    )


def scores(items: tuple[ScoreItem, ...]) -> dict[str, str | None]:
    return {item.code: None if item.score is None else str(item.score) for item in items}


def test_worked_example_indicator_levels() -> None:
    track = worked_example().self

    assert {item.code: item.level for item in track.indicators} == {
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


def test_worked_example_theme_scores() -> None:
    assert scores(worked_example().self.themes) == {
        "EDU": "3.33",
        "HEA": "4.00",
        "WAT": "5.00",
        "SAF": "1.00",
        "GOV": "2.50",
    }


def test_worked_example_element_scores() -> None:
    assert scores(worked_example().self.elements) == {"E1": "3.67", "E2": "3.00", "E3": "2.50"}


def test_worked_example_index_is_3_06_at_level_3() -> None:
    track = worked_example().self

    assert track.index == D("3.06")
    assert track.index_exact == Context(prec=50).divide(D(55), D(18))
    assert track.level == 3
    assert track.level_name == "M3 Madya (Emas)"


def test_worked_example_to_dict_matches_the_api_shape() -> None:
    result = worked_example()

    assert result.to_dict() == {
        "completeness": "100.0",
        "self": {
            "index": "3.06",
            "level": 3,
            "level_name": "M3 Madya (Emas)",
            "elements": [
                {"code": "E1", "score": "3.67"},
                {"code": "E2", "score": "3.00"},
                {"code": "E3", "score": "2.50"},
            ],
            "themes": [
                {"code": "EDU", "score": "3.33"},
                {"code": "HEA", "score": "4.00"},
                {"code": "WAT", "score": "5.00"},
                {"code": "SAF", "score": "1.00"},
                {"code": "GOV", "score": "2.50"},
            ],
            "indicators": [
                {"code": "EDU-1", "level": 4},
                {"code": "EDU-2", "level": 3},
                {"code": "HEA-1", "level": 3},
                {"code": "HEA-2", "level": 5},
                {"code": "WAT-1", "level": 5},
                {"code": "WAT-2", "level": None},
                {"code": "SAF-1", "level": 0},
                {"code": "SAF-2", "level": 2},
                {"code": "GOV-1", "level": 4},
                {"code": "GOV-2", "level": 1},
            ],
        },
        "verified": None,
        "gap": None,
    }


def test_level_name_is_given_in_the_asked_language() -> None:
    assert worked_example(language="en").self.level_name == "M3 Intermediate (Gold)"


def test_level_name_falls_back_to_bahasa_indonesia() -> None:
    assert worked_example(language="fr").self.level_name == "M3 Madya (Emas)"


def test_score_result_round_trips_through_json() -> None:
    result = worked_example(verified=True, reviews={"GOV-1": ReviewInput(verified_level=2)})

    stored = json.loads(json.dumps(result.to_dict(include_exact=True)))

    assert ScoreResult.from_dict(stored) == result


def test_snapshot_without_exact_index_reads_back_the_rounded_index() -> None:
    track = TrackScore.from_dict(json.loads(json.dumps(worked_example().self.to_dict())))

    assert track.index == track.index_exact == D("3.06")
    assert track.to_dict() == worked_example().self.to_dict()


def test_outputs_keep_the_presentation_order_of_the_rules() -> None:
    rules = worked_example_rules()
    reordered = FrameworkRules(
        elements=rules.elements[::-1], themes=rules.themes[::-1], indicators=rules.indicators[::-1]
    )

    track = score_track(reordered, self_levels(reordered, WORKED_ANSWERS))

    assert [item.code for item in track.elements] == ["E3", "E2", "E1"]
    assert [item.code for item in track.themes] == ["GOV", "SAF", "WAT", "HEA", "EDU"]
    assert [item.code for item in track.indicators][:2] == ["GOV-2", "GOV-1"]


def test_scoring_leaves_the_global_decimal_context_alone() -> None:
    before = (getcontext().prec, getcontext().rounding)

    worked_example(verified=True)

    assert (getcontext().prec, getcontext().rounding) == before


# --------------------------------------------------------------------------- rounding and bands


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        ("3.055", 2, "3.06"),
        ("2.345", 2, "2.35"),
        ("3.0549", 2, "3.05"),
        ("3.0555555555555555555555555555555555555555555555556", 2, "3.06"),
        ("6.25", 1, "6.3"),
        ("-0.125", 2, "-0.13"),
        ("4", 2, "4.00"),
    ],
)
def test_round_half_up(value: str, places: int, expected: str) -> None:
    assert str(round_half_up(D(value), places)) == expected


def one_theme_rules(
    weights: tuple[str, ...],
    index_bands: tuple[Decimal, Decimal, Decimal, Decimal]
    | tuple[float, ...] = DEFAULT_INDEX_BANDS,
) -> FrameworkRules:
    return FrameworkRules(
        elements=(ElementRule("E1"),),
        themes=(ThemeRule("T1", "E1"),),
        indicators=tuple(
            IndicatorRule(f"T1-{n}", "T1", "rubric", weight=D(weight))
            for n, weight in enumerate(weights)
        ),
        index_bands=index_bands,  # type: ignore[arg-type]
    )


@pytest.mark.parametrize(
    ("levels", "weights", "exact", "reported", "level"),
    [
        ((4, 3), ("0.055", "0.945"), "3.055", "3.06", 3),
        ((3, 2), ("0.345", "0.655"), "2.345", "2.35", 2),
        ((4, 3), ("0.0549", "0.9451"), "3.0549", "3.05", 3),
        ((2, 1), ("0.795", "0.205"), "1.795", "1.80", 2),
        ((5, 4), ("0.1999", "0.8001"), "4.1999", "4.20", 5),
        ((4, 3), ("0.4949", "0.5051"), "3.4949", "3.49", 3),
    ],
)
def test_index_is_rounded_half_up_and_the_level_decided_on_the_rounded_index(
    levels: tuple[int, int], weights: tuple[str, str], exact: str, reported: str, level: int
) -> None:
    rules = one_theme_rules(weights)

    track = score_track(rules, {"T1-0": levels[0], "T1-1": levels[1]})

    assert track.index_exact == D(exact)
    assert str(track.index) == reported
    assert str(track.themes[0].score) == str(track.elements[0].score) == reported
    assert track.level == level


@pytest.mark.parametrize(
    ("index", "level"),
    [
        ("0.00", 1),
        ("1.79", 1),
        ("1.80", 2),
        ("2.59", 2),
        ("2.60", 3),
        ("3.49", 3),
        ("3.50", 4),
        ("4.19", 4),
        ("4.20", 5),
        ("5.00", 5),
    ],
)
def test_every_band_boundary_of_the_default_bands(index: str, level: int) -> None:
    rules = one_theme_rules(("1",))

    assert maturity_level(D(index), rules.index_bands) == level


def test_framework_bands_decide_the_level() -> None:
    rules = one_theme_rules(("1",), index_bands=(D(1), D(2), D(3), D(4)))

    assert score_track(rules, {"T1-0": 2}).level == 3


def test_float_framework_numbers_are_read_as_written() -> None:
    rule = IndicatorRule(
        "X-1",
        "X",
        "quantitative",
        direction="higher",
        thresholds=(0.1, 0.2, 0.3, 0.4),  # type: ignore[arg-type]
    )
    rules = one_theme_rules(("1",), index_bands=(1.8, 2.6, 3.5, 4.2))

    assert indicator_level(rule, answered(D("0.1"))) == 2
    assert maturity_level(D("1.80"), rules.index_bands) == 2


# --------------------------------------------------------------------------- answers to levels


@pytest.mark.parametrize(
    ("value", "level"),
    [("0", 1), ("19.99", 1), ("20", 2), ("40", 3), ("59.999", 3), ("60", 4), ("80", 5), ("100", 5)],
)
def test_equal_threshold_earns_better_level_when_higher_is_better(value: str, level: int) -> None:
    rule = quantitative("EDU-1", "EDU", "higher", (20, 40, 60, 80))

    assert indicator_level(rule, answered(D(value))) == level


@pytest.mark.parametrize(
    ("value", "level"),
    [("0", 5), ("5", 5), ("5.01", 4), ("10", 4), ("15", 3), ("20", 2), ("20.01", 1), ("99", 1)],
)
def test_equal_threshold_earns_better_level_when_lower_is_better(value: str, level: int) -> None:
    rule = quantitative("HEA-1", "HEA", "lower", (5, 10, 15, 20))

    assert indicator_level(rule, answered(D(value))) == level


def test_quantitative_answer_may_be_an_integer() -> None:
    rule = quantitative("EDU-1", "EDU", "higher", (20, 40, 60, 80))

    assert indicator_level(rule, answered(65)) == 4


def test_binary_defaults_to_five_for_yes_and_one_for_no() -> None:
    rule = IndicatorRule("B-1", "X", "binary")

    assert indicator_level(rule, answered(True)) == 5
    assert indicator_level(rule, answered(False)) == 1


def test_binary_uses_the_frameworks_yes_and_no_levels() -> None:
    rule = IndicatorRule("B-1", "X", "binary", yes_level=4, no_level=0)

    assert indicator_level(rule, answered(True)) == 4
    assert indicator_level(rule, answered(False)) == 0


@pytest.mark.parametrize("answer", [None, NO_DATA])
def test_unanswered_and_no_data_give_level_zero(answer: AnswerInput | None) -> None:
    assert indicator_level(IndicatorRule("R-1", "X", "rubric"), answer) == 0


def test_not_applicable_gives_no_level() -> None:
    assert indicator_level(IndicatorRule("R-1", "X", "rubric"), NOT_APPLICABLE) is None


@pytest.mark.parametrize("value", [0, 6, True, None, D("2.5")])
def test_rubric_answer_outside_one_to_five_is_refused(value: object) -> None:
    with pytest.raises(ValueError, match="R-1"):
        indicator_level(IndicatorRule("R-1", "X", "rubric"), answered(value))  # type: ignore[arg-type]


def test_binary_answer_must_be_yes_or_no() -> None:
    with pytest.raises(ValueError, match="B-1"):
        indicator_level(IndicatorRule("B-1", "X", "binary"), answered(1))


def test_quantitative_rule_needs_four_ascending_thresholds() -> None:
    with pytest.raises(ValueError, match="thresholds"):
        quantitative("Q-1", "X", "higher", (20, 20, 60, 80))


def test_rules_refuse_an_indicator_of_an_unknown_theme() -> None:
    with pytest.raises(ValueError, match="unknown theme"):
        FrameworkRules(
            elements=(ElementRule("E1"),),
            themes=(ThemeRule("T1", "E1"),),
            indicators=(IndicatorRule("X-1", "T2", "rubric"),),
        )


def test_weights_must_be_positive() -> None:
    with pytest.raises(ValueError, match="positive"):
        ThemeRule("T1", "E1", weight=D(0))


# --------------------------------------------------------------------------- aggregation


def test_unanswered_indicator_counts_as_zero_in_its_theme() -> None:
    rules = one_theme_rules(("1", "1"))

    track = score_track(rules, self_levels(rules, {"T1-0": answered(4)}))

    assert [item.level for item in track.indicators] == [4, 0]
    assert track.themes[0].score == D("2.00")


def test_score_track_counts_a_level_missing_from_its_input_as_no_data() -> None:
    track = score_track(one_theme_rules(("1", "1")), {"T1-0": 5})

    assert [item.level for item in track.indicators] == [5, 0]
    assert track.index == D("2.50")


def test_all_not_applicable_theme_is_left_out_of_its_element() -> None:
    answers = {**WORKED_ANSWERS, "SAF-1": NOT_APPLICABLE, "SAF-2": NOT_APPLICABLE}

    track = score_track(worked_example_rules(), self_levels(worked_example_rules(), answers))

    assert scores(track.themes)["SAF"] is None
    assert scores(track.elements)["E2"] == "5.00"
    # (11/3 + 5 + 5/2) / 3 = 67/18 = 3.7222...
    assert track.index == D("3.72")


def test_element_without_scored_themes_is_left_out_of_the_index() -> None:
    answers = {**WORKED_ANSWERS, "GOV-1": NOT_APPLICABLE, "GOV-2": NOT_APPLICABLE}

    track = score_track(worked_example_rules(), self_levels(worked_example_rules(), answers))

    assert scores(track.elements)["E3"] is None
    # (11/3 + 3) / 2 = 10/3
    assert track.index == D("3.33")
    assert track.level == 3


def test_no_index_and_no_level_when_every_indicator_is_not_applicable() -> None:
    rules = worked_example_rules()
    answers = {rule.code: NOT_APPLICABLE for rule in rules.indicators}

    track = score_track(rules, self_levels(rules, answers))

    assert (track.index, track.index_exact, track.level, track.level_name) == (None,) * 4
    assert track.to_dict()["index"] is None
    assert all(item.score is None for item in track.elements + track.themes)


def test_weights_of_themes_and_elements_count() -> None:
    rules = worked_example_rules()
    weighted = FrameworkRules(
        elements=(ElementRule("E1", weight=D(2)), *rules.elements[1:]),
        themes=(ThemeRule("EDU", "E1", weight=D(3)), *rules.themes[1:]),
        indicators=rules.indicators,
    )

    track = score_track(weighted, self_levels(weighted, WORKED_ANSWERS))

    # E1 = (3 * 10/3 + 4) / 4 = 7/2; index = (2 * 7/2 + 3 + 5/2) / 4 = 25/8 = 3.125
    assert scores(track.elements)["E1"] == "3.50"
    assert track.index_exact == D("3.125")
    assert track.index == D("3.13")


# --------------------------------------------------------------------------- completeness (§6)


def completeness_rules(required: int, optional: int = 0) -> FrameworkRules:
    indicators = [IndicatorRule(f"R-{n}", "T1", "rubric") for n in range(required)]
    indicators += [IndicatorRule(f"O-{n}", "T1", "rubric", required=False) for n in range(optional)]
    return FrameworkRules(
        elements=(ElementRule("E1"),),
        themes=(ThemeRule("T1", "E1"),),
        indicators=tuple(indicators),
    )


def test_completeness_counts_every_status_as_answered() -> None:
    rules = completeness_rules(3)
    answers = {"R-0": answered(3), "R-1": NOT_APPLICABLE, "R-2": NO_DATA}

    assert str(completeness(rules, answers)) == "100.0"


def test_unanswered_indicator_is_missing_in_completeness() -> None:
    rules = completeness_rules(3)

    assert str(completeness(rules, {"R-0": answered(3), "R-1": NO_DATA})) == "66.7"


def test_completeness_ignores_optional_indicators() -> None:
    rules = completeness_rules(2, optional=2)

    assert str(completeness(rules, {"R-0": NO_DATA, "R-1": answered(1)})) == "100.0"
    assert str(completeness(rules, {"R-0": NO_DATA, "O-0": answered(1)})) == "50.0"


@pytest.mark.parametrize(
    ("required", "answered_count", "expected"),
    [(3, 1, "33.3"), (6, 1, "16.7"), (16, 1, "6.3"), (8, 1, "12.5"), (7, 0, "0.0")],
)
def test_completeness_has_one_decimal_rounded_half_up(
    required: int, answered_count: int, expected: str
) -> None:
    rules = completeness_rules(required)
    answers = {f"R-{n}": answered(2) for n in range(answered_count)}

    assert str(completeness(rules, answers)) == expected


def test_completeness_is_full_without_required_indicators() -> None:
    assert str(completeness(completeness_rules(0, optional=2), {})) == "100.0"


def test_answers_to_unknown_indicators_are_ignored() -> None:
    rules = completeness_rules(2)

    assert str(completeness(rules, {"R-0": answered(1), "ZZZ": answered(1)})) == "50.0"
    assert self_levels(rules, {"ZZZ": answered(1)}) == {"R-0": 0, "R-1": 0}


# --------------------------------------------------------------------------- verified track (§3)


def test_verified_track_is_absent_until_asked_for() -> None:
    result = worked_example(verified=False, reviews={"GOV-1": ReviewInput(verified_level=1)})

    assert result.verified is None
    assert result.gap is None


def test_reviewer_level_wins() -> None:
    levels = verified_levels(
        worked_example_rules(),
        WORKED_ANSWERS,
        {"EDU-1": ReviewInput(verified_level=2), "SAF-1": ReviewInput(verified_level=3)},
    )

    assert (levels["EDU-1"], levels["SAF-1"]) == (2, 3)


def test_reviewer_may_verify_level_zero() -> None:
    levels = verified_levels(
        worked_example_rules(), WORKED_ANSWERS, {"GOV-1": ReviewInput(verified_level=0)}
    )

    assert levels["GOV-1"] == 0


def test_accepted_not_applicable_removes_the_indicator() -> None:
    result = worked_example(verified=True, reviews={"SAF-1": ReviewInput(not_applicable=True)})

    assert result.verified is not None
    assert {i.code: i.level for i in result.verified.indicators}["SAF-1"] is None
    assert scores(result.verified.themes)["SAF"] == "2.00"


def test_reviewer_may_score_an_indicator_the_region_called_not_applicable() -> None:
    result = worked_example(verified=True, reviews={"WAT-2": ReviewInput(verified_level=1)})

    assert result.verified is not None
    assert scores(result.verified.themes)["WAT"] == "3.00"


def test_no_decision_keeps_the_self_level() -> None:
    rules = worked_example_rules()
    no_decision = {rule.code: ReviewInput() for rule in rules.indicators}

    result = score_assessment(rules, WORKED_ANSWERS, no_decision, verified=True)

    assert verified_levels(rules, WORKED_ANSWERS, no_decision) == self_levels(rules, WORKED_ANSWERS)
    assert result.verified is not None
    assert result.verified.to_dict() == result.self.to_dict()
    assert result.gap is not None
    assert result.gap.index == D("0.00")


def test_gap_is_self_minus_verified_on_the_reported_figures() -> None:
    result = worked_example(verified=True, reviews={"GOV-1": ReviewInput(verified_level=2)})

    # verified: GOV = E3 = 1.50, index = (11/3 + 3 + 3/2) / 3 = 2.7222... -> 2.72;
    # the exact difference 0.3333... would round to 0.33, the reported figures give 0.34.
    assert result.verified is not None
    assert result.verified.index == D("2.72")
    assert result.gap is not None
    assert result.gap.to_dict() == {
        "index": "0.34",
        "elements": [
            {"code": "E1", "score": "0.00"},
            {"code": "E2", "score": "0.00"},
            {"code": "E3", "score": "1.00"},
        ],
        "themes": [
            {"code": "EDU", "score": "0.00"},
            {"code": "HEA", "score": "0.00"},
            {"code": "WAT", "score": "0.00"},
            {"code": "SAF", "score": "0.00"},
            {"code": "GOV", "score": "1.00"},
        ],
    }


def test_gap_is_none_where_either_side_has_no_score() -> None:
    reviews = {"GOV-1": ReviewInput(not_applicable=True), "GOV-2": ReviewInput(not_applicable=True)}

    result = worked_example(verified=True, reviews=reviews)

    assert result.gap is not None
    assert scores(result.gap.elements)["E3"] is None
    assert scores(result.gap.themes)["GOV"] is None
    # verified index = (11/3 + 3) / 2 = 3.33
    assert result.gap.index == D("-0.27")


def test_review_is_either_a_level_or_not_applicable() -> None:
    with pytest.raises(ValueError, match="not both"):
        ReviewInput(verified_level=3, not_applicable=True)


# --------------------------------------------------------------------------- properties

weights = st.decimals(min_value=D("0.01"), max_value=D(50), places=2)
levels_or_na = st.one_of(st.none(), st.integers(0, 5))
threshold_sets = st.lists(
    st.decimals(min_value=-1000, max_value=1000, places=1),
    min_size=4,
    max_size=4,
    unique=True,
).map(lambda values: tuple(sorted(values)))
quantities = st.decimals(min_value=-2000, max_value=2000, places=2)


@st.composite
def indicator_rules(draw: st.DrawFn, code: str, theme: str) -> IndicatorRule:
    kind = draw(st.sampled_from(("quantitative", "rubric", "binary")))
    weight = draw(weights)
    if kind == "quantitative":
        direction = draw(st.sampled_from(("higher", "lower")))
        thresholds = draw(threshold_sets)
        return IndicatorRule(code, theme, kind, weight, direction=direction, thresholds=thresholds)
    if kind == "binary":
        return IndicatorRule(
            code,
            theme,
            kind,
            weight,
            yes_level=draw(st.integers(0, 5)),
            no_level=draw(st.integers(0, 5)),
        )
    return IndicatorRule(code, theme, kind, weight, required=draw(st.booleans()))


@st.composite
def frameworks(draw: st.DrawFn) -> FrameworkRules:
    elements = [ElementRule(f"E{n}", draw(weights)) for n in range(draw(st.integers(1, 3)))]
    themes: list[ThemeRule] = []
    indicators: list[IndicatorRule] = []
    for element in elements:
        for t in range(draw(st.integers(1, 3))):
            theme = ThemeRule(f"{element.code}T{t}", element.code, draw(weights))
            themes.append(theme)
            for n in range(draw(st.integers(1, 4))):
                indicators.append(draw(indicator_rules(f"{theme.code}-{n}", theme.code)))
    return FrameworkRules(
        tuple(elements), tuple(themes), tuple(indicators), level_names=LEVEL_NAMES
    )


@st.composite
def answers_for(draw: st.DrawFn, rules: FrameworkRules) -> dict[str, AnswerInput]:
    answers = {}
    for rule in rules.indicators:
        status = draw(st.sampled_from(("answered", "answered", "not_applicable", "no_data", None)))
        if status is None:
            continue
        if status != "answered":
            answers[rule.code] = AnswerInput(status)
        elif rule.kind == "quantitative":
            value = draw(st.one_of(st.sampled_from(rule.thresholds), quantities))
            answers[rule.code] = answered(value)
        elif rule.kind == "rubric":
            answers[rule.code] = answered(draw(st.integers(1, 5)))
        else:
            answers[rule.code] = answered(draw(st.booleans()))
    return answers


@st.composite
def assessments(
    draw: st.DrawFn,
) -> tuple[FrameworkRules, dict[str, AnswerInput], dict[str, ReviewInput]]:
    rules = draw(frameworks())
    answers = draw(answers_for(rules))
    reviews = {}
    for rule in rules.indicators:
        decision = draw(st.sampled_from(("none", "level", "not_applicable", "absent")))
        if decision == "level":
            reviews[rule.code] = ReviewInput(verified_level=draw(st.integers(0, 5)))
        elif decision == "not_applicable":
            reviews[rule.code] = ReviewInput(not_applicable=True)
        elif decision == "none":
            reviews[rule.code] = ReviewInput()
    return rules, answers, reviews


def comparable(track: TrackScore) -> dict[str, object]:
    """A track's figures keyed by code, independent of presentation order."""
    return {
        "index": track.index,
        "index_exact": track.index_exact,
        "level": track.level,
        "elements": {item.code: item.score for item in track.elements},
        "themes": {item.code: item.score for item in track.themes},
        "indicators": {item.code: item.level for item in track.indicators},
    }


@BOUNDED
@given(assessments())
def test_levels_and_scores_stay_within_zero_and_five(
    assessment: tuple[FrameworkRules, dict[str, AnswerInput], dict[str, ReviewInput]],
) -> None:
    rules, answers, reviews = assessment

    result = score_assessment(rules, answers, reviews, verified=True)

    assert result.verified is not None
    for track in (result.self, result.verified):
        assert all(item.level in {None, 0, 1, 2, 3, 4, 5} for item in track.indicators)
        for item in track.elements + track.themes:
            assert item.score is None or D(0) <= item.score <= D(5)
        if track.index is None:
            assert track.level is None
        else:
            assert track.index_exact is not None
            assert D(0) <= track.index_exact <= D(5)
            assert D(0) <= track.index <= D(5)
            assert track.level in {1, 2, 3, 4, 5}
    assert D(0) <= result.completeness <= D(100)


def quantity_level(rule: IndicatorRule, value: Decimal) -> int:
    level = indicator_level(rule, answered(value))
    assert level is not None
    return level


@BOUNDED
@given(threshold_sets, quantities, quantities)
def test_raising_a_higher_is_better_value_never_lowers_its_level(
    thresholds: tuple[Decimal, ...], first: Decimal, second: Decimal
) -> None:
    rule = IndicatorRule("Q-1", "X", "quantitative", direction="higher", thresholds=thresholds)
    low, high = sorted((first, second))

    assert quantity_level(rule, high) >= quantity_level(rule, low)


@BOUNDED
@given(threshold_sets, quantities, quantities)
def test_lowering_a_lower_is_better_value_never_lowers_its_level(
    thresholds: tuple[Decimal, ...], first: Decimal, second: Decimal
) -> None:
    rule = IndicatorRule("Q-1", "X", "quantitative", direction="lower", thresholds=thresholds)
    low, high = sorted((first, second))

    assert quantity_level(rule, low) >= quantity_level(rule, high)


@BOUNDED
@given(threshold_sets, st.integers(0, 3))
def test_equal_threshold_earns_better_level(thresholds: tuple[Decimal, ...], k: int) -> None:
    higher = IndicatorRule("Q-1", "X", "quantitative", direction="higher", thresholds=thresholds)
    lower = IndicatorRule("Q-2", "X", "quantitative", direction="lower", thresholds=thresholds)
    on = thresholds[k]
    just_below = (thresholds[k - 1] + on) / 2 if k else on - 1
    just_above = (on + thresholds[k + 1]) / 2 if k < 3 else on + 1

    assert indicator_level(higher, answered(on)) == k + 2
    assert indicator_level(higher, answered(just_below)) == k + 1
    assert indicator_level(lower, answered(on)) == 5 - k
    assert indicator_level(lower, answered(just_above)) == 4 - k


@BOUNDED
@given(st.data())
def test_not_applicable_changes_no_other_themes_score(data: st.DataObject) -> None:
    rules = data.draw(frameworks())
    answers = data.draw(answers_for(rules))
    chosen = data.draw(st.sampled_from(rules.indicators))

    before = score_track(rules, self_levels(rules, answers))
    after = score_track(rules, self_levels(rules, {**answers, chosen.code: NOT_APPLICABLE}))

    for old, new in zip(before.themes, after.themes, strict=True):
        if old.code != chosen.theme:
            assert old == new


@BOUNDED
@given(st.data())
def test_permuting_the_rules_changes_no_score(data: st.DataObject) -> None:
    rules, answers, reviews = data.draw(assessments())
    shuffled = FrameworkRules(
        elements=tuple(data.draw(st.permutations(rules.elements))),
        themes=tuple(data.draw(st.permutations(rules.themes))),
        indicators=tuple(data.draw(st.permutations(rules.indicators))),
        level_names=LEVEL_NAMES,
    )

    original = score_assessment(rules, answers, reviews, verified=True)
    permuted = score_assessment(shuffled, answers, reviews, verified=True)

    assert original.verified is not None
    assert permuted.verified is not None
    assert comparable(permuted.self) == comparable(original.self)
    assert comparable(permuted.verified) == comparable(original.verified)
    assert permuted.completeness == original.completeness


@BOUNDED
@given(assessments(), weights, weights, weights)
def test_scaling_weights_uniformly_changes_nothing(
    assessment: tuple[FrameworkRules, dict[str, AnswerInput], dict[str, ReviewInput]],
    indicator_factor: Decimal,
    theme_factor: Decimal,
    element_factor: Decimal,
) -> None:
    rules, answers, reviews = assessment
    scaled = FrameworkRules(
        elements=tuple(ElementRule(e.code, e.weight * element_factor) for e in rules.elements),
        themes=tuple(ThemeRule(t.code, t.element, t.weight * theme_factor) for t in rules.themes),
        indicators=tuple(
            IndicatorRule(
                i.code,
                i.theme,
                i.kind,
                i.weight * indicator_factor,
                i.direction,
                i.thresholds,
                i.yes_level,
                i.no_level,
                i.required,
            )
            for i in rules.indicators
        ),
        level_names=LEVEL_NAMES,
    )

    original = score_assessment(rules, answers, reviews, verified=True)

    assert score_assessment(scaled, answers, reviews, verified=True) == original


@BOUNDED
@given(assessments())
def test_reported_figures_are_the_exact_values_rounded_half_up(
    assessment: tuple[FrameworkRules, dict[str, AnswerInput], dict[str, ReviewInput]],
) -> None:
    rules, answers, _ = assessment
    track = score_track(rules, self_levels(rules, answers))
    levels = {item.code: item.level for item in track.indicators}
    by_theme: dict[str, list[IndicatorRule]] = {}
    for rule in rules.indicators:
        by_theme.setdefault(rule.theme, []).append(rule)

    for item in track.themes:
        scored = [
            (Fraction(rule.weight), level)
            for rule in by_theme.get(item.code, [])
            if (level := levels[rule.code]) is not None
        ]
        if not scored:
            assert item.score is None
            continue
        exact = sum(weight * level for weight, level in scored) / sum(w for w, _ in scored)
        hundredths, remainder = divmod(exact * 100, 1)
        expected = hundredths + (1 if remainder >= Fraction(1, 2) else 0)
        assert item.score == D(int(expected)) / 100
