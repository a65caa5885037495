"""Accounts API: tokens, who am I, and people management by ministry admins."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from cities.models import Membership, Role
from tests.factories import PASSWORD, member

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Bunga-Anggrek-Makassar-91"


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """The sign-in rate limit lives in the cache; each test starts with a clean count."""
    from django.core.cache import cache

    cache.clear()


def new_user_body(**overrides):
    body = {
        "username": "kadis.kominfo",
        "password": NEW_PASSWORD,
        "email": "kominfo@makassarkota.go.id",
        "memberships": [{"role": "contributor", "region": "73.71"}],
    }
    body.update(overrides)
    return body


# --- Token --------------------------------------------------------------------------------------


def test_a_person_exchanges_username_and_password_for_a_token(cast):
    client = APIClient()

    response = client.post(
        "/api/v1/auth/token/", {"username": "csco_a", "password": PASSWORD}, format="json"
    )

    assert response.status_code == 200
    token = response.json()["token"]
    assert Token.objects.get(key=token).user == cast.csco_a
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.get("/api/v1/me/").json()["username"] == "csco_a"


def test_asking_twice_gives_the_same_token(cast):
    client = APIClient()
    body = {"username": "reviewer", "password": PASSWORD}

    first = client.post("/api/v1/auth/token/", body, format="json").json()["token"]
    second = client.post("/api/v1/auth/token/", body, format="json").json()["token"]

    assert first == second


def test_a_token_sign_in_records_the_last_sign_in(cast):
    assert cast.observer.last_login is None

    APIClient().post(
        "/api/v1/auth/token/", {"username": "observer", "password": PASSWORD}, format="json"
    )

    cast.observer.refresh_from_db()
    assert cast.observer.last_login is not None


def test_a_wrong_password_gets_400_with_a_message_and_no_token(cast):
    response = APIClient().post(
        "/api/v1/auth/token/", {"username": "csco_a", "password": "salah"}, format="json"
    )

    assert response.status_code == 400
    assert "kata sandi salah" in response.json()["detail"]
    assert response.json()["code"] == "wrong_credentials"
    assert not Token.objects.filter(user=cast.csco_a).exists()


def test_a_wrong_password_is_told_in_english_when_asked(cast):
    response = APIClient(HTTP_ACCEPT_LANGUAGE="en").post(
        "/api/v1/auth/token/", {"username": "csco_a", "password": "salah"}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["detail"] == "The username or password is wrong."


def test_an_unknown_username_gets_the_same_answer_as_a_wrong_password(cast):
    unknown = APIClient().post(
        "/api/v1/auth/token/", {"username": "nobody", "password": PASSWORD}, format="json"
    )
    wrong = APIClient().post(
        "/api/v1/auth/token/", {"username": "csco_a", "password": "salah"}, format="json"
    )

    assert unknown.status_code == wrong.status_code == 400
    assert unknown.json() == wrong.json()


def test_a_deactivated_person_gets_no_token(cast):
    cast.csco_a.is_active = False
    cast.csco_a.save()

    response = APIClient().post(
        "/api/v1/auth/token/", {"username": "csco_a", "password": PASSWORD}, format="json"
    )

    assert response.status_code == 400


def test_a_token_request_without_a_password_names_the_field():
    response = APIClient().post("/api/v1/auth/token/", {"username": "csco_a"}, format="json")

    assert response.status_code == 400
    assert "password" in response.json()


# --- Me -----------------------------------------------------------------------------------------


def test_me_shows_username_and_memberships_with_region_codes(api):
    response = api.csco_a.get("/api/v1/me/")

    assert response.status_code == 200
    body = response.json()
    assert body["username"] == "csco_a"
    assert body["email"] == "csco_a@example.go.id"
    assert body["is_superuser"] is False
    assert body["memberships"] == [
        {"role": "csco", "region": "73.71", "region_name": "Kota Makassar", "provinces": []}
    ]


def test_me_shows_a_ministry_role_with_a_null_region_and_its_provinces():
    person = member("peninjau.sulsel", Role.REVIEWER, provinces=["73", "74"])
    member("peninjau.sulsel", Role.OBSERVER)
    client = APIClient()
    client.force_authenticate(person)

    memberships = client.get("/api/v1/me/").json()["memberships"]

    assert memberships == [
        {"role": "observer", "region": None, "region_name": None, "provinces": []},
        {"role": "reviewer", "region": None, "region_name": None, "provinces": ["73", "74"]},
    ]


def test_me_needs_a_signed_in_person(api):
    assert api.anon.get("/api/v1/me/").status_code == 401


# --- Users --------------------------------------------------------------------------------------


def test_a_ministry_admin_creates_a_person_with_a_membership(api):
    response = api.admin.post("/api/v1/users/", new_user_body(name="Kadis Kominfo"), format="json")

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["username"] == "kadis.kominfo"
    assert body["name"] == "Kadis Kominfo"
    assert body["memberships"] == [
        {"role": "contributor", "region": "73.71", "region_name": "Kota Makassar", "provinces": []}
    ]
    created = User.objects.get(username="kadis.kominfo")
    assert created.check_password(NEW_PASSWORD)
    assert api.admin.get(f"/api/v1/users/{created.pk}/").json() == body


def test_the_new_person_can_sign_in_and_sees_their_region(api):
    api.admin.post("/api/v1/users/", new_user_body(), format="json")
    client = APIClient()

    token = client.post(
        "/api/v1/auth/token/",
        {"username": "kadis.kominfo", "password": NEW_PASSWORD},
        format="json",
    ).json()["token"]

    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.get("/api/v1/me/").json()["memberships"][0]["region"] == "73.71"


def test_a_person_may_be_created_with_several_memberships(api):
    body = new_user_body(
        memberships=[
            {"role": "reviewer", "region": None, "provinces": ["73"]},
            {"role": "observer"},
        ]
    )

    response = api.admin.post("/api/v1/users/", body, format="json")

    assert response.status_code == 201, response.json()
    held = Membership.objects.filter(user__username="kadis.kominfo")
    assert {(m.role, m.region_id, tuple(m.provinces)) for m in held} == {
        ("reviewer", None, ("73",)),
        ("observer", None, ()),
    }


def test_a_new_ministry_admin_may_enter_the_admin_site(api):
    api.admin.post("/api/v1/users/", new_user_body(memberships=[{"role": "admin"}]), format="json")

    assert User.objects.get(username="kadis.kominfo").is_staff


@pytest.mark.parametrize("role", ["csco_a", "contributor_a", "csco_b", "reviewer", "observer"])
def test_only_a_ministry_admin_manages_people(api, cast, role):
    client = api[role]

    assert client.get("/api/v1/users/").status_code == 403
    assert client.get(f"/api/v1/users/{cast.csco_a.pk}/").status_code == 403
    assert client.post("/api/v1/users/", new_user_body(), format="json").status_code == 403
    assert not User.objects.filter(username="kadis.kominfo").exists()


def test_people_management_needs_a_signed_in_person(api, cast):
    assert api.anon.get("/api/v1/users/").status_code == 401
    assert api.anon.post("/api/v1/users/", new_user_body(), format="json").status_code == 401


def test_a_superuser_manages_people_without_a_membership(api):
    root = User.objects.create_superuser("root", "root@example.go.id", PASSWORD)
    client = APIClient()
    client.force_authenticate(root)

    assert client.post("/api/v1/users/", new_user_body(), format="json").status_code == 201


def test_the_people_list_is_paginated_and_filtered(api, cast):
    everyone = api.admin.get("/api/v1/users/").json()
    assert everyone["count"] == 6
    assert [u["username"] for u in everyone["results"]] == sorted(
        ["csco_a", "contributor_a", "csco_b", "reviewer", "admin", "observer"]
    )

    in_makassar = api.admin.get("/api/v1/users/", {"region": "73.71"}).json()
    assert {u["username"] for u in in_makassar["results"]} == {"csco_a", "contributor_a"}

    cscos = api.admin.get("/api/v1/users/", {"role": "csco"}).json()
    assert {u["username"] for u in cscos["results"]} == {"csco_a", "csco_b"}

    searched = api.admin.get("/api/v1/users/", {"q": "REVIEW"}).json()
    assert [u["username"] for u in searched["results"]] == ["reviewer"]


def test_the_people_list_takes_a_constant_number_of_queries(
    api, cast, django_assert_max_num_queries
):
    for number in range(20):
        member(f"staff{number}", Role.CONTRIBUTOR, "73.71")
    with django_assert_max_num_queries(5):
        response = api.admin.get("/api/v1/users/")
    assert response.json()["count"] == 26


def test_an_unknown_user_id_is_404(api):
    assert api.admin.get("/api/v1/users/999999/").status_code == 404


# --- Bad input: 400 naming the field, nothing half-created ------------------------------------


@pytest.mark.parametrize(
    ("memberships", "expected"),
    [
        ([{"role": "csco", "region": "99.99"}], "memberships[0].region: "),
        ([{"role": "walikota", "region": "73.71"}], "memberships[0].role: "),
        ([{"role": "reviewer", "region": "73.71"}], "memberships[0].region: "),
        ([{"role": "contributor"}], "memberships[0].region: "),
        ([{"role": "csco", "region": None}], "memberships[0].region: "),
        ([{"role": "observer"}, {"role": "csco", "region": "1"}], "memberships[1].region: "),
        ([{"role": "admin", "provinces": ["73"]}], "memberships[0].provinces: "),
        ([{"role": "reviewer", "provinces": ["73.71"]}], "memberships[0].provinces: "),
        ([{"region": "73.71"}], "memberships[0].role: "),
        ([{"role": "csco", "region": 7371}], "memberships[0].region: "),
        (["csco"], "memberships[0]: "),
    ],
)
def test_a_bad_membership_is_400_naming_it_and_creates_nobody(api, cast, memberships, expected):
    people = User.objects.count()

    response = api.admin.post(
        "/api/v1/users/", new_user_body(memberships=memberships), format="json"
    )

    assert response.status_code == 400
    messages = response.json()["memberships"]
    assert any(message.startswith(expected) for message in messages), messages
    assert User.objects.count() == people
    assert not Membership.objects.filter(user__username="kadis.kominfo").exists()


def test_no_membership_at_all_is_400(api, cast):
    response = api.admin.post("/api/v1/users/", new_user_body(memberships=[]), format="json")

    assert response.status_code == 400
    assert "memberships" in response.json()


def test_a_duplicate_username_is_400_naming_the_username(api, cast):
    people = User.objects.count()

    response = api.admin.post("/api/v1/users/", new_user_body(username="CSCO_A"), format="json")

    assert response.status_code == 400
    assert "sudah dipakai" in response.json()["username"][0]
    assert User.objects.count() == people


def test_a_weak_password_is_400_naming_the_password(api, cast):
    response = api.admin.post("/api/v1/users/", new_user_body(password="12345678"), format="json")

    assert response.status_code == 400
    assert response.json()["password"]
    assert not User.objects.filter(username="kadis.kominfo").exists()


def test_every_problem_is_named_at_once(api, cast):
    body = new_user_body(
        username="csco_a", password="password", memberships=[{"role": "csco", "region": "0"}]
    )

    response = api.admin.post("/api/v1/users/", body, format="json")

    assert response.status_code == 400
    assert set(response.json()) == {"username", "password", "memberships", "code"}
    assert response.json()["code"] == "invalid"


def test_a_username_with_forbidden_characters_is_400(api, cast):
    response = api.admin.post("/api/v1/users/", new_user_body(username="ka dis!"), format="json")

    assert response.status_code == 400
    assert "username" in response.json()


def test_a_malformed_email_is_400(api, cast):
    response = api.admin.post("/api/v1/users/", new_user_body(email="not-an-email"), format="json")

    assert response.status_code == 400
    assert "email" in response.json()


def test_me_and_a_person_take_a_constant_number_of_queries(
    api, cast, django_assert_max_num_queries
):
    for region in ("73.71", "35.10", "11.01", "31.71"):
        member("csco_a", Role.CONTRIBUTOR, region)

    with django_assert_max_num_queries(2):
        assert len(api.csco_a.get("/api/v1/me/").json()["memberships"]) == 5
    with django_assert_max_num_queries(3):
        response = api.admin.get(f"/api/v1/users/{cast.csco_a.pk}/")
    assert len(response.json()["memberships"]) == 5


def test_a_taken_username_and_no_memberships_are_both_reported(api, cast):
    body = new_user_body(username="csco_a", memberships=[])
    response = api.admin.post("/api/v1/users/", body, format="json")
    assert response.status_code == 400
    problems = response.json()
    assert problems["code"] == "invalid"
    assert problems["username"] == ["Nama pengguna 'csco_a' sudah dipakai."]
    assert problems["memberships"] == ["Minimal satu keanggotaan."]


def test_every_problem_of_a_new_person_comes_at_once(api, cast):
    body = new_user_body(
        username="csco_a",
        password="123",
        email="bukan-surel",
        memberships=[{"role": "csco"}, {"role": "csco", "region": "99.99"}],
    )
    problems = api.admin.post("/api/v1/users/?lang=en", body, format="json").json()
    assert problems["username"] == ["The username 'csco_a' is already taken."]
    assert problems["email"] and problems["password"]
    assert any("memberships[0]" in m for m in problems["memberships"])  # a role needing a region
    assert any("memberships[1]" in m for m in problems["memberships"])  # an unknown region
