"""Create a person with a role, or give an existing person one more role (``--existing``).

    python manage.py add_member csco.makassar csco 73.71 --email csco@makassarkota.go.id
    python manage.py add_member peninjau.sulawesi reviewer --province 73 --province 74
    python manage.py add_member csco.makassar contributor 73.71 --existing

Without ``--password`` a random password is generated and printed once.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from cities import errors, services
from cities.models import Role


def _problems(error: ValidationError | errors.Invalid) -> str:
    if isinstance(error, errors.Invalid):
        error = ValidationError(error.fields)
    if hasattr(error, "error_dict"):
        lines = [
            f"{field}: {message}"
            for field, messages in error.message_dict.items()
            for message in messages
        ]
    else:
        lines = list(error.messages)
    return "\n".join(lines)


class Command(BaseCommand):
    help = (
        "Tambah pengguna dengan peran / add a person with a role: "
        "USERNAME ROLE [REGION_CODE] (roles: " + ", ".join(Role.values) + ")"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("role", help="csco, contributor, reviewer, admin, observer")
        parser.add_argument(
            "region", nargs="?", default=None, help="kode wilayah / region code, e.g. 73.71"
        )
        parser.add_argument("--password", help="default: a random password, printed once")
        parser.add_argument("--email", default="")
        parser.add_argument("--name", default="", help="nama lengkap / full name")
        parser.add_argument(
            "--province",
            action="append",
            default=[],
            dest="provinces",
            help="limit a reviewer or observer to a province (repeatable): --province 73",
        )
        parser.add_argument(
            "--existing",
            action="store_true",
            help="add the role to an existing person instead of creating one",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        membership = services.MembershipInput(
            role=options["role"],
            region_code=options["region"],
            provinces=tuple(options["provinces"]),
        )
        username = options["username"]
        try:
            if options["existing"]:
                user = User.objects.filter(username=username).first()
                if user is None:
                    raise CommandError(
                        f"username: pengguna {username!r} tidak ada / no such person"
                    )
                services.add_membership(user=user, membership=membership)
                self.stdout.write(f"{username}: + {membership.role} {membership.region_code or ''}")
                return
            password = options["password"] or secrets.token_urlsafe(12)
            services.create_member(
                username=username,
                password=password,
                email=options["email"],
                first_name=options["name"],
                memberships=[membership],
            )
        except (errors.Invalid, ValidationError) as error:
            raise CommandError(_problems(error)) from None
        where = f" {membership.region_code}" if membership.region_code else ""
        self.stdout.write(f"Dibuat / created: {username} ({membership.role}{where})")
        if not options["password"]:
            self.stdout.write(f"Kata sandi / password: {password}")
