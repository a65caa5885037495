"""The demo's seeded draws: answer values inside the framework's bands, which answers are not
applicable or without data, the reviewer's verified levels and when the work was done.

Each function takes the ``random.Random`` of its step (:meth:`DemoStory.rng`) and draws in a
fixed order, so the demo is the same every time it is loaded."""

from __future__ import annotations

import datetime
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from cities.models import Region, RegionKind
from maturity.assessments import validation
from maturity.assessments.models import AssessmentStatus
from maturity.demo.story import AnswerRules, DateRules, DemoRegion, ReviewRules
from maturity.frameworks.models import Direction, Indicator, IndicatorKind

# --- Values -----------------------------------------------------------------------------------


def level_of(value: Decimal, thresholds: Sequence[Decimal], direction: str) -> int:
    """The level a quantitative value earns (SCORING.md §2)."""
    if direction == Direction.LOWER:
        return 1 + sum(1 for t in thresholds if value <= t)
    return 1 + sum(1 for t in thresholds if value >= t)


def _rounded(value: float) -> Decimal:
    """About three significant digits, at most six decimals: 45.4, 0.00342, 1234."""
    if value <= 0:
        return Decimal(0)
    places = min(max(2 - math.floor(math.log10(value)), 0), 6)
    return Decimal(f"{value:.{places}f}")


def value_for_level(
    level: int,
    thresholds: Sequence[Decimal],
    direction: str,
    *,
    percent: bool,
    rng: random.Random,
) -> Decimal:
    """A plausible value inside the band of ``thresholds`` that earns ``level``."""
    t = [float(x) for x in thresholds]
    if direction == Direction.LOWER:
        bands = {
            5: (t[0] * 0.4, t[0]),
            4: (t[0], t[1]),
            3: (t[1], t[2]),
            2: (t[2], t[3]),
            1: (t[3], t[3] * 1.6),
        }
    else:
        bands = {
            1: (t[0] * 0.3, t[0]),
            2: (t[0], t[1]),
            3: (t[1], t[2]),
            4: (t[2], t[3]),
            5: (t[3], t[3] * 1.4),
        }
    low, high = bands[level]
    if percent:
        high = min(high, 100.0)
    if low >= high:
        return Decimal(f"{min(low, 100.0) if percent else low:g}")
    value = _rounded(low + (high - low) * rng.uniform(0.15, 0.85))
    if level_of(value, thresholds, direction) != level:  # rounding crossed a threshold
        value = Decimal(f"{(low + high) / 2:.6f}")
    return value


def region_label(region: Region) -> str:
    """The region as its agencies name it: Kota Makassar, or Provinsi DKI Jakarta."""
    if region.kind == RegionKind.PROVINCE:
        return f"Provinsi {region.name.replace('Daerah Khusus Ibukota', 'DKI')}"
    return region.name


# --- Answers ----------------------------------------------------------------------------------


def draw_level(rng: random.Random, mean: float, code: str, rules: AnswerRules) -> int:
    """A level around the region's mean, shifted by where cities stand on the indicator."""
    drawn = rng.gauss(mean + rules.tendency.get(code, 0.0), rules.level_spread)
    return max(1, min(5, round(drawn)))


def _source(indicator: Indicator, region: Region, rules: AnswerRules) -> str:
    sources = rules.sources
    theme = indicator.code.split("-")[0]
    source = sources["indicators"].get(indicator.code) or sources["themes"].get(
        theme, sources["default"]
    )
    if indicator.kind == IndicatorKind.RUBRIC:
        source = sources["rubric_sources"].get(theme, source)
    return str(source).format(region=region_label(region))


def answer_item(
    indicator: Indicator, region: Region, level: int, rng: random.Random, rules: AnswerRules
) -> dict[str, Any]:
    """The body of an answer at ``level``: value, source, year and quality."""
    recent = rng.random() < rules.data_year_share
    item: dict[str, Any] = {
        "indicator": indicator.code,
        "status": "answered",
        "source": _source(indicator, region, rules),
        "year": rules.data_year if recent else rules.data_year - 1,
    }
    if indicator.kind == IndicatorKind.QUANTITATIVE:
        item["value"] = str(
            value_for_level(
                level,
                [Decimal(str(t)) for t in indicator.thresholds or ()],
                indicator.direction or Direction.HIGHER,
                percent=validation.is_percent(indicator.unit),
                rng=rng,
            )
        )
        weights = rules.quality_weights
        item["quality"] = rng.choices(list(weights), list(weights.values()))[0]
    else:  # a rubric level, or yes from level 3
        item["value"] = level if indicator.kind == IndicatorKind.RUBRIC else level >= 3
        item["quality"] = "measured"
    return item


def _drawn(
    rng: random.Random, pool: dict[str, str], codes: list[str], counts: Sequence[int]
) -> set[str]:
    """A few of the ``pool`` indicators among ``codes`` (how many: drawn from ``counts``)."""
    candidates = [c for c in pool if c in codes]
    rng.shuffle(candidates)
    return set(candidates[: rng.choice(counts)])


def answers_for(
    indicators: Sequence[Indicator],
    region: Region,
    demo: DemoRegion,
    rules: AnswerRules,
    rng: random.Random,
    *,
    only: set[str] | None = None,
) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """Answer bodies for ``region`` (every indicator, or those in ``only``) and the self level
    of each answered one. A few are not applicable or without data."""
    codes = [i.code for i in indicators if only is None or i.code in only]
    not_applicable = _drawn(rng, rules.not_applicable, codes, rules.not_applicable_count)
    no_data = _drawn(rng, rules.no_data, codes, rules.no_data_count) | set(demo.no_data)
    items: list[dict[str, Any]] = []
    levels: dict[str, int] = {}
    for indicator in indicators:
        code = indicator.code
        if code not in codes:
            continue
        if code in not_applicable:
            why = rules.not_applicable[code]
            items.append({"indicator": code, "status": "not_applicable", "justification": why})
        elif code in no_data:
            items.append({"indicator": code, "status": "no_data", "comment": rules.no_data[code]})
        else:
            levels[code] = draw_level(rng, demo.mean, code, rules)
            items.append(answer_item(indicator, region, levels[code], rng, rules))
    return items, levels


# --- Reviews ----------------------------------------------------------------------------------


def review_decisions(
    levels: dict[str, int], rng: random.Random, rules: ReviewRules
) -> list[tuple[str, int, str]]:
    """The reviewer's verified levels (code, level, comment): a few self levels one lower, then
    a few others checked, of which some are raised and the rest confirmed."""
    lowered = rng.sample(
        sorted(c for c, level in levels.items() if level >= 2), k=rng.choice(rules.lowered_count)
    )
    decisions = [(code, levels[code] - 1, rng.choice(rules.lower_comments)) for code in lowered]
    rest = sorted(c for c in levels if c not in lowered)
    for code in rng.sample(rest, k=rules.checked_count):
        raised = levels[code] < 5 and rng.random() < rules.raise_chance
        if raised:
            decisions.append((code, levels[code] + 1, rules.higher_comment))
        else:
            decisions.append((code, levels[code], rules.agree_comment))
    return decisions


# --- Dates ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class WorkDates:
    """When an assessment was started, answered, submitted, reviewed and decided."""

    started: datetime.datetime
    answered: datetime.datetime
    submitted: datetime.datetime | None
    reviewed: datetime.datetime
    decided: datetime.datetime | None


def work_dates(
    rng: random.Random,
    rules: DateRules,
    *,
    status: str,
    now: datetime.datetime,
    earliest: datetime.datetime,
) -> WorkDates:
    """Dates spread over the weeks before ``now`` (none before ``earliest``), in working hours,
    by where the assessment ended up."""

    def working_hours(days_ago: int) -> datetime.datetime:
        day = now - datetime.timedelta(days=days_ago)
        at = day.replace(
            hour=rng.randint(*rules.working_hours),
            minute=rng.randint(0, 59),
            second=0,
            microsecond=0,
        )
        return max(earliest, at)

    submitted = decided = None
    if status == AssessmentStatus.SUBMITTED:
        submitted_days = rng.randint(*rules.submitted_days_ago)
        submitted = working_hours(submitted_days)
        reviewed = working_hours(max(0, submitted_days - 1)) if submitted_days > 1 else now
    elif status in (AssessmentStatus.APPROVED, AssessmentStatus.RETURNED):
        submitted_days = rng.randint(*rules.decided_submitted_days_ago)
        decided_days = submitted_days - rng.randint(*rules.decided_after_days)
        submitted, decided = working_hours(submitted_days), working_hours(decided_days)
        reviewed = decided - datetime.timedelta(hours=2)
    else:
        submitted_days = 0
        reviewed = now
    answered = working_hours(submitted_days + rng.randint(*rules.answered_before_submit_days))
    started = min(
        answered, working_hours(submitted_days + rng.randint(*rules.started_before_submit_days))
    )
    return WorkDates(started, answered, submitted, reviewed, decided)
