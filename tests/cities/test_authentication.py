"""API token sign-in (cities/authentication.py): the token's user and memberships in one read,
with the same result and the same refusals as DRF's own token authentication."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication as DrfTokenAuthentication
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from cities import access
from cities.authentication import TokenAuthentication
from cities.models import Membership, Region, Role
from tests.factories import member

pytestmark = pytest.mark.django_db


def signed_in_by_token(user: User) -> APIClient:
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def test_the_api_signs_in_with_this_token_authentication():
    from rest_framework.settings import api_settings

    assert api_settings.DEFAULT_AUTHENTICATION_CLASSES[0] is TokenAuthentication


@pytest.mark.parametrize("who", ["csco_a", "contributor_a", "reviewer", "admin", "observer"])
def test_a_token_gives_the_same_user_token_and_grants_as_drf_and_the_orm(cast, who):
    person = getattr(cast, who)
    key = Token.objects.create(user=person).key

    user, token = TokenAuthentication().authenticate_credentials(key)
    expected_user, expected_token = DrfTokenAuthentication().authenticate_credentials(key)

    assert user == expected_user and user.username == person.username
    assert (token.key, token.user_id, token.created) == (
        expected_token.key,
        expected_token.user_id,
        expected_token.created,
    )
    remembered = access.grants(user)
    access.forget(expected_user)
    assert set(remembered) == set(access.grants(expected_user))
    assert remembered  # every member of the cast holds a role


def test_several_memberships_and_limited_provinces_all_come_with_the_token():
    person = member("pengamat.sulawesi", Role.OBSERVER, provinces=["73", "74"])
    Membership.objects.create(
        user=person, role=Role.CONTRIBUTOR, region=Region.objects.get(code="73.71")
    )
    user, _ = TokenAuthentication().authenticate_credentials(Token.objects.create(user=person).key)
    assert {(g.role, g.region_code, g.provinces) for g in access.grants(user)} == {
        (Role.OBSERVER, None, ("73", "74")),
        (Role.CONTRIBUTOR, "73.71", ()),
    }


def test_a_person_without_memberships_signs_in_with_no_grants():
    person = User.objects.create_user("tanpa.peran", password="x-Bunga-Anggrek-91")
    user, _ = TokenAuthentication().authenticate_credentials(Token.objects.create(user=person).key)
    assert user == person
    assert access.grants(user) == ()


def test_a_superuser_token_still_reads_everything(api):
    root = User.objects.create_superuser("akar", password="x-Bunga-Anggrek-91")
    response = signed_in_by_token(root).get("/api/v1/regions/?page_size=1")
    assert response.status_code == 200
    assert response.json()["count"] == Region.objects.count()


def drf_refusal(key: str) -> str:
    with pytest.raises(exceptions.AuthenticationFailed) as refused:
        DrfTokenAuthentication().authenticate_credentials(key)
    return str(refused.value.detail)


def test_an_unknown_token_is_401_as_with_drf():
    key = "0" * 40
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    response = client.get("/api/v1/me/")
    assert response.status_code == 401
    assert response.json()["detail"] == drf_refusal(key)


def test_a_deactivated_persons_token_is_401_as_with_drf(cast):
    client = signed_in_by_token(cast.csco_a)
    User.objects.filter(pk=cast.csco_a.pk).update(is_active=False)
    response = client.get("/api/v1/me/")
    assert response.status_code == 401
    assert response.json()["detail"] == drf_refusal(Token.objects.get(user=cast.csco_a).key)


def test_a_token_request_reads_user_and_memberships_in_one_query(cast):
    client = signed_in_by_token(cast.csco_a)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/api/v1/assessments/")  # narrowed by the memberships
    assert response.status_code == 200
    membership_reads = [
        q["sql"] for q in queries.captured_queries if "cities_membership" in q["sql"]
    ]
    assert len(membership_reads) == 1
    assert "authtoken_token" in membership_reads[0]


def test_a_membership_removed_is_gone_at_the_next_request(cast):
    client = signed_in_by_token(cast.csco_a)
    assert client.get("/api/v1/assessments/").status_code == 200
    Membership.objects.filter(user=cast.csco_a).delete()
    assert client.get("/api/v1/me/").json()["memberships"] == []
    region_a = Region.objects.get(code="73.71")
    assert client.get(f"/api/v1/regions/{region_a.code}/").status_code == 200  # public reference
