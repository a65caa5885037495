"""Sign-in throttling (django-axes): ten wrong passwords for one username, or from one address,
lock sign-in for the cool-off period, even with the right password; the lock shows a clear
message in the request's language, on the API and on the sign-in pages."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.test import Client
from rest_framework.test import APIClient

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

TOKEN_URL = "/api/v1/auth/token/"
LOCKED = "Terlalu banyak percobaan masuk yang gagal"
LOCKED_EN = "Too many failed sign-in attempts"


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    from django.core.cache import cache

    cache.clear()


def ask_token(username: str, password: str, address: str = "10.0.0.1"):
    return APIClient().post(
        TOKEN_URL, {"username": username, "password": password}, format="json", REMOTE_ADDR=address
    )


def test_ten_wrong_passwords_lock_the_token_endpoint_even_for_the_right_password(cast):
    answers = [ask_token("csco_a", f"salah-{n}").status_code for n in range(10)]

    right = ask_token("csco_a", PASSWORD)

    assert answers[:9] == [400] * 9
    assert answers[9] == 429  # the tenth failure already locks
    assert right.status_code == 429
    assert LOCKED in right.json()["detail"]
    assert right.json()["code"] == "locked_out"
    assert "token" not in right.json()
    in_english = APIClient(HTTP_ACCEPT_LANGUAGE="en").post(
        TOKEN_URL, {"username": "csco_a", "password": PASSWORD}, REMOTE_ADDR="10.0.0.1"
    )
    assert in_english.status_code == 429
    assert LOCKED_EN in in_english.json()["detail"]


def test_nine_wrong_passwords_do_not_lock(cast):
    for n in range(9):
        ask_token("csco_a", f"salah-{n}")

    assert ask_token("csco_a", PASSWORD).status_code == 200


def test_a_successful_sign_in_clears_the_count(cast):
    for n in range(9):
        ask_token("csco_a", f"salah-{n}")
    assert ask_token("csco_a", PASSWORD).status_code == 200

    for n in range(9):
        ask_token("csco_a", f"lagi-{n}")

    assert ask_token("csco_a", PASSWORD).status_code == 200


def test_the_lock_is_per_username_from_any_address(cast):
    for n in range(10):
        ask_token("csco_a", f"salah-{n}", address=f"10.0.1.{n}")

    assert ask_token("csco_a", PASSWORD, address="10.0.2.1").status_code == 429
    # Somebody else, from a fresh address, is not affected.
    assert ask_token("csco_b", PASSWORD, address="10.0.2.2").status_code == 200


def test_the_lock_is_per_address_for_any_username(cast):
    for n in range(10):
        ask_token(f"tebakan{n}", "salah", address="10.0.3.1")

    assert ask_token("csco_b", PASSWORD, address="10.0.3.1").status_code == 429
    # The same person from another address still signs in.
    assert ask_token("csco_b", PASSWORD, address="10.0.3.2").status_code == 200


def test_failed_token_attempts_are_recorded_by_axes_without_the_password(cast):
    # A form-encoded body, so that axes sees (and must mask) the password field.
    APIClient().post(
        TOKEN_URL, {"username": "csco_a", "password": "rahasia-salah"}, REMOTE_ADDR="10.0.4.1"
    )

    attempt = AccessAttempt.objects.get(username="csco_a")
    assert attempt.ip_address == "10.0.4.1"
    assert attempt.failures_since_start == 1
    assert "password=" in attempt.post_data  # seen, and masked
    assert "rahasia-salah" not in attempt.post_data


def test_the_address_behind_trusted_proxies_is_the_client_not_the_proxy(cast, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for n in range(10):
        APIClient().post(
            TOKEN_URL,
            {"username": f"tebakan{n}", "password": "salah"},
            format="json",
            REMOTE_ADDR="192.168.0.1",
            HTTP_X_FORWARDED_FOR=f"1.2.3.4, 10.9.9.{n}",  # forged left part, proxy-added right
        )

    # Ten different clients behind the one proxy: nobody else is locked out.
    other = APIClient().post(
        TOKEN_URL,
        {"username": "csco_b", "password": PASSWORD},
        format="json",
        REMOTE_ADDR="192.168.0.1",
        HTTP_X_FORWARDED_FOR="10.9.9.200",
    )
    assert other.status_code == 200


# --- Pages ----------------------------------------------------------------------------------------


@pytest.fixture
def staff_admin(cast):
    cast.admin.is_staff = True
    cast.admin.save()
    return cast.admin


@pytest.mark.parametrize("login_url", ["/admin/login/", "/accounts/login/"])
def test_ten_wrong_passwords_lock_the_sign_in_pages_even_for_the_right_password(
    staff_admin, login_url
):
    browser = Client(REMOTE_ADDR="10.0.5.1")
    for n in range(9):
        failed = browser.post(login_url, {"username": "admin", "password": f"salah-{n}"})
        assert failed.status_code == 200  # the form again, with its error
    tenth = browser.post(login_url, {"username": "admin", "password": "salah-9"})

    right = browser.post(login_url, {"username": "admin", "password": PASSWORD})

    assert tenth.status_code == 429
    assert right.status_code == 429
    page = right.content.decode()
    assert LOCKED in page
    assert "_auth_user_id" not in browser.session
    in_english = Client(REMOTE_ADDR="10.0.5.1", HTTP_ACCEPT_LANGUAGE="en").post(
        login_url, {"username": "admin", "password": PASSWORD}
    )
    assert in_english.status_code == 429
    assert LOCKED_EN in in_english.content.decode()


def test_the_admin_sign_in_works_when_not_locked(staff_admin):
    browser = Client()

    response = browser.post("/admin/login/", {"username": "admin", "password": PASSWORD})

    assert response.status_code == 302
    assert int(browser.session["_auth_user_id"]) == staff_admin.pk


def test_failures_on_the_page_and_the_api_count_together(cast):
    browser = Client(REMOTE_ADDR="10.0.6.1")
    for n in range(5):
        browser.post("/accounts/login/", {"username": "csco_a", "password": f"salah-{n}"})
    for n in range(5):
        ask_token("csco_a", f"salah-api-{n}", address="10.0.6.2")

    assert ask_token("csco_a", PASSWORD, address="10.0.6.3").status_code == 429
    assert User.objects.get(username="csco_a").last_login is None


def test_more_than_twenty_sign_in_requests_a_minute_from_one_address_are_refused(cast):
    answers = [ask_token("csco_b", PASSWORD, address="10.0.7.1").status_code for _ in range(20)]

    refused = ask_token("csco_b", PASSWORD, address="10.0.7.1")

    assert answers == [200] * 20
    assert refused.status_code == 429
    assert "Terlalu banyak permintaan masuk" in refused.json()["detail"]
    assert ask_token("csco_b", PASSWORD, address="10.0.7.2").status_code == 200
