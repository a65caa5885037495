"""Ranks and the previous cycle: where an approved assessment stands among the cycle's approved
assessments, and what the region scored in its previous cycle.

Ranks are by verified index among approved assessments: provinces among provinces, kabupaten
and kota together among kabupaten and kota, nationally and within their province; ties share the
better rank (1, 2, 2, 4). The previous cycle of a region is its latest cycle of an earlier year
with a score; a change compares the same track (verified where both are approved, else self).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import OuterRef, Subquery

from cities.models import RegionKind
from maturity.assessments.models import Assessment, AssessmentStatus
from maturity.cycles.models import AssessmentCycle
from maturity.scores.inputs import SCORED_STATUSES
from maturity.scores.models import ScoreSnapshot, ScoreTrack


@dataclass(frozen=True)
class Rank:
    """A region's place by verified index (1 is the highest) and how many were ranked."""

    national: int
    national_of: int
    province: int | None
    province_of: int | None

    def to_dict(self) -> dict[str, int | None]:
        return {
            "national": self.national,
            "national_of": self.national_of,
            "province": self.province,
            "province_of": self.province_of,
        }


def competition_ranks(values: Mapping[int, Decimal]) -> dict[int, int]:
    """Rank keys by value, highest first; equal values share the better rank (1, 2, 2, 4)."""
    ordered = sorted(values.values(), reverse=True)
    first_place: dict[Decimal, int] = {}
    for place, value in enumerate(ordered, start=1):
        first_place.setdefault(value, place)
    return {key: first_place[value] for key, value in values.items()}


def _ranked_group(kind: str) -> str:
    return "province" if kind == RegionKind.PROVINCE else "local"


def cycle_ranks(cycle_ids: Iterable[int]) -> dict[int, dict[int, Rank]]:
    """Cycle id → region id → :class:`Rank`, for every approved assessment with a verified index
    in those cycles: one query however many regions and cycles."""
    indexes = list(
        Assessment.objects.filter(cycle_id__in=list(cycle_ids), status=AssessmentStatus.APPROVED)
        .annotate(verified_index=_latest(ScoreTrack.VERIFIED))
        .filter(verified_index__isnull=False)
        .values_list(
            "cycle_id", "region_id", "region__kind", "region__province_code", "verified_index"
        )
    )
    national: dict[tuple[int, str], dict[int, Decimal]] = defaultdict(dict)
    in_province: dict[tuple[int, str], dict[int, Decimal]] = defaultdict(dict)
    for cycle_id, region_id, kind, province_code, index in indexes:
        group = _ranked_group(kind)
        national[(cycle_id, group)][region_id] = index
        if group == "local":
            in_province[(cycle_id, province_code)][region_id] = index
    province_of_region = {
        (cycle_id, region_id): (cycle_id, province_code)
        for cycle_id, region_id, kind, province_code, _ in indexes
        if _ranked_group(kind) == "local"
    }
    result: dict[int, dict[int, Rank]] = defaultdict(dict)
    province_places = {key: competition_ranks(values) for key, values in in_province.items()}
    for (cycle_id, _group), values in national.items():
        places = competition_ranks(values)
        for region_id, place in places.items():
            province_key = province_of_region.get((cycle_id, region_id))
            if province_key is not None:
                province_place: int | None = province_places[province_key][region_id]
                province_count: int | None = len(in_province[province_key])
            else:
                province_place = province_count = None
            result[cycle_id][region_id] = Rank(place, len(values), province_place, province_count)
    return result


def _latest(track: str, field: str = "index") -> Subquery:
    snapshots = ScoreSnapshot.objects.filter(assessment_id=OuterRef("pk"), track=track)
    if track == ScoreTrack.VERIFIED:
        snapshots = snapshots.filter(provisional=False)
    return Subquery(snapshots.order_by("-computed_at", "-id").values(field)[:1])


@dataclass(frozen=True)
class Previous:
    """A region's previous scored cycle: its indexes on both tracks (verified once approved)
    and its verified level."""

    cycle_id: int
    self_index: Decimal | None
    verified_index: Decimal | None
    verified_level: int | None = None


def previous_results(cycle: AssessmentCycle, region_ids: Iterable[int]) -> dict[int, Previous]:
    """Region id → its latest scored cycle of a year before ``cycle``'s: one query."""
    rows = (
        Assessment.objects.filter(
            region_id__in=list(region_ids),
            cycle__year__lt=cycle.year,
            status__in=SCORED_STATUSES,
        )
        .annotate(
            self_index=_latest(ScoreTrack.SELF),
            verified_index=_latest(ScoreTrack.VERIFIED),
            verified_level=_latest(ScoreTrack.VERIFIED, "level"),
        )
        .filter(self_index__isnull=False)
        .order_by("region_id", "-cycle__year", "-cycle_id")
        .values_list(
            "region_id", "cycle_id", "status", "self_index", "verified_index", "verified_level"
        )
    )
    found: dict[int, Previous] = {}
    for region_id, cycle_id, status, self_index, verified_index, verified_level in rows:
        if region_id in found:
            continue
        approved = status == AssessmentStatus.APPROVED
        found[region_id] = Previous(
            cycle_id,
            self_index,
            verified_index if approved else None,
            verified_level if approved else None,
        )
    return found


@dataclass(frozen=True)
class VerifiedChange:
    """An approved assessment's verified index and level, and the region's previous ones."""

    region_id: int
    index: Decimal
    level: int | None
    previous_index: Decimal | None
    previous_level: int | None

    @property
    def change(self) -> Decimal | None:
        return None if self.previous_index is None else self.index - self.previous_index


def verified_changes(cycle: AssessmentCycle) -> list[VerifiedChange]:
    """Every approved assessment of ``cycle`` with its verified figures and the region's previous
    approved ones (for movers and level transitions): two queries."""
    rows = list(
        Assessment.objects.filter(cycle=cycle, status=AssessmentStatus.APPROVED)
        .annotate(
            verified_index=_latest(ScoreTrack.VERIFIED),
            verified_level=_latest(ScoreTrack.VERIFIED, "level"),
        )
        .filter(verified_index__isnull=False)
        .values_list("region_id", "verified_index", "verified_level")
    )
    previous = previous_results(cycle, [region_id for region_id, _, _ in rows])
    changes = []
    for region_id, index, level in rows:
        before = previous.get(region_id)
        changes.append(
            VerifiedChange(
                region_id,
                index,
                level,
                before.verified_index if before else None,
                before.verified_level if before else None,
            )
        )
    return changes


def signed(value: Decimal) -> str:
    """A change written with two decimals and its sign when negative: "0.25", "-0.12"."""
    return format(value.quantize(Decimal("0.01")), "f")


def change_against(
    previous: Previous | None, self_index: str | None, verified_index: str | None
) -> tuple[str | None, str | None]:
    """(previous index, change) on the same track: verified where both cycles are approved."""
    if previous is None:
        return None, None
    if verified_index is not None and previous.verified_index is not None:
        before, now = previous.verified_index, Decimal(verified_index)
    elif self_index is not None and previous.self_index is not None:
        before, now = previous.self_index, Decimal(self_index)
    else:
        return None, None
    return signed(before), signed(now - before)
