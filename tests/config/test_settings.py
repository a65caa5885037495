"""Configuration comes only from the environment and a bad value stops start-up, named."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, parse_database_url

ROOT = Path(__file__).resolve().parent.parent.parent


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_debug_maybe_stops_start_up_naming_the_variable():
    result = run_manage("check", DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG" in result.stderr
    assert "maybe" in result.stderr


def test_malformed_database_url_stops_start_up_naming_the_variable():
    result = run_manage("check", DATABASE_URL="mysql//nowhere")
    assert result.returncode != 0
    assert "DATABASE_URL" in result.stderr


def test_production_without_secret_key_stops_start_up():
    result = run_manage(
        "check", DJANGO_SETTINGS_MODULE="config.settings.production", DEBUG="0", SECRET_KEY=""
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_deploy_check_is_clean_in_production_configuration():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DEBUG="0",
        SECRET_KEY="x7#kq9!v2Lm@pR4zT8wN1cY6hB3jF0sD5gA_eU-oI+rQ*lK&mZ",
        ALLOWED_HOSTS="maturasi.kemendagri.go.id",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("url", "engine", "name"),
    [
        ("postgres://u:p@db:5432/maturasi", "django.db.backends.postgresql", "maturasi"),
        ("postgresql://db/maturasi", "django.db.backends.postgresql", "maturasi"),
        ("sqlite:///var/db.sqlite3", "django.db.backends.sqlite3", "var/db.sqlite3"),
        ("sqlite:////srv/db.sqlite3", "django.db.backends.sqlite3", "/srv/db.sqlite3"),
    ],
)
def test_database_urls_are_parsed(url, engine, name):
    parsed = parse_database_url(url)
    assert parsed["ENGINE"] == engine
    assert parsed["NAME"] == name


@pytest.mark.parametrize(
    "url", ["mysql://x/y", "postgres://db:notaport/x", "postgres://db/", "nonsense"]
)
def test_bad_database_urls_name_the_variable(url):
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        parse_database_url(url)


def test_booleans_accept_only_known_words(monkeypatch):
    monkeypatch.setenv("SOME_FLAG", "yes")
    assert env_bool("SOME_FLAG", False) is True
    monkeypatch.setenv("SOME_FLAG", "0")
    assert env_bool("SOME_FLAG", True) is False
    monkeypatch.setenv("SOME_FLAG", "perhaps")
    with pytest.raises(ImproperlyConfigured, match="SOME_FLAG"):
        env_bool("SOME_FLAG", False)
