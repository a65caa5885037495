"""Reading scores: the latest snapshots, their payloads for the API and pages, a cycle's table."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import OuterRef, Q, QuerySet, Subquery

from maturity.assessments.models import Assessment, AssessmentStatus
from maturity.frameworks.models import Framework
from maturity.frameworks.rules import FrameworkEntry, FrameworkNames, framework_entry
from maturity.scores.failures import failure_text
from maturity.scores.inputs import SCORED_STATUSES, mark_covers
from maturity.scores.models import ScoreSnapshot, ScoreTrack, ScoringJob, ScoringStatus
from maturity.scores.ranks import Previous, Rank, change_against, cycle_ranks, previous_results
from maturity.scoring.lenses import score_lenses

#: ``status`` of a score response (API.md, Scores); ``not_submitted`` for a draft, which has none.
READY = "ready"
PENDING = "pending"
NOT_SUBMITTED = "not_submitted"


# --------------------------------------------------------------------------- reading snapshots


def _latest_of(track: str, *, final_only: bool = False) -> QuerySet[ScoreSnapshot, Any]:
    snapshots = ScoreSnapshot.objects.filter(assessment_id=OuterRef("pk"), track=track)
    if final_only:
        snapshots = snapshots.filter(provisional=False)
    return snapshots.order_by("-computed_at", "-id").values("pk")[:1]


def latest_snapshot(
    assessment_id: int, track: str, *, include_provisional: bool = True
) -> ScoreSnapshot | None:
    """The most recently computed (or confirmed) snapshot of one track, or None.

    For the verified track this may be a provisional snapshot (computed while reviewers work);
    pass ``include_provisional=False`` for the approved figures only.
    """
    snapshots = ScoreSnapshot.objects.filter(assessment_id=assessment_id, track=track)
    if not include_provisional:
        snapshots = snapshots.filter(provisional=False)
    return snapshots.order_by("-computed_at", "-id").first()


def with_latest_snapshot_ids(assessments: QuerySet[Assessment]) -> QuerySet[Assessment]:
    """Annotate ``latest_self_id`` and ``latest_verified_id`` (final snapshots only)."""
    return assessments.annotate(
        latest_self_id=Subquery(_latest_of(ScoreTrack.SELF)),
        latest_verified_id=Subquery(_latest_of(ScoreTrack.VERIFIED, final_only=True)),
    )


@dataclass(frozen=True)
class LatestSnapshots:
    """The latest self snapshot and the latest final verified snapshot of one assessment."""

    self: ScoreSnapshot | None
    verified: ScoreSnapshot | None


def latest_snapshots(assessments: Iterable[Assessment]) -> dict[int, LatestSnapshots]:
    """The latest snapshots of many assessments in one query.

    The assessments must come from :func:`with_latest_snapshot_ids`.
    """
    assessments = list(assessments)
    wanted = [
        pk
        for a in assessments
        for pk in (getattr(a, "latest_self_id", None), getattr(a, "latest_verified_id", None))
        if pk is not None
    ]
    found = {s.pk: s for s in ScoreSnapshot.objects.filter(pk__in=wanted)} if wanted else {}
    return {
        a.pk: LatestSnapshots(
            self=found.get(a.latest_self_id),  # type: ignore[attr-defined]
            verified=found.get(a.latest_verified_id),  # type: ignore[attr-defined]
        )
        for a in assessments
    }


def latest_snapshots_for(assessment: Assessment) -> LatestSnapshots:
    """The latest snapshots of one assessment, in one query."""
    rows = ScoreSnapshot.objects.filter(
        Q(pk=Subquery(_latest_for(assessment.pk, ScoreTrack.SELF)))
        | Q(pk=Subquery(_latest_for(assessment.pk, ScoreTrack.VERIFIED)))
    )
    by_track = {s.track: s for s in rows}
    return LatestSnapshots(
        self=by_track.get(ScoreTrack.SELF), verified=by_track.get(ScoreTrack.VERIFIED)
    )


def _latest_for(assessment_id: int, track: str) -> QuerySet[ScoreSnapshot, Any]:
    snapshots = ScoreSnapshot.objects.filter(assessment_id=assessment_id, track=track)
    if track == ScoreTrack.VERIFIED:
        snapshots = snapshots.filter(provisional=False)
    return snapshots.order_by("-computed_at", "-id").values("pk")[:1]


def snapshot_is_current(snapshot: ScoreSnapshot | None, assessment: Assessment) -> bool:
    """Whether ``snapshot`` reflects the assessment's current inputs."""
    if snapshot is None:
        return False
    return mark_covers(snapshot.result.get("inputs_as_of"), assessment.inputs_changed_at)


def score_status(assessment: Assessment, latest: LatestSnapshots) -> str:
    """``ready`` when snapshots reflect the current inputs, ``pending`` while workers compute,
    ``not_submitted`` for a draft (it has no score)."""
    if assessment.status not in SCORED_STATUSES:
        return NOT_SUBMITTED
    if not snapshot_is_current(latest.self, assessment):
        return PENDING
    if assessment.status == AssessmentStatus.APPROVED and not snapshot_is_current(
        latest.verified, assessment
    ):
        return PENDING
    return READY


def track_payload(
    track: Mapping[str, Any] | None,
    *,
    framework: Framework,
    names: FrameworkNames,
    language: str,
) -> dict[str, Any] | None:
    """One stored track in the API's shape, with level and item names in ``language``."""
    if track is None:
        return None
    return {
        "index": track["index"],
        "level": track["level"],
        "level_name": framework.level_name(track["level"], language) or None,
        "elements": [
            {
                "code": item["code"],
                "title": names.pick(names.elements, item["code"], language),
                "score": item["score"],
            }
            for item in track["elements"]
        ],
        "themes": [
            {
                "code": item["code"],
                "title": names.pick(names.themes, item["code"], language),
                "element": names.theme_elements.get(item["code"], ""),
                "score": item["score"],
            }
            for item in track["themes"]
        ],
        "indicators": [
            {
                "code": item["code"],
                "title": names.pick(names.indicators, item["code"], language),
                "theme": names.indicator_themes.get(item["code"], ""),
                "level": item["level"],
            }
            for item in track["indicators"]
        ],
    }


def lens_payload(
    entry: FrameworkEntry, track: Mapping[str, Any] | None, language: str
) -> list[dict[str, Any]]:
    """The version's lenses scored from a stored track's indicator levels (SCORING.md §9): the
    same levels, grouped otherwise, so snapshots made before a lens existed still read one."""
    if track is None or not entry.lenses:
        return []
    levels = {item["code"]: item["level"] for item in track.get("indicators", ())}
    pick = 1 if language.startswith("en") else 0
    result = []
    for lens in score_lenses(entry.rules, entry.lenses, levels):
        data = lens.to_dict()
        data["title"] = entry.lens_titles.get(lens.code, ("", ""))[pick]
        for group in data["groups"]:
            group["title"] = entry.lens_titles.get((lens.code, group["code"]), ("", ""))[pick]
        result.append(
            {
                "code": data["code"],
                "title": data["title"],
                "index": data["index"],
                "groups": [
                    {"code": g["code"], "title": g["title"], "score": g["score"]}
                    for g in data["groups"]
                ],
            }
        )
    return result


def score_payload(
    assessment: Assessment,
    language: str = "id",
    *,
    latest: LatestSnapshots | None = None,
) -> dict[str, Any]:
    """API.md's score response for one assessment, read from snapshots (never recomputed).

    ``assessment`` should come with ``cycle__framework`` selected. ``self`` is the latest self
    snapshot (shown, marked ``pending``, even while a newer one is being computed); ``verified``
    is null until the assessment is approved, and a provisional verified track is never shown
    here. Costs one query (plus three the first time a framework is seen), or none with
    ``latest`` given.
    """
    if latest is None:
        latest = (
            latest_snapshots_for(assessment)
            if assessment.status in SCORED_STATUSES
            else LatestSnapshots(self=None, verified=None)
        )
    framework = assessment.cycle.framework
    status = score_status(assessment, latest)
    self_snapshot = latest.self if assessment.status in SCORED_STATUSES else None
    verified_snapshot = latest.verified if assessment.status == AssessmentStatus.APPROVED else None
    names = framework_entry(framework).names if self_snapshot or verified_snapshot else None
    completeness = (
        self_snapshot.result["completeness"]
        if self_snapshot is not None
        else format(assessment.completeness, "f")
    )

    def present(snapshot: ScoreSnapshot | None, key: str) -> dict[str, Any] | None:
        if snapshot is None or names is None:
            return None
        track = snapshot.result.get(key)
        payload = track_payload(track, framework=framework, names=names, language=language)
        if payload is not None:
            payload["lenses"] = lens_payload(framework_entry(framework), track, language)
        return payload

    gap = verified_snapshot.result.get("gap") if verified_snapshot is not None else None
    return {
        "status": status,
        "computed_at": self_snapshot.computed_at if self_snapshot is not None else None,
        "completeness": completeness,
        "framework_version": (
            self_snapshot.framework_version
            if self_snapshot is not None
            else f"{framework.code} {framework.version}"
        ),
        "self": present(self_snapshot, "self"),
        "verified": present(verified_snapshot, "verified"),
        "verified_at": verified_snapshot.computed_at if verified_snapshot is not None else None,
        "gap": gap,
    }


def scoring_failure(assessment: Assessment) -> str | None:
    """Why the assessment's latest scoring failed, in the current language (None unless it
    failed): a worker lost too often, or an error. One query."""
    failed = (
        ScoringJob.objects.filter(pk=assessment.pk, status=ScoringStatus.FAILED)
        .values_list("error_code", "error_params")
        .first()
    )
    if failed is None:
        return None
    return failure_text(*failed) or None


# --------------------------------------------------------------------------- cycle-wide reading


def filter_cycle_assessments(
    assessments: QuerySet[Assessment],
    *,
    province: str | None = None,
    kind: str | None = None,
    status: str | None = None,
    level: int | None = None,
    verified_level: int | None = None,
) -> QuerySet[Assessment]:
    """A cycle's (already scoped) assessments with their latest snapshot ids, filtered.

    ``level`` is the self maturity level of the latest self snapshot; ``verified_level`` the level
    of the latest final verified snapshot of an approved assessment. Ordered by region code.
    """
    assessments = with_latest_snapshot_ids(assessments.select_related("region", "cycle__framework"))
    if province:
        assessments = assessments.filter(region__province_code=province)
    if kind:
        assessments = assessments.filter(region__kind=kind)
    if status:
        assessments = assessments.filter(status=status)
    if level is not None:
        latest_level = (
            ScoreSnapshot.objects.filter(assessment_id=OuterRef("pk"), track=ScoreTrack.SELF)
            .order_by("-computed_at", "-id")
            .values("level")[:1]
        )
        assessments = assessments.annotate(latest_self_level=Subquery(latest_level)).filter(
            status__in=SCORED_STATUSES, latest_self_level=level
        )
    if verified_level is not None:
        latest_level = (
            ScoreSnapshot.objects.filter(
                assessment_id=OuterRef("pk"), track=ScoreTrack.VERIFIED, provisional=False
            )
            .order_by("-computed_at", "-id")
            .values("level")[:1]
        )
        assessments = assessments.annotate(latest_verified_level=Subquery(latest_level)).filter(
            status=AssessmentStatus.APPROVED, latest_verified_level=verified_level
        )
    return assessments.order_by("region__code", "pk")


def _row_lenses(
    own: Sequence[Mapping[str, Any]], verified: Sequence[Mapping[str, Any]]
) -> list[dict[str, Any]]:
    """Each lens of a row, its index and its groups' scores on both tracks."""
    verified_by_code = {lens["code"]: lens for lens in verified}
    rows = []
    for lens in own:
        other = verified_by_code.get(lens["code"]) or {}
        other_groups = {g["code"]: g["score"] for g in other.get("groups", ())}
        rows.append(
            {
                "code": lens["code"],
                "title": lens["title"],
                "self": lens["index"],
                "verified": other.get("index"),
                "groups": [
                    {
                        "code": g["code"],
                        "title": g["title"],
                        "self": g["score"],
                        "verified": other_groups.get(g["code"]),
                    }
                    for g in lens["groups"]
                ],
            }
        )
    return rows


def _rank_and_change(
    rank: Rank | None, previous: Previous | None, self_index: Any, verified_index: Any
) -> dict[str, Any]:
    previous_index, change = change_against(previous, self_index, verified_index)
    return {
        "rank_national": rank.national if rank else None,
        "rank_province": rank.province if rank else None,
        "previous_index": previous_index,
        "change": change,
    }


def cycle_score_rows(
    assessments: Sequence[Assessment],
    *,
    framework: Framework,
    language: str = "id",
    with_indicators: bool = False,
) -> list[dict[str, Any]]:
    """One row per assessment for the cycle scores list and its files: region, status, self and
    verified index and level, element scores and completeness, rank (approved only) and the
    change since the region's previous cycle; with ``with_indicators`` also every indicator's
    self and verified level. A constant number of queries, whatever the number of rows.

    ``assessments`` come from :func:`filter_cycle_assessments` (they carry their latest ids).
    """
    latest_by_id = latest_snapshots(assessments)
    cycle = assessments[0].cycle if assessments else None
    ranks = cycle_ranks([cycle.pk]).get(cycle.pk, {}) if cycle is not None else {}
    previous = (
        previous_results(cycle, {a.region_id for a in assessments}) if cycle is not None else {}
    )
    entry = framework_entry(framework)
    names = entry.names
    element_codes = [e.code for e in entry.rules.elements]
    rows = []
    for assessment in assessments:
        latest = latest_by_id[assessment.pk]
        payload = score_payload(assessment, language, latest=latest)
        self_track = payload["self"] or {}
        verified_track = payload["verified"] or {}
        self_elements = {e["code"]: e["score"] for e in self_track.get("elements", ())}
        verified_elements = {e["code"]: e["score"] for e in verified_track.get("elements", ())}
        region = assessment.region
        row: dict[str, Any] = {
            "assessment": assessment.pk,
            "region": region.code,
            "region_name": region.name,
            "province": region.province_code,
            "province_name": region.province_name,
            "kind": region.kind,
            "status": assessment.status,
            "score_status": payload["status"],
            "completeness": payload["completeness"],
            "framework_version": payload["framework_version"],
            "computed_at": payload["computed_at"],
            "self_index": self_track.get("index"),
            "self_level": self_track.get("level"),
            "self_level_name": self_track.get("level_name"),
            "verified_index": verified_track.get("index"),
            "verified_level": verified_track.get("level"),
            "verified_level_name": verified_track.get("level_name"),
            "gap_index": (payload["gap"] or {}).get("index"),
            **_rank_and_change(
                ranks.get(region.pk),
                previous.get(region.pk),
                self_track.get("index"),
                verified_track.get("index") if payload["verified"] else None,
            ),
            "elements": [
                {
                    "code": code,
                    "title": names.pick(names.elements, code, language),
                    "self": self_elements.get(code),
                    "verified": verified_elements.get(code),
                }
                for code in element_codes
            ],
            "lenses": _row_lenses(self_track.get("lenses", []), verified_track.get("lenses", [])),
        }
        if with_indicators:
            verified_levels = {i["code"]: i["level"] for i in verified_track.get("indicators", ())}
            row["indicators"] = [
                {
                    "code": i["code"],
                    "title": i["title"],
                    "self": i["level"],
                    "verified": verified_levels.get(i["code"]),
                }
                for i in self_track.get("indicators", ())
            ]
        rows.append(row)
    return rows
