"""The national summary's table per lens: each group's median and range among the regions whose
scores speak for them (verified once approved, else self)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from maturity.frameworks.models import Framework
from maturity.frameworks.rules import framework_entry
from maturity.scoring.lenses import score_lenses
from reports.context.common import median, score_text


@dataclass(frozen=True)
class LensGroupSummary:
    code: str
    title: str
    regions: int
    median: str
    lowest: str
    highest: str


@dataclass(frozen=True)
class LensTable:
    code: str
    title: str
    median_index: str
    groups: tuple[LensGroupSummary, ...]


def lens_tables(
    framework: Framework, headline: Iterable[Mapping[str, Any]], language: str
) -> tuple[LensTable, ...]:
    """One table per lens of the version, from each assessment's headline indicator levels."""
    entry = framework_entry(framework)
    if not entry.lenses:
        return ()
    pick = 1 if language == "en" else 0
    scored = [
        score_lenses(
            entry.rules,
            entry.lenses,
            {item["code"]: item["level"] for item in row.get("track__indicators") or ()},
        )
        for row in headline
        if row.get("track__indicators")
    ]
    tables = []
    for position, lens in enumerate(entry.lenses):
        indexes = [s[position].index for s in scored if s[position].index is not None]
        groups = []
        for group_position, group in enumerate(lens.groups):
            values: list[Decimal] = [
                score
                for s in scored
                if (score := s[position].groups[group_position].score) is not None
            ]
            groups.append(
                LensGroupSummary(
                    code=group.code,
                    title=entry.lens_titles[(lens.code, group.code)][pick],
                    regions=len(values),
                    median=score_text(median(values), language),
                    lowest=score_text(min(values) if values else None, language),
                    highest=score_text(max(values) if values else None, language),
                )
            )
        tables.append(
            LensTable(
                code=lens.code,
                title=entry.lens_titles[lens.code][pick],
                median_index=score_text(median([i for i in indexes if i is not None]), language),
                groups=tuple(groups),
            )
        )
    return tuple(tables)
