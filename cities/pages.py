"""Conventions every page of the product shares: its language, htmx requests, and how the
product's refusals (:mod:`cities.errors`) become form errors and messages.

A refusal that is not about the input becomes a page of its own in
:class:`config.middleware.DomainErrorMiddleware`: not found → 404, forbidden → 403.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import get_language

from cities import errors


def language() -> str:
    """The language of the current request: ``"en"`` when English was chosen, else ``"id"``."""
    return "en" if (get_language() or "id").startswith("en") else "id"


def is_htmx(request: HttpRequest) -> bool:
    """Whether the request came from htmx (which wants a fragment, not a whole page)."""
    return request.headers.get("HX-Request") == "true"


def error_fields(error: errors.Invalid | ValidationError) -> dict[str, list[str]]:
    """A refusal's messages by field (:data:`cities.errors.NON_FIELD` for the form as a whole),
    from the product's :class:`~cities.errors.Invalid` or Django's ``ValidationError``."""
    if isinstance(error, errors.Invalid):
        return {name: list(messages) for name, messages in error.fields.items()}
    if hasattr(error, "error_dict"):
        return {name: list(messages) for name, messages in error.message_dict.items()}
    return {errors.NON_FIELD: list(error.messages)}


def error_message(error: errors.DomainError | ValidationError) -> str:
    """One text a page can show in a message for a refusal (every field's messages together)."""
    if isinstance(error, (errors.Invalid, ValidationError)):
        return " ".join(m for messages in error_fields(error).values() for m in messages)
    return error.message


class ServiceErrorsMixin:
    """For forms: put a service's field messages beside their fields, the rest above the form."""

    def add_service_errors(self, error: errors.Invalid | ValidationError) -> None:
        for name, messages in error_fields(error).items():
            target = name if name in self.fields else None  # type: ignore[attr-defined]
            for message in messages:
                self.add_error(target, message)  # type: ignore[attr-defined]
