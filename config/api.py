"""The API's error shape: the product's own errors and Django's, mapped to HTTP in one place."""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError, InterfaceError, OperationalError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from cities import errors
from config.middleware import UNSTORABLE_INPUT

logger = logging.getLogger(__name__)


#: HTTP status of each of the product's errors.
STATUS_OF: dict[type[errors.DomainError], int] = {
    errors.NotFound: status.HTTP_404_NOT_FOUND,
    errors.Forbidden: status.HTTP_403_FORBIDDEN,
    errors.Conflict: status.HTTP_409_CONFLICT,
    errors.Invalid: status.HTTP_400_BAD_REQUEST,
}


def domain_error_body(exc: errors.DomainError) -> dict[str, Any]:
    """The JSON body of one of the product's errors: today's shapes plus its machine ``code``.

    Field messages stay ``{field: [messages]}`` (a message of no field under ``detail``); other
    errors are ``{"detail": message}``; either may carry extra keys (``body``). ``code`` is added
    unless a field of that name is itself in error.
    """
    if isinstance(exc, errors.Invalid):
        body: dict[str, Any] = {**exc.fields, **exc.body}
    else:
        body = {"detail": exc.message, **exc.body}
    body.setdefault("code", exc.code)
    return body


def status_of(exc: errors.DomainError) -> int:
    for kind, code in STATUS_OF.items():
        if isinstance(exc, kind):
            return code
    return status.HTTP_400_BAD_REQUEST


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's handler plus: the product's errors (:mod:`cities.errors`), Django's ValidationError
    and values the database refuses as 400, a lost database as 503."""
    if isinstance(exc, errors.DomainError):
        return Response(domain_error_body(exc), status=status_of(exc))
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
        exc = exceptions.ValidationError(detail=detail)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, DataError):
        logger.warning("the database refused a value: %s", str(exc).splitlines()[0][:200])
        exc = exceptions.ValidationError({"detail": [str(UNSTORABLE_INPUT)]})
    elif isinstance(exc, (OperationalError, InterfaceError)):
        response = Response(
            {"detail": _("Basis data sedang tidak tersedia.")},
            status=status.HTTP_503_SERVICE_UNAVAILABLE,
        )
        response["Retry-After"] = "5"
        return response
    return drf_exception_handler(exc, context)
