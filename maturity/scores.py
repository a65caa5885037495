"""Score snapshots: computing them from an assessment, asking workers to do so, reading them back.

Scores are never computed on read. A worker runs :func:`refresh_snapshots`, which loads one
assessment with its framework, answers and reviews in a constant number of queries, applies the
pure :mod:`maturity.scoring` function and stores a :class:`~maturity.models.ScoreSnapshot` per
track, identified by a hash of the inputs. Pages and the API read the latest snapshots
(:func:`latest_snapshot`, :func:`latest_snapshots`, :func:`score_payload`).

A snapshot's ``result`` is JSON: ``{"completeness": "100.0", "inputs_as_of": ISO time or null,
"self": track}`` for the self track, ``{"completeness", "inputs_as_of", "verified": track, "gap":
gap}`` for the verified track, where a track is :meth:`maturity.scoring.TrackScore.to_dict`
(``include_exact=True``; its ``level_name`` is Indonesian — present names with
:func:`track_payload`) and a gap :meth:`maturity.scoring.Gap.to_dict`.

Freshness: every change to scoring inputs moves ``Assessment.inputs_changed_at`` forward in the
changing transaction (:func:`schedule_scoring`). A snapshot records in its ``result`` the value of
that mark it was computed against (``inputs_as_of``, read *before* the inputs), so a snapshot
reflects the current inputs exactly when its mark is not older than the assessment's. A change
committed while a worker was reading is therefore never mistaken for scored.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from maturity.models import (
    Answer,
    AnswerStatus,
    Assessment,
    AssessmentStatus,
    Element,
    Framework,
    FrameworkStatus,
    Indicator,
    Review,
    ScoreSnapshot,
    ScoreTrack,
    Theme,
)
from maturity.scoring import (
    AnswerInput,
    ElementRule,
    FrameworkRules,
    IndicatorRule,
    ReviewInput,
    ScoreResult,
    ThemeRule,
    score_assessment,
)

logger = logging.getLogger(__name__)

#: Statuses in which an assessment has a self score (SCORING.md §3: from submission on).
SCORED_STATUSES = (
    AssessmentStatus.SUBMITTED,
    AssessmentStatus.RETURNED,
    AssessmentStatus.APPROVED,
)

#: ``status`` of a score response (API.md, Scores); ``not_submitted`` for a draft, which has none.
READY = "ready"
PENDING = "pending"
NOT_SUBMITTED = "not_submitted"

#: How long the sweep leaves a fresh change alone, since its task is most likely on its way.
SWEEP_GRACE = timedelta(seconds=30)

_HASH_SCHEMA = 1  # bump when the hashed payload's shape changes


# --------------------------------------------------------------------------- framework rules


@dataclass(frozen=True)
class FrameworkNames:
    """Bilingual titles of a framework's elements, themes and indicators, by code."""

    elements: Mapping[str, tuple[str, str]]
    themes: Mapping[str, tuple[str, str]]
    indicators: Mapping[str, tuple[str, str]]
    theme_elements: Mapping[str, str]
    indicator_themes: Mapping[str, str]

    @staticmethod
    def pick(titles: Mapping[str, tuple[str, str]], code: str, language: str) -> str:
        title_id, title_en = titles.get(code, ("", ""))
        return title_en if language.startswith("en") else title_id


@dataclass(frozen=True)
class FrameworkEntry:
    """Everything scoring and presenting scores need from one framework version."""

    framework_id: int
    label: str  # "smkc 2026.1"
    rules: FrameworkRules
    names: FrameworkNames
    kinds: Mapping[str, str]  # indicator code -> kind
    # Indicator rows by code (with theme and element), filled on first use by
    # maturity.selectors.indicator_of: every answer and review looks its indicator up.
    indicators: dict[str, Indicator] = field(default_factory=dict, compare=False, repr=False)


_entries: dict[tuple[Any, ...], FrameworkEntry] = {}
_entries_lock = threading.Lock()


def _cache_key(framework: Framework) -> tuple[Any, ...]:
    # created_at guards against an id reused for another framework (SQLite after a rollback).
    return (framework.pk, framework.code, framework.version, framework.created_at)


def framework_entry(framework: Framework) -> FrameworkEntry:
    """The rules and names of ``framework``: three queries the first time, then none.

    Published (and retired) versions are immutable, so they are kept in-process per id and
    version; a draft is read afresh every time, since it may still change.
    """
    cacheable = framework.status != FrameworkStatus.DRAFT
    key = _cache_key(framework)
    if cacheable:
        entry = _entries.get(key)
        if entry is not None:
            return entry
    entry = _load_entry(framework)
    if cacheable:
        with _entries_lock:
            _entries[key] = entry
    return entry


def rules_for_framework(framework: Framework) -> FrameworkRules:
    """The :class:`~maturity.scoring.FrameworkRules` of a framework version (cached, see above)."""
    return framework_entry(framework).rules


def clear_rules_cache() -> None:
    """Forget every cached framework (tests that rewrite a framework in place use this)."""
    with _entries_lock:
        _entries.clear()


def _load_entry(framework: Framework) -> FrameworkEntry:
    elements = list(
        Element.objects.filter(framework_id=framework.pk)
        .order_by("position", "id")
        .values_list("id", "code", "weight", "title_id", "title_en")
    )
    themes = list(
        Theme.objects.filter(framework_id=framework.pk)
        .order_by("position", "id")
        .values_list("id", "code", "element_id", "weight", "title_id", "title_en")
    )
    indicators = list(
        Indicator.objects.filter(framework_id=framework.pk)
        .order_by("position", "id")
        .values_list(
            "code",
            "theme_id",
            "kind",
            "weight",
            "direction",
            "thresholds",
            "yes_level",
            "no_level",
            "required",
            "evidence_required",
            "title_id",
            "title_en",
        )
    )
    element_codes = {pk: code for pk, code, *_ in elements}
    theme_codes = {pk: code for pk, code, *_ in themes}
    indicator_rules = []
    kinds = {}
    indicator_titles = {}
    indicator_themes = {}
    for (
        code,
        theme_id,
        kind,
        weight,
        direction,
        thresholds,
        yes_level,
        no_level,
        required,
        evidence_required,
        title_id,
        title_en,
    ) in indicators:
        indicator_rules.append(
            IndicatorRule(
                code=code,
                theme=theme_codes[theme_id],
                kind=kind,
                weight=weight,
                direction=direction or None,
                thresholds=tuple(Decimal(str(t)) for t in thresholds or ()),
                yes_level=5 if yes_level is None else yes_level,
                no_level=1 if no_level is None else no_level,
                required=required,
                evidence_required=evidence_required,
            )
        )
        kinds[code] = kind
        indicator_titles[code] = (title_id, title_en)
        indicator_themes[code] = theme_codes[theme_id]
    rules = FrameworkRules(
        elements=tuple(ElementRule(code, weight) for _, code, weight, *_ in elements),
        themes=tuple(
            ThemeRule(code, element_codes[element_id], weight)
            for _, code, element_id, weight, *_ in themes
        ),
        indicators=tuple(indicator_rules),
        index_bands=tuple(Decimal(str(b)) for b in framework.index_bands),  # type: ignore[arg-type]
        level_names={int(level): names for level, names in (framework.levels or {}).items()},
    )
    names = FrameworkNames(
        elements={code: (t_id, t_en) for _, code, _, t_id, t_en in elements},
        themes={code: (t_id, t_en) for _, code, _, _, t_id, t_en in themes},
        indicators=indicator_titles,
        theme_elements={code: element_codes[element_id] for _, code, element_id, *_ in themes},
        indicator_themes=indicator_themes,
    )
    return FrameworkEntry(
        framework_id=framework.pk,
        label=f"{framework.code} {framework.version}",
        rules=rules,
        names=names,
        kinds=kinds,
    )


# --------------------------------------------------------------------------- inputs and hashing


@dataclass(frozen=True)
class ScoringInputs:
    """One assessment's scoring inputs, as read by :func:`load_inputs`."""

    assessment: Assessment
    entry: FrameworkEntry
    answers: dict[str, AnswerInput]
    reviews: dict[str, ReviewInput]  # decisions only (a comment alone scores nothing)
    inputs_as_of: datetime | None

    @property
    def final(self) -> bool:
        """Whether the verified track is final (approved) rather than provisional."""
        return self.assessment.status == AssessmentStatus.APPROVED

    @property
    def tracks(self) -> tuple[str, ...]:
        """The tracks this assessment has now: self from submission, verified from approval,
        and a provisional verified track while a submitted assessment is being reviewed."""
        status = self.assessment.status
        if status not in SCORED_STATUSES:
            return ()
        if status == AssessmentStatus.APPROVED or (
            status == AssessmentStatus.SUBMITTED and self.reviews
        ):
            return (ScoreTrack.SELF, ScoreTrack.VERIFIED)
        return (ScoreTrack.SELF,)


def load_inputs(assessment_id: int) -> ScoringInputs:
    """Read an assessment, its framework, answers and reviews: 3 queries (6 on a cold cache).

    The assessment row (and its ``inputs_changed_at``) is read first, so the answers and reviews
    read after it are at least as new as the mark the snapshot will claim to reflect.
    """
    assessment = Assessment.objects.select_related("cycle__framework").get(pk=assessment_id)
    inputs_as_of = assessment.inputs_changed_at
    entry = framework_entry(assessment.cycle.framework)
    kinds = entry.kinds
    answers: dict[str, AnswerInput] = {}
    rows = (
        Answer.objects.filter(assessment_id=assessment_id)
        .order_by()
        .values_list("indicator__code", "status", "value_decimal", "value_level", "value_bool")
    )
    for code, status, value_decimal, value_level, value_bool in rows:
        kind = kinds.get(code)
        if kind is None:
            continue
        value: Decimal | int | bool | None = None
        if status == AnswerStatus.ANSWERED:
            if kind == "quantitative":
                value = value_decimal
            elif kind == "rubric":
                value = value_level
            else:
                value = value_bool
        answers[code] = AnswerInput(status, value)
    reviews: dict[str, ReviewInput] = {}
    review_rows = (
        Review.objects.filter(assessment_id=assessment_id)
        .filter(Q(verified_level__isnull=False) | Q(not_applicable=True))
        .order_by()
        .values_list("indicator__code", "verified_level", "not_applicable")
    )
    for code, verified_level, not_applicable in review_rows:
        if code in kinds:
            level = None if not_applicable else verified_level
            reviews[code] = ReviewInput(verified_level=level, not_applicable=not_applicable)
    return ScoringInputs(
        assessment=assessment,
        entry=entry,
        answers=answers,
        reviews=reviews,
        inputs_as_of=inputs_as_of,
    )


def _canonical_value(value: object) -> object:
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f")
        return "0" if text in {"-0", "0"} else text
    return value


def inputs_hash(inputs: ScoringInputs, track: str) -> str:
    """sha256 of a canonical JSON of what ``track`` depends on.

    Self: the framework (id, version) and every answer's status and value. Verified: the same,
    plus the reviewers' decisions and whether the track is final (approved) or provisional.
    Comments, sources and timestamps do not change scores and are left out.
    """
    framework = inputs.assessment.cycle.framework
    payload: dict[str, Any] = {
        "schema": _HASH_SCHEMA,
        "track": track,
        "framework": [framework.pk, framework.code, framework.version],
        "answers": sorted(
            [code, answer.status, _canonical_value(answer.value)]
            for code, answer in inputs.answers.items()
        ),
    }
    if track == ScoreTrack.VERIFIED:
        payload["reviews"] = sorted(
            [code, review.verified_level, review.not_applicable]
            for code, review in inputs.reviews.items()
        )
        payload["final"] = inputs.final
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(canonical.encode("ascii")).hexdigest()


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


def schedule_scoring(*, assessment_id: int) -> None:
    """Mark the assessment's scoring inputs as changed and enqueue scoring once committed.

    The mark is written in the caller's transaction, so even if the broker is down when the
    transaction commits, the periodic sweep finds the assessment stale and rescoring happens.
    """
    Assessment.objects.filter(pk=assessment_id).update(inputs_changed_at=timezone.now())
    transaction.on_commit(lambda: enqueue_scoring(assessment_id))


def enqueue_scoring(assessment_id: int) -> bool:
    """Send the scoring task; a broker outage is logged, not raised (the sweep will resend)."""
    from maturity.tasks import score_assessment as score_task

    try:
        score_task.delay(assessment_id)
        return True
    except Exception:
        logger.warning(
            "scoring of assessment %s not queued; the sweep will retry",
            assessment_id,
            exc_info=True,
        )
        return False


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
        if not has_snapshot or not _mark_covers(latest_as_of, changed_at):
            stale.append(pk)
    return stale


def _mark_covers(as_of: object, changed_at: datetime | None) -> bool:
    """Whether a snapshot computed against mark ``as_of`` reflects inputs changed at
    ``changed_at``."""
    if changed_at is None:
        return True
    if not isinstance(as_of, str):
        return False
    parsed = parse_datetime(as_of)
    return parsed is not None and parsed >= changed_at


def scorable_assessment_ids(*, cycle_id: int) -> list[int]:
    """Every assessment of a cycle that has scores (submitted, returned, approved)."""
    return list(
        Assessment.objects.filter(cycle_id=cycle_id, status__in=SCORED_STATUSES)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def enqueue_cycle_scoring(*, cycle_id: int, force: bool = False) -> list[int]:
    """Send one scoring task per assessment of a cycle to the workers.

    Only the stale ones unless ``force``, which sends every assessment that has scores (their
    snapshots are recomputed and, where nothing changed, refreshed in place). Returns the ids sent.
    """
    ids = (
        scorable_assessment_ids(cycle_id=cycle_id)
        if force
        else stale_assessment_ids(cycle_id=cycle_id)
    )
    for assessment_id in ids:
        enqueue_scoring(assessment_id)
    return ids


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
    return _mark_covers(snapshot.result.get("inputs_as_of"), assessment.inputs_changed_at)


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
        return track_payload(
            snapshot.result.get(key), framework=framework, names=names, language=language
        )

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


def cycle_score_rows(
    assessments: Sequence[Assessment],
    *,
    framework: Framework,
    language: str = "id",
    with_indicators: bool = False,
) -> list[dict[str, Any]]:
    """One row per assessment for the cycle scores list and its files: region, status, self and
    verified index and level, element scores and completeness; with ``with_indicators`` also
    every indicator's self and verified level. One query for the snapshots of all rows.

    ``assessments`` come from :func:`filter_cycle_assessments` (they carry their latest ids).
    """
    latest_by_id = latest_snapshots(assessments)
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
            "elements": [
                {
                    "code": code,
                    "title": names.pick(names.elements, code, language),
                    "self": self_elements.get(code),
                    "verified": verified_elements.get(code),
                }
                for code in element_codes
            ],
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
