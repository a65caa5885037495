"""Pages of the reports app: the score page of an assessment with its reports, the board of a
cycle with the national summary, and the public verification of an issued report."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from cities import access, errors, pages
from cities import selectors as cities_selectors
from maturity import charts
from maturity.assessments import selectors as assessments_selectors
from maturity.assessments.models import (
    Assessment,
    AssessmentStatus,
)
from maturity.cycles import selectors as cycles_selectors
from maturity.cycles.models import AssessmentCycle, CycleStatus
from maturity.scores import selectors as scores
from maturity.verification import activities_selectors
from reports import selectors
from reports import selectors as report_selectors
from reports import services as report_services
from reports.forms import BoardFilterForm
from reports.labels import date_text
from reports.models import ReportKind

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


def _score_charts(payload: dict[str, Any], language: str) -> dict[str, str]:

    self_track = payload.get("self")
    if not self_track:
        return {}
    verified = payload.get("verified") or {}
    verified_elements = {e["code"]: e["score"] for e in verified.get("elements", [])}
    series = [
        charts.Series(
            name=_("Penilaian mandiri"),
            values=[_decimal(e["score"]) for e in self_track["elements"]],
            colour=charts.SELF_COLOUR,
        )
    ]
    if verified:
        series.append(
            charts.Series(
                name=_("Terverifikasi"),
                values=[_decimal(verified_elements.get(e["code"])) for e in self_track["elements"]],
                colour=charts.VERIFIED_COLOUR,
            )
        )
    if len(self_track["elements"]) >= 3:
        radar = charts.radar(
            [e["code"] for e in self_track["elements"]], series, title=_("Skor per elemen")
        )
    else:  # a radar needs three axes; fewer elements read better as bars
        radar = charts.bars_with_medians(
            [
                charts.BarRow(label=e["title"] or e["code"], value=_decimal(e["score"]))
                for e in self_track["elements"]
            ],
            title=_("Skor per elemen"),
            value_label=_("Penilaian mandiri"),
            national_label="",
            province_label="",
            decimal_comma=language == "id",
            width=400,
        )
    bars = charts.bars_with_medians(
        [
            charts.BarRow(label=t["title"] or t["code"], value=_decimal(t["score"]))
            for t in self_track["themes"]
        ],
        title=_("Skor per tema"),
        value_label=_("Skor tema"),
        national_label="",
        province_label="",
        decimal_comma=language == "id",
        width=400,
    )
    return {"radar": radar, "themes": bars}


def _decimal(value: Any) -> Decimal | None:
    return None if value in (None, "") else Decimal(str(value))


@login_required
def score(request: HttpRequest, pk: int) -> HttpResponse:
    """The scores with the report's charts, and the report buttons."""
    assessment = get_object_or_404(assessments_selectors.assessments_for(request.user), pk=pk)
    language = pages.language()
    payload = scores.score_payload(assessment, language)
    lenses = (payload.get("self") or {}).get("lenses") or []
    chosen = next((lens for lens in lenses if lens["code"] == request.GET.get("lens")), None)
    return render(
        request,
        "reports/score.html",
        {
            "assessment": assessment,
            "score": payload,
            "charts": _score_charts(payload, language),
            "reports": _reports_of(request, assessment),
            "lenses": lenses,
            "lens": _lens_view(chosen, payload) if chosen else None,
        },
    )


def _lens_view(lens: dict[str, Any], payload: dict[str, Any]) -> dict[str, Any]:
    """One lens of the score page: its groups on both tracks and a chart of them."""
    verified = next(
        (
            other
            for other in (payload.get("verified") or {}).get("lenses", [])
            if other["code"] == lens["code"]
        ),
        None,
    )
    verified_scores = {g["code"]: g["score"] for g in (verified or {}).get("groups", [])}
    groups = [{**group, "verified": verified_scores.get(group["code"])} for group in lens["groups"]]
    series = [
        charts.Series(
            name=_("Penilaian mandiri"),
            values=[_decimal(g["score"]) for g in groups],
            colour=charts.SELF_COLOUR,
        )
    ]
    if verified is not None:
        series.append(
            charts.Series(
                name=_("Terverifikasi"),
                values=[_decimal(g["verified"]) for g in groups],
                colour=charts.VERIFIED_COLOUR,
            )
        )
    chart = (
        charts.radar([g["code"] for g in groups], series, title=lens["title"])
        if len(groups) >= 3
        else ""
    )
    return {
        "code": lens["code"],
        "title": lens["title"],
        "index": lens["index"],
        "verified_index": (verified or {}).get("index"),
        "groups": groups,
        "chart": chart,
    }


def _reports_of(request: HttpRequest, assessment: Assessment) -> list[Any]:

    return list(
        report_selectors.reports_visible_to(request.user)
        .filter(assessment=assessment, kind=ReportKind.REGION)
        .order_by("-created_at", "-id")[:4]
    )


@login_required
@require_POST
def request_report(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask workers for the region's PDF; the reply shows its live progress."""

    assessment = get_object_or_404(assessments_selectors.assessments_for(request.user), pk=pk)
    language = _report_language(request)
    report = report_services.request_region_report(
        user=request.user, assessment=assessment, language=language
    ).report
    return _report_reply(request, report, reverse("score", args=[assessment.pk]))


@login_required
@require_POST
def request_minutes(request: HttpRequest, pk: int, aid: int) -> HttpResponse:
    """Ask workers for a recorded activity's minutes (berita acara); the reply shows its
    progress on the activity's page."""
    assessment = get_object_or_404(assessments_selectors.assessments_for(request.user), pk=pk)
    activity = get_object_or_404(activities_selectors.activities_of(assessment), pk=aid)
    back = reverse("activity-detail", args=[assessment.pk, activity.pk])
    try:
        report = report_services.request_minutes(
            user=request.user, activity=activity, language=_report_language(request)
        ).report
    except errors.Conflict as error:
        messages.error(request, pages.error_message(error))
        return redirect(back)
    return _report_reply(request, report, back)


def _report_language(request: HttpRequest) -> str:
    """The report language the button asked for; anything else means the page's language."""
    asked = request.POST.get("language")
    return asked if asked in ("id", "en") else pages.language()


def _report_reply(request: HttpRequest, report: Any, back: str) -> HttpResponse:
    if not pages.is_htmx(request):
        messages.info(request, _("Laporan sedang dibuat."))
        return redirect(back)
    return render(request, "maturity/partials/report_job.html", {"report": report})


STATUS_ORDER = ["not_started", *AssessmentStatus.values]


@login_required
def board(request: HttpRequest) -> HttpResponse:
    """Per province and region: the cycle's status and scores, with charts and exports."""
    if not access.may_read_national(request.user):
        raise PermissionDenied
    cycles = list(cycles_selectors.cycles())
    if not cycles:
        return render(request, "reports/board.html", {"cycle": None})
    form = BoardFilterForm(
        request.GET or None,
        cycles=cycles,
        provinces=cities_selectors.readable_provinces(request.user),
    )
    filters = form.cleaned_data if form.is_valid() else {}
    cycle = next((c for c in cycles if str(c.pk) == filters.get("cycle")), None) or next(
        (c for c in cycles if c.status == CycleStatus.OPEN), cycles[0]
    )
    language = pages.language()
    province, kind, status = filters.get("province"), filters.get("kind"), filters.get("status")

    # Every region in scope (provinces too: DKI Jakarta is assessed as one), with the cycle's
    # assessment where there is one.
    regions = access.readable_regions(request.user)
    if province:
        regions = regions.filter(province_code=province)
    if kind:
        regions = regions.filter(kind=kind)
    in_cycle = assessments_selectors.assessments_for(request.user).filter(cycle=cycle)
    assessments = list(
        scores.filter_cycle_assessments(in_cycle, province=province or None, kind=kind or None)
    )
    rows_by_region = {
        row["region"]: row
        for row in scores.cycle_score_rows(
            assessments, framework=cycle.framework, language=language
        )
    }
    region_list = list(
        regions.order_by("province_code", "code").values(
            "code", "name", "kind", "province_code", "province_name"
        )
    )
    lines: list[dict[str, Any]] = []
    for region in region_list:
        row = rows_by_region.get(region["code"])
        line_status = row["status"] if row else "not_started"
        lines.append(
            {
                "region": region,
                "row": row,
                "status": line_status,
                "status_label": _status_label(line_status),
            }
        )
    counts = dict.fromkeys(STATUS_ORDER, 0)
    for line in lines:
        counts[line["status"]] += 1
    provinces = _province_summary(lines)
    if status:
        lines = [line for line in lines if line["status"] == status]
    page = Paginator(lines, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "reports/board.html",
        {
            "cycle": cycle,
            "form": form,
            "counts": [(key, _status_label(key), counts[key]) for key in STATUS_ORDER],
            "total": sum(counts.values()),
            "provinces": provinces,
            "page": page,
            "query": query.urlencode(),
            "charts": _board_charts(rows_by_region.values(), cycle, language),
            "export_query": f"?cycle={cycle.pk}",
        },
    )


def _status_label(key: str) -> str:
    if key == "not_started":
        return _("Belum mulai")
    return str(AssessmentStatus(key).label)


def _province_summary(lines: list[dict[str, Any]]) -> list[dict[str, Any]]:
    summary: dict[str, dict[str, Any]] = {}
    for line in lines:
        region = line["region"]
        item = summary.setdefault(
            region["province_code"],
            {
                "code": region["province_code"],
                "name": region["province_name"],
                "counts": dict.fromkeys(STATUS_ORDER, 0),
                "indexes": [],
            },
        )
        item["counts"][line["status"]] += 1
        row = line["row"]
        index = (row or {}).get("verified_index") or (row or {}).get("self_index")
        if index is not None:
            item["indexes"].append(Decimal(str(index)))
    result = []
    for item in summary.values():
        indexes = item.pop("indexes")
        average = sum(indexes) / len(indexes) if indexes else None
        item["average"] = average.quantize(Decimal("0.01")) if average is not None else None
        item["total"] = sum(item["counts"].values())
        item["cells"] = [item["counts"][key] for key in STATUS_ORDER]
        result.append(item)
    return result


def _board_charts(rows: Any, cycle: AssessmentCycle, language: str) -> dict[str, str]:

    rows = list(rows)
    scored = [r for r in rows if r.get("self_level") is not None]
    if not scored:
        return {}
    framework = cycle.framework
    self_counts = [0] * 6
    verified_counts = [0] * 6
    for row in scored:
        self_counts[row["self_level"] or 0] += 1
        if row.get("verified_level") is not None:
            verified_counts[row["verified_level"]] += 1
    level_names = [_("Belum ada skor")] + [framework.level_name(n, language) for n in range(1, 6)]
    stack_rows = [charts.StackRow(label=_("Penilaian mandiri"), counts=self_counts)]
    if any(verified_counts):
        stack_rows.append(charts.StackRow(label=_("Terverifikasi"), counts=verified_counts))
    distribution = charts.level_stacks(
        stack_rows,
        title=_("Sebaran tingkat kematangan"),
        level_names=level_names,
        width=480,
        row_height=24,
    )
    element_totals: dict[str, list[Decimal]] = {}
    titles: dict[str, str] = {}
    for row in scored:
        for element in row["elements"]:
            titles[element["code"]] = element["title"] or element["code"]
            value = element.get("verified") or element.get("self")
            if value is not None:
                element_totals.setdefault(element["code"], []).append(Decimal(str(value)))
    averages = charts.bars_with_medians(
        [
            charts.BarRow(label=titles[code], value=sum(values) / len(values))
            for code, values in element_totals.items()
        ],
        title=_("Rata-rata skor per elemen"),
        value_label=_("Rata-rata"),
        national_label="",
        province_label="",
        decimal_comma=language == "id",
        width=400,
    )
    return {"distribution": distribution, "elements": averages}


@login_required
@require_POST
def request_national_report(request: HttpRequest, cycle_id: int) -> HttpResponse:

    if not access.may_read_national(request.user):
        raise PermissionDenied
    cycle = get_object_or_404(cycles_selectors.cycles(), pk=cycle_id)
    language = _report_language(request)
    report = report_services.request_national_report(
        user=request.user, cycle=cycle, language=language
    ).report
    return _report_reply(request, report, f"{reverse('board')}?cycle={cycle.pk}")
