"""Writes for regions and people: loading the region list, creating members."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from cities.models import MINISTRY_ROLES, REGION_ROLES, Membership, Region, Role

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


def _validate_memberships(memberships: Sequence[MembershipInput]) -> list[tuple[str, Region | None, list[str]]]:
    errors: list[str] = []
    resolved: list[tuple[str, Region | None, list[str]]] = []
    codes = {m.region_code for m in memberships if m.region_code}
    regions = {r.code: r for r in Region.objects.filter(code__in=codes)}
    for index, membership in enumerate(memberships):
        where = f"memberships[{index}]"
        if membership.role not in Role.values:
            errors.append(
                f"{where}.role: peran tidak dikenal / unknown role {membership.role!r}; "
                f"one of {', '.join(Role.values)}"
            )
            continue
        region = None
        if membership.role in REGION_ROLES:
            if not membership.region_code:
                errors.append(
                    f"{where}.region: peran {membership.role} memerlukan wilayah / "
                    "this role needs a region code"
                )
                continue
            region = regions.get(membership.region_code)
            if region is None:
                errors.append(
                    f"{where}.region: kode wilayah tidak dikenal / unknown region code "
                    f"{membership.region_code!r}"
                )
                continue
        elif membership.region_code:
            errors.append(
                f"{where}.region: peran kementerian tidak memiliki wilayah / "
                f"a ministry role ({membership.role}) takes no region"
            )
            continue
        provinces = list(membership.provinces or ())
        if provinces and membership.role not in (Role.REVIEWER, Role.OBSERVER):
            errors.append(f"{where}.provinces: only reviewers and observers are limited to provinces")
            continue
        known = set(
            Region.objects.filter(kind="province", code__in=provinces).values_list("code", flat=True)
        )
        unknown = [p for p in provinces if p not in known]
        if unknown:
            errors.append(f"{where}.provinces: unknown province codes {unknown}")
            continue
        resolved.append((membership.role, region, provinces))
    if errors:
        raise ValidationError({"memberships": errors})
    return resolved


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
    """Create a person with their memberships; all of it or nothing, every problem named."""
    errors: dict[str, list[str]] = {}
    username = (username or "").strip()
    if not username:
        errors["username"] = ["Nama pengguna wajib diisi. / A username is required."]
    elif User.objects.filter(username__iexact=username).exists():
        errors["username"] = [
            f"Nama pengguna {username!r} sudah dipakai. / The username is already taken."
        ]
    candidate = User(username=username, email=email, first_name=first_name, last_name=last_name)
    if password:
        try:
            validate_password(password, user=candidate)
        except ValidationError as error:
            errors["password"] = list(error.messages)
    try:
        resolved = _validate_memberships(memberships)
    except ValidationError as error:
        errors.update(error.message_dict)
        resolved = []
    if errors:
        raise ValidationError(errors)
    if password:
        candidate.set_password(password)
    else:
        candidate.set_unusable_password()
    candidate.save()
    for role, region, provinces in resolved:
        Membership.objects.get_or_create(
            user=candidate, role=role, region=region, defaults={"provinces": provinces}
        )
    return candidate


@transaction.atomic
def add_membership(*, user: User, membership: MembershipInput) -> Membership:
    """Give an existing person one more role."""
    (role, region, provinces), = _validate_memberships([membership])
    found, _created = Membership.objects.get_or_create(
        user=user, role=role, region=region, defaults={"provinces": provinces}
    )
    return found


DEMO_PASSWORD = "maturasi-demo-2026"
DEMO_ACCOUNTS: tuple[tuple[str, str, str | None, str], ...] = (
    ("csco.makassar", Role.CSCO, "73.71", "CSCO Kota Makassar"),
    ("kontributor.makassar", Role.CONTRIBUTOR, "73.71", "Kontributor Kota Makassar"),
    ("csco.banyuwangi", Role.CSCO, "35.10", "CSCO Kabupaten Banyuwangi"),
    ("peninjau", Role.REVIEWER, None, "Peninjau Bina Adwil"),
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
                username=username, password=password, email=f"{username}@example.go.id",
                first_name=label,
            )
            region = Region.objects.get(code=region_code) if region_code else None
            Membership.objects.create(user=user, role=role, region=region)
            if role == Role.ADMIN:
                user.is_staff = True
                user.save(update_fields=["is_staff"])
            created.append((username, role, region_code or "-"))
    return created
