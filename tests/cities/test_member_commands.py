"""The account commands: `add_member` and `create_demo_accounts`."""

from __future__ import annotations

import subprocess
import sys
from io import StringIO

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from cities.models import Membership
from cities.services import DEMO_ACCOUNTS, DEMO_PASSWORD

pytestmark = pytest.mark.django_db

PASSWORD = "Kapal-Pinisi-Bulukumba-7"


def add_member(*args: str) -> str:
    out = StringIO()
    call_command("add_member", *args, stdout=out)
    return out.getvalue()


# --- add_member ---------------------------------------------------------------------------------


def test_add_member_creates_a_csco_of_a_region():
    output = add_member(
        "csco.makassar",
        "csco",
        "73.71",
        "--password",
        PASSWORD,
        "--email",
        "csco@makassarkota.go.id",
    )

    person = User.objects.get(username="csco.makassar")
    assert person.check_password(PASSWORD)
    assert person.email == "csco@makassarkota.go.id"
    assert [(m.role, m.region.code) for m in person.memberships.all()] == [("csco", "73.71")]
    assert "csco.makassar" in output
    assert PASSWORD not in output  # a password given is not echoed


def test_add_member_prints_a_generated_password_that_works():
    output = add_member("pengamat.jatim", "observer", "--province", "35")

    password = output.split("password: ")[1].strip()
    person = User.objects.get(username="pengamat.jatim")
    assert person.check_password(password)
    assert person.memberships.get().provinces == ["35"]


def test_add_member_limits_a_reviewer_to_several_provinces():
    add_member("peninjau.sulawesi", "reviewer", "--province", "73", "--province", "74")

    assert Membership.objects.get(user__username="peninjau.sulawesi").provinces == ["73", "74"]


def test_add_member_gives_an_existing_person_one_more_role(cast):
    add_member("csco_b", "contributor", "73.71", "--existing")

    assert {(m.role, m.region.code) for m in cast.csco_b.memberships.all()} == {
        ("csco", "35.10"),
        ("contributor", "73.71"),
    }


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (("baru", "csco", "99.99"), "region"),
        (("baru", "walikota", "73.71"), "role"),
        (("baru", "reviewer", "73.71"), "region"),
        (("baru", "contributor"), "region"),
        (("baru", "admin", "--province", "73"), "provinces"),
        (("csco_a", "observer"), "username"),
        (("baru", "csco", "73.71", "--password", "12345678"), "password"),
    ],
)
def test_add_member_refuses_bad_input_naming_the_problem_and_creates_nobody(cast, args, named):
    people = User.objects.count()

    with pytest.raises(CommandError) as raised:
        add_member(*args)

    assert str(raised.value).startswith(f"{named}") or f"].{named}:" in str(raised.value)
    assert User.objects.count() == people


def test_add_member_existing_needs_the_person_to_exist():
    with pytest.raises(CommandError, match="username"):
        add_member("tidak.ada", "observer", "--existing")


def test_add_member_exits_non_zero_with_the_message_on_stderr():
    # Through a real process: the exit code and the message are what a script sees. The child
    # reads the regions committed at session start; it writes nothing.
    done = subprocess.run(
        [sys.executable, "manage.py", "add_member", "baru", "csco", "99.99"],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        env={**_environment(), "DJANGO_SETTINGS_MODULE": "config.settings.test"},
        timeout=120,
    )

    assert done.returncode != 0
    assert "kode wilayah tidak dikenal" in done.stderr
    assert "99.99" in done.stderr


def _environment() -> dict[str, str]:
    import os

    from django.db import connection

    environment = dict(os.environ)
    # The child process uses this test run's database.
    name = connection.settings_dict["NAME"]
    if "postgresql" in connection.settings_dict["ENGINE"]:
        base = os.environ.get("DATABASE_URL", "").rsplit("/", 1)[0]
        environment["DATABASE_URL"] = f"{base}/{name}"
    else:
        environment["DATABASE_URL"] = f"sqlite:///{name}"
    return environment


# --- create_demo_accounts -----------------------------------------------------------------------


def test_demo_accounts_are_created_once_and_printed_with_their_password():
    first = StringIO()
    call_command("create_demo_accounts", stdout=first)

    usernames = [account[0] for account in DEMO_ACCOUNTS]
    assert User.objects.filter(username__in=usernames).count() == 7
    assert DEMO_PASSWORD in first.getvalue()
    for username in usernames:
        assert username in first.getvalue()
        assert User.objects.get(username=username).check_password(DEMO_PASSWORD)

    second = StringIO()
    call_command("create_demo_accounts", stdout=second)

    assert User.objects.filter(username__in=usernames).count() == 7
    assert Membership.objects.filter(user__username__in=usernames).count() == 7
    assert "sudah ada" in second.getvalue()
    assert DEMO_PASSWORD not in second.getvalue()


def test_the_demo_cast_holds_the_roles_the_demo_needs():
    call_command("create_demo_accounts", stdout=StringIO())

    held = {
        (m.user.username, m.role, m.region.code if m.region else None)
        for m in Membership.objects.select_related("user", "region")
    }
    assert held == {
        ("csco.makassar", "csco", "73.71"),
        ("kontributor.makassar", "contributor", "73.71"),
        ("csco.banyuwangi", "csco", "35.10"),
        ("peninjau", "reviewer", None),
        ("peninjau.jatim", "province_reviewer", "35"),
        ("admin", "admin", None),
        ("pengamat", "observer", None),
    }
    assert User.objects.get(username="admin").is_staff
