"""The product's own errors: what services and selectors raise when they refuse.

Each carries a stable machine ``code`` (clients branch on it; the wording may change) and a
message in the language of the request. They know nothing of HTTP: one DRF exception handler
(:func:`config.api.exception_handler`) turns them into the API's answers (404, 403, 409, 400)
and one page helper (:mod:`cities.pages`) into form errors and messages.

A service may still raise Django's ``ValidationError`` for field messages (Django's forms and
model validation speak it); both ways in read it the same as :class:`Invalid`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

#: The key under which a message that belongs to no field is kept (Django's convention).
NON_FIELD = "detail"


class DomainError(Exception):
    """Base of the product's errors. ``body`` adds fields to the answer (e.g. the current row of
    a stale write); ``message`` is what a person reads."""

    default_code = "error"
    default_message = ""

    def __init__(
        self,
        message: Any = None,
        *,
        code: str | None = None,
        body: Mapping[str, Any] | None = None,
    ) -> None:
        self.message = str(message) if message is not None else str(self.default_message)
        self.code = code or self.default_code
        self.body = dict(body or {})
        super().__init__(self.message)


class NotFound(DomainError):
    """The object does not exist, or lies outside the person's scope (the same, on purpose)."""

    default_code = "not_found"


class Forbidden(DomainError):
    """The person may see the object but their role does not allow this action."""

    default_code = "forbidden"


class Conflict(DomainError):
    """The current state refuses the change: a stale version, a duplicate, a transition the
    status does not allow."""

    default_code = "conflict"


class Invalid(DomainError):
    """The input is wrong: ``fields`` maps each field (or :data:`NON_FIELD`) to all its messages,
    so a person sees every problem at once."""

    default_code = "invalid"

    def __init__(
        self,
        fields: Mapping[str, Any] | str | None = None,
        *,
        code: str | None = None,
        body: Mapping[str, Any] | None = None,
    ) -> None:
        if isinstance(fields, Mapping):
            self.fields = {str(k): _as_list(v) for k, v in fields.items()}
        elif fields is None:
            self.fields = {}
        else:
            self.fields = {NON_FIELD: [str(fields)]}
        first = next((m for ms in self.fields.values() for m in ms), "")
        super().__init__(first, code=code, body=body)


def _as_list(value: Any) -> list[str]:
    if isinstance(value, (list, tuple)):
        return [str(item) for item in value]
    return [str(value)]
