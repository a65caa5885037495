"""A region's progress across cycles: its index and level each year, the change since the
previous cycle, and its rank among the approved assessments of the cycle.

Ranks are by verified index among approved assessments: provinces among provinces, kabupaten
and kota together among kabupaten and kota, nationally and within their province; ties share the
better rank (1, 2, 2, 4). Across framework versions the index, level and element scores compare
as they are; indicators compare through the new version's ``continues`` crosswalk.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet

from cities.models import Region
from maturity.assessments.models import Assessment, AssessmentStatus
from maturity.assessments.services.carryover import continuing_indicators
from maturity.progress.models import PlannedStep
from maturity.scores.inputs import SCORED_STATUSES
from maturity.scores.models import ScoreTrack
from maturity.scores.ranks import cycle_ranks, signed
from maturity.scores.selectors import latest_snapshots, with_latest_snapshot_ids


@dataclass(frozen=True)
class CycleScore:
    """One cycle of a region: its scored assessment and latest snapshots."""

    assessment: Assessment
    self: dict[str, Any] | None
    verified: dict[str, Any] | None

    @property
    def approved(self) -> bool:
        return self.assessment.status == AssessmentStatus.APPROVED and self.verified is not None


def scored_cycles(region: Region) -> list[CycleScore]:
    """The region's assessments that have a self score, newest cycle first (year, then id)."""
    assessments: QuerySet[Assessment] = with_latest_snapshot_ids(
        Assessment.objects.filter(region=region, status__in=SCORED_STATUSES)
        .select_related("cycle", "cycle__framework")
        .order_by("-cycle__year", "-cycle_id")
    )
    listed = list(assessments)
    latest = latest_snapshots(listed)
    scored = []
    for assessment in listed:
        snapshots = latest[assessment.pk]
        if snapshots.self is None:
            continue
        verified = snapshots.verified.result.get("verified") if snapshots.verified else None
        if assessment.status != AssessmentStatus.APPROVED:
            verified = None
        scored.append(CycleScore(assessment, snapshots.self.result.get("self"), verified))
    return scored


def previous_of(scored: list[CycleScore], position: int) -> CycleScore | None:
    """The region's latest cycle of an earlier year with a score."""
    year = scored[position].assessment.cycle.year
    for earlier in scored[position + 1 :]:
        if earlier.assessment.cycle.year < year:
            return earlier
    return None


def _decimal(text: Any) -> Decimal | None:
    return None if text is None else Decimal(str(text))


def _track_pair(current: CycleScore, previous: CycleScore) -> tuple[str, Any, Any]:
    if current.approved and previous.approved:
        return ScoreTrack.VERIFIED, current.verified, previous.verified
    return ScoreTrack.SELF, current.self, previous.self


def change_between(current: CycleScore, previous: CycleScore | None) -> dict[str, Any] | None:
    """The change of index and level on the same track (verified where both are approved)."""
    if previous is None:
        return None
    track, now, then = _track_pair(current, previous)
    now_index, then_index = _decimal(now.get("index")), _decimal(then.get("index"))
    if now_index is None or then_index is None:
        return None
    return {
        "track": str(track),
        "index": signed(now_index - then_index),
        "level": (now.get("level") or 0) - (then.get("level") or 0),
        "previous_cycle": previous.assessment.cycle_id,
    }


def element_changes(current: CycleScore, previous: CycleScore | None) -> list[dict[str, Any]]:
    """Each element's score on the compared track, and its change where both years have it."""
    if previous is None:
        track_now = current.verified if current.approved else current.self
        return [
            {"code": item["code"], "score": item["score"], "change": None}
            for item in (track_now or {}).get("elements", ())
        ]
    _, now, then = _track_pair(current, previous)
    before = {item["code"]: _decimal(item["score"]) for item in then.get("elements", ())}
    elements = []
    for item in now.get("elements", ()):
        score, earlier = _decimal(item["score"]), before.get(item["code"])
        change = None if score is None or earlier is None else signed(score - earlier)
        elements.append({"code": item["code"], "score": item["score"], "change": change})
    return elements


def indicator_changes(
    current: CycleScore, previous: CycleScore | None, crosswalk: Mapping[str, str]
) -> list[dict[str, Any]]:
    """Indicators whose level moved, each compared with the one it continues."""
    if previous is None:
        return []
    _, now, then = _track_pair(current, previous)
    before = {item["code"]: item["level"] for item in then.get("indicators", ())}
    changed = []
    for item in now.get("indicators", ()):
        earlier_code = crosswalk.get(item["code"])
        if earlier_code is None or earlier_code not in before:
            continue
        if before[earlier_code] != item["level"]:
            changed.append(
                {"indicator": item["code"], "from": before[earlier_code], "to": item["level"]}
            )
    return changed


def plan_of(region: Region) -> QuerySet[PlannedStep]:
    """The region's planned steps, newest cycle first, by due date."""
    return PlannedStep.objects.filter(region=region).select_related("cycle")


def planned_step_payload(step: PlannedStep, met: bool | None = None) -> dict[str, Any]:
    return {
        "id": step.pk,
        "cycle": step.cycle_id,
        "indicator": step.indicator_code,
        "to_level": step.to_level,
        "agency": step.agency,
        "due_on": step.due_on.isoformat(),
        "note": step.note,
        "met": met,
    }


def steps_met(
    steps: Iterable[PlannedStep],
    current: CycleScore,
    previous: CycleScore,
    crosswalk: Mapping[str, str],
) -> list[dict[str, Any]]:
    """The steps planned after ``previous``, each with whether ``current`` met it: the
    indicator (through the crosswalk) reached its level on the compared track; None where the
    indicator no longer exists."""
    _, now, _then = _track_pair(current, previous)
    levels = {item["code"]: item["level"] for item in now.get("indicators", ())}
    new_code = {old: new for new, old in crosswalk.items()}
    result = []
    for step in steps:
        code = new_code.get(step.indicator_code)
        met = None
        if code is not None and code in levels:
            met = (levels[code] or 0) >= step.to_level
        result.append(planned_step_payload(step, met))
    return result


def _summary(track: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if track is None:
        return None
    return {"index": track.get("index"), "level": track.get("level")}


def region_progress(region: Region) -> list[dict[str, Any]]:
    """The region's progress entries (API: ``GET /api/v1/regions/{code}/progress/``)."""
    scored = scored_cycles(region)
    ranks = cycle_ranks({entry.assessment.cycle_id for entry in scored})
    planned: dict[int, list[PlannedStep]] = defaultdict(list)
    for step in plan_of(region):
        planned[step.cycle_id].append(step)
    entries = []
    for position, current in enumerate(scored):
        previous = previous_of(scored, position)
        cycle = current.assessment.cycle
        framework = cycle.framework
        crosswalk = (
            continuing_indicators(
                previous_framework_id=previous.assessment.cycle.framework_id,
                framework_id=framework.pk,
            )
            if previous is not None
            else {}
        )
        rank = ranks.get(cycle.pk, {}).get(region.pk) if current.approved else None
        entries.append(
            {
                "cycle": cycle.pk,
                "name": cycle.name,
                "year": cycle.year,
                "framework": {"code": framework.code, "version": framework.version},
                "framework_changed": previous is not None
                and previous.assessment.cycle.framework_id != framework.pk,
                "status": current.assessment.status,
                "self": _summary(current.self),
                "verified": _summary(current.verified),
                "change": change_between(current, previous),
                "rank": rank.to_dict() if rank is not None else None,
                "elements": element_changes(current, previous),
                "indicators_changed": indicator_changes(current, previous, crosswalk),
                "planned_steps": steps_met(
                    planned.get(previous.assessment.cycle_id, ()), current, previous, crosswalk
                )
                if previous is not None
                else [],
            }
        )
    return entries
