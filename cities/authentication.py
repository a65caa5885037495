"""API token sign-in that reads the token's user and the user's memberships in one query.

Every API call signs in, so this is the first read of every request (the autosave's under load,
benchmarks/load.py); DRF's own class reads the token and user, and the access policy then reads
the memberships: two queries, each built by the ORM at several times the database's own cost.
The result is the same: the user, the token, and the grants kept on the user object
(:func:`cities.access.remember`). tests/cities/test_authentication.py checks it.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication as DrfTokenAuthentication
from rest_framework.authtoken.models import Token

from cities import access

# One row per membership (or one row with NULL membership columns for a user without any).
_SIGN_IN_SQL = """
    SELECT u.*,
        m.role AS grant_role, m.region_id AS grant_region_id, r.code AS grant_region_code,
        r.province_code AS grant_province_code, m.provinces AS grant_provinces
    FROM authtoken_token t
    JOIN auth_user u ON u.id = t.user_id
    LEFT JOIN cities_membership m ON m.user_id = u.id
    LEFT JOIN cities_region r ON r.id = m.region_id
    WHERE t.key = %s
"""


class TokenAuthentication(DrfTokenAuthentication):
    """``Authorization: Token <key>``, as DRF's, with the memberships read in the same query."""

    def authenticate_credentials(self, key: str) -> tuple[User, Token]:
        rows: list[Any] = list(User.objects.raw(_SIGN_IN_SQL, [key]))
        if not rows:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        user = rows[0]
        if not user.is_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        access.remember(
            user,
            tuple(
                access.grant_from_row(
                    row.grant_role,
                    row.grant_region_id,
                    row.grant_region_code,
                    row.grant_province_code,
                    row.grant_provinces,
                )
                for row in rows
                if row.grant_role is not None
            ),
        )
        # The token as DRF gives it (request.auth); its creation time is read if ever asked for.
        token = Token.from_db(user._state.db, ["key", "user_id"], [key, user.pk])
        return user, token
