"""Strict readers for configuration taken from the environment.

A value that cannot be parsed stops start-up with a message naming the variable, so a typo in a
deployment never turns into a silently different configuration.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def _raw(name: str) -> str | None:
    value = os.environ.get(name)
    return None if value is None else value.strip()


def env_str(name: str, default: str | None = None, *, required: bool = False) -> str | None:
    """Read a string; with ``required`` an absent or empty value stops start-up."""
    value = _raw(name)
    if value is None or value == "":
        if required:
            raise ImproperlyConfigured(f"{name} must be set")
        return default
    return value


def env_bool(name: str, default: bool) -> bool:
    """Read a boolean written as 1/0, true/false, yes/no or on/off."""
    value = _raw(name)
    if value is None:
        return default
    lowered = value.lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"{name} must be one of 1/0, true/false, yes/no, on/off; got {value!r}"
    )


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    """Read an integer, optionally with a lower bound."""
    value = _raw(name)
    if value is None or value == "":
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number; got {value!r}") from None
    if minimum is not None and number < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}; got {number}")
    return number


def env_list(name: str, default: list[str]) -> list[str]:
    """Read a comma-separated list; blanks are dropped."""
    value = _raw(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def env_database(name: str, default_sqlite: Path) -> dict[str, object]:
    """Read a database URL: ``postgres://user:pass@host:port/name`` or ``sqlite:///path``."""
    value = _raw(name)
    if not value:
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(default_sqlite),
            "OPTIONS": {"timeout": 20, "transaction_mode": "IMMEDIATE"},
        }
    return parse_database_url(value, name=name)


def parse_database_url(value: str, *, name: str = "DATABASE_URL") -> dict[str, object]:
    """Turn a database URL into Django's DATABASES entry, or stop naming the variable."""
    parts = urlsplit(value)
    scheme = parts.scheme.lower()
    if scheme in {"postgres", "postgresql", "pgsql"}:
        db_name = unquote(parts.path.lstrip("/"))
        if not db_name:
            raise ImproperlyConfigured(
                f"{name} must name a database: postgres://user@host:5432/name"
            )
        try:
            port = parts.port
        except ValueError:
            raise ImproperlyConfigured(f"{name} has an invalid port: {value!r}") from None
        options: dict[str, object] = {}
        query = parse_qs(parts.query)
        if "sslmode" in query:
            options["sslmode"] = query["sslmode"][0]
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": db_name,
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": str(port or ""),
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": options,
        }
    if scheme == "sqlite":
        # sqlite:///var/db.sqlite3 is relative, sqlite:////srv/db.sqlite3 absolute.
        db_path = parts.netloc + parts.path if parts.netloc else parts.path[1:]
        if not db_path:
            raise ImproperlyConfigured(f"{name} must name a file: sqlite:///var/db.sqlite3")
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": db_path,
            "OPTIONS": {"timeout": 20, "transaction_mode": "IMMEDIATE"},
        }
    raise ImproperlyConfigured(f"{name} must start with postgres:// or sqlite:///; got {value!r}")


def env_broker(name: str, default_dir: Path) -> str:
    """Read the Celery broker URL: ``redis://…`` or ``filesystem://`` (the embedded default)."""
    value = _raw(name)
    if not value:
        return "filesystem://"
    parts = urlsplit(value)
    if parts.scheme not in {"redis", "rediss", "filesystem", "memory", "amqp", "pyamqp"}:
        raise ImproperlyConfigured(
            f"{name} must be a redis://, amqp:// or filesystem:// URL; got {value!r}"
        )
    if parts.scheme.startswith("redis"):
        try:
            _ = parts.port  # urlsplit checks the port only when it is read
        except ValueError:
            raise ImproperlyConfigured(f"{name} has an invalid port: {value!r}") from None
    return value
