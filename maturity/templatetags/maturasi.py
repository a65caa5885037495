"""Template helpers for the pages: the navigation a person's roles give, and small formatters."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django import template
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cities import access
from cities.models import Role

register = template.Library()


@register.simple_tag
def navigation(request: HttpRequest) -> list[dict[str, Any]]:
    """The main menu for the signed-in person, by role; the current page is marked."""
    user = request.user
    if not user.is_authenticated:
        return []
    items: list[tuple[str, str]] = [("home", _("Beranda"))]
    items.append(("programmes", _("Daftar program")))  # the programmes registry: everyone
    if access.may_review_queue(user):
        items.append(("review-queue", _("Antrean tinjauan")))
    if access.can(user, access.READ_NATIONAL):
        items.append(("board", _("Papan nasional")))
    if user.is_staff:
        items.append(("admin:index", _("Admin")))
    path = request.path
    result = []
    for name, label in items:
        url = reverse(name)
        current = path == url if url == "/" else path.startswith(url)
        result.append({"url": url, "label": label, "current": current})
    return result


@register.simple_tag
def role_labels(user: Any) -> str:
    """The person's roles, for the header: "CSCO · Kota Makassar"."""
    labels = []
    for grant in access.grants(user):
        label = str(Role(grant.role).label)
        labels.append(label)
    if user.is_superuser and not labels:
        labels.append(str(Role.ADMIN.label))
    return " · ".join(dict.fromkeys(labels))


@register.filter
def percent(value: Any) -> str:
    """A percentage for a bar's width: clamped to 0–100, with a dot as decimal mark."""
    try:
        number = Decimal(str(value))
    except (InvalidOperation, TypeError, ValueError):
        return "0"
    number = max(Decimal(0), min(Decimal(100), number))
    return format(number.quantize(Decimal("0.1")), "f")


@register.filter
def days_left(deadline: date | None) -> int | None:
    """Days from today (in the site's time zone) to ``deadline``; negative once it passed."""
    if deadline is None:
        return None
    return (deadline - timezone.localdate()).days


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    """``mapping[key]`` in a template, or ``None``."""
    if mapping is None:
        return None
    try:
        return mapping.get(key)
    except AttributeError:
        return None


@register.filter
def absolute(value: int | None) -> int | None:
    """The absolute value of a number (days overdue)."""
    return None if value is None else abs(value)


@register.simple_tag
def answer_display(answer: Any, indicator: Any) -> str:
    """An answer's value as a person reads it: "42,5 %", "M3 · descriptor", "Ya"."""
    from django.utils.translation import get_language

    if answer is None:
        return _("Belum dijawab")
    if answer.status != "answered":
        return str(answer.get_status_display())
    english = (get_language() or "id").startswith("en")
    if answer.value_decimal is not None:
        text = format(answer.value_decimal.normalize(), "f")
        if not english:
            text = text.replace(".", ",")
        return f"{text} {indicator.unit}".strip()
    if answer.value_level is not None:
        descriptor = ((indicator.rubric or {}).get(str(answer.value_level)) or {}).get(
            "en" if english else "id", ""
        )
        return f"M{answer.value_level}" + (f" · {descriptor}" if descriptor else "")
    if answer.value_bool is not None:
        return _("Ya") if answer.value_bool else _("Tidak")
    return "—"


@register.filter
def dec(value: Any) -> str:
    """A decimal figure (a string from a score payload) with the reader's decimal mark."""
    from django.utils.translation import get_language

    if value is None or value == "":
        return "—"
    text = str(value)
    return text if (get_language() or "id").startswith("en") else text.replace(".", ",")
