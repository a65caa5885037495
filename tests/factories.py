"""factory_boy factories and the fixed cast used across the suite."""

from __future__ import annotations

from dataclasses import dataclass

import factory
from django.contrib.auth.models import User
from rest_framework.test import APIClient

from cities.models import Membership, Region, Role

REGION_A = "73.71"  # Kota Makassar
REGION_B = "35.10"  # Kabupaten Banyuwangi
PASSWORD = "kata-sandi-uji-2026"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.go.id")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)


def member(username: str, role: str, region_code: str | None = None,
           provinces: list[str] | None = None) -> User:
    """A user holding one role (in a region for CSCOs and contributors)."""
    user = UserFactory(username=username)
    region = Region.objects.get(code=region_code) if region_code else None
    Membership.objects.get_or_create(
        user=user, role=role, region=region, defaults={"provinces": provinces or []}
    )
    return user


@dataclass
class Cast:
    csco_a: User
    contributor_a: User
    csco_b: User
    reviewer: User
    admin: User
    observer: User

    @property
    def region_a(self) -> Region:
        return Region.objects.get(code=REGION_A)

    @property
    def region_b(self) -> Region:
        return Region.objects.get(code=REGION_B)


def make_cast() -> Cast:
    return Cast(
        csco_a=member("csco_a", Role.CSCO, REGION_A),
        contributor_a=member("contributor_a", Role.CONTRIBUTOR, REGION_A),
        csco_b=member("csco_b", Role.CSCO, REGION_B),
        reviewer=member("reviewer", Role.REVIEWER),
        admin=member("admin", Role.ADMIN),
        observer=member("observer", Role.OBSERVER),
    )


ROLES = ("csco_a", "contributor_a", "csco_b", "reviewer", "admin", "observer")


class Clients:
    """An API client signed in (by token auth forced) as each member of the cast, plus anon."""

    def __init__(self, cast: Cast) -> None:
        self.cast = cast
        self.anon = APIClient()
        for role in ROLES:
            client = APIClient()
            client.force_authenticate(user=getattr(cast, role))
            setattr(self, role, client)

    def __getitem__(self, role: str) -> APIClient:
        return getattr(self, role)  # type: ignore[no-any-return]
