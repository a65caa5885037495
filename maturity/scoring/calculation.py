"""From answers and reviews to levels, scores and a maturity level (docs/SCORING.md).

This module is the scoring contract in code. It is pure: no Django, no database, no clock. The
caller turns a framework version into :class:`FrameworkRules` once, and answers and reviews into
:class:`AnswerInput` and :class:`ReviewInput`; everything else is a function of those values.

Exactness: every average is computed as an exact fraction (``fractions.Fraction``, built from the
framework's decimal weights and the integer levels), so no intermediate value is ever rounded.
Reported figures are rounded half up from the exact value; ``index_exact`` is the exact index
written as a Decimal to 50 significant digits in a local context (the global decimal context is
never touched).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Context, Decimal
from fractions import Fraction
from itertools import pairwise
from typing import Any

__all__ = [
    "DEFAULT_INDEX_BANDS",
    "AnswerInput",
    "ElementRule",
    "FrameworkRules",
    "Gap",
    "IndicatorRule",
    "LevelItem",
    "ReviewInput",
    "ScoreItem",
    "ScoreResult",
    "ThemeRule",
    "TrackScore",
    "completeness",
    "indicator_level",
    "level_name",
    "maturity_level",
    "round_half_up",
    "score_assessment",
    "score_track",
    "self_levels",
    "verified_levels",
]

KINDS = ("quantitative", "rubric", "binary")
DIRECTIONS = ("higher", "lower")
STATUSES = ("answered", "not_applicable", "no_data")
DEFAULT_LANGUAGE = "id"
DEFAULT_INDEX_BANDS: tuple[Decimal, Decimal, Decimal, Decimal] = (
    Decimal("1.80"),
    Decimal("2.60"),
    Decimal("3.50"),
    Decimal("4.20"),
)

_CONTEXT = Context(prec=50, rounding=ROUND_HALF_UP)
_LEVELS = frozenset(range(6))
_MIN_LEVEL = 0
_MAX_LEVEL = 5
_THRESHOLD_COUNT = 4
_BAND_COUNT = 4
_SCORE_PLACES = 2
_COMPLETENESS_PLACES = 1
_HUNDRED = Decimal(100)


# --------------------------------------------------------------------------- helpers


def _to_decimal(value: object, what: str) -> Decimal:
    """Read a framework or answer number as an exact Decimal.

    Floats are accepted because YAML and JSON parsers produce them, and are read through their
    shortest repr ("1.8", not 1.8000000000000000444), which is the number that was written.
    """
    if isinstance(value, bool):
        raise TypeError(f"{what}: expected a number, got a boolean")
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, float):
        result = Decimal(repr(value))
    elif isinstance(value, str):
        try:
            result = Decimal(value)
        except ArithmeticError:
            raise ValueError(f"{what}: {value!r} is not a number") from None
    else:
        raise TypeError(f"{what}: expected a number, got {type(value).__name__}")
    if not result.is_finite():
        raise ValueError(f"{what}: {value!r} is not a finite number")
    return result


def _positive_weight(value: object, what: str) -> Decimal:
    weight = _to_decimal(value, what)
    if weight <= 0:
        raise ValueError(f"{what}: weight must be positive, got {weight}")
    return weight


def _round_fraction(value: Fraction, places: int) -> Decimal:
    """Round an exact fraction to ``places`` decimals, half away from zero (SCORING.md §4)."""
    quotient, remainder = divmod(abs(value.numerator) * 10**places, value.denominator)
    if 2 * remainder >= value.denominator:
        quotient += 1
    signed = -quotient if value < 0 else quotient
    return Decimal(signed).scaleb(-places, context=_CONTEXT)


def _fraction_to_decimal(value: Fraction) -> Decimal:
    """The fraction as a Decimal of 50 significant digits (exact when it terminates sooner)."""
    return _CONTEXT.divide(Decimal(value.numerator), Decimal(value.denominator))


def round_half_up(value: Decimal, places: int) -> Decimal:
    """Round ``value`` to ``places`` decimals, half up: 3.055 → 3.06, 2.345 → 2.35.

    "Half up" is Decimal's ROUND_HALF_UP (ties away from zero), not the banker's rounding that
    Python's ``round`` does.
    """
    exponent = Decimal(1).scaleb(-places)
    return value.quantize(exponent, rounding=ROUND_HALF_UP, context=_CONTEXT)


def maturity_level(index: Decimal, bands: Iterable[Decimal]) -> int:
    """The maturity level for a (reported, rounded) index: 1 + the number of bounds b ≤ index.

    With the default bands (1.80, 2.60, 3.50, 4.20): below 1.80 → 1; 1.80-2.59 → 2;
    2.60-3.49 → 3; 3.50-4.19 → 4; 4.20 and up → 5.
    """
    return 1 + sum(1 for bound in bands if index >= _to_decimal(bound, "index band"))


def _format_decimal(value: Decimal | None) -> str | None:
    return None if value is None else format(value, "f")


def _parse_decimal(value: object, what: str) -> Decimal | None:
    return None if value is None else _to_decimal(value, what)


# --------------------------------------------------------------------------- rules


@dataclass(frozen=True)
class IndicatorRule:
    """One indicator of a framework version, as far as scoring needs it.

    ``thresholds`` are the four ascending bounds of a quantitative indicator and ``direction``
    says whether more (``higher``) or less (``lower``) is better; ``yes_level``/``no_level`` are
    the levels of a binary indicator's answers. Numbers may be given as Decimal, int, str or float
    and are stored as Decimal.
    """

    code: str
    theme: str
    kind: str
    weight: Decimal = Decimal(1)
    direction: str | None = None
    thresholds: tuple[Decimal, ...] = ()
    yes_level: int = 5
    no_level: int = 1
    required: bool = True
    evidence_required: bool = False

    def __post_init__(self) -> None:
        where = f"indicator {self.code}"
        if self.kind not in KINDS:
            raise ValueError(f"{where}: kind must be one of {KINDS}, got {self.kind!r}")
        object.__setattr__(self, "weight", _positive_weight(self.weight, where))
        thresholds = tuple(_to_decimal(t, f"{where}: threshold") for t in self.thresholds)
        object.__setattr__(self, "thresholds", thresholds)
        if self.kind == "quantitative":
            if self.direction not in DIRECTIONS:
                raise ValueError(
                    f"{where}: direction must be one of {DIRECTIONS}, got {self.direction!r}"
                )
            ascending = all(a < b for a, b in pairwise(thresholds))
            if len(thresholds) != _THRESHOLD_COUNT or not ascending:
                raise ValueError(f"{where}: thresholds must be four ascending numbers")
        for name in ("yes_level", "no_level"):
            level = getattr(self, name)
            if isinstance(level, bool) or not isinstance(level, int) or level not in _LEVELS:
                raise ValueError(f"{where}: {name} must be a level 0-5, got {level!r}")


@dataclass(frozen=True)
class ThemeRule:
    """A theme and the element it belongs to."""

    code: str
    element: str
    weight: Decimal = Decimal(1)

    def __post_init__(self) -> None:
        object.__setattr__(self, "weight", _positive_weight(self.weight, f"theme {self.code}"))


@dataclass(frozen=True)
class ElementRule:
    """A key element (elemen kunci)."""

    code: str
    weight: Decimal = Decimal(1)

    def __post_init__(self) -> None:
        object.__setattr__(self, "weight", _positive_weight(self.weight, f"element {self.code}"))


@dataclass(frozen=True)
class _Plan:
    """Index-based layout of a framework, built once per :class:`FrameworkRules`.

    Indicator weights are scaled to integers per theme (by the least common denominator of the
    theme's weights) so a theme's sums are plain integer arithmetic.
    """

    indicators: dict[str, IndicatorRule]
    indicator_rows: tuple[tuple[str, int, int], ...]  # (code, theme position, integer weight)
    theme_codes: tuple[str, ...]
    theme_elements: tuple[int, ...]  # element position of each theme
    theme_weights: tuple[Fraction, ...]
    element_codes: tuple[str, ...]
    element_weights: tuple[Fraction, ...]
    required_codes: tuple[str, ...]


@dataclass(frozen=True)
class FrameworkRules:
    """What scoring needs from one framework version.

    The order of ``elements``, ``themes`` and ``indicators`` is the presentation order and is
    kept in every output. ``level_names`` maps a level 1-5 to its names by language, e.g.
    ``{3: {"id": "M3 Madya (Emas)", "en": "M3 Intermediate (Gold)"}}``.
    """

    elements: tuple[ElementRule, ...]
    themes: tuple[ThemeRule, ...]
    indicators: tuple[IndicatorRule, ...]
    index_bands: tuple[Decimal, Decimal, Decimal, Decimal] = DEFAULT_INDEX_BANDS
    level_names: Mapping[int, Mapping[str, str]] = field(default_factory=dict)
    _plan: _Plan = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "elements", tuple(self.elements))
        object.__setattr__(self, "themes", tuple(self.themes))
        object.__setattr__(self, "indicators", tuple(self.indicators))
        bands = tuple(_to_decimal(b, "index band") for b in self.index_bands)
        ascending = all(a < b for a, b in pairwise(bands))
        in_range = all(_MIN_LEVEL <= b <= _MAX_LEVEL for b in bands)
        if len(bands) != _BAND_COUNT or not ascending or not in_range:
            raise ValueError("index_bands must be four ascending numbers within 0-5")
        object.__setattr__(self, "index_bands", bands)
        names = {int(level): dict(by_language) for level, by_language in self.level_names.items()}
        object.__setattr__(self, "level_names", names)
        object.__setattr__(self, "_plan", self._build_plan())

    def _build_plan(self) -> _Plan:
        element_position = _positions((e.code for e in self.elements), "element")
        theme_position = _positions((t.code for t in self.themes), "theme")
        indicators = {}
        for indicator in self.indicators:
            if indicator.code in indicators:
                raise ValueError(f"duplicate indicator code {indicator.code!r}")
            if indicator.theme not in theme_position:
                raise ValueError(f"indicator {indicator.code}: unknown theme {indicator.theme!r}")
            indicators[indicator.code] = indicator
        for theme in self.themes:
            if theme.element not in element_position:
                raise ValueError(f"theme {theme.code}: unknown element {theme.element!r}")

        weights = [Fraction(i.weight) for i in self.indicators]
        scale = [1] * len(self.themes)
        for indicator, weight in zip(self.indicators, weights, strict=True):
            position = theme_position[indicator.theme]
            scale[position] = math.lcm(scale[position], weight.denominator)
        rows = []
        for indicator, weight in zip(self.indicators, weights, strict=True):
            position = theme_position[indicator.theme]
            integer_weight = weight.numerator * (scale[position] // weight.denominator)
            rows.append((indicator.code, position, integer_weight))

        return _Plan(
            indicators=indicators,
            indicator_rows=tuple(rows),
            theme_codes=tuple(t.code for t in self.themes),
            theme_elements=tuple(element_position[t.element] for t in self.themes),
            theme_weights=tuple(Fraction(t.weight) for t in self.themes),
            element_codes=tuple(e.code for e in self.elements),
            element_weights=tuple(Fraction(e.weight) for e in self.elements),
            required_codes=tuple(i.code for i in self.indicators if i.required),
        )


def _positions(codes: Iterable[str], what: str) -> dict[str, int]:
    positions: dict[str, int] = {}
    for code in codes:
        if code in positions:
            raise ValueError(f"duplicate {what} code {code!r}")
        positions[code] = len(positions)
    return positions


def level_name(
    rules: FrameworkRules, level: int | None, language: str = DEFAULT_LANGUAGE
) -> str | None:
    """The name of a maturity level in ``language``, falling back to Bahasa Indonesia."""
    if level is None:
        return None
    names = rules.level_names.get(level)
    if not names:
        return None
    return names.get(language) or names.get(DEFAULT_LANGUAGE)


# --------------------------------------------------------------------------- inputs


@dataclass(frozen=True)
class AnswerInput:
    """A region's answer to one indicator.

    ``value`` is the number of a quantitative indicator (Decimal or int), the level 1-5 of a
    rubric, or True/False for a binary one; it is ignored unless ``status`` is ``answered``.
    """

    status: str
    value: Decimal | int | bool | None = None

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ValueError(f"answer status must be one of {STATUSES}, got {self.status!r}")


@dataclass(frozen=True)
class ReviewInput:
    """A reviewer's decision on one indicator.

    A level 0-5 in ``verified_level``, or ``not_applicable`` accepted; neither means the reviewer
    made no decision, and the self level stands.
    """

    verified_level: int | None = None
    not_applicable: bool = False

    def __post_init__(self) -> None:
        level = self.verified_level
        if level is not None and (
            isinstance(level, bool) or not isinstance(level, int) or level not in _LEVELS
        ):
            raise ValueError(f"verified_level must be a level 0-5, got {level!r}")
        if level is not None and self.not_applicable:
            raise ValueError("a review is either a verified level or not applicable, not both")

    @property
    def is_decision(self) -> bool:
        """Whether the reviewer decided anything for this indicator."""
        return self.not_applicable or self.verified_level is not None


# --------------------------------------------------------------------------- levels


def indicator_level(rule: IndicatorRule, answer: AnswerInput | None) -> int | None:
    """The level 0-5 of one answer, or None when the indicator is not applicable (§2).

    No answer and ``no_data`` give 0. An answered quantitative indicator gets 1 + the number of
    thresholds it reaches (value ≥ t for ``higher``, value ≤ t for ``lower``), so a value equal to
    a threshold earns the better level; a rubric answer is its level; a binary answer gives the
    rule's ``yes_level`` or ``no_level``.
    """
    if answer is None or answer.status == "no_data":
        return 0
    if answer.status == "not_applicable":
        return None
    if rule.kind == "quantitative":
        return _quantitative_level(rule, answer.value)
    if rule.kind == "rubric":
        return _rubric_level(rule, answer.value)
    return _binary_level(rule, answer.value)


def _quantitative_level(rule: IndicatorRule, value: object) -> int:
    if value is None:
        raise ValueError(f"indicator {rule.code}: an answered quantitative indicator needs a value")
    number = _to_decimal(value, f"indicator {rule.code}")
    if rule.direction == "higher":
        return 1 + sum(1 for threshold in rule.thresholds if number >= threshold)
    return 1 + sum(1 for threshold in rule.thresholds if number <= threshold)


def _rubric_level(rule: IndicatorRule, value: object) -> int:
    level = value
    if isinstance(level, Decimal) and level.is_finite() and level == level.to_integral_value():
        level = int(level)
    if isinstance(level, bool) or not isinstance(level, int) or not 1 <= level <= _MAX_LEVEL:
        raise ValueError(
            f"indicator {rule.code}: a rubric answer must be a level 1-5, got {value!r}"
        )
    return level


def _binary_level(rule: IndicatorRule, value: object) -> int:
    if value is True:
        return rule.yes_level
    if value is False:
        return rule.no_level
    raise ValueError(f"indicator {rule.code}: a binary answer must be True or False, got {value!r}")


def self_levels(rules: FrameworkRules, answers: Mapping[str, AnswerInput]) -> dict[str, int | None]:
    """The self level of every indicator of ``rules``, by code, in presentation order.

    Answers to codes the rules do not know are ignored.
    """
    return {rule.code: indicator_level(rule, answers.get(rule.code)) for rule in rules.indicators}


def _apply_reviews(
    levels: Mapping[str, int | None], reviews: Mapping[str, ReviewInput]
) -> dict[str, int | None]:
    verified: dict[str, int | None] = {}
    for code, level in levels.items():
        review = reviews.get(code)
        if review is None or not review.is_decision:
            verified[code] = level
        elif review.not_applicable:
            verified[code] = None
        else:
            verified[code] = review.verified_level
    return verified


def verified_levels(
    rules: FrameworkRules,
    answers: Mapping[str, AnswerInput],
    reviews: Mapping[str, ReviewInput],
) -> dict[str, int | None]:
    """The verified level of every indicator of ``rules``, by code (§3).

    The reviewer's decision wins: its level 0-5, or None when "not applicable" was accepted.
    Where the reviewer made no decision, the self level stands.
    """
    return _apply_reviews(self_levels(rules, answers), reviews)


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class ScoreItem:
    """A theme's or element's reported score (rounded to 0.01), or None when it has none."""

    code: str
    score: Decimal | None

    def to_dict(self) -> dict[str, Any]:
        """``{"code": "EDU", "score": "3.33"}``."""
        return {"code": self.code, "score": _format_decimal(self.score)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ScoreItem:
        """The inverse of :meth:`to_dict`."""
        return cls(code=data["code"], score=_parse_decimal(data["score"], data["code"]))


@dataclass(frozen=True)
class LevelItem:
    """An indicator's level 0-5, or None when it is not applicable."""

    code: str
    level: int | None

    def to_dict(self) -> dict[str, Any]:
        """``{"code": "EDU-1", "level": 4}``."""
        return {"code": self.code, "level": self.level}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> LevelItem:
        """The inverse of :meth:`to_dict`."""
        return cls(code=data["code"], level=data["level"])


@dataclass(frozen=True)
class TrackScore:
    """The scores of one track (self or verified).

    ``index`` and every item score are the reported figures, rounded half up to 0.01;
    ``index_exact`` is the unrounded index (50 significant digits). ``level`` is decided on the
    rounded index (§5).
    """

    index: Decimal | None
    index_exact: Decimal | None
    level: int | None
    level_name: str | None
    elements: tuple[ScoreItem, ...]
    themes: tuple[ScoreItem, ...]
    indicators: tuple[LevelItem, ...]

    def to_dict(self, *, include_exact: bool = False) -> dict[str, Any]:
        """The API's score shape (API.md, Scores): decimals as strings with two decimals.

        With ``include_exact`` the unrounded index is added as ``index_exact``, so a stored
        snapshot reads back without loss.
        """
        data: dict[str, Any] = {
            "index": _format_decimal(self.index),
            "level": self.level,
            "level_name": self.level_name,
            "elements": [item.to_dict() for item in self.elements],
            "themes": [item.to_dict() for item in self.themes],
            "indicators": [item.to_dict() for item in self.indicators],
        }
        if include_exact:
            data["index_exact"] = _format_decimal(self.index_exact)
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> TrackScore:
        """The inverse of :meth:`to_dict`; without ``index_exact`` the rounded index stands in."""
        index = _parse_decimal(data["index"], "index")
        exact = _parse_decimal(data.get("index_exact", data["index"]), "index_exact")
        return cls(
            index=index,
            index_exact=exact,
            level=data["level"],
            level_name=data["level_name"],
            elements=tuple(ScoreItem.from_dict(item) for item in data["elements"]),
            themes=tuple(ScoreItem.from_dict(item) for item in data["themes"]),
            indicators=tuple(LevelItem.from_dict(item) for item in data["indicators"]),
        )


@dataclass(frozen=True)
class Gap:
    """Self minus verified on the reported figures, for the index, each element and each theme.

    An item is None where either track has no score.
    """

    index: Decimal | None
    elements: tuple[ScoreItem, ...]
    themes: tuple[ScoreItem, ...]

    def to_dict(self) -> dict[str, Any]:
        """``{"index": "0.17", "elements": [{"code", "score"}], "themes": [...]}``."""
        return {
            "index": _format_decimal(self.index),
            "elements": [item.to_dict() for item in self.elements],
            "themes": [item.to_dict() for item in self.themes],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Gap:
        """The inverse of :meth:`to_dict`."""
        return cls(
            index=_parse_decimal(data["index"], "gap index"),
            elements=tuple(ScoreItem.from_dict(item) for item in data["elements"]),
            themes=tuple(ScoreItem.from_dict(item) for item in data["themes"]),
        )


@dataclass(frozen=True)
class ScoreResult:
    """Everything scoring says about one assessment.

    ``verified`` and ``gap`` exist only when the verified track was asked for (after approval).
    ``completeness`` is a percentage with one decimal.
    """

    self: TrackScore
    verified: TrackScore | None
    gap: Gap | None
    completeness: Decimal

    def to_dict(self, *, include_exact: bool = False) -> dict[str, Any]:
        """JSON-ready: ``{"completeness": "100.0", "self": {...}, "verified": ..., "gap": ...}``."""
        return {
            "completeness": _format_decimal(self.completeness),
            "self": self.self.to_dict(include_exact=include_exact),
            "verified": (
                None
                if self.verified is None
                else self.verified.to_dict(include_exact=include_exact)
            ),
            "gap": None if self.gap is None else self.gap.to_dict(),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ScoreResult:
        """The inverse of :meth:`to_dict`."""
        verified = data.get("verified")
        gap = data.get("gap")
        return cls(
            self=TrackScore.from_dict(data["self"]),
            verified=None if verified is None else TrackScore.from_dict(verified),
            gap=None if gap is None else Gap.from_dict(gap),
            completeness=_to_decimal(data["completeness"], "completeness"),
        )


# --------------------------------------------------------------------------- scoring


def score_track(
    rules: FrameworkRules,
    levels: Mapping[str, int | None],
    *,
    language: str = DEFAULT_LANGUAGE,
) -> TrackScore:
    """Theme, element and index scores and the maturity level for one track (§4, §5).

    ``levels`` maps indicator codes to a level 0-5, or None for not applicable; a code missing
    from it counts as no data (0). A theme whose indicators are all not applicable has no score
    and is left out of its element; likewise an element without scored themes is left out of the
    index, and with no scored element there is no index and no level.
    """
    plan = rules._plan
    theme_sums = [0] * len(plan.theme_codes)
    theme_totals = [0] * len(plan.theme_codes)
    indicator_items = []
    for code, theme, weight in plan.indicator_rows:
        level = levels.get(code, 0)
        indicator_items.append(LevelItem(code, level))
        if level is None:
            continue
        if type(level) is not int or level not in _LEVELS:
            raise ValueError(f"indicator {code}: level must be 0-5 or None, got {level!r}")
        theme_sums[theme] += weight * level
        theme_totals[theme] += weight
    theme_scores = [
        Fraction(weighted, total) if total else None
        for weighted, total in zip(theme_sums, theme_totals, strict=True)
    ]
    element_scores = _weighted_means(
        theme_scores, plan.theme_elements, plan.theme_weights, len(plan.element_codes)
    )
    (index_score,) = _weighted_means(
        element_scores, (0,) * len(plan.element_codes), plan.element_weights, 1
    )

    index = index_exact = None
    maturity = None
    if index_score is not None:
        index = _round_fraction(index_score, _SCORE_PLACES)
        index_exact = _fraction_to_decimal(index_score)
        maturity = maturity_level(index, rules.index_bands)
    return TrackScore(
        index=index,
        index_exact=index_exact,
        level=maturity,
        level_name=level_name(rules, maturity, language),
        elements=_score_items(plan.element_codes, element_scores),
        themes=_score_items(plan.theme_codes, theme_scores),
        indicators=tuple(indicator_items),
    )


def _weighted_means(
    scores: Sequence[Fraction | None],
    groups: Sequence[int],
    weights: Sequence[Fraction],
    group_count: int,
) -> list[Fraction | None]:
    """Σ(w·s) / Σw per group over the scores that exist; None for a group with none."""
    sums = [Fraction(0)] * group_count
    totals = [Fraction(0)] * group_count
    for score, group, weight in zip(scores, groups, weights, strict=True):
        if score is not None:
            sums[group] += weight * score
            totals[group] += weight
    return [
        weighted / total if total else None for weighted, total in zip(sums, totals, strict=True)
    ]


def _score_items(codes: Sequence[str], scores: Sequence[Fraction | None]) -> tuple[ScoreItem, ...]:
    return tuple(
        ScoreItem(code, None if score is None else _round_fraction(score, _SCORE_PLACES))
        for code, score in zip(codes, scores, strict=True)
    )


def completeness(rules: FrameworkRules, answers: Mapping[str, AnswerInput]) -> Decimal:
    """Answered required indicators / required indicators, in percent to one decimal (§6).

    Any answer counts, whatever its status (``answered``, ``not_applicable``, ``no_data``); an
    indicator without an answer is missing. With no required indicators the result is 100.0.
    """
    required = rules._plan.required_codes
    if not required:
        return Decimal("100.0")
    answered = sum(1 for code in required if code in answers)
    return _round_fraction(Fraction(answered * 100, len(required)), _COMPLETENESS_PLACES)


def _difference(mine: Decimal | None, theirs: Decimal | None) -> Decimal | None:
    if mine is None or theirs is None:
        return None
    return _CONTEXT.subtract(mine, theirs)


def _score_gap(self_track: TrackScore, verified_track: TrackScore) -> Gap:
    def items(mine: tuple[ScoreItem, ...], theirs: tuple[ScoreItem, ...]) -> tuple[ScoreItem, ...]:
        return tuple(
            ScoreItem(a.code, _difference(a.score, b.score))
            for a, b in zip(mine, theirs, strict=True)
        )

    return Gap(
        index=_difference(self_track.index, verified_track.index),
        elements=items(self_track.elements, verified_track.elements),
        themes=items(self_track.themes, verified_track.themes),
    )


def score_assessment(
    rules: FrameworkRules,
    answers: Mapping[str, AnswerInput],
    reviews: Mapping[str, ReviewInput],
    *,
    verified: bool,
    language: str = DEFAULT_LANGUAGE,
) -> ScoreResult:
    """Score one assessment: the self track, and with ``verified`` the verified track and gap.

    ``answers`` and ``reviews`` are keyed by indicator code. Ask for ``verified`` only once the
    assessment is approved (§3); ``reviews`` is not read otherwise.
    """
    levels = self_levels(rules, answers)
    self_track = score_track(rules, levels, language=language)
    verified_track = None
    gap = None
    if verified:
        verified_track = score_track(rules, _apply_reviews(levels, reviews), language=language)
        gap = _score_gap(self_track, verified_track)
    return ScoreResult(
        self=self_track,
        verified=verified_track,
        gap=gap,
        completeness=completeness(rules, answers),
    )
