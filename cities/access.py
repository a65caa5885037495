"""The one access policy: which regions a person may read, and what they may do there.

Every queryset in the API and in the pages is narrowed through :func:`scope` (or one of the
helpers built on it) before any lookup, so an object outside a person's scope is simply not found
(404). Actions on a visible object are decided by :func:`can` (403 when refused).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Q, QuerySet
from django.http import HttpRequest, JsonResponse

from cities.models import MINISTRY_ROLES, Membership, Region, Role

AnyUser = User | AnonymousUser


@dataclass(frozen=True)
class Grant:
    """One membership, reduced to what the policy needs."""

    role: str
    region_id: int | None
    region_code: str | None
    province_code: str | None
    provinces: tuple[str, ...]


def grants(user: AnyUser) -> tuple[Grant, ...]:
    """The user's memberships, read once per user object and kept on it."""
    if not user.is_authenticated:
        return ()
    cached = getattr(user, "_maturasi_grants", None)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    result = tuple(
        Grant(
            role=m.role,
            region_id=m.region_id,
            region_code=m.region.code if m.region else None,
            province_code=m.region.province_code if m.region else None,
            provinces=tuple(m.provinces or ()),
        )
        for m in Membership.objects.filter(user=user).select_related("region")
    )
    user._maturasi_grants = result  # type: ignore[union-attr]
    return result


def forget(user: AnyUser) -> None:
    """Drop the cached memberships (after they changed)."""
    if hasattr(user, "_maturasi_grants"):
        del user._maturasi_grants  # type: ignore[union-attr]


def roles(user: AnyUser) -> set[str]:
    if not user.is_authenticated:
        return set()
    found = {g.role for g in grants(user)}
    if user.is_superuser:
        found.add(Role.ADMIN)
    return found


def has_role(user: AnyUser, *wanted: str) -> bool:
    return bool(roles(user) & set(wanted))


def is_ministry(user: AnyUser) -> bool:
    """Reviewer, admin, observer or superuser: people who work across regions."""
    return bool(roles(user) & MINISTRY_ROLES)


def region_q(user: AnyUser, prefix: str = "region") -> Q | None:
    """A filter on ``<prefix>`` for the regions the user may read; ``None`` means all of them."""
    if not user.is_authenticated:
        return Q(pk__in=[])
    if user.is_superuser:
        return None
    parts: list[Q] = []
    for grant in grants(user):
        if grant.role in MINISTRY_ROLES:
            if grant.role == Role.ADMIN or not grant.provinces:
                return None
            parts.append(Q(**{f"{prefix}__province_code__in": list(grant.provinces)}))
        elif grant.region_id is not None:
            parts.append(Q(**{f"{prefix}_id": grant.region_id}))
    if not parts:
        return Q(pk__in=[])
    combined = parts[0]
    for part in parts[1:]:
        combined |= part
    return combined


def scope(user: AnyUser, queryset: QuerySet[Any], prefix: str = "region") -> QuerySet[Any]:
    """Narrow ``queryset`` to the objects whose region (reached by ``prefix``) the user may read."""
    condition = region_q(user, prefix)
    if condition is None:
        return queryset
    return queryset.filter(condition)


def readable_regions(user: AnyUser) -> QuerySet[Region]:
    """The regions a user may read."""
    if not user.is_authenticated:
        return Region.objects.none()
    if user.is_superuser:
        return Region.objects.all()
    condition = region_q(user, "region")
    if condition is None:
        return Region.objects.all()
    # region_q speaks of "<prefix>_id" and "<prefix>__province_code"; rewrite for Region itself.
    ids = [g.region_id for g in grants(user) if g.region_id is not None]
    provinces = [p for g in grants(user) if g.role in MINISTRY_ROLES for p in g.provinces]
    return Region.objects.filter(Q(pk__in=ids) | Q(province_code__in=provinces))


def may_read_region(user: AnyUser, region: Region) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    for grant in grants(user):
        if grant.role in MINISTRY_ROLES:
            if grant.role == Role.ADMIN or not grant.provinces:
                return True
            if region.province_code in grant.provinces:
                return True
        elif grant.region_id == region.pk:
            return True
    return False


def _region_roles(user: AnyUser, region: Region) -> set[str]:
    return {g.role for g in grants(user) if g.region_id == region.pk}


def _ministry_role_in_scope(user: AnyUser, role: str, region: Region | None) -> bool:
    for grant in grants(user):
        if grant.role != role:
            continue
        if region is None or not grant.provinces or region.province_code in grant.provinces:
            return True
    return False


# Actions on a region's objects, and who may take them.
REGION_EDIT = "region.edit"  # answers, evidence, programmes: CSCO and contributors
REGION_SUBMIT = "region.submit"  # submit an assessment: CSCO
REGION_CREATE_ASSESSMENT = "region.create_assessment"  # CSCO, admin
REVIEW = "review"  # reviewer in scope
REOPEN = "reopen"  # ministry admin
EXTEND_DEADLINE = "extend_deadline"  # ministry admin
MANAGE_FRAMEWORKS = "manage_frameworks"  # ministry admin
MANAGE_CYCLES = "manage_cycles"  # ministry admin
MANAGE_USERS = "manage_users"  # ministry admin
READ_NATIONAL = "read_national"  # reviewer, admin, observer: cycle scores, national report


def can(user: AnyUser, action: str, region: Region | None = None) -> bool:
    """May ``user`` take ``action`` (on an object of ``region``)? Scope is checked first."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    if region is not None and not may_read_region(user, region):
        return False
    if action == REGION_EDIT:
        return region is not None and bool(
            _region_roles(user, region) & {Role.CSCO, Role.CONTRIBUTOR}
        )
    if action == REGION_SUBMIT:
        return region is not None and Role.CSCO in _region_roles(user, region)
    if action == REGION_CREATE_ASSESSMENT:
        return region is not None and (
            Role.CSCO in _region_roles(user, region) or has_role(user, Role.ADMIN)
        )
    if action == REVIEW:
        return _ministry_role_in_scope(user, Role.REVIEWER, region)
    if action in {REOPEN, EXTEND_DEADLINE, MANAGE_FRAMEWORKS, MANAGE_CYCLES, MANAGE_USERS}:
        return has_role(user, Role.ADMIN)
    if action == READ_NATIONAL:
        return has_role(user, Role.REVIEWER, Role.ADMIN, Role.OBSERVER)
    raise ValueError(f"unknown action {action!r}")


def reviewers_in_scope(region: Region) -> list[User]:
    """Reviewers who may review ``region`` (for notifications)."""
    users: dict[int, User] = {}
    memberships = Membership.objects.filter(role=Role.REVIEWER).select_related("user")
    for membership in memberships:
        if not membership.provinces or region.province_code in membership.provinces:
            users[membership.user.pk] = membership.user
    return list(users.values())


def region_members(region: Region, roles_wanted: Iterable[str]) -> list[User]:
    """People holding one of ``roles_wanted`` in ``region``."""
    return [
        m.user
        for m in Membership.objects.filter(region=region, role__in=list(roles_wanted))
        .select_related("user")
        .order_by("user_id")
    ]


def lockout_response(request: HttpRequest, credentials: dict[str, Any] | None, *args: Any,
                     **kwargs: Any) -> JsonResponse:
    """What a locked-out sign-in gets: a clear message, in both languages."""
    return JsonResponse(
        {
            "detail": "Terlalu banyak percobaan masuk yang gagal; akun dikunci sementara. "
            "Coba lagi nanti. / Too many failed sign-in attempts; sign-in is locked for a "
            "while. Try again later."
        },
        status=429,
    )
