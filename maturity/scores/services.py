"""Computing and storing score snapshots (SCORING.md), and finding assessments whose scores lag."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Exists, OuterRef, Subquery
from django.utils import timezone

from maturity.assessments.models import Assessment
from maturity.scores.inputs import (
    SCORED_STATUSES,
    ScoringInputs,
    inputs_hash,
    load_inputs,
    mark_covers,
)
from maturity.scores.models import ScoreSnapshot, ScoreTrack
from maturity.scoring.calculation import (
    ScoreResult,
    score_assessment,
)

logger = logging.getLogger(__name__)

#: How long the sweep leaves a fresh change alone, since its task is most likely on its way.
SWEEP_GRACE = timedelta(seconds=30)


# --------------------------------------------------------------------------- writing snapshots


def compute_score(inputs: ScoringInputs) -> ScoreResult | None:
    """The pure scoring function applied to the inputs, for the tracks they call for."""
    tracks = inputs.tracks
    if not tracks:
        return None
    return score_assessment(
        inputs.entry.rules,
        inputs.answers,
        inputs.reviews,
        verified=ScoreTrack.VERIFIED in tracks,
    )


def refresh_snapshots(*, assessment_id: int) -> list[ScoreSnapshot]:
    """Score an assessment and store a snapshot per track; idempotent.

    A draft has no scores (returns ``[]``). Otherwise the self track is stored, and the verified
    track once approved (``provisional=True`` while a submitted assessment has reviewers'
    decisions). Each track is an upsert on (assessment, track, inputs_hash): the same inputs never
    make a new snapshot, they only refresh the existing one's ``computed_at`` and
    ``inputs_as_of``, so it is again the latest. Three reads and an upsert per track in one
    transaction (at most 7 statements with BEGIN and COMMIT; 3 more the first time a framework is
    seen). Raises ``Assessment.DoesNotExist`` for an unknown id.
    """
    inputs = load_inputs(assessment_id)
    result = compute_score(inputs)
    if result is None:
        return []
    as_of = inputs.inputs_as_of.isoformat() if inputs.inputs_as_of else None
    completeness = format(result.completeness, "f")
    snapshots = []
    for track in inputs.tracks:
        stored: dict[str, Any] = {"completeness": completeness, "inputs_as_of": as_of}
        if track == ScoreTrack.SELF:
            track_score = result.self
            stored["self"] = track_score.to_dict(include_exact=True)
        else:
            assert result.verified is not None and result.gap is not None
            track_score = result.verified
            stored["verified"] = track_score.to_dict(include_exact=True)
            stored["gap"] = result.gap.to_dict()
        snapshots.append(
            ScoreSnapshot(
                assessment_id=assessment_id,
                track=track,
                provisional=track == ScoreTrack.VERIFIED and not inputs.final,
                inputs_hash=inputs_hash(inputs, track),
                framework_version=inputs.entry.label,
                index=track_score.index,
                level=track_score.level,
                completeness=result.completeness,
                result=stored,
            )
        )
    # One upsert per row: a multi-row insert goes through PostgreSQL's UNNEST, which escapes each
    # JSON result into an array literal in Python and costs more than a second statement.
    with transaction.atomic():
        for snapshot in snapshots:
            ScoreSnapshot.objects.bulk_create(
                [snapshot],
                update_conflicts=True,
                unique_fields=["assessment", "track", "inputs_hash"],
                update_fields=["computed_at", "result"],
            )
    return snapshots


# --------------------------------------------------------------------------- asking workers


def stale_assessment_ids(
    *, cycle_id: int | None = None, grace: timedelta = timedelta(0)
) -> list[int]:
    """Assessments with scores whose latest snapshot does not reflect their inputs, or is missing.

    With ``grace``, a change younger than that is left alone (its task is probably on its way).
    One query: the candidates with their latest snapshot's mark.
    """
    latest = ScoreSnapshot.objects.filter(assessment_id=OuterRef("pk")).order_by(
        "-computed_at", "-id"
    )
    candidates = Assessment.objects.filter(status__in=SCORED_STATUSES)
    if cycle_id is not None:
        candidates = candidates.filter(cycle_id=cycle_id)
    rows = (
        candidates.annotate(
            has_snapshot=Exists(latest),
            latest_as_of=Subquery(latest.values("result__inputs_as_of")[:1]),
        )
        .order_by("pk")
        .values_list("pk", "inputs_changed_at", "has_snapshot", "latest_as_of")
    )
    cutoff = timezone.now() - grace
    stale = []
    for pk, changed_at, has_snapshot, latest_as_of in rows:
        if changed_at is not None and changed_at > cutoff:
            continue
        if not has_snapshot or not mark_covers(latest_as_of, changed_at):
            stale.append(pk)
    return stale


def scorable_assessment_ids(*, cycle_id: int) -> list[int]:
    """Every assessment of a cycle that has scores (submitted, returned, approved)."""
    return list(
        Assessment.objects.filter(cycle_id=cycle_id, status__in=SCORED_STATUSES)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def count_scored_since(assessment_ids: Sequence[int], since: datetime) -> int:
    """How many of ``assessment_ids`` have a snapshot written (or refreshed) at or after
    ``since``: the progress of a rescoring run."""
    if not assessment_ids:
        return 0
    return (
        ScoreSnapshot.objects.filter(assessment_id__in=assessment_ids, computed_at__gte=since)
        .values("assessment_id")
        .distinct()
        .count()
    )
