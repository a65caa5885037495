"""Pages of where to look first and of how alike reviewers verify, for a cycle.

``cycles/<id>/priorities/`` — the assessments waiting for verification by risk, each with its
reasons and a link to plan an interview or a visit (ministry roles, province reviewers: their
province's kabupaten and kota). ``cycles/<id>/calibration/`` — per reviewer and per province
(ministry roles). Refusals come from the selectors (403 for a role, 404 for an unknown cycle).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from cities.models import RegionKind
from maturity.assessments.models import AssessmentStatus
from maturity.verification import calibration as calibration_selectors
from maturity.verification import priorities as priority_selectors
from maturity.verification.links import plan_url


@require_GET
@login_required
def priorities(request: HttpRequest, cycle_id: int) -> HttpResponse:
    """The priorities list of a cycle, 50 rows a page."""
    cycle = priority_selectors.cycle_for_priorities(user=request.user, cycle_id=cycle_id)
    found = priority_selectors.verification_priorities(user=request.user, cycle=cycle)
    page = Paginator(found.rows, 50).get_page(request.GET.get("page"))
    rows = [
        {
            "row": row,
            "kind_label": RegionKind(row.kind).label,
            "status_label": AssessmentStatus(row.status).label,
            "plan_url": plan_url(row.assessment_id, row.indicators),
        }
        for row in page
    ]
    return render(
        request,
        "maturity/verification/priorities.html",
        {
            "cycle": cycle,
            "rows": rows,
            "page": page,
            "query": "",
            "factors": [
                (priority_selectors.FACTOR_LABELS[code], factor)
                for code, factor in found.factors.items()
            ],
        },
    )


@require_GET
@login_required
def calibration(request: HttpRequest, cycle_id: int) -> HttpResponse:
    """The calibration tables of a cycle."""
    cycle = calibration_selectors.cycle_for_calibration(user=request.user, cycle_id=cycle_id)
    found = calibration_selectors.calibration(cycle=cycle, user=request.user)
    return render(
        request,
        "maturity/verification/calibration.html",
        {"cycle": cycle, "reviewers": found.reviewers, "provinces": found.provinces},
    )
