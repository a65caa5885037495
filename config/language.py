"""The language of a request: Bahasa Indonesia unless the person asked for English.

English is asked for, in this order, by ``?lang=en`` on the request (the API and links that
must name their language), by the language switch (``/i18n/setlang/`` stores the choice in the
language cookie), or by the browser's ``Accept-Language``. Anything else, an unknown language
included, is Indonesian (DOMAIN.md, "Language"). Every message then comes from the one gettext
catalogue (``locale/``).
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.translation import trans_real

#: The query parameter that names the language of one request.
QUERY_PARAMETER = "lang"


def requested_language(request: HttpRequest) -> str:
    """The supported language the request asks for, or the default (Indonesian)."""
    supported = dict(settings.LANGUAGES)
    asked = request.GET.get(QUERY_PARAMETER, "")
    if asked in supported:
        return asked
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    if chosen in supported:
        return chosen
    for accepted, _quality in trans_real.parse_accept_lang_header(
        request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    ):
        if accepted == "*":
            break
        base = accepted.split("-")[0].lower()
        if base in supported:
            return base
    return settings.LANGUAGE_CODE


class IndonesianFirstLocaleMiddleware(LocaleMiddleware):
    def process_request(self, request: HttpRequest) -> None:
        translation.activate(requested_language(request))
        request.LANGUAGE_CODE = translation.get_language()
