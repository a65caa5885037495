"""Conventions every page of the product shares: the language it is shown in, htmx requests."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import get_language


def language() -> str:
    """The language of the current request: ``"en"`` when English was chosen, else ``"id"``."""
    return "en" if (get_language() or "id").startswith("en") else "id"


def is_htmx(request: HttpRequest) -> bool:
    """Whether the request came from htmx (which wants a fragment, not a whole page)."""
    return request.headers.get("HX-Request") == "true"
