"""Pages of the reports app."""

from __future__ import annotations

import re

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from reports import selectors
from reports.labels import date_text

REPORT_ID = re.compile(r"[0-9a-f]{16}")


@require_GET
def verify(request: HttpRequest, report_id: str) -> HttpResponse:
    """`/verify/<id>`: public, no sign-in. Says whether a report with this id was issued, for
    which region and cycle, and when — nothing more. Unknown ids get a plain "not found"."""
    report = selectors.issued_report(report_id) if REPORT_ID.fullmatch(report_id) else None
    if report is None:
        return render(
            request,
            "reports/verify.html",
            {"found": False, "report_id": report_id[:32]},
            status=404,
        )
    region = report.assessment.region.name if report.assessment else None
    context = {
        "found": True,
        "report_id": report.report_id,
        "region": region,
        "cycle": report.cycle.name,
        "issued_id": date_text(report.created_at, "id", with_time=True),
        "issued_en": date_text(report.created_at, "en", with_time=True),
    }
    return render(request, "reports/verify.html", context)
