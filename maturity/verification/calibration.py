"""How alike reviewers verify: per reviewer and per province, how many indicators they reviewed,
the mean and the spread (population standard deviation) of self level minus their verified
level, and how often a province's recommendation was later changed by the ministry.

Read from the history, which keeps every decision with its actor: a province reviewer's level
stays there even after a ministry reviewer changed the review. Each person's last decision on an
indicator counts once; an indicator whose self level is unknown (not applicable, or no score yet)
is left out of the figures.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext as _

from cities import access, errors
from cities.access import AnyUser
from cities.models import Membership, Role
from maturity.assessments.models import Assessment, AssessmentStatus, HistoryEntry
from maturity.assessments.services.history import PROVINCE_VERIFIED, RETURNED, REVIEW_SET
from maturity.cycles.models import AssessmentCycle
from maturity.scores.models import ScoreSnapshot, ScoreTrack

MINISTRY = "reviewer"
PROVINCE = "province_reviewer"
NOT_APPLICABLE = "not_applicable"


@dataclass(frozen=True)
class Spread:
    """How many (self − verified) differences, their mean and population standard deviation."""

    count: int
    mean: Decimal | None
    deviation: Decimal | None

    @classmethod
    def of(cls, gaps: list[int]) -> Spread:
        if not gaps:
            return cls(0, None, None)
        mean = Decimal(sum(gaps)) / len(gaps)
        deviation = Decimal(str(statistics.pstdev(gaps)))
        return cls(len(gaps), _two(mean), _two(deviation))


@dataclass(frozen=True)
class ReviewerRow:
    user_id: int
    username: str
    name: str
    role: str  # "reviewer" (ministry) or "province_reviewer"
    province_code: str | None
    reviewed: int
    spread: Spread
    recommendations: int  # province reviewers: assessments recommended to the ministry
    changed_by_ministry: int  # province reviewers: their levels the ministry set otherwise


@dataclass(frozen=True)
class ProvinceRow:
    province_code: str
    province_name: str
    reviewed: int
    spread: Spread
    changed_by_ministry: int
    recommendations: int
    returned_by_ministry: int

    @property
    def changed_share(self) -> Decimal | None:
        return _two(Decimal(self.changed_by_ministry) / self.reviewed) if self.reviewed else None

    @property
    def returned_share(self) -> Decimal | None:
        if not self.recommendations:
            return None
        return _two(Decimal(self.returned_by_ministry) / self.recommendations)


@dataclass(frozen=True)
class Calibration:
    cycle: AssessmentCycle
    reviewers: list[ReviewerRow]
    provinces: list[ProvinceRow]


def cycle_for_calibration(*, user: AnyUser, cycle_id: int) -> AssessmentCycle:
    """The cycle, for ministry roles (Forbidden for anyone else); NotFound for an unknown one."""
    access.require(user, access.READ_NATIONAL)
    cycle = AssessmentCycle.objects.select_related("framework").filter(pk=cycle_id).first()
    if cycle is None:
        raise errors.NotFound(_("Siklus tidak ditemukan."))
    return cycle


def calibration(*, cycle: AssessmentCycle, user: AnyUser | None = None) -> Calibration:
    """The cycle's calibration, from the history of the assessments in ``user``'s scope (all of
    them without a user: the national summary). Three queries, whatever the number of entries."""
    entries = HistoryEntry.objects.filter(
        assessment__cycle=cycle, action__in=[REVIEW_SET, PROVINCE_VERIFIED, RETURNED]
    )
    if user is not None:
        access.require(user, access.READ_NATIONAL)
        entries = access.scope(user, entries, prefix="assessment__region")
    rows = list(
        entries.order_by("assessment_id", "at", "id").values_list(
            "assessment_id",
            "actor_id",
            "action",
            "indicator_code",
            "before",
            "after",
            "assessment__region__province_code",
            "assessment__region__province_name",
            "actor__username",
            "actor__first_name",
            "actor__last_name",
            "actor__is_superuser",
        )
    )
    people = _people({row[1]: row[8:] for row in rows if row[1] is not None})
    self_levels = _self_levels({row[0] for row in rows})
    tally = _Tally(people, self_levels)
    for row in rows:
        tally.add(*row[:8])
    return Calibration(cycle, tally.reviewer_rows(), tally.province_rows())


# --- Reading ------------------------------------------------------------------------------------


@dataclass
class Person:
    username: str
    name: str
    ministry: bool
    provinces: set[str] = field(default_factory=set)  # where they are the province reviewer


def _people(actors: Mapping[int, tuple[str, str, str, bool]]) -> dict[int, Person]:
    """The actors (id → username, first and last name, superuser) with their reviewer
    memberships: one query."""
    people = {
        pk: Person(username, f"{first} {last}".strip() or username, bool(superuser))
        for pk, (username, first, last, superuser) in actors.items()
    }
    if not people:
        return people
    memberships = Membership.objects.filter(
        user_id__in=sorted(people), role__in=[Role.REVIEWER, Role.PROVINCE_REVIEWER]
    ).values_list("user_id", "role", "region__code")
    for user_id, role, region_code in memberships:
        person = people[user_id]
        if role == Role.REVIEWER:
            person.ministry = True
        elif region_code:
            person.provinces.add(region_code)
    return people


def _self_levels(assessment_ids: Iterable[int]) -> dict[int, dict[str, int | None]]:
    """Assessment id → indicator code → self level, from the latest self snapshot: one query."""
    ids = sorted(assessment_ids)
    if not ids:
        return {}
    newest = ScoreSnapshot.objects.filter(assessment_id=OuterRef("pk"), track=ScoreTrack.SELF)
    latest = (
        Assessment.objects.filter(pk__in=ids)
        .annotate(latest_self_id=Subquery(newest.order_by("-computed_at", "-id").values("pk")[:1]))
        .values("latest_self_id")
    )
    levels: dict[int, dict[str, int | None]] = {}
    for assessment_id, result in ScoreSnapshot.objects.filter(pk__in=latest).values_list(
        "assessment_id", "result"
    ):
        track = (result or {}).get("self") or {}
        levels[assessment_id] = {i["code"]: i["level"] for i in track.get("indicators", ())}
    return levels


def _decision(after: Any) -> int | str | None:
    """A review's decision from its history entry: a level, not applicable, or None (a comment
    alone, or a cleared level)."""
    if not isinstance(after, Mapping):
        return None
    if after.get("not_applicable"):
        return NOT_APPLICABLE
    level = after.get("verified_level")
    return level if isinstance(level, int) else None


# --- Counting -----------------------------------------------------------------------------------


@dataclass
class _ProvinceState:
    """The province's latest decision on one indicator, who made it, and whether the ministry
    later decided otherwise."""

    decision: int | str
    actor_id: int
    changed: bool = False


class _Tally:
    def __init__(
        self, people: Mapping[int, Person], self_levels: Mapping[int, Mapping[str, int | None]]
    ) -> None:
        self.people = people
        self.self_levels = self_levels
        self.province_names: dict[str, str] = {}
        # (actor, assessment, indicator) → the actor's last decision
        self.last: dict[tuple[int, int, str], int | str] = {}
        self.province_actors: dict[int, str] = {}  # province reviewer → the province acted for
        self.province_state: dict[tuple[int, str], _ProvinceState] = {}
        self.province_of_assessment: dict[int, str] = {}
        self.recommended_by: dict[int, int] = {}  # assessment → who recommended it last
        self.recommendations: dict[int, int] = defaultdict(int)
        self.province_recommendations: dict[str, int] = defaultdict(int)
        self.province_returned: dict[str, int] = defaultdict(int)

    def role(self, actor_id: int | None, province_code: str) -> str | None:
        person = self.people.get(actor_id) if actor_id is not None else None
        if person is None:
            return None
        if province_code in person.provinces:
            return PROVINCE
        return MINISTRY if person.ministry else None

    def add(
        self,
        assessment_id: int,
        actor_id: int | None,
        action: str,
        code: str,
        before: Any,
        after: Any,
        province_code: str,
        province_name: str,
    ) -> None:
        role = self.role(actor_id, province_code)
        if actor_id is None or role is None:
            return
        self.province_names.setdefault(province_code, province_name)
        self.province_of_assessment[assessment_id] = province_code
        if role == PROVINCE:
            self.province_actors.setdefault(actor_id, province_code)
        if action == PROVINCE_VERIFIED and role == PROVINCE:
            self.recommended_by[assessment_id] = actor_id
            self.recommendations[actor_id] += 1
            self.province_recommendations[province_code] += 1
        elif action == RETURNED and role == MINISTRY:
            was = before.get("status") if isinstance(before, Mapping) else None
            if was == AssessmentStatus.PROVINCE_VERIFIED:
                self.province_returned[province_code] += 1
        elif action == REVIEW_SET:
            decision = _decision(after)
            if decision is None:
                return
            self.last[(actor_id, assessment_id, code)] = decision
            state = self.province_state.get((assessment_id, code))
            if role == PROVINCE:
                self.province_state[(assessment_id, code)] = _ProvinceState(decision, actor_id)
            elif state is not None and decision != state.decision:
                state.changed = True

    def _gap(self, assessment_id: int, code: str, decision: int | str) -> int | None:
        own = self.self_levels.get(assessment_id, {}).get(code)
        if own is None or not isinstance(decision, int):
            return None
        return own - decision

    def reviewer_rows(self) -> list[ReviewerRow]:
        gaps: dict[int, list[int]] = defaultdict(list)
        reviewed: dict[int, int] = defaultdict(int)
        for (actor_id, assessment_id, code), decision in self.last.items():
            reviewed[actor_id] += 1
            gap = self._gap(assessment_id, code, decision)
            if gap is not None:
                gaps[actor_id].append(gap)
        changed: dict[int, int] = defaultdict(int)
        for state in self.province_state.values():
            if state.changed:
                changed[state.actor_id] += 1
        actors = set(reviewed) | set(self.recommendations)
        rows = []
        for actor_id in actors:
            person = self.people[actor_id]
            province = self.province_actors.get(actor_id)
            rows.append(
                ReviewerRow(
                    user_id=actor_id,
                    username=person.username,
                    name=person.name,
                    role=PROVINCE if province is not None else MINISTRY,
                    province_code=province,
                    reviewed=reviewed.get(actor_id, 0),
                    spread=Spread.of(gaps.get(actor_id, [])),
                    recommendations=self.recommendations.get(actor_id, 0),
                    changed_by_ministry=changed.get(actor_id, 0),
                )
            )
        rows.sort(key=lambda r: (r.role != MINISTRY, r.province_code or "", r.username))
        return rows

    def province_rows(self) -> list[ProvinceRow]:
        gaps: dict[str, list[int]] = defaultdict(list)
        reviewed: dict[str, int] = defaultdict(int)
        changed: dict[str, int] = defaultdict(int)
        for (assessment_id, code), state in self.province_state.items():
            province = self.province_of_assessment[assessment_id]
            reviewed[province] += 1
            changed[province] += int(state.changed)
            gap = self._gap(assessment_id, code, state.decision)
            if gap is not None:
                gaps[province].append(gap)
        provinces = sorted(set(reviewed) | set(self.province_recommendations))
        return [
            ProvinceRow(
                province_code=code,
                province_name=self.province_names.get(code, code),
                reviewed=reviewed.get(code, 0),
                spread=Spread.of(gaps.get(code, [])),
                changed_by_ministry=changed.get(code, 0),
                recommendations=self.province_recommendations.get(code, 0),
                returned_by_ministry=self.province_returned.get(code, 0),
            )
            for code in provinces
        ]


def _two(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"))
