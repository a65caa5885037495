"""The one access policy: which regions a person may read, and what they may do there.

Every queryset in the API and in the pages is narrowed through :func:`scope` (or one of the
helpers built on it) before any lookup, so an object outside a person's scope is simply not found
(404). Actions on a visible object are decided by :func:`can` (403 when refused).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.db import connections
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from cities import errors
from cities.models import MINISTRY_ROLES, PROVINCE_ROLES, Membership, Region, RegionKind, Role

AnyUser = User | AnonymousUser


@dataclass(frozen=True)
class Grant:
    """One membership, reduced to what the policy needs."""

    role: str
    region_id: int | None
    region_code: str | None
    province_code: str | None
    provinces: tuple[str, ...]


def _signed_in(user: AnyUser) -> bool:
    """Authenticated and active: a deactivated account holds no grants, even as a superuser."""
    return bool(user.is_authenticated and user.is_active)


def _is_superuser(user: AnyUser) -> bool:
    return _signed_in(user) and bool(user.is_superuser)


def grants(user: AnyUser) -> tuple[Grant, ...]:
    """The user's memberships, read once per user object and kept on it.

    The cache lives on the user object (one request, one object); services that change
    memberships call :func:`forget`.
    """
    if not _signed_in(user):
        return ()
    cached = getattr(user, "_maturasi_grants", None)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    assert isinstance(user, User) and user.pk is not None  # signed in: a saved user
    result = _read_grants(user.pk)
    remember(user, result)
    return result


# One user's memberships with their regions' codes. Every signed-in request reads them (the
# autosave under load too, benchmarks/load.py), so the SQL is written out: built by the ORM, the
# same read took about 1,400 Python calls, written out about 120. tests/cities/test_access.py
# checks it against the ORM for every kind of membership.
_GRANTS_SQL = """
    SELECT m.role, m.region_id, r.code, r.province_code, m.provinces
    FROM cities_membership m LEFT JOIN cities_region r ON r.id = m.region_id
    WHERE m.user_id = %s
"""


def _read_grants(user_id: int) -> tuple[Grant, ...]:
    connection = connections[Membership.objects.db]
    with connection.cursor() as cursor:
        cursor.execute(_GRANTS_SQL, [user_id])
        return tuple(grant_from_row(*row) for row in cursor.fetchall())


def grant_from_row(
    role: str,
    region_id: int | None,
    region_code: str | None,
    province_code: str | None,
    provinces: Any,
) -> Grant:
    """A grant from the columns that :data:`_GRANTS_SQL` reads (``provinces`` as stored: JSON
    text, which is what both PostgreSQL and SQLite hand Django for a JSONField)."""
    if isinstance(provinces, str):
        provinces = json.loads(provinces)
    return Grant(
        role=role,
        region_id=region_id,
        region_code=region_code,
        province_code=province_code,
        provinces=tuple(provinces or ()),
    )


def remember(user: User, found: tuple[Grant, ...]) -> None:
    """Keep on the user object the grants read together with it (API token sign-in)."""
    user._maturasi_grants = found  # type: ignore[attr-defined]


def forget(user: AnyUser) -> None:
    """Drop the cached memberships (after they changed)."""
    if hasattr(user, "_maturasi_grants"):
        del user._maturasi_grants  # type: ignore[union-attr]


def roles(user: AnyUser) -> set[str]:
    """The roles a user holds anywhere; a superuser also counts as ministry admin."""
    if not _signed_in(user):
        return set()
    found = {g.role for g in grants(user)}
    if _is_superuser(user):
        found.add(Role.ADMIN)
    return found


def has_role(user: AnyUser, *wanted: str) -> bool:
    """Does the user hold any of ``wanted`` (in any region)?"""
    return bool(roles(user) & set(wanted))


def is_ministry(user: AnyUser) -> bool:
    """Reviewer, admin, observer or superuser: people who work across regions."""
    return bool(roles(user) & MINISTRY_ROLES)


def _lookup(prefix: str, field: str) -> str:
    """``<prefix>__<field>``; an empty prefix means the queryset is of Region itself."""
    return f"{prefix}__{field}" if prefix else field


def region_q(user: AnyUser, prefix: str = "region") -> Q | None:
    """A filter on ``<prefix>`` for the regions the user may read; ``None`` means all of them.

    ``prefix`` is the path from the queried model to its Region (``"region"``,
    ``"assessment__region"``); ``""`` when the queryset is of Region itself.
    """
    if not _signed_in(user):
        return Q(pk__in=[])
    if _is_superuser(user):
        return None
    region_ids: set[int] = set()
    provinces: set[str] = set()
    verified_provinces: set[str] = set()
    for grant in grants(user):
        if grant.role in MINISTRY_ROLES:
            if grant.role == Role.ADMIN or not grant.provinces:
                return None
            provinces.update(grant.provinces)
        elif grant.role in PROVINCE_ROLES:
            if grant.province_code:
                verified_provinces.add(grant.province_code)
        elif grant.region_id is not None:
            region_ids.add(grant.region_id)
    parts: list[Q] = []
    if region_ids:
        parts.append(Q(**{_lookup(prefix, "pk__in"): sorted(region_ids)}))
    if provinces:
        parts.append(Q(**{_lookup(prefix, "province_code__in"): sorted(provinces)}))
    if verified_provinces:
        # A province reviewer reads the kabupaten and kota of its province, not the province's
        # own objects (the ministry verifies those).
        parts.append(
            Q(**{_lookup(prefix, "province_code__in"): sorted(verified_provinces)})
            & ~Q(**{_lookup(prefix, "kind"): RegionKind.PROVINCE})
        )
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
    """The regions a user may read (the same rule as :func:`scope`, applied to Region)."""
    return scope(user, Region.objects.all(), prefix="")


def may_read_region(user: AnyUser, region: Region) -> bool:
    """May ``user`` read ``region``'s objects? The same rule as :func:`region_q`, in Python."""
    if not _signed_in(user):
        return False
    if _is_superuser(user):
        return True
    for grant in grants(user):
        if grant.role in MINISTRY_ROLES:
            if grant.role == Role.ADMIN or not grant.provinces:
                return True
            if region.province_code in grant.provinces:
                return True
        elif grant.role in PROVINCE_ROLES:
            if grant.province_code == region.province_code and region.kind != RegionKind.PROVINCE:
                return True
        elif grant.region_id == region.pk:
            return True
    return False


def scope_or_shared(
    user: AnyUser, queryset: QuerySet[Any], prefix: str = "region", shared: str = "shared"
) -> QuerySet[Any]:
    """What a signed-in person may read of objects a region can share with every region (its
    programmes and their files): those of the regions in their scope, plus every shared one.
    Nothing for a person not signed in."""
    if not _signed_in(user):
        return queryset.none()
    in_scope = region_q(user, prefix)
    if in_scope is None:
        return queryset
    return queryset.filter(Q(**{shared: True}) | in_scope)


def own_regions_where(user: AnyUser, action: str) -> list[Region]:
    """The regions of ``user``'s own memberships where :func:`can` allows ``action``, by code
    (where a CSCO or contributor registers programmes)."""
    regions = readable_regions(user).filter(
        pk__in=[g.region_id for g in grants(user) if g.region_id is not None]
    )
    return [r for r in regions.order_by("code") if can(user, action, r)]


def may_read_national(user: AnyUser) -> bool:
    """May ``user`` read national figures (every region's scores, the national summary and its
    board)? Reviewers, admins and observers; their rows are still narrowed with :func:`scope`."""
    return can(user, READ_NATIONAL)


def _region_roles(user: AnyUser, region: Region) -> set[str]:
    return {g.role for g in grants(user) if g.region_id == region.pk}


def _province_reviewer_of(user: AnyUser, region: Region | None) -> bool:
    """A province reviewer, of ``region``'s province when a region is given (its scope, a
    kabupaten or kota of that province, was checked before)."""
    return any(
        grant.role in PROVINCE_ROLES
        and (region is None or grant.province_code == region.province_code)
        for grant in grants(user)
    )


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
REVIEW = "review"  # record reviews, return: ministry reviewer or province reviewer in scope
APPROVE = "approve"  # approve: ministry reviewer in scope (never a province reviewer)
PROVINCE_VERIFY = "province_verify"  # recommend to the ministry: province reviewer in scope
READ_PRIORITIES = "read_priorities"  # where to verify first: ministry roles, province reviewers
CONFIRM_ATTENDANCE = "confirm_attendance"  # a verification activity's attendance: region's CSCO
REOPEN = "reopen"  # ministry admin
EXTEND_DEADLINE = "extend_deadline"  # ministry admin
MANAGE_FRAMEWORKS = "manage_frameworks"  # ministry admin
MANAGE_CYCLES = "manage_cycles"  # ministry admin
MANAGE_USERS = "manage_users"  # ministry admin
READ_NATIONAL = "read_national"  # reviewer, admin, observer: cycle scores, national report
# READ_NATIONAL opens national views; their rows are still narrowed with scope(), so a reviewer
# limited to some provinces sees only those provinces' rows there.

ACTIONS = frozenset(
    {
        REGION_EDIT,
        REGION_SUBMIT,
        REGION_CREATE_ASSESSMENT,
        REVIEW,
        APPROVE,
        PROVINCE_VERIFY,
        READ_PRIORITIES,
        CONFIRM_ATTENDANCE,
        REOPEN,
        EXTEND_DEADLINE,
        MANAGE_FRAMEWORKS,
        MANAGE_CYCLES,
        MANAGE_USERS,
        READ_NATIONAL,
    }
)


def can(user: AnyUser, action: str, region: Region | None = None) -> bool:
    """May ``user`` take ``action`` (on an object of ``region``)? Scope is checked first.

    An unknown action is a programming error and raises ``ValueError`` for everyone, superusers
    included, so that a misspelt action cannot quietly pass for some users.
    """
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    if not _signed_in(user):
        return False
    if _is_superuser(user):
        return True
    if region is not None and not may_read_region(user, region):
        return False
    if action == REGION_EDIT:
        return region is not None and bool(
            _region_roles(user, region) & {Role.CSCO, Role.CONTRIBUTOR}
        )
    if action in {REGION_SUBMIT, CONFIRM_ATTENDANCE}:
        return region is not None and Role.CSCO in _region_roles(user, region)
    if action == REGION_CREATE_ASSESSMENT:
        return region is not None and (
            Role.CSCO in _region_roles(user, region) or has_role(user, Role.ADMIN)
        )
    if action == REVIEW:
        return _ministry_role_in_scope(user, Role.REVIEWER, region) or _province_reviewer_of(
            user, region
        )
    if action == APPROVE:
        return _ministry_role_in_scope(user, Role.REVIEWER, region)
    if action == PROVINCE_VERIFY:
        return _province_reviewer_of(user, region)
    if action == READ_PRIORITIES:
        return has_role(user, Role.REVIEWER, Role.ADMIN, Role.OBSERVER, Role.PROVINCE_REVIEWER)
    if action in {REOPEN, EXTEND_DEADLINE, MANAGE_FRAMEWORKS, MANAGE_CYCLES, MANAGE_USERS}:
        return has_role(user, Role.ADMIN)
    if action == READ_NATIONAL:
        return has_role(user, Role.REVIEWER, Role.ADMIN, Role.OBSERVER)
    raise ValueError(f"unknown action {action!r}")


def require(user: AnyUser, action: str, region: Region | None = None) -> None:
    """Refuse (403) unless :func:`can` allows ``action`` on ``region``."""
    if not can(user, action, region):
        raise errors.Forbidden(_("Peran Anda tidak mengizinkan tindakan ini."))


def reviewers_in_scope(region: Region) -> list[User]:
    """Reviewers who may review ``region`` (for notifications)."""
    users: dict[int, User] = {}
    memberships = Membership.objects.filter(
        role=Role.REVIEWER, user__is_active=True
    ).select_related("user")
    for membership in memberships:
        if not membership.provinces or region.province_code in membership.provinces:
            users[membership.user.pk] = membership.user
    return list(users.values())


def province_reviewers_of(region: Region) -> list[User]:
    """Province reviewers of ``region``'s province (for notifications in a cycle with the
    province stage)."""
    return [
        m.user
        for m in Membership.objects.filter(
            role=Role.PROVINCE_REVIEWER,
            region__code=region.province_code,
            user__is_active=True,
        )
        .select_related("user")
        .order_by("user_id")
    ]


def region_members(region: Region, roles_wanted: Iterable[str]) -> list[User]:
    """People holding one of ``roles_wanted`` in ``region``."""
    return [
        m.user
        for m in Membership.objects.filter(
            region=region, role__in=list(roles_wanted), user__is_active=True
        )
        .select_related("user")
        .order_by("user_id")
    ]


def may_review_queue(user: AnyUser) -> bool:
    """Whether the person may open the review queue: a ministry or province reviewer (who then
    sees the submitted assessments in their scope) or a superuser."""
    return has_role(user, Role.REVIEWER, Role.PROVINCE_REVIEWER) or _is_superuser(user)


def is_province_reviewer(user: AnyUser) -> bool:
    """Does the person verify for a province (and hold no ministry role)?"""
    return has_role(user, Role.PROVINCE_REVIEWER) and not is_ministry(user)
