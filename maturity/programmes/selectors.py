"""Reads of the programmes registry: scope, filters, what may be cited, programmes behind top
indicators.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Count, Exists, Max, OuterRef, Prefetch, Q, QuerySet

from cities import access
from cities.access import AnyUser
from cities.models import Region
from maturity.assessments import selectors
from maturity.assessments.models import EDITABLE_STATUSES, Assessment, AssessmentStatus
from maturity.frameworks.models import Element, Framework, FrameworkStatus, Indicator
from maturity.programmes.models import Programme, ProgrammeFile, ProgrammeStatus

MAX_QUERY = 200


# "The highest-scoring indicators": those on which a region reached this level or better.
TOP_LEVEL = 4
TOP_PROGRAMMES_LIMIT = 30


# --- Selectors --------------------------------------------------------------------------------


def _with_files(queryset: QuerySet[Programme]) -> QuerySet[Programme]:
    files = ProgrammeFile.objects.select_related("uploaded_by").order_by("uploaded_at", "id")
    return queryset.select_related("region").prefetch_related(Prefetch("files", queryset=files))


def programmes_for(user: AnyUser) -> QuerySet[Programme]:
    """The programmes ``user`` may read: shared ones, plus those of the regions in their scope."""
    return access.scope_or_shared(user, _with_files(Programme.objects.all()), "region").order_by(
        "region__code", "name", "id"
    )


def programmes_in_scope(user: AnyUser) -> QuerySet[Programme]:
    """The programmes of the regions in ``user``'s scope: where writes look programmes up, so
    that another region's programme is not found even when it is shared."""
    return access.scope(user, _with_files(Programme.objects.all()), "region").order_by(
        "region__code", "name", "id"
    )


def public_programmes() -> QuerySet[Programme]:
    """Shared programmes of regions with at least one approved assessment (no sign-in needed)."""
    approved = Assessment.objects.filter(
        region_id=OuterRef("region_id"), status=AssessmentStatus.APPROVED
    )
    return (
        Programme.objects.filter(shared=True)
        .filter(Exists(approved))
        .select_related("region")
        .order_by("region__code", "name", "id")
    )


def filter_programmes(
    queryset: QuerySet[Programme],
    *,
    element: str | None = None,
    indicator: str | None = None,
    province: str | None = None,
    kind: str | None = None,
    status: str | None = None,
    region: str | None = None,
    q: str | None = None,
) -> QuerySet[Programme]:
    """The registry's filters: key element, linked indicator, province code, kind of region,
    status, region code and a text search in the name and both descriptions."""
    if element:
        queryset = queryset.filter(element_code__iexact=element.strip())
    if indicator:
        queryset = _with_indicator(queryset, indicator.strip().upper())
    if province:
        queryset = queryset.filter(region__province_code=province.strip())
    if kind:
        queryset = queryset.filter(region__kind=kind.strip())
    if status:
        queryset = queryset.filter(status=status.strip())
    if region:
        queryset = queryset.filter(region__code=region.strip())
    text = (q or "").strip()[:MAX_QUERY]
    if text:
        queryset = queryset.filter(
            Q(name__icontains=text)
            | Q(description_id__icontains=text)
            | Q(description_en__icontains=text)
        )
    return queryset


def _with_indicator(queryset: QuerySet[Programme], code: str) -> QuerySet[Programme]:
    if connection.features.supports_json_field_contains:
        return queryset.filter(indicator_codes__contains=[code])
    # SQLite (the bare-machine default) cannot look inside JSON lists: match in Python.
    ids = [
        pk for pk, codes in queryset.values_list("pk", "indicator_codes") if code in (codes or [])
    ]
    return queryset.filter(pk__in=ids)


def current_framework() -> Framework | None:
    """The framework whose codes programmes are linked to: the latest published version."""
    return (
        Framework.objects.filter(status=FrameworkStatus.PUBLISHED)
        .order_by("-published_at", "-id")
        .first()
    )


def framework_codes(
    framework: Framework | None,
) -> tuple[dict[str, Element], dict[str, Indicator]]:
    """A framework's elements and indicators by upper-cased code (two queries)."""
    if framework is None:
        return {}, {}
    elements = {e.code.upper(): e for e in Element.objects.filter(framework=framework)}
    indicators = {
        i.code.upper(): i
        for i in Indicator.objects.filter(framework=framework).order_by("position", "id")
    }
    return elements, indicators


def editable_regions(user: AnyUser) -> list[Region]:
    """The regions whose programmes ``user`` may create and edit (CSCO, contributor)."""
    return access.own_regions_where(user, access.REGION_EDIT)


def may_edit(user: AnyUser, programme: Programme) -> bool:
    """May ``user`` change ``programme`` (a CSCO or contributor of its region)?"""
    return access.can(user, access.REGION_EDIT, programme.region)


def citable_programmes(user: AnyUser, assessment: Assessment) -> QuerySet[Programme]:
    """The programmes ``user`` could cite in ``assessment``: its own region's, not planned."""
    return (
        programmes_for(user)
        .filter(region_id=assessment.region_id)
        .exclude(status=ProgrammeStatus.PLANNED)
    )


def open_assessments_for_citing(user: AnyUser, programme: Programme) -> list[Assessment]:
    """The programme's region's assessments that ``user`` may cite it in now."""
    if not access.can(user, access.REGION_EDIT, programme.region):
        return []
    candidates = (
        access.scope(user, Assessment.objects.all(), "region")
        .filter(region_id=programme.region_id, status__in=EDITABLE_STATUSES)
        .select_related("cycle", "cycle__framework", "region")
        .order_by("-cycle__year", "-cycle_id")
    )
    return [a for a in candidates if selectors.is_open_for_editing(a)]


@dataclass(frozen=True)
class ProgrammeBehindTop:
    """A shared programme and the top-scoring indicators of its region that it backs."""

    name: str
    region_code: str
    region_name: str
    agency: str
    url: str
    indicators: tuple[tuple[str, int], ...]  # (code, level), highest level first


def programmes_behind_top_indicators(
    *,
    cycle_id: int,
    levels_by_region: Mapping[int, Mapping[str, int | None]],
    min_level: int = TOP_LEVEL,
    limit: int = TOP_PROGRAMMES_LIMIT,
) -> list[ProgrammeBehindTop]:
    """Shared programmes backing indicators on which their region scored ``min_level`` or better.

    ``levels_by_region`` gives, per region id, the indicator levels that speak for its assessment
    in the cycle (the reports choose which track). A programme backs an indicator it is linked to,
    or one it was cited for as evidence in this cycle. Drafts (not shared) never appear: the
    summary is for peer learning. Read in one query; best first (highest level, then the number
    of indicators backed), at most ``limit``.
    """
    tops = {
        region_id: {
            code: level
            for code, level in levels.items()
            if level is not None and level >= min_level
        }
        for region_id, levels in levels_by_region.items()
    }
    tops = {region_id: levels for region_id, levels in tops.items() if levels}
    if not tops:
        return []
    rows = (
        Programme.objects.filter(shared=True, region_id__in=list(tops))
        .values(
            "pk",
            "name",
            "agency",
            "url",
            "indicator_codes",
            "region_id",
            "region__code",
            "region__name",
            "citations__indicator__code",
            "citations__assessment__cycle_id",
        )
        .order_by("region__code", "name", "pk")
    )
    found: dict[int, Any] = {}
    backed: dict[int, set[str]] = defaultdict(set)
    row: Any
    for row in rows:
        found.setdefault(row["pk"], row)
        backed[row["pk"]].update(row["indicator_codes"] or [])
        if row["citations__assessment__cycle_id"] == cycle_id:
            backed[row["pk"]].add(row["citations__indicator__code"])
    result = []
    for pk, row in found.items():
        levels = tops[row["region_id"]]
        indicators = sorted(
            ((code, levels[code]) for code in backed[pk] if code in levels),
            key=lambda item: (-item[1], item[0]),
        )
        if indicators:
            result.append(
                ProgrammeBehindTop(
                    name=row["name"],
                    region_code=row["region__code"],
                    region_name=row["region__name"],
                    agency=row["agency"],
                    url=row["url"],
                    indicators=tuple(indicators),
                )
            )
    result.sort(key=lambda p: (-p.indicators[0][1], -len(p.indicators), p.region_code, p.name))
    return result[:limit]


def registry_inputs(*, cycle_id: int) -> dict[str, Any]:
    """What of the registry a cycle's national summary depends on (for its inputs key), in one
    query: the latest change and number of programmes, and the cycle's citations."""
    in_cycle = Q(citations__assessment__cycle_id=cycle_id)
    return Programme.objects.aggregate(
        programmes_at=Max("updated_at"),
        programmes_n=Count("id", distinct=True),
        citations_max=Max("citations__id", filter=in_cycle),
        citations_n=Count("citations__id", filter=in_cycle, distinct=True),
    )
