"""A changed password revokes the person's API tokens, whichever way it was changed."""

from __future__ import annotations

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from cities import errors
from cities.services import get_or_create_token, set_password
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Pantai-Losari-Senja-2026"


def token_works(key: str) -> bool:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client.get("/api/v1/me/").status_code == 200


def test_the_password_service_sets_the_password_and_revokes_tokens(cast):
    key = get_or_create_token(user=cast.csco_a)
    assert token_works(key)

    set_password(cast.csco_a, NEW_PASSWORD)

    assert not token_works(key)
    assert not Token.objects.filter(user=cast.csco_a).exists()
    cast.csco_a.refresh_from_db()
    assert cast.csco_a.check_password(NEW_PASSWORD)


def test_the_password_service_refuses_a_weak_password_and_keeps_everything(cast):
    key = get_or_create_token(user=cast.csco_a)

    with pytest.raises(errors.Invalid) as raised:
        set_password(cast.csco_a, "password")

    assert "password" in raised.value.fields
    assert token_works(key)
    cast.csco_a.refresh_from_db()
    assert cast.csco_a.check_password(PASSWORD)


def test_other_people_keep_their_tokens(cast):
    mine = get_or_create_token(user=cast.csco_a)
    theirs = get_or_create_token(user=cast.csco_b)

    set_password(cast.csco_a, NEW_PASSWORD)

    assert not token_works(mine)
    assert token_works(theirs)


def test_saving_a_person_without_changing_the_password_keeps_the_token(cast):
    key = get_or_create_token(user=cast.csco_a)

    cast.csco_a.first_name = "Andi"
    cast.csco_a.save()

    assert token_works(key)


def test_signing_in_keeps_the_token(cast):
    key = get_or_create_token(user=cast.csco_a)

    browser = Client()
    browser.post("/accounts/login/", {"username": "csco_a", "password": PASSWORD})

    assert int(browser.session["_auth_user_id"]) == cast.csco_a.pk
    assert token_works(key)


def test_a_password_saved_directly_with_user_save_revokes_tokens(cast):
    # What Django's own forms do: set_password() then save(), never through our service.
    key = get_or_create_token(user=cast.csco_a)

    cast.csco_a.set_password(NEW_PASSWORD)
    cast.csco_a.save()

    assert not token_works(key)


def test_changing_the_password_on_the_password_change_page_revokes_tokens(cast):
    key = get_or_create_token(user=cast.csco_a)
    browser = Client()
    browser.force_login(cast.csco_a)

    response = browser.post(
        "/accounts/password/change/",
        {
            "old_password": PASSWORD,
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    )

    assert response.status_code == 302
    assert not token_works(key)


def test_changing_a_password_in_the_admin_site_revokes_tokens(cast):
    key = get_or_create_token(user=cast.csco_a)
    root = type(cast.csco_a).objects.create_superuser("root", "root@example.go.id", PASSWORD)
    browser = Client()
    browser.force_login(root)

    response = browser.post(
        f"/admin/auth/user/{cast.csco_a.pk}/password/",
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"},
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    assert not token_works(key)
    cast.csco_a.refresh_from_db()
    assert cast.csco_a.check_password(NEW_PASSWORD)


def test_a_weak_password_is_refused_by_the_validators(cast):
    for weak in ("12345678", "password123", "csco_a2026", "pendek"):
        with pytest.raises(errors.Invalid):
            set_password(cast.csco_a, weak)
