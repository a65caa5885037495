"""Sign in and out (through django-axes), password change and reset by email, the profile with
its API token, the language switch, CSRF on account forms."""

from __future__ import annotations

import re

from axes.models import AccessAttempt
from django.core import mail
from django.test import Client
from rest_framework.authtoken.models import Token

from tests.factories import PASSWORD


def test_sign_in_page_is_in_indonesian_by_default():
    for accepted in ("", "id-ID,id;q=0.9,en;q=0.8", "fr-FR,fr;q=0.9"):
        response = Client().get("/accounts/login/", HTTP_ACCEPT_LANGUAGE=accepted)
        assert response.status_code == 200
        assert '<html lang="id">' in response.content.decode()
        assert "Lupa kata sandi?" in response.content.decode()


def test_a_browser_asking_for_english_gets_english_pages():
    response = Client().get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="en">' in response.content.decode()
    assert "Forgot your password?" in response.content.decode()


def test_lang_in_the_query_overrides_the_switch_and_the_browser():
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    html = client.get("/accounts/login/?lang=id").content.decode()
    assert '<html lang="id">' in html


def test_language_switch_turns_the_pages_english():
    client = Client()
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    assert response.status_code == 302
    html = client.get("/accounts/login/").content.decode()
    assert '<html lang="en">' in html
    assert "Forgot your password?" in html


def test_csco_signs_in_and_lands_on_home(cast):
    client = Client()
    response = client.post("/accounts/login/", {"username": "csco_a", "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == "/"


def test_wrong_password_is_explained_and_the_username_kept(cast):
    client = Client()
    response = client.post("/accounts/login/", {"username": "csco_a", "password": "salah"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="csco_a"' in html
    assert "alert--error" in html
    assert AccessAttempt.objects.filter(username="csco_a").exists()  # counted by django-axes


def test_sign_in_form_refuses_a_post_without_csrf_token(cast):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": "csco_a", "password": PASSWORD})
    assert response.status_code == 403


def test_sign_out_is_a_post_that_ends_the_session(pages):
    assert pages.csco_a.post("/accounts/logout/").status_code == 302
    assert pages.csco_a.get("/").status_code == 302


def test_password_change_shows_errors_beside_fields_then_changes(pages, cast):
    response = pages.csco_a.post(
        "/accounts/password/change/",
        {"old_password": "salah", "new_password1": "x", "new_password2": "y"},
    )
    assert response.status_code == 200
    assert 'id="id_old_password_error"' in response.content.decode()
    response = pages.csco_a.post(
        "/accounts/password/change/",
        {
            "old_password": PASSWORD,
            "new_password1": "kota-cerdas-makassar-27",
            "new_password2": "kota-cerdas-makassar-27",
        },
    )
    assert response.status_code == 302
    cast.csco_a.refresh_from_db()
    assert cast.csco_a.check_password("kota-cerdas-makassar-27")


def test_password_reset_sends_a_link_that_sets_a_new_password(cast):
    client = Client()
    response = client.post("/accounts/password/reset/", {"email": cast.csco_a.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "Atur ulang kata sandi Maturasi" in mail.outbox[0].subject
    link = re.search(r"http://testserver(/accounts/password/reset/\S+/)", mail.outbox[0].body)
    assert link
    form_page = client.get(link.group(1), follow=True)
    assert form_page.status_code == 200
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "sandi-baru-banyuwangi-9", "new_password2": "sandi-baru-banyuwangi-9"},
    )
    assert response.status_code == 302
    cast.csco_a.refresh_from_db()
    assert cast.csco_a.check_password("sandi-baru-banyuwangi-9")


def test_profile_shows_roles_and_lets_me_make_a_new_api_token(pages, cast):
    html = pages.csco_a.get("/accounts/profile/").content.decode()
    assert "Kota Makassar" in html
    assert "Anda belum memiliki token API." in html
    assert pages.csco_a.post("/accounts/profile/token/").status_code == 302
    first = Token.objects.get(user=cast.csco_a).key
    assert first in pages.csco_a.get("/accounts/profile/").content.decode()
    pages.csco_a.post("/accounts/profile/token/")
    second = Token.objects.get(user=cast.csco_a).key
    assert second != first


def test_profile_token_cannot_be_regenerated_with_a_get(pages, cast):
    assert pages.csco_a.get("/accounts/profile/token/").status_code == 405
    assert not Token.objects.filter(user=cast.csco_a).exists()


def test_admin_is_styled_as_the_product(cast):
    cast.admin.is_staff = True
    cast.admin.save()
    client = Client()
    client.force_login(cast.admin)
    html = client.get("/admin/").content.decode()
    assert "Maturasi · Admin kementerian" in html
    assert "#0f4c81" in html
