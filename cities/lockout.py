"""Sign-in throttling seen from the web: the client's address behind trusted proxies, and the
answer a locked-out sign-in gets (django-axes' callables, set in the settings)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy


def client_ip(request: HttpRequest) -> str | None:
    """The client's address for sign-in throttling (AXES_CLIENT_IP_CALLABLE).

    With ``TRUSTED_PROXY_COUNT = N`` the app sits behind N proxies that each append to
    X-Forwarded-For, so the client is the Nth entry from the right; entries further left were
    written by the client and could be forged. With 0 it is REMOTE_ADDR.
    """
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-min(proxies, len(hops))]
    return request.META.get("REMOTE_ADDR")


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    """What a locked-out sign-in gets (axes' AXES_LOCKOUT_CALLABLE): 429 and a clear message in
    the request's language; JSON for the API, a small page for the browser sign-in forms."""
    message = str(LOCKOUT_MESSAGE)
    if request.path.startswith("/api/") or "application/json" in request.headers.get("Accept", ""):
        return JsonResponse({"detail": message, "code": "locked_out"}, status=429)
    return render(request, "cities/lockout.html", {"message": message}, status=429)


LOCKOUT_MESSAGE = gettext_lazy(
    "Terlalu banyak percobaan masuk yang gagal; akun dikunci sementara. Coba lagi nanti."
)
