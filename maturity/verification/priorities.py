"""Where to look first: every assessment of a cycle that waits for verification (submitted or
province verified), with a risk score and the reasons behind it, highest first.

Each risk factor (docs/VERIFICATION.md) measures one thing, earns points by the weights and
thresholds of ``VERIFICATION_PRIORITY_WEIGHTS`` (:mod:`maturity.verification.weights`) and, where
it can, names the indicators a reviewer should ask about. The whole list is read in a fixed
number of queries, however many assessments wait.
"""

from __future__ import annotations

import json
import statistics
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import OuterRef, Subquery
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from cities import access, errors
from cities.access import AnyUser
from cities.models import RegionKind
from maturity.assessments.models import (
    UNDER_REVIEW_STATUSES,
    Answer,
    AnswerStatus,
    Assessment,
    AssessmentStatus,
    DataQuality,
    Evidence,
)
from maturity.cycles.models import AssessmentCycle
from maturity.frameworks.models import Indicator
from maturity.scores.inputs import SCORED_STATUSES
from maturity.scores.models import ScoreSnapshot, ScoreTrack
from maturity.scores.selectors import with_latest_snapshot_ids
from maturity.verification.weights import FACTORS, Factor, priority_weights

NOT_MEASURED = frozenset({DataQuality.ESTIMATED, DataQuality.MODELLED})

#: A short name of each factor, for the pages' legend of weights.
FACTOR_LABELS = {
    "above_previous": gettext_lazy("Jauh di atas indeks terverifikasi siklus sebelumnya"),
    "above_peers": gettext_lazy("Di atas median daerah sejenis"),
    "estimated": gettext_lazy("Banyak jawaban perkiraan atau pemodelan"),
    "evidence_missing": gettext_lazy("Jawaban tanpa data dukung"),
    "evidence_shared": gettext_lazy("Satu berkas data dukung untuk banyak indikator"),
    "previous_gap": gettext_lazy("Selisih besar mandiri dan terverifikasi pada siklus lalu"),
}


@dataclass(frozen=True)
class Reason:
    """One factor that raised an assessment's risk."""

    code: str
    weight: Decimal
    points: Decimal
    text: str
    indicators: tuple[str, ...] = ()


@dataclass(frozen=True)
class Priority:
    """One waiting assessment, its risk and the reasons, the highest first."""

    assessment_id: int
    region_code: str
    region_name: str
    kind: str
    province_code: str
    status: str
    self_index: Decimal | None
    risk: Decimal
    reasons: tuple[Reason, ...]

    @property
    def indicators(self) -> tuple[str, ...]:
        """Every indicator the reasons name, in the reasons' order, each once."""
        seen: dict[str, None] = {}
        for reason in self.reasons:
            for code in reason.indicators:
                seen.setdefault(code, None)
        return tuple(seen)


@dataclass(frozen=True)
class PriorityList:
    cycle: AssessmentCycle
    factors: Mapping[str, Factor]
    rows: list[Priority] = field(default_factory=list)

    @property
    def weights(self) -> dict[str, dict[str, Any]]:
        return {code: factor.as_data() for code, factor in self.factors.items()}


def cycle_for_priorities(*, user: AnyUser, cycle_id: int) -> AssessmentCycle:
    """The cycle, for someone who may read priorities: Forbidden for anyone else, NotFound for
    an unknown cycle (cycles are not region data: everyone signed in may know them)."""
    access.require(user, access.READ_PRIORITIES)
    cycle = AssessmentCycle.objects.select_related("framework").filter(pk=cycle_id).first()
    if cycle is None:
        raise errors.NotFound(_("Siklus tidak ditemukan."))
    return cycle


def verification_priorities(*, user: AnyUser, cycle: AssessmentCycle) -> PriorityList:
    """The cycle's assessments waiting for verification in ``user``'s scope (a province
    reviewer: its province's kabupaten and kota), by risk, highest first, then region code.

    Eight queries whatever the number of assessments: the assessments, the snapshots they and
    their regions' previous approved assessments point to, the cycle's self indexes by kind,
    the previous assessments, the framework's indicators, the answers and the evidence.
    """
    access.require(user, access.READ_PRIORITIES)
    factors = priority_weights()
    waiting = list(
        with_latest_snapshot_ids(
            access.scope(
                user,
                Assessment.objects.filter(cycle=cycle, status__in=list(UNDER_REVIEW_STATUSES)),
            )
        )
        .select_related("region")
        .order_by("region__code")
    )
    if not waiting:
        return PriorityList(cycle, factors)
    ids = [a.pk for a in waiting]
    previous = _previous_approved(cycle, [a.region_id for a in waiting])
    snapshots = _snapshots(
        [a.latest_self_id for a in waiting]  # type: ignore[attr-defined]
        + [pk for p in previous.values() for pk in (p.self_id, p.verified_id)]
    )
    positions = dict(
        Indicator.objects.filter(framework_id=cycle.framework_id).values_list("code", "position")
    )
    facts = _facts(ids)
    medians = _peer_medians(cycle)
    rows = []
    for assessment in waiting:
        current = snapshots.get(assessment.latest_self_id)  # type: ignore[attr-defined]
        reasons = _reasons(
            factors,
            current=current,
            previous=previous.get(assessment.region_id),
            snapshots=snapshots,
            median=medians.get(assessment.region.kind),
            kind=assessment.region.kind,
            facts=facts[assessment.pk],
            order=lambda codes: tuple(sorted(codes, key=lambda c: (positions.get(c, 0), c))),
        )
        region = assessment.region
        rows.append(
            Priority(
                assessment_id=assessment.pk,
                region_code=region.code,
                region_name=region.name,
                kind=region.kind,
                province_code=region.province_code,
                status=assessment.status,
                self_index=current.index if current is not None else None,
                risk=sum((r.points for r in reasons), Decimal(0)),
                reasons=reasons,
            )
        )
    rows.sort(key=lambda row: (-row.risk, row.region_code))
    return PriorityList(cycle, factors, rows)


# --- What the factors read ---------------------------------------------------------------------


@dataclass(frozen=True)
class Snapshot:
    index: Decimal | None
    levels: dict[str, int | None]


@dataclass(frozen=True)
class PreviousApproved:
    cycle_name: str
    self_id: int | None
    verified_id: int | None


@dataclass
class Facts:
    """One assessment's answers and evidence, reduced to what the factors count."""

    answered: set[str] = field(default_factory=set)
    with_quality: set[str] = field(default_factory=set)
    not_measured: set[str] = field(default_factory=set)
    with_evidence: set[str] = field(default_factory=set)
    files: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))


def _snapshots(ids: Iterable[int | None]) -> dict[int, Snapshot]:
    wanted = sorted({pk for pk in ids if pk is not None})
    found = {}
    for pk, index, result in ScoreSnapshot.objects.filter(pk__in=wanted).values_list(
        "pk", "index", "result"
    ):
        track = result.get("verified") or result.get("self") or {}
        levels = {item["code"]: item["level"] for item in track.get("indicators", ())}
        found[pk] = Snapshot(index, levels)
    return found


def _latest(track: str, *, final_only: bool = False, value: str = "pk") -> Subquery:
    snapshots = ScoreSnapshot.objects.filter(assessment_id=OuterRef("pk"), track=track)
    if final_only:
        snapshots = snapshots.filter(provisional=False)
    return Subquery(snapshots.order_by("-computed_at", "-id").values(value)[:1])


def _previous_approved(
    cycle: AssessmentCycle, region_ids: Sequence[int]
) -> dict[int, PreviousApproved]:
    """Region id → its latest approved assessment of a year before ``cycle``'s with a final
    verified snapshot: one query."""
    rows = (
        Assessment.objects.filter(
            region_id__in=list(region_ids),
            status=AssessmentStatus.APPROVED,
            cycle__year__lt=cycle.year,
        )
        .annotate(
            self_id=_latest(ScoreTrack.SELF),
            verified_id=_latest(ScoreTrack.VERIFIED, final_only=True),
        )
        .filter(verified_id__isnull=False)
        .order_by("region_id", "-cycle__year", "-cycle_id")
        .values_list("region_id", "cycle__name", "self_id", "verified_id")
    )
    found: dict[int, PreviousApproved] = {}
    for region_id, cycle_name, self_id, verified_id in rows:
        found.setdefault(region_id, PreviousApproved(cycle_name, self_id, verified_id))
    return found


@dataclass(frozen=True)
class PeerMedians:
    """The medians of the cycle's scored assessments of one kind, on the self track."""

    index: Decimal
    levels: dict[str, Decimal]  # indicator code → median self level (not applicable left out)


def _peer_medians(cycle: AssessmentCycle) -> dict[str, PeerMedians]:
    """Kind → the median self index and self level of each indicator of the cycle's scored
    assessments of that kind (all of them, whoever asks: a region's place among its peers does
    not depend on the reader); one query."""
    indexes: dict[str, list[Decimal]] = defaultdict(list)
    levels: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    rows = (
        Assessment.objects.filter(cycle=cycle, status__in=list(SCORED_STATUSES))
        .annotate(
            self_index=_latest(ScoreTrack.SELF, value="index"),
            self_levels=_latest(ScoreTrack.SELF, value="result__self__indicators"),
        )
        .filter(self_index__isnull=False)
        .order_by()
        .values_list("region__kind", "self_index", "self_levels")
    )
    for kind, index, indicators in rows:
        indexes[kind].append(index)
        for item in _json_list(indicators):
            if item.get("level") is not None:
                levels[kind][item["code"]].append(item["level"])
    return {
        kind: PeerMedians(
            index=Decimal(statistics.median(values)),
            levels={
                code: Decimal(statistics.median(found)) for code, found in levels[kind].items()
            },
        )
        for kind, values in indexes.items()
    }


def _json_list(value: Any) -> list[dict[str, Any]]:
    """A JSON list read through a subquery: decoded already, or text on some databases."""
    if isinstance(value, str):
        value = json.loads(value)
    return value if isinstance(value, list) else []


def _facts(assessment_ids: list[int]) -> dict[int, Facts]:
    facts: dict[int, Facts] = {pk: Facts() for pk in assessment_ids}
    answers = (
        Answer.objects.filter(assessment_id__in=assessment_ids)
        .order_by()
        .values_list("assessment_id", "indicator__code", "status", "quality")
    )
    for assessment_id, code, status, quality in answers:
        if status != AnswerStatus.ANSWERED:
            continue
        found = facts[assessment_id]
        found.answered.add(code)
        if quality:
            found.with_quality.add(code)
            if quality in NOT_MEASURED:
                found.not_measured.add(code)
    evidence = (
        Evidence.objects.filter(assessment_id__in=assessment_ids)
        .order_by()
        .values_list("assessment_id", "indicator__code", "sha256")
    )
    for assessment_id, code, sha256 in evidence:
        found = facts[assessment_id]
        found.with_evidence.add(code)
        if sha256:
            found.files[sha256].add(code)
    return facts


# --- The factors --------------------------------------------------------------------------------


def _decimal(value: Decimal) -> str:
    """A figure with two decimals in the request's notation (3,25 / 3.25)."""
    return formats.number_format(value.quantize(Decimal("0.01")), 2)


def _peer_label(kind: str) -> str:
    if kind == RegionKind.KOTA:
        return pgettext("peers", "kota")
    if kind == RegionKind.KABUPATEN:
        return pgettext("peers", "kabupaten")
    return pgettext("peers", "provinsi")


def _reasons(
    factors: Mapping[str, Factor],
    *,
    current: Snapshot | None,
    previous: PreviousApproved | None,
    snapshots: Mapping[int, Snapshot],
    median: PeerMedians | None,
    kind: str,
    facts: Facts,
    order: Any,
) -> tuple[Reason, ...]:
    found: list[Reason] = []

    def add(code: str, measure: Decimal | int | None, text: Any, codes: Iterable[str]) -> None:
        factor = factors.get(code)
        if factor is None:
            return
        points = factor.points(measure)
        if points > 0:
            found.append(Reason(code, factor.weight, points, text(), order(codes)))

    before_self = snapshots.get(previous.self_id) if previous and previous.self_id else None
    before = snapshots.get(previous.verified_id) if previous and previous.verified_id else None
    if current is not None and current.index is not None:
        now = current.index
        if before is not None and before.index is not None and previous is not None:
            then, cycle_name = before.index, previous.cycle_name
            factor = factors.get("above_previous")
            gap = factor.options["level_gap"] if factor is not None else 0
            add(
                "above_previous",
                now - then,
                lambda: (
                    _(
                        "Indeks mandiri %(now)s, %(diff)s di atas indeks terverifikasi %(then)s "
                        "pada siklus %(cycle)s."
                    )
                    % {
                        "now": _decimal(now),
                        "diff": _decimal(now - then),
                        "then": _decimal(then),
                        "cycle": cycle_name,
                    }
                ),
                _raised(current.levels, before.levels, gap),
            )
        if median is not None:
            factor = factors.get("above_peers")
            peer_gap = factor.options["level_gap"] if factor is not None else 0
            peer_median = median.index
            add(
                "above_peers",
                now - peer_median,
                lambda: (
                    _(
                        "Indeks mandiri %(now)s, %(diff)s di atas median %(peers)s pada siklus ini "
                        "(%(median)s)."
                    )
                    % {
                        "now": _decimal(now),
                        "diff": _decimal(now - peer_median),
                        "peers": _peer_label(kind),
                        "median": _decimal(peer_median),
                    }
                ),
                _raised(current.levels, median.levels, peer_gap),
            )
    if facts.with_quality:
        add(
            "estimated",
            Decimal(len(facts.not_measured)) / len(facts.with_quality),
            lambda: (
                _(
                    "%(count)d dari %(total)d jawaban berangka berupa perkiraan atau pemodelan, "
                    "bukan hasil pengukuran."
                )
                % {"count": len(facts.not_measured), "total": len(facts.with_quality)}
            ),
            facts.not_measured,
        )
    if facts.answered:
        missing = facts.answered - facts.with_evidence
        add(
            "evidence_missing",
            Decimal(len(missing)) / len(facts.answered),
            lambda: (
                _("%(count)d dari %(total)d indikator yang dijawab tidak memiliki data dukung.")
                % {"count": len(missing), "total": len(facts.answered)}
            ),
            missing,
        )
    if "evidence_shared" in factors:
        least = factors["evidence_shared"].options["min_indicators"]
        groups = [codes for codes in facts.files.values() if len(codes) >= least]
        shared = set().union(*groups) if groups else set()
        most = max((len(codes) for codes in groups), default=0)
        add(
            "evidence_shared",
            len(shared),
            lambda: (
                _(
                    "%(count)d indikator memakai berkas data dukung yang sama; satu berkas dipakai "
                    "untuk %(most)d indikator."
                )
                % {"count": len(shared), "most": most}
            ),
            shared,
        )
    if "previous_gap" in factors and before is not None and before_self is not None:
        gap = factors["previous_gap"].options["level_gap"]
        fallen = _raised(before_self.levels, before.levels, gap)
        cycle_name = previous.cycle_name if previous else ""
        add(
            "previous_gap",
            len(fallen),
            lambda: (
                _(
                    "Pada siklus %(cycle)s yang disetujui, %(count)d indikator terverifikasi "
                    "%(gap)d tingkat atau lebih di bawah tingkat mandirinya."
                )
                % {"cycle": cycle_name, "count": len(fallen), "gap": gap}
            ),
            fallen,
        )
    found.sort(key=lambda r: (-r.points, FACTORS.index(r.code)))
    return tuple(found)


def _raised(
    higher: Mapping[str, int | None], lower: Mapping[str, Decimal | int | None], gap: int
) -> set[str]:
    """Indicators (by code) whose level in ``higher`` stands ``gap`` or more above ``lower``."""
    if gap < 1:
        return set()
    return {
        code
        for code, level in higher.items()
        if level is not None and lower.get(code) is not None and level - lower[code] >= gap  # type: ignore[operator]
    }
