"""Pages of a region's progress: the index by year over the level bands, the change and the
ranks, the roadmap to the next level as a checklist, and the improvement plan.

Scoped like the region's assessments (404 outside scope); the region's CSCO adopts and removes
planned steps. The region's home loads the summary part of this page.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cities import access, errors, pages
from cities.models import Region
from maturity import charts
from maturity.assessments.models import Assessment, AssessmentStatus
from maturity.cycles.models import AssessmentCycle
from maturity.progress import roadmap, selectors, services
from maturity.progress.forms import AdoptStepForm
from maturity.scores.models import ScoreTrack


def _region(request: HttpRequest, code: str) -> Region:
    region = Region.objects.filter(code=code).first()
    if region is None or not access.may_read_region(request.user, region):
        raise Http404
    return region


def _chart(entries: list[dict[str, Any]], level_names: list[str], bands: Any) -> str:
    return charts.progress_line(
        charts.year_points(entries),
        title=_("Indeks per tahun di atas pita tingkat kematangan"),
        bands=bands,
        level_names=level_names,
        self_name=_("Mandiri"),
        verified_name=_("Terverifikasi"),
    )


def _latest_roadmap(
    request: HttpRequest, region: Region, entries: list[dict[str, Any]]
) -> tuple[Assessment | None, dict[str, Any] | None]:
    if not entries:
        return None, None
    assessment = Assessment.objects.select_related("cycle__framework", "region").get(
        region=region, cycle_id=entries[0]["cycle"]
    )
    try:
        body = roadmap.assessment_roadmap(
            assessment,
            user=request.user,
            track=roadmap.default_track(assessment),
            language=pages.language(),
        )
    except errors.DomainError:
        return assessment, None
    return assessment, body


def _context(request: HttpRequest, region: Region) -> dict[str, Any]:
    entries = [
        {**entry, "status_label": AssessmentStatus(entry["status"]).label}
        for entry in selectors.region_progress(region)
    ]
    assessment, road = _latest_roadmap(request, region, entries)
    chart = ""
    if assessment is not None:
        framework = assessment.cycle.framework
        names = [framework.level_name(level, pages.language()) for level in range(1, 6)]
        chart = _chart(entries, names, framework.index_bands)
    planned = list(selectors.plan_of(region))
    latest_cycle = assessment.cycle_id if assessment is not None else None
    next_target = road["targets"][0] if road and road["targets"] else None
    return {
        "region": region,
        "entries": entries,
        "latest": entries[0] if entries else None,
        "chart": chart,
        "assessment": assessment,
        "roadmap": road,
        "next_target": next_target,
        "planned": planned,
        "planned_indicators": {s.indicator_code for s in planned if s.cycle_id == latest_cycle},
        "may_plan": access.can(request.user, access.REGION_SUBMIT, region),
        "verified_track": road is not None and road["track"] == ScoreTrack.VERIFIED,
    }


@login_required
def region_progress(request: HttpRequest, code: str) -> HttpResponse:
    region = _region(request, code)
    context = _context(request, region)
    if request.GET.get("part") == "summary":
        return render(request, "maturity/progress/_summary.html", context)
    return render(request, "maturity/progress/page.html", context)


@login_required
@require_POST
def adopt_step(request: HttpRequest, code: str) -> HttpResponse:
    region = _region(request, code)
    form = AdoptStepForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        cycle = get_object_or_404(AssessmentCycle, pk=data["cycle"])
        step = {
            "indicator": data["indicator"],
            "to_level": data["to_level"],
            "agency": data["agency"],
            "due_on": data["due_on"].isoformat(),
        }
        try:
            services.add_planned_steps(user=request.user, region=region, cycle=cycle, steps=[step])
        except errors.Invalid as refused:
            messages.error(request, pages.error_message(refused))
        else:
            messages.success(request, _("Langkah masuk ke rencana perbaikan."))
    else:
        problems = [m for field in form.errors.values() for m in field]
        messages.error(request, " ".join(str(p) for p in problems))
    return redirect("region-progress", code=region.code)


@login_required
@require_POST
def remove_step(request: HttpRequest, code: str, step_id: int) -> HttpResponse:
    region = _region(request, code)
    step = get_object_or_404(selectors.plan_of(region), pk=step_id)
    services.delete_planned_step(user=request.user, step=step)
    messages.success(request, _("Langkah dihapus dari rencana."))
    return redirect("region-progress", code=region.code)
