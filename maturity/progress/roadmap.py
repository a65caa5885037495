"""The roadmap of an assessment: the fewest steps to each higher maturity level, what each step
asks of the answer, and which regions already reached it (API:
``GET /api/v1/assessments/{id}/roadmap/``). The steps come from the pure
:func:`maturity.scoring.roadmap.roadmap`.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from django.utils.translation import gettext as _

from cities import errors
from cities.access import AnyUser
from maturity.assessments.models import Assessment, AssessmentStatus
from maturity.frameworks.models import Direction, Indicator, IndicatorKind
from maturity.frameworks.rules import framework_entry
from maturity.programmes.selectors import programmes_for
from maturity.scores.models import ScoreSnapshot, ScoreTrack
from maturity.scores.selectors import latest_snapshots_for
from maturity.scoring.roadmap import Step, roadmap

#: How many regions a step names as peers.
PEERS_SHOWN = 3
TRACKS = (ScoreTrack.SELF, ScoreTrack.VERIFIED)


def default_track(assessment: Assessment) -> str:
    """``verified`` once the assessment is approved, else ``self``."""
    if assessment.status == AssessmentStatus.APPROVED:
        return ScoreTrack.VERIFIED
    return ScoreTrack.SELF


def _track_levels(assessment: Assessment, track: str) -> dict[str, Any]:
    latest = latest_snapshots_for(assessment)
    snapshot = latest.verified if track == ScoreTrack.VERIFIED else latest.self
    if track == ScoreTrack.VERIFIED and assessment.status != AssessmentStatus.APPROVED:
        raise errors.Invalid(
            {"track": [_("Skor terverifikasi ada setelah penilaian disetujui.")]},
            code="not_verified",
        )
    if snapshot is None or snapshot.result.get(track) is None:
        raise errors.Conflict(
            _("Penilaian ini belum memiliki skor; coba lagi setelah skor dihitung."),
            code="not_scored",
        )
    result: dict[str, Any] = snapshot.result[track]
    return result


def _gain_text(gain: Fraction) -> str:
    value = Decimal(gain.numerator) / Decimal(gain.denominator)
    return format(value.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP), "f")


def _number_text(value: Any) -> str:
    return format(Decimal(str(value)).normalize(), "f")


def needs_text(indicator: Indicator, to_level: int, language: str) -> str:
    """What the answer must become for ``to_level``, in the request's language."""
    if indicator.kind == IndicatorKind.BINARY:
        return _("Ya")
    if indicator.kind == IndicatorKind.RUBRIC:
        descriptor = (indicator.rubric or {}).get(str(to_level)) or {}
        text = descriptor.get("en" if language.startswith("en") else "id", "")
        return text or _("Tingkat %(level)s pada rubrik") % {"level": to_level}
    if to_level <= 1:
        return _("Nilai terukur apa pun (bukan 'tidak ada data')")
    threshold = _number_text((indicator.thresholds or [])[to_level - 2])
    unit = f" {indicator.unit}" if indicator.unit else ""
    if indicator.direction == Direction.LOWER:
        return _("Paling tinggi %(value)s") % {"value": f"{threshold}{unit}"}
    return _("Paling rendah %(value)s") % {"value": f"{threshold}{unit}"}


def _peer_levels(assessment: Assessment) -> dict[int, tuple[Any, dict[str, int | None]]]:
    """Region id → (region, verified level by indicator code) of each other region's latest
    approved assessment; one query for the snapshots' indicator levels."""
    latest_approved: dict[int, Assessment] = {}
    approved = (
        Assessment.objects.filter(status=AssessmentStatus.APPROVED)
        .exclude(region_id=assessment.region_id)
        .select_related("region")
        .order_by("region_id", "-cycle__year", "-cycle_id")
    )
    for other in approved:
        latest_approved.setdefault(other.region_id, other)
    by_assessment = {a.pk: a for a in latest_approved.values()}
    snapshots = (
        ScoreSnapshot.objects.filter(
            assessment_id__in=list(by_assessment),
            track=ScoreTrack.VERIFIED,
            provisional=False,
        )
        .order_by("assessment_id", "-computed_at", "-id")
        .values_list("assessment_id", "result__verified__indicators")
    )
    levels: dict[int, tuple[Any, dict[str, int | None]]] = {}
    for assessment_id, indicators in snapshots:
        other = by_assessment[assessment_id]
        if other.region_id in levels:
            continue
        levels[other.region_id] = (
            other.region,
            {item["code"]: item["level"] for item in indicators or ()},
        )
    return levels


def _peers(
    step: Step,
    assessment: Assessment,
    peer_levels: dict[int, tuple[Any, dict[str, int | None]]],
    programmes: dict[tuple[int, str], list[dict[str, Any]]],
) -> list[dict[str, Any]]:
    reached = [
        (region, level)
        for region, by_code in peer_levels.values()
        if (level := by_code.get(step.indicator)) is not None and level >= step.to_level
    ]
    province = assessment.region.province_code
    reached.sort(key=lambda pair: (-pair[1], pair[0].province_code != province, pair[0].code))
    return [
        {
            "region": region.code,
            "name": region.name,
            "level": level,
            "programmes": programmes.get((region.pk, step.indicator), []),
        }
        for region, level in reached[:PEERS_SHOWN]
    ]


def _programmes_of(
    user: AnyUser, region_ids: set[int], codes: set[str]
) -> dict[tuple[int, str], list[dict[str, Any]]]:
    found: dict[tuple[int, str], list[dict[str, Any]]] = defaultdict(list)
    if not region_ids or not codes:
        return found
    rows = (
        programmes_for(user)
        .filter(region_id__in=region_ids)
        .values_list("pk", "name", "region_id", "indicator_codes")
    )
    for pk, name, region_id, indicator_codes in rows:
        for code in set(indicator_codes or ()) & codes:
            found[(region_id, code)].append({"id": pk, "name": name})
    return found


def assessment_roadmap(
    assessment: Assessment, *, user: AnyUser, track: str, language: str
) -> dict[str, Any]:
    """The assessment's roadmap on ``track`` in the API's shape."""
    scored = _track_levels(assessment, track)
    framework = assessment.cycle.framework
    rules = framework_entry(framework).rules
    levels: dict[str, int | None] = {i["code"]: i["level"] for i in scored.get("indicators", ())}
    targets = roadmap(rules, levels)
    codes = {step.indicator for target in targets for step in target.steps}
    indicators = {i.code: i for i in Indicator.objects.filter(framework=framework, code__in=codes)}
    peer_levels = _peer_levels(assessment) if codes else {}
    programmes = _programmes_of(user, set(peer_levels), codes)
    return {
        "track": track,
        "index": scored.get("index"),
        "level": scored.get("level"),
        "targets": [
            {
                "level": target.level,
                "level_name": framework.level_name(target.level, language) or None,
                "index_needed": format(target.index_needed.quantize(Decimal("0.01")), "f"),
                "reachable": target.reachable,
                "index_after": None
                if target.index_after is None
                else format(target.index_after, "f"),
                "steps": [
                    {
                        "indicator": step.indicator,
                        "from_level": step.from_level,
                        "to_level": step.to_level,
                        "gain": _gain_text(step.gain),
                        "needs": needs_text(indicators[step.indicator], step.to_level, language),
                        "peers": _peers(step, assessment, peer_levels, programmes),
                    }
                    for step in target.steps
                ],
            }
            for target in targets
        ],
    }
