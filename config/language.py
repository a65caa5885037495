"""Bahasa Indonesia by default: English only when the person chose it with the language switch.

Django's LocaleMiddleware would follow the browser's Accept-Language, and many officials'
browsers are set to English; the product speaks Indonesian unless asked otherwise (DOMAIN.md,
"Language"). The switch (``/i18n/setlang/``) stores the choice in the language cookie.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class IndonesianFirstLocaleMiddleware(LocaleMiddleware):
    def process_request(self, request: HttpRequest) -> None:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
