"""Request logging with a request id, security headers, a clean 503 while the database is away."""

from __future__ import annotations

import contextvars
import logging
import time
import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, DataError, InterfaceError, OperationalError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.utils.translation import gettext_lazy

from cities import errors

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")
logger = logging.getLogger("maturasi.requests")

#: What a client is told when the database refuses a value (a NUL byte in a text, a number out
#: of range) that no validation caught: bad input, never a 500.
UNSTORABLE_INPUT = gettext_lazy(
    "Masukan berisi karakter atau nilai yang tidak dapat disimpan (mis. bita NUL)."
)
#: What a client is told while the database is away (a 503).
DATABASE_UNAVAILABLE = gettext_lazy("Basis data sedang tidak tersedia, coba lagi sebentar lagi.")


class RequestIdFilter(logging.Filter):
    """Adds ``request_id`` to every record: the request's id, or the running task's id."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "request_id", None):
            return True
        request_id = request_id_var.get()
        if request_id == "-":
            try:
                from celery import current_task

                if current_task and current_task.request and current_task.request.id:
                    request_id = f"task:{current_task.request.id}"
            except Exception:  # logging must never fail
                request_id = "-"
        record.request_id = request_id
        return True


class RequestLogMiddleware:
    """One line per request: method, path, status, duration, user id, request id."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if incoming.isalnum() and len(incoming) <= 64 else uuid.uuid4().hex
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id
            logger.info(
                "%s %s %s %.1fms user=%s",
                request.method,
                request.path,
                response.status_code,
                (time.perf_counter() - started) * 1000,
                _user_id(request),
                extra={"request_id": request_id},
            )
            return response
        finally:
            request_id_var.reset(token)


def _user_id(request: HttpRequest) -> object:
    """The signed-in user's id for the log line; "?" when the session cannot be read because the
    database is away (the response, a 503, must still go out)."""
    user = getattr(request, "user", None)
    try:
        return user.pk if user is not None and user.is_authenticated else "-"
    except DatabaseError:
        return "?"


class SecurityHeadersMiddleware:
    """Content-Security-Policy on every response (Django sets the other security headers)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path.startswith("/api/docs/"):
            # Swagger UI is served from the package's own static files but runs inline setup.
            response.setdefault(
                "Content-Security-Policy",
                settings.CONTENT_SECURITY_POLICY.replace(
                    "script-src 'self'", "script-src 'self' 'unsafe-inline'"
                ),
            )
        else:
            response.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        return response


class DomainErrorMiddleware:
    """A page whose service refuses with "not found" or "forbidden" (:mod:`cities.errors`)
    answers with the 404 or 403 page, as a scoped lookup or a refused role does; conflicts and
    invalid input are the views' to show beside the form (:mod:`cities.pages`)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, errors.NotFound):
            raise Http404(exception.message) from exception
        if isinstance(exception, errors.Forbidden):
            raise PermissionDenied(exception.message) from exception
        return None


class DatabaseUnavailableMiddleware:
    """A request that meets a lost database connection gets a 503, never a stack trace; a value
    the database refuses (a NUL byte in a query string) a 400."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, DataError):
            logger.warning("the database refused a value: %s", exception.__class__.__name__)
            return HttpResponseBadRequest(
                str(UNSTORABLE_INPUT), content_type="text/plain; charset=utf-8"
            )
        if isinstance(exception, (OperationalError, InterfaceError)) or (
            isinstance(exception, DatabaseError) and "connection" in str(exception).lower()
        ):
            logger.warning("database unavailable: %s", exception.__class__.__name__)
            return database_unavailable_response()
        return None


def database_unavailable_response() -> HttpResponse:
    response = JsonResponse({"detail": str(DATABASE_UNAVAILABLE)}, status=503)
    response["Retry-After"] = "5"
    return response
