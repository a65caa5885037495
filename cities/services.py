"""Writes for regions and people: loading the region list, creating members, passwords."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.apps import apps
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cities import access, errors
from cities.models import (
    PROVINCE_ROLES,
    ROLES_WITH_REGION,
    Membership,
    Region,
    RegionKind,
    Role,
)

REGIONS_CSV = Path(__file__).resolve().parent / "data" / "regions.csv"


@dataclass(frozen=True)
class LoadResult:
    created: int
    updated: int
    unchanged: int


def load_regions(*, path: Path = REGIONS_CSV) -> LoadResult:
    """Load or update every region from the CSV; a second run changes nothing."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    existing = {region.code: region for region in Region.objects.all()}
    fields = ("name", "kind", "province_code", "province_name")
    to_create: list[Region] = []
    to_update: list[Region] = []
    unchanged = 0
    for row in rows:
        values = {field: row[field].strip() for field in fields}
        region = existing.get(row["code"].strip())
        if region is None:
            to_create.append(Region(code=row["code"].strip(), **values))
        elif any(getattr(region, f) != v for f, v in values.items()):
            for field, value in values.items():
                setattr(region, field, value)
            to_update.append(region)
        else:
            unchanged += 1
    with transaction.atomic():
        Region.objects.bulk_create(to_create, batch_size=500)
        if to_update:
            Region.objects.bulk_update(to_update, fields, batch_size=500)
    return LoadResult(created=len(to_create), updated=len(to_update), unchanged=unchanged)


@dataclass(frozen=True)
class MembershipInput:
    role: str
    region_code: str | None = None
    provinces: Sequence[str] = ()


def _membership_problems(
    *,
    role: str,
    region_code: str | None,
    region: Region | None,
    provinces: Sequence[str],
    known_provinces: set[str],
) -> list[tuple[str, str]]:
    """What is wrong with one membership, as (field, message) pairs; ``region`` is the Region
    that ``region_code`` names, or None when no such region exists."""
    if role not in Role.values:
        roles = ", ".join(Role.values)
        return [
            (
                "role",
                _("peran tidak dikenal: %(role)s; pilih salah satu: %(roles)s")
                % {"role": repr(role), "roles": roles},
            )
        ]
    problems: list[tuple[str, str]] = []
    if role in ROLES_WITH_REGION and not region_code:
        problems.append(("region", _("peran %(role)s memerlukan kode wilayah") % {"role": role}))
    elif role in ROLES_WITH_REGION and region is None:
        problems.append(
            ("region", _("kode wilayah tidak dikenal: %(code)s") % {"code": repr(region_code)})
        )
    elif role in PROVINCE_ROLES and region is not None and region.kind != RegionKind.PROVINCE:
        problems.append(
            (
                "region",
                _("peran %(role)s memerlukan kode provinsi, bukan %(code)s")
                % {"role": role, "code": repr(region_code)},
            )
        )
    elif role not in ROLES_WITH_REGION and region_code:
        problems.append(
            (
                "region",
                _("peran kementerian (%(role)s) tidak memiliki wilayah; kosongkan")
                % {"role": role},
            )
        )
    if provinces and role not in (Role.REVIEWER, Role.OBSERVER):
        problems.append(
            (
                "provinces",
                _("hanya peninjau dan pengamat yang dibatasi provinsi"),
            )
        )
    elif unknown := [p for p in provinces if p not in known_provinces]:
        problems.append(
            (
                "provinces",
                _("kode provinsi tidak dikenal: %(codes)s") % {"codes": ", ".join(unknown)},
            )
        )
    return problems


def _province_codes(provinces: Sequence[str]) -> set[str]:
    if not provinces:
        return set()
    return set(
        Region.objects.filter(kind=RegionKind.PROVINCE, code__in=list(provinces)).values_list(
            "code", flat=True
        )
    )


def validate_membership(
    *,
    role: str,
    region: Region | None,
    provinces: Sequence[str] = (),
    user: User | None = None,
    membership_id: int | None = None,
) -> None:
    """Check one membership against the rules (a region for CSCOs and contributors, none for the
    ministry; provinces only for reviewers and observers; with ``user``, not one they already
    hold apart from ``membership_id``); raises :class:`cities.errors.Invalid` keyed by field."""
    problems = _membership_problems(
        role=role,
        region_code=region.code if region is not None else None,
        region=region,
        provinces=list(provinces),
        known_provinces=_province_codes(provinces),
    )
    if user is not None and user.pk is not None and not problems:
        held = Membership.objects.filter(user=user, role=role, region=region)
        if membership_id is not None:
            held = held.exclude(pk=membership_id)
        if held.exists():
            problems.append(("role", str(DUPLICATE_MEMBERSHIP)))
    if problems:
        by_field: dict[str, list[str]] = {}
        for field, message in problems:
            by_field.setdefault(field, []).append(message)
        raise errors.Invalid(by_field)


DUPLICATE_MEMBERSHIP = gettext_lazy("Pengguna ini sudah memegang peran ini di wilayah ini.")
NO_MEMBERSHIP = gettext_lazy("Minimal satu keanggotaan.")


def _validate_memberships(
    memberships: Sequence[MembershipInput],
) -> list[tuple[str, Region | None, list[str]]]:
    """Resolve region codes; every problem is reported as ``memberships[i].field: message``."""
    codes = {m.region_code for m in memberships if m.region_code}
    regions = {r.code: r for r in Region.objects.filter(code__in=codes)}
    known_provinces = _province_codes([p for m in memberships for p in m.provinces or ()])
    found: list[str] = []
    resolved: list[tuple[str, Region | None, list[str]]] = []
    for index, membership in enumerate(memberships):
        region = regions.get(membership.region_code or "")
        provinces = list(dict.fromkeys(membership.provinces or ()))
        problems = _membership_problems(
            role=membership.role,
            region_code=membership.region_code,
            region=region,
            provinces=provinces,
            known_provinces=known_provinces,
        )
        if problems:
            found.extend(f"memberships[{index}].{field}: {message}" for field, message in problems)
            continue
        resolved.append(
            (membership.role, region if membership.role in ROLES_WITH_REGION else None, provinces)
        )
    if found:
        raise errors.Invalid({"memberships": found})
    return resolved


def _username_problems(username: str) -> list[str]:
    if not username:
        return [_("Nama pengguna wajib diisi.")]
    try:
        User._meta.get_field("username").run_validators(username)
    except ValidationError as error:
        return list(error.messages)
    if User.objects.filter(username__iexact=username).exists():
        return [_taken(username)]
    return []


def _taken(username: str) -> str:
    return _("Nama pengguna %(username)s sudah dipakai.") % {"username": repr(username)}


def _after_grant(user: User, role: str) -> None:
    if role == Role.ADMIN and not user.is_staff:
        # Ministry admins manage accounts in the Django admin site, which needs is_staff.
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    access.forget(user)


def _grant(user: User, role: str, region: Region | None, provinces: list[str]) -> Membership:
    membership, _created = Membership.objects.get_or_create(
        user=user, role=role, region=region, defaults={"provinces": provinces}
    )
    _after_grant(user, role)
    return membership


def account_problems(candidate: User, password: str | None) -> dict[str, list[str]]:
    """What is wrong with a new account's username, e-mail and password, by field: the checks
    :func:`create_member` makes, also asked by a way in whose own input checks failed, so that a
    person hears of every problem at once."""
    problems: dict[str, list[str]] = {}
    if taken := _username_problems(candidate.username):
        problems["username"] = taken
    if candidate.email:
        try:
            validate_email(candidate.email)
        except ValidationError as error:
            problems["email"] = list(error.messages)
    if password:
        try:
            validate_password(password, user=candidate)
        except ValidationError as error:
            problems["password"] = list(error.messages)
    return problems


def membership_problems(memberships: Sequence[MembershipInput]) -> dict[str, list[str]]:
    """What is wrong with a new person's memberships (unknown region, a role needing a region),
    by field; empty when they are fine."""
    try:
        _validate_memberships(memberships)
    except errors.Invalid as error:
        return error.fields
    return {}


@transaction.atomic
def create_member(
    *,
    username: str,
    password: str | None,
    email: str = "",
    memberships: Sequence[MembershipInput] = (),
    first_name: str = "",
    last_name: str = "",
) -> User:
    """Create a person with their memberships; all of it or nothing, every problem named.

    Problems are raised together as one :class:`cities.errors.Invalid` keyed by field (``username``,
    ``password``, ``email``, ``memberships``). Without a password the account cannot sign in
    until one is set. A ministry admin also gets ``is_staff`` (for the account admin pages).
    """
    username = (username or "").strip()
    email = (email or "").strip()
    candidate = User(username=username, email=email, first_name=first_name, last_name=last_name)
    problems = account_problems(candidate, password)
    try:
        resolved = _validate_memberships(memberships)
    except errors.Invalid as error:
        problems.update(error.fields)
        resolved = []
    if problems:
        raise errors.Invalid(problems)
    if password:
        candidate.set_password(password)
    else:
        candidate.set_unusable_password()
    try:
        with transaction.atomic():
            candidate.save()
    except IntegrityError:  # a concurrent request took the username between check and save
        raise errors.Invalid({"username": [_taken(username)]}) from None
    for role, region, provinces in resolved:
        _grant(candidate, role, region, provinces)
    return candidate


@transaction.atomic
def add_membership(*, user: User, membership: MembershipInput) -> Membership:
    """Give an existing person one more role (nothing changes if they already hold it)."""
    ((role, region, provinces),) = _validate_memberships([membership])
    return _grant(user, role, region, provinces)


@transaction.atomic
def save_membership(*, membership: Membership) -> Membership:
    """Create or change one membership as edited in the admin pages, under the same rules as
    :func:`add_membership`; a duplicate of one the person already holds is refused."""
    validate_membership(
        role=membership.role,
        region=membership.region,
        provinces=membership.provinces or [],
        user=membership.user,
        membership_id=membership.pk,
    )
    membership.provinces = list(dict.fromkeys(membership.provinces or []))
    membership.save()
    _after_grant(membership.user, membership.role)
    return membership


def _tokens() -> QuerySet[Any]:
    """API sign-in tokens: the rows of DRF's ``authtoken`` app, reached through the app registry
    so the services import nothing of the HTTP layer."""
    return apps.get_model("authtoken", "Token").objects.all()


def get_or_create_token(*, user: User) -> str:
    """The person's API token key (one per person; created on first sign-in)."""
    token, _created = _tokens().get_or_create(user=user)
    return token.key


def revoke_tokens(*, user: User) -> int:
    """Delete the person's API tokens; returns how many there were."""
    deleted, _per_model = _tokens().filter(user=user).delete()
    return deleted


@transaction.atomic
def set_password(user: User, new_password: str, *, validate: bool = True) -> None:
    """Give ``user`` a new password and revoke their API tokens.

    A token is a standing credential: whoever changes a password (because it leaked, or a
    colleague left) expects every old way in to stop working. Django already ends the other
    sessions (the session hash depends on the password); tokens we end here. Paths that save a
    password without this service (Django's admin and auth forms) are covered by
    ``cities.signals``.
    """
    if validate:
        try:
            validate_password(new_password, user=user)
        except ValidationError as error:
            raise errors.Invalid({"password": list(error.messages)}) from None
    user.set_password(new_password)
    user.save(update_fields=["password"])
    revoke_tokens(user=user)


DEMO_PASSWORD = "maturasi-demo-2026"  # noqa: S105 (printed for `make run`; demo only)
DEMO_ACCOUNTS: tuple[tuple[str, str, str | None, str], ...] = (
    ("csco.makassar", Role.CSCO, "73.71", "CSCO Kota Makassar"),
    ("kontributor.makassar", Role.CONTRIBUTOR, "73.71", "Kontributor Kota Makassar"),
    ("csco.banyuwangi", Role.CSCO, "35.10", "CSCO Kabupaten Banyuwangi"),
    ("peninjau", Role.REVIEWER, None, "Peninjau Bina Adwil"),
    ("peninjau.jatim", Role.PROVINCE_REVIEWER, "35", "Peninjau Provinsi Jawa Timur"),
    ("admin", Role.ADMIN, None, "Admin kementerian"),
    ("pengamat", Role.OBSERVER, None, "Pengamat"),
)


def create_demo_accounts(*, password: str = DEMO_PASSWORD) -> list[tuple[str, str, str]]:
    """Create the demo cast when none of it exists; returns (username, role, region) created."""
    if User.objects.filter(username__in=[a[0] for a in DEMO_ACCOUNTS]).exists():
        return []
    created = []
    with transaction.atomic():
        for username, role, region_code, label in DEMO_ACCOUNTS:
            user = User.objects.create_user(
                username=username,
                password=password,
                email=f"{username}@example.go.id",
                first_name=label,
            )
            region = Region.objects.get(code=region_code) if region_code else None
            Membership.objects.create(user=user, role=role, region=region)
            if role == Role.ADMIN:
                user.is_staff = True
                user.save(update_fields=["is_staff"])
            created.append((username, role, region_code or "-"))
    return created


@transaction.atomic
def regenerate_api_token(*, user: User) -> str:
    """Give ``user`` a new API token (for the profile page); the previous one stops working."""
    revoke_tokens(user=user)
    return str(_tokens().create(user=user).key)
