"""Reads for regions and people."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db.models import Prefetch, Q, QuerySet

from cities import access
from cities.access import AnyUser
from cities.models import Membership, Region


def regions_for_listing(
    *, kind: str | None = None, province: str | None = None, q: str | None = None
) -> QuerySet[Region]:
    """Regions by code, filtered by kind, province code and a case-insensitive name search.

    Regions are public reference data: every signed-in person may list all of them. Access
    scope applies to the assessments, programmes and reports of a region, not to the list.
    """
    regions = Region.objects.order_by("code")
    if kind:
        regions = regions.filter(kind=kind)
    if province:
        regions = regions.filter(province_code=province)
    if q:
        regions = regions.filter(Q(name__icontains=q) | Q(code__startswith=q))
    return regions


def users_with_memberships(
    *, role: str | None = None, region: str | None = None, q: str | None = None
) -> QuerySet[User]:
    """People with their memberships and regions (two queries however many), filtered by a
    role they hold, a region code they belong to, and a username/email/name search."""
    memberships = Membership.objects.select_related("region").order_by("role", "region__code")
    users = User.objects.order_by("username").prefetch_related(
        Prefetch("memberships", queryset=memberships)
    )
    if role or region:
        held = Membership.objects.all()
        if role:
            held = held.filter(role=role)
        if region:
            held = held.filter(region__code=region)
        users = users.filter(pk__in=held.values("user_id"))
    if q:
        users = users.filter(
            Q(username__icontains=q)
            | Q(email__icontains=q)
            | Q(first_name__icontains=q)
            | Q(last_name__icontains=q)
        )
    return users


def readable_provinces(user: AnyUser) -> list[tuple[str, str]]:
    """(province code, name) of the provinces whose regions ``user`` may read, by code."""
    rows = (
        access.readable_regions(user)
        .filter(kind="province")
        .order_by("code")
        .values_list("province_code", "name")
    )
    return list(rows)
