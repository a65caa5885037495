"""The national summary's "change since the previous cycle": the largest rises and falls of the
verified index, the level transitions (last cycle × this cycle) and each province's average
change, all among the cycle's approved assessments."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from maturity.scores.ranks import VerifiedChange, signed, verified_changes
from reports.labels import decimal_text

MOVERS_SHOWN = 5
LEVELS = (1, 2, 3, 4, 5)


@dataclass(frozen=True)
class MoverRow:
    region: str
    province: str
    before: str
    now: str
    change: str


@dataclass(frozen=True)
class TransitionRow:
    label: str
    counts: tuple[int, ...]  # this cycle's levels 1–5
    total: int


@dataclass(frozen=True)
class ProvinceChangeRow:
    province: str
    regions: int
    average: str


@dataclass(frozen=True)
class NationalChange:
    compared: int
    rises: tuple[MoverRow, ...]
    falls: tuple[MoverRow, ...]
    transitions: tuple[TransitionRow, ...]
    provinces: tuple[ProvinceChangeRow, ...]
    data: dict[str, Any]
    intro: str = ""
    levels: tuple[int, ...] = LEVELS


def _mover(
    change: VerifiedChange, regions: Mapping[int, Mapping[str, Any]], language: str
) -> MoverRow:
    region = regions[change.region_id]
    return MoverRow(
        region=str(region["name"]),
        province=str(region["province_name"]),
        before=decimal_text(change.previous_index, language),
        now=decimal_text(change.index, language),
        change=decimal_text(change.change, language),
    )


def _transitions(changes: Sequence[VerifiedChange], none_label: str) -> tuple[TransitionRow, ...]:
    counts: dict[int | None, list[int]] = {level: [0] * 5 for level in (*LEVELS, None)}
    for change in changes:
        if change.level in LEVELS:
            counts[change.previous_level if change.previous_level in LEVELS else None][
                change.level - 1
            ] += 1
    return tuple(
        TransitionRow(
            label=f"M{level}" if level is not None else none_label,
            counts=tuple(row),
            total=sum(row),
        )
        for level, row in counts.items()
    )


def _province_averages(
    changes: Sequence[VerifiedChange], regions: Mapping[int, Mapping[str, Any]]
) -> list[tuple[str, int, Decimal]]:
    """(province, regions compared, average change), highest average first."""
    by_province: dict[str, list[Decimal]] = defaultdict(list)
    for change in changes:
        if change.change is not None:
            by_province[str(regions[change.region_id]["province_name"])].append(change.change)
    averages = [
        (name, len(values), sum(values, Decimal(0)) / len(values))
        for name, values in by_province.items()
    ]
    return sorted(averages, key=lambda item: (-item[2], item[0]))


def national_change(
    cycle: Any, regions: Mapping[int, Mapping[str, Any]], language: str, t: Mapping[str, str]
) -> NationalChange:
    """The change section of ``cycle``'s national summary (two queries)."""
    changes = verified_changes(cycle)
    compared = sorted(
        (c for c in changes if c.change is not None),
        key=lambda c: (c.change, regions[c.region_id]["code"]),
    )
    rises = [c for c in reversed(compared) if c.change and c.change > 0][:MOVERS_SHOWN]
    falls = [c for c in compared if c.change and c.change < 0][:MOVERS_SHOWN]
    transitions = _transitions(changes, t["no_previous"])
    provinces = _province_averages(changes, regions)
    data = {
        "movers": {
            "rises": [_mover_data(c, regions) for c in rises],
            "falls": [_mover_data(c, regions) for c in falls],
        },
        "transitions": {
            (row.label if row.label.startswith("M") else "none"): list(row.counts)
            for row in transitions
        },
        "province_changes": [
            {"province": name, "regions": count, "average": signed(average)}
            for name, count, average in provinces
        ],
    }
    return NationalChange(
        compared=len(compared),
        rises=tuple(_mover(c, regions, language) for c in rises),
        falls=tuple(_mover(c, regions, language) for c in falls),
        transitions=transitions,
        provinces=tuple(
            ProvinceChangeRow(name, count, decimal_text(average, language))
            for name, count, average in provinces
        ),
        data=data,
        intro=t["change_intro"].format(n=len(compared)),
    )


def _mover_data(change: VerifiedChange, regions: Mapping[int, Mapping[str, Any]]) -> dict[str, Any]:
    return {
        "region": regions[change.region_id]["code"],
        "previous_index": signed(change.previous_index) if change.previous_index else None,
        "index": signed(change.index),
        "change": signed(change.change) if change.change is not None else None,
    }
