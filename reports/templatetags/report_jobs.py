"""Report jobs shown on pages of the maturity app, which cannot import reports (reports stand on
maturity): ``{% minutes_jobs activity as jobs %}`` on a verification activity's page."""

from __future__ import annotations

from typing import Any

from django import template

from reports import selectors
from reports.models import Report, ReportKind

register = template.Library()


@register.simple_tag(takes_context=True)
def minutes_jobs(context: dict[str, Any], activity: Any) -> list[Report]:
    """The latest minutes jobs of ``activity`` that the page's reader may see."""
    request = context["request"]
    return list(
        selectors.reports_visible_to(request.user)
        .filter(kind=ReportKind.MINUTES, activity=activity)
        .order_by("-created_at", "-id")[:4]
    )
