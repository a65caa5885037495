"""Web hardening: security headers on pages, the API and downloads; HTTPS-only settings, HSTS
and secure, HttpOnly cookies in production; no password or token in the logs; and no state
change through a browser session without its CSRF token, on any route.

(`check --deploy` is clean in production configuration: tests/config/test_settings.py. Failed
sign-ins are throttled: tests/cities/test_sign_in_throttling.py.)
"""

from __future__ import annotations

import json
import logging
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from rest_framework.test import APIClient

from tests.factories import PASSWORD
from tests.proof.world import World, build_world
from tests.test_access_matrix import (
    ADMIN,
    CONTRIBUTOR,
    CSCO,
    KINDS,
    MATRIX,
    OBSERVER,
    PUBLIC,
    REVIEWER,
    SIGNED_IN,
    Rule,
    build_url,
)
from tests.test_access_matrix import build_world as build_matrix_world

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parent.parent.parent
CSP_REQUIRED = ("default-src 'self'", "object-src 'none'", "frame-ancestors 'none'")


@pytest.fixture(autouse=True)
def fresh_rate_limits() -> None:
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def world(cast: Any) -> World:
    return build_world(cast)


def assert_security_headers(response: Any) -> None:
    csp = response["Content-Security-Policy"]
    if "default-src 'none'" not in csp:  # a download may be stricter than the site's policy
        for directive in CSP_REQUIRED:
            assert directive in csp, (directive, csp)
    assert "unsafe-eval" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


# --- Headers ----------------------------------------------------------------------------------


def test_pages_carry_csp_frame_denial_nosniff_and_referrer_policy(cast, world):
    browser = Client()
    assert_security_headers(browser.get("/accounts/login/"))
    browser.force_login(cast.csco_a)
    page = browser.get(f"/assessments/{world.a.assessment.pk}/")
    assert page.status_code == 200
    assert_security_headers(page)


def test_api_answers_carry_the_same_headers(world):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {world.tokens['csco_a']}")
    response = client.get(f"/api/v1/assessments/{world.a.assessment.pk}/")
    assert response.status_code == 200
    assert_security_headers(response)


@pytest.mark.parametrize("which", ["evidence", "evidence page", "programme file", "report"])
def test_downloads_are_attachments_never_sniffed_with_an_allowed_type(cast, world, which):
    a = world.a
    urls = {
        "evidence": f"/api/v1/assessments/{a.assessment.pk}/evidence/{a.evidence.pk}/download/",
        "evidence page": f"/assessments/{a.assessment.pk}/evidence/{a.evidence.pk}/download/",
        "programme file": f"/api/v1/programmes/{a.programme.pk}/files/"
        f"{a.programme_file.pk}/download/",
        "report": f"/api/v1/reports/{a.report.pk}/download/",
    }
    browser = Client()
    browser.force_login(cast.csco_a)
    response = browser.get(urls[which])
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Type"] == "application/pdf"
    assert_security_headers(response)


def test_the_strict_transport_header_goes_out_over_https_with_production_values(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    response = client.get("/accounts/login/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


def production_settings() -> dict[str, Any]:
    """The security settings as production start-up computes them (a separate process)."""
    names = [
        "DEBUG",
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SESSION_COOKIE_SECURE",
        "SESSION_COOKIE_HTTPONLY",
        "CSRF_COOKIE_SECURE",
        "SECURE_CONTENT_TYPE_NOSNIFF",
        "X_FRAME_OPTIONS",
        "SECURE_REFERRER_POLICY",
        "SECURE_PROXY_SSL_HEADER",
    ]
    script = (
        "import json, django; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n) for n in {names!r}}}))"
    )
    env = {k: v for k, v in os.environ.items() if k != "DEBUG"}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY="x7#kq9!v2Lm@pR4zT8wN1cY6hB3jF0sD5gA_eU-oI+rQ*lK&mZ",
        ALLOWED_HOSTS="maturasi.kemendagri.go.id",
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_is_https_only_with_hsts_and_secure_httponly_cookies():
    values = production_settings()
    assert values["DEBUG"] is False
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_HSTS_SECONDS"] >= 31536000
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["SESSION_COOKIE_HTTPONLY"] is True
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["SECURE_CONTENT_TYPE_NOSNIFF"] is True
    assert values["X_FRAME_OPTIONS"] == "DENY"
    assert values["SECURE_REFERRER_POLICY"] == "same-origin"
    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]


def sign_in_through_the_page(browser: Client, username: str, password: str, **extra: Any) -> Any:
    browser.get("/accounts/login/", **extra)
    token = browser.cookies["csrftoken"].value
    return browser.post(
        "/accounts/login/",
        {"username": username, "password": password, "csrfmiddlewaretoken": token},
        **extra,
    )


def test_the_session_cookie_is_secure_httponly_and_same_site_in_production(cast, settings):
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    browser = Client(enforce_csrf_checks=True)
    response = sign_in_through_the_page(
        browser, "csco_a", PASSWORD, secure=True, HTTP_REFERER="https://testserver/accounts/login/"
    )
    assert response.status_code == 302
    session = response.cookies[settings.SESSION_COOKIE_NAME]
    assert session["secure"] is True
    assert session["httponly"] is True
    assert session["samesite"] == "Lax"
    assert browser.cookies["csrftoken"]["secure"] is True


# --- Logs -------------------------------------------------------------------------------------


def everything_logged(records: list[logging.LogRecord]) -> str:
    """Every message with its arguments and extra attributes, as text."""
    parts = []
    for record in records:
        parts.append(record.getMessage())
        parts.extend(repr(value) for value in vars(record).values())
    return "\n".join(parts)


def test_sign_ins_and_token_requests_leave_no_password_or_token_in_the_logs(cast, caplog):
    wrong = "salah-sekali-9876"
    with caplog.at_level(logging.DEBUG):
        browser = Client(enforce_csrf_checks=True)
        assert sign_in_through_the_page(browser, "csco_a", wrong).status_code == 200
        assert sign_in_through_the_page(browser, "csco_a", PASSWORD).status_code == 302
        api = APIClient()
        refused = api.post(
            "/api/v1/auth/token/", {"username": "csco_a", "password": wrong}, format="json"
        )
        assert refused.status_code == 400
        issued = api.post(
            "/api/v1/auth/token/", {"username": "csco_a", "password": PASSWORD}, format="json"
        )
        assert issued.status_code == 200
        key = issued.json()["token"]
        api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
        assert api.get("/api/v1/me/").status_code == 200
        api.credentials(HTTP_AUTHORIZATION=f"Token {key[:-4]}zzzz")
        assert api.get("/api/v1/me/").status_code == 401
    logged = everything_logged(caplog.records)
    assert "/api/v1/auth/token/" in logged  # the requests were logged, and the check can fail
    assert PASSWORD not in logged
    assert wrong not in logged
    assert key not in logged
    assert key[:-4] not in logged


# --- CSRF -------------------------------------------------------------------------------------

#: Who to sign in as to reach each line's action (the object is region A's).
ACTOR_FOR = {
    CSCO: "csco_a",
    CONTRIBUTOR: "contributor_a",
    REVIEWER: "reviewer",
    ADMIN: "admin",
    OBSERVER: "observer",
}
#: State-changing routes the matrix lists only by their GET, and the form each one posts.
MORE_WRITES = [
    Rule("page", "POST", "accounts/login/", PUBLIC),
    Rule("page", "POST", "accounts/password/change/", SIGNED_IN),
    Rule("page", "POST", "accounts/password/reset/", PUBLIC),
    Rule("page", "POST", "accounts/password/reset/<uidb64>/<token>/", PUBLIC, on="password_reset"),
    Rule("page", "POST", "i18n/setlang/", PUBLIC),
]
#: Writes that take no session at all, so CSRF cannot apply: the caller proves itself otherwise.
NO_SESSION = {
    "api/v1/auth/token/": "exchanges a username and password for a token; it ignores sessions",
}
WRITES = [rule for rule in (*MATRIX, *MORE_WRITES) if rule.method != "GET"]


def signed_in_as(rule: Rule) -> str:
    for role, actor in ACTOR_FOR.items():
        if role in rule.who:
            return actor
    return "csco_a"


@pytest.mark.parametrize("rule", WRITES, ids=lambda r: f"{r.method} /{r.route}")
def test_no_state_change_through_a_session_without_its_csrf_token(rule: Rule, cast):
    world = build_matrix_world(cast)
    side = world.sides["A"]
    url = build_url(rule.route, KINDS[rule.on].kwargs(world, side))
    user = getattr(cast, signed_in_as(rule))
    browser = (APIClient if rule.surface == "api" else Client)(enforce_csrf_checks=True)
    browser.force_login(user)
    browser.get("/accounts/password/change/")  # a form page: the browser holds a CSRF cookie
    assert "csrftoken" in browser.cookies
    savepoint = transaction.savepoint()
    try:
        body = rule.body(world, side) if callable(rule.body) else rule.body
        # A cross-site form posts form data (JSON would need a CORS preflight first).
        kind = "json" if isinstance(body, list) else "multipart"
        if rule.surface == "api":
            response = getattr(browser, rule.method.lower())(url, body or {}, format=kind)
        else:
            response = getattr(browser, rule.method.lower())(url, body or {})
    finally:
        transaction.savepoint_rollback(savepoint)
    if rule.route in NO_SESSION:
        assert response.status_code == 400, response.content[:300]  # no credentials in body
        return
    assert response.status_code == 403, (url, response.status_code, response.content[:300])
    assert re.search(rb"CSRF", response.content), response.content[:300]


def test_the_same_session_write_with_its_csrf_token_goes_through(cast):
    """The control for the walk above: what is refused is the missing token, not the person."""
    world = build_matrix_world(cast)
    assessment = world.sides["A"].assessment
    browser = APIClient(enforce_csrf_checks=True)
    browser.force_login(cast.csco_a)
    browser.get("/accounts/password/change/")
    token = browser.cookies["csrftoken"].value
    url = f"/api/v1/assessments/{assessment.pk}/answers/I-1/"
    body = {"status": "answered", "value": 4, "version": 1}
    refused = browser.put(url, body, format="json")
    accepted = browser.put(url, body, format="json", HTTP_X_CSRFTOKEN=token)
    assert (refused.status_code, accepted.status_code) == (403, 200)
