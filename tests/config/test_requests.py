import logging

import pytest

pytestmark = pytest.mark.django_db


def test_every_request_is_logged_once_with_its_request_id(client, caplog):
    with caplog.at_level(logging.INFO, logger="maturasi.requests"):
        response = client.get("/healthz")
    request_id = response["X-Request-ID"]
    lines = [r for r in caplog.records if r.name == "maturasi.requests"]
    assert len(lines) == 1
    assert lines[0].request_id == request_id
    assert "/healthz" in lines[0].getMessage()


def test_security_headers_are_set_on_pages(client):
    response = client.get("/healthz")
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_the_403_and_404_pages_have_a_heading(client, cast):
    from django.test import Client

    signed_in = Client()
    signed_in.force_login(cast.csco_a)
    missing = signed_in.get("/assessments/999999/")
    assert missing.status_code == 404
    assert (
        "<h1" in missing.content.decode() and "Halaman tidak ditemukan" in missing.content.decode()
    )
    refused = signed_in.get("/review/")
    assert refused.status_code == 403
    assert "<h1" in refused.content.decode() and "Tidak diizinkan" in refused.content.decode()
