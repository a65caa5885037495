"""Pages for CSCOs, contributors, reviewers and observers.

Views are ways in: they find objects through :mod:`cities.access` (scope first, so an object
outside scope is a 404; ``can()`` for actions, so a refused action is a 403), call one service or
selector, and render a template. No rule is decided here that the API decides elsewhere: the
answer, evidence, submission and review rules all live in :mod:`maturity.services`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from rest_framework.exceptions import ValidationError as ApiValidationError

from cities import access
from cities.models import REGION_ROLES, Region, Role
from config.api import Conflict
from maturity import carryover, scores, selectors, services, uploads
from maturity.forms import (
    AnswerForm,
    BoardFilterForm,
    EvidenceForm,
    QueueFilterForm,
    ReturnForm,
    ReviewForm,
    StartForm,
    in_language,
    service_errors,
)
from maturity.models import (
    Assessment,
    AssessmentCycle,
    AssessmentStatus,
    CycleStatus,
    Element,
    Evidence,
    Indicator,
)


def _language() -> str:
    return "en" if (get_language() or "id").startswith("en") else "id"


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _scoped_assessment(request: HttpRequest, pk: int) -> Assessment:
    """The assessment, looked up only among those the person may read (else 404)."""
    return get_object_or_404(selectors.assessments_for(request.user), pk=pk)


def _indicator(assessment: Assessment, code: str) -> Indicator:
    indicator = selectors.indicator_of(assessment, code)
    if indicator is None:
        raise Http404
    return indicator


def _conflict_text(conflict: Conflict) -> str:
    detail = conflict.detail
    if isinstance(detail, dict):
        detail = detail.get("detail", "")
    return in_language(str(detail))


# --- Home ---------------------------------------------------------------------------------------


@dataclass
class RegionHome:
    region: Region
    current: list[dict[str, Any]] = field(default_factory=list)
    startable: list[AssessmentCycle] = field(default_factory=list)
    past: list[Assessment] = field(default_factory=list)
    may_start: bool = False


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """The region's assessments for CSCOs and contributors; ministry staff go to their work."""
    user = request.user
    region_ids = [
        g.region_id
        for g in access.grants(user)
        if g.role in REGION_ROLES and g.region_id is not None
    ]
    if not region_ids:
        if access.has_role(user, Role.REVIEWER):
            return redirect("review-queue")
        if access.can(user, access.READ_NATIONAL):
            return redirect("board")
        return render(request, "maturity/home_empty.html")
    regions = list(access.readable_regions(user).filter(pk__in=region_ids).order_by("code"))
    open_cycles = list(selectors.cycles().filter(status=CycleStatus.OPEN))
    assessments = list(
        selectors.assessments_for(user)
        .filter(region_id__in=region_ids)
        .order_by("-cycle__year", "-cycle__opens_on", "region__code")
    )
    homes = []
    for region in regions:
        block = RegionHome(
            region=region, may_start=access.can(user, access.REGION_CREATE_ASSESSMENT, region)
        )
        mine = [a for a in assessments if a.region_id == region.pk]
        for assessment in mine:
            if assessment.cycle.status == CycleStatus.OPEN:
                block.current.append(
                    {
                        "assessment": assessment,
                        "completeness": selectors.completeness_for(assessment),
                        "editable": services.is_open_for_editing(assessment),
                    }
                )
            else:
                block.past.append(assessment)
        started = {a.cycle_id for a in mine}
        block.startable = [c for c in open_cycles if c.pk not in started]
        homes.append(block)
    return render(request, "maturity/home.html", {"homes": homes})


# --- Starting an assessment (optionally from last cycle's answers) ------------------------------


@login_required
def start_assessment(request: HttpRequest, cycle_id: int, region_code: str) -> HttpResponse:
    """Start the region's assessment in an open cycle; the CSCO may carry last cycle over."""
    region = get_object_or_404(access.readable_regions(request.user), code=region_code)
    cycle = get_object_or_404(selectors.cycles(), pk=cycle_id)
    if not access.can(request.user, access.REGION_CREATE_ASSESSMENT, region):
        raise PermissionDenied
    existing = selectors.assessments_for(request.user).filter(cycle=cycle, region=region).first()
    if existing is not None:
        return redirect("questionnaire", existing.pk)
    plan = carryover.plan(cycle=cycle, region=region)
    form = StartForm(request.POST or None, initial={"carry_over": plan.previous is not None})
    if request.method == "POST" and form.is_valid():
        try:
            result = carryover.start_assessment(
                user=request.user,
                cycle=cycle,
                region=region,
                carry_over=bool(form.cleaned_data["carry_over"]),
            )
        except Conflict as conflict:
            messages.error(request, _conflict_text(conflict))
            return redirect("home")
        if result.answers or result.evidence:
            messages.success(
                request,
                _(
                    "Penilaian dimulai. %(answers)d jawaban dan %(evidence)d data dukung "
                    "disalin dari siklus %(cycle)s sebagai draf: periksa dan perbarui."
                )
                % {
                    "answers": result.answers,
                    "evidence": result.evidence,
                    "cycle": plan.previous.cycle.name if plan.previous else "",
                },
            )
        else:
            messages.success(request, _("Penilaian dimulai."))
        return redirect("questionnaire", result.assessment.pk)
    return render(
        request,
        "maturity/start.html",
        {"cycle": cycle, "region": region, "plan": plan, "form": form},
    )


# --- Questionnaire ----------------------------------------------------------------------------


@dataclass
class IndicatorCard:
    row: selectors.AnswerRow
    form: AnswerForm
    evidence: list[Evidence]
    evidence_form: EvidenceForm
    conflict: dict[str, Any] | None = None

    @property
    def indicator(self) -> Indicator:
        return self.row.indicator


def _element_of(layout: selectors.FrameworkLayout, code: str | None) -> Element:
    if code is None:
        if not layout.elements:
            raise Http404
        return layout.elements[0]
    for element in layout.elements:
        if element.code == code:
            return element
    raise Http404


def _may_edit(request: HttpRequest, assessment: Assessment) -> bool:
    return access.can(
        request.user, access.REGION_EDIT, assessment.region
    ) and services.is_open_for_editing(assessment)


def _questionnaire_context(
    request: HttpRequest,
    assessment: Assessment,
    element_code: str | None,
    *,
    bound: dict[int, AnswerForm] | None = None,
    conflicts: dict[int, dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """Everything the questionnaire page shows for one element, in a constant number of queries."""
    layout = selectors.framework_layout(assessment.cycle.framework_id)
    element = _element_of(layout, element_code)
    themes = [t for t in layout.themes if t.element_id == element.pk]
    theme_ids = {t.pk for t in themes}
    indicator_ids = [i.pk for i in layout.indicators if i.theme_id in theme_ids]
    rows = selectors.answer_rows(assessment, user=request.user, indicator_ids=indicator_ids)
    evidence_by_indicator: dict[int, list[Evidence]] = {}
    for item in selectors.evidence_of(assessment).filter(indicator_id__in=indicator_ids):
        evidence_by_indicator.setdefault(item.indicator_id, []).append(item)
    bound = bound or {}
    conflicts = conflicts or {}
    cards_by_theme: dict[int, list[IndicatorCard]] = {t.pk: [] for t in themes}
    for row in rows:
        indicator = row.indicator
        form = bound.get(indicator.pk) or AnswerForm(indicator=indicator, answer=row.answer)
        cards_by_theme[indicator.theme_id].append(
            IndicatorCard(
                row=row,
                form=form,
                evidence=evidence_by_indicator.get(indicator.pk, []),
                evidence_form=EvidenceForm(indicator=indicator),
                conflict=conflicts.get(indicator.pk),
            )
        )
    completeness = selectors.completeness_for(assessment)
    return {
        "assessment": assessment,
        "element": element,
        "elements": layout.elements,
        "themes": [{"theme": t, "cards": cards_by_theme[t.pk]} for t in themes],
        "completeness": completeness,
        "editable": _may_edit(request, assessment),
        "may_submit": access.can(request.user, access.REGION_SUBMIT, assessment.region),
        "may_review": access.can(request.user, access.REVIEW, assessment.region),
    }


@login_required
def questionnaire(request: HttpRequest, pk: int, element: str | None = None) -> HttpResponse:
    """The questionnaire of one element: themes → indicators, each with its self-saving form."""
    assessment = _scoped_assessment(request, pk)
    context = _questionnaire_context(request, assessment, element)
    return render(request, "maturity/questionnaire.html", context)


def _element_url(assessment: Assessment, indicator: Indicator) -> str:
    element_code = indicator.theme.element.code
    url = reverse("questionnaire-element", args=[assessment.pk, element_code])
    return f"{url}#ind-{indicator.code}"


@login_required
def answer(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    """GET: one indicator's card (to reload it). POST: save the answer through the service.

    With htmx the reply updates the card in place (saved state, errors beside fields, the other
    value on a 409) and never replaces what is being typed; without JavaScript it redirects back
    on success and re-renders the page with the typed values and the errors otherwise.
    """
    assessment = _scoped_assessment(request, pk)
    indicator = _indicator(assessment, code)
    if request.method == "GET":
        context = _questionnaire_context(request, assessment, indicator.theme.element.code)
        card = next(
            c for t in context["themes"] for c in t["cards"] if c.indicator.pk == indicator.pk
        )
        return render(request, "maturity/partials/indicator.html", {**context, "card": card})
    if request.method != "POST":
        return HttpResponse(status=405, headers={"Allow": "GET, POST"})
    form = AnswerForm(request.POST, indicator=indicator)
    overwrite = request.POST.get("overwrite", "")
    status = 200
    conflict: dict[str, Any] | None = None
    message = ""
    saved = None
    if not form.is_valid():
        status = 400
    else:
        try:
            saved = services.save_answer(
                user=request.user,
                assessment=assessment,
                indicator=indicator,
                data=form.service_data(
                    overwrite_version=int(overwrite) if overwrite.isdigit() else None
                ),
            )
        except ValidationError as error:
            form.add_service_errors(error)
            status = 400
        except Conflict as error:
            status = 409
            detail = error.detail if isinstance(error.detail, dict) else {}
            if detail.get("current") is not None:
                conflict = _conflict_view(indicator, detail["current"])
            message = _conflict_text(error)
    if not _is_htmx(request):
        if status == 200:
            return redirect(_element_url(assessment, indicator))
        context = _questionnaire_context(
            request,
            assessment,
            indicator.theme.element.code,
            bound={indicator.pk: form},
            conflicts={indicator.pk: conflict} if conflict else None,
        )
        if message and not conflict:
            messages.error(request, message)
        return render(request, "maturity/questionnaire.html", context, status=status)
    completeness = selectors.completeness_for(assessment)
    layout_elements = selectors.framework_layout(assessment.cycle.framework_id).elements
    return render(
        request,
        "maturity/partials/answer_result.html",
        {
            "assessment": assessment,
            "indicator": indicator,
            "form": form,
            "saved": saved,
            "conflict": conflict,
            "message": message,
            "completeness": completeness,
            "elements": layout_elements,
            "element": indicator.theme.element,
            "error_fields": [
                "status",
                "value",
                "justification",
                "source",
                "year",
                "quality",
                "comment",
            ],
        },
        status=status,
    )


def _conflict_view(indicator: Indicator, current: dict[str, Any]) -> dict[str, Any]:
    """The answer someone else saved, as the conflict box shows it."""
    from maturity.models import AnswerStatus

    value = current.get("value")
    if value is None:
        shown = ""
    elif indicator.kind == "binary":
        shown = _("Ya") if value else _("Tidak")
    elif indicator.kind == "quantitative":
        shown = f"{value} {indicator.unit}".strip()
        if _language() == "id":
            shown = shown.replace(".", ",")
    else:
        shown = str(value)
    return {
        "status": str(AnswerStatus(current["status"]).label) if current.get("status") else "",
        "value": shown,
        "source": current.get("source") or "",
        "year": current.get("year") or "",
        "comment": current.get("comment") or "",
        "justification": current.get("justification") or "",
        "version": current.get("version"),
    }


# --- Evidence ---------------------------------------------------------------------------------


def _evidence_section(
    request: HttpRequest,
    assessment: Assessment,
    indicator: Indicator,
    form: EvidenceForm | None = None,
    status: int = 200,
    message: str = "",
) -> HttpResponse:
    items = list(selectors.evidence_of(assessment).filter(indicator=indicator))
    return render(
        request,
        "maturity/partials/evidence.html",
        {
            "assessment": assessment,
            "indicator": indicator,
            "evidence": items,
            "evidence_form": form or EvidenceForm(indicator=indicator),
            "editable": _may_edit(request, assessment),
            "message": message,
        },
        status=status,
    )


@login_required
@require_POST
def upload_evidence(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    """Attach a file to one indicator (the service checks the content, size and state)."""
    assessment = _scoped_assessment(request, pk)
    indicator = _indicator(assessment, code)
    form = EvidenceForm(request.POST, request.FILES, indicator=indicator)
    form.is_valid()
    status, message = 201, ""
    try:
        services.add_evidence(
            user=request.user,
            assessment=assessment,
            indicator_code=indicator.code,
            upload=request.FILES.get("file"),
        )
    except ValidationError as error:
        form.add_service_errors(error)
        status = 400
    except Conflict as error:
        status, message = 409, _conflict_text(error)
    if not _is_htmx(request):
        if status == 201:
            messages.success(request, _("Data dukung diunggah."))
        else:
            for field_errors in form.errors.values():
                for text in field_errors:
                    messages.error(request, str(text))
            if message:
                messages.error(request, message)
        return redirect(_element_url(assessment, indicator))
    if status == 201:
        form = EvidenceForm(indicator=indicator)
        status = 200
    return _evidence_section(request, assessment, indicator, form, status, message)


def _scoped_evidence(request: HttpRequest, pk: int, evidence_id: int) -> Evidence:
    queryset = selectors.evidence_for(request.user).select_related(
        "assessment",
        "assessment__region",
        "assessment__cycle",
        "indicator",
        "indicator__theme__element",
    )
    return get_object_or_404(queryset, pk=evidence_id, assessment_id=pk)


@login_required
def download_evidence(request: HttpRequest, pk: int, evidence_id: int) -> FileResponse:
    """The evidence file, for anyone who may read its assessment."""
    evidence = _scoped_evidence(request, pk, evidence_id)
    return uploads.private_download(
        evidence.file, name=evidence.name, content_type=evidence.content_type
    )


@login_required
@require_POST
def delete_evidence(request: HttpRequest, pk: int, evidence_id: int) -> HttpResponse:
    evidence = _scoped_evidence(request, pk, evidence_id)
    assessment, indicator = evidence.assessment, evidence.indicator
    message, status = "", 200
    try:
        services.delete_evidence(user=request.user, evidence=evidence)
    except Conflict as error:
        status, message = 409, _conflict_text(error)
    if not _is_htmx(request):
        if message:
            messages.error(request, message)
        else:
            messages.success(request, _("Data dukung dihapus."))
        return redirect(_element_url(assessment, indicator))
    return _evidence_section(request, assessment, indicator, status=status, message=message)


# --- Submitting ---------------------------------------------------------------------------------


def _missing_links(assessment: Assessment, codes: list[str]) -> list[dict[str, Any]]:
    if not codes:
        return []
    indicators = (
        Indicator.objects.filter(framework_id=assessment.cycle.framework_id, code__in=codes)
        .select_related("theme__element")
        .order_by("position")
    )
    return [
        {
            "code": i.code,
            "title": i.title,
            "element": i.theme.element.title,
            "url": _element_url(assessment, i),
        }
        for i in indicators
    ]


@login_required
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    """What is still missing, each a link; the CSCO submits when nothing is."""
    assessment = _scoped_assessment(request, pk)
    status = 200
    error_text = ""
    if request.method == "POST":
        try:
            services.submit(user=request.user, assessment=assessment)
        except ApiValidationError as error:
            status = 400
            error_text = " ".join(service_errors(error).get("detail", []))
        except Conflict as error:
            status = 409
            error_text = _conflict_text(error)
        else:
            messages.success(
                request,
                _("Penilaian diajukan. Peninjau kementerian akan memeriksanya."),
            )
            return redirect("home")
    completeness = selectors.completeness_for(assessment)
    return render(
        request,
        "maturity/submit.html",
        {
            "assessment": assessment,
            "completeness": completeness,
            "missing": _missing_links(assessment, completeness.missing),
            "evidence_missing": _missing_links(assessment, completeness.evidence_missing),
            "may_submit": access.can(request.user, access.REGION_SUBMIT, assessment.region),
            "editable": services.is_open_for_editing(assessment),
            "error_text": error_text,
        },
        status=status,
    )


# --- Scores and reports -------------------------------------------------------------------------


def _score_charts(payload: dict[str, Any], language: str) -> dict[str, str]:
    from reports import charts

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
    assessment = _scoped_assessment(request, pk)
    language = _language()
    payload = scores.score_payload(assessment, language)
    return render(
        request,
        "maturity/score.html",
        {
            "assessment": assessment,
            "score": payload,
            "charts": _score_charts(payload, language),
            "reports": _reports_of(request, assessment),
        },
    )


def _reports_of(request: HttpRequest, assessment: Assessment) -> list[Any]:
    from reports import selectors as report_selectors

    return list(
        report_selectors.reports_visible_to(request.user)
        .filter(assessment=assessment)
        .order_by("-created_at", "-id")[:4]
    )


@login_required
@require_POST
def request_report(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask workers for the region's PDF; the reply shows its live progress."""
    from reports import services as report_services

    assessment = _scoped_assessment(request, pk)
    language = _report_language(request)
    report = report_services.request_region_report(
        user=request.user, assessment=assessment, language=language
    ).report
    return _report_reply(request, report, reverse("score", args=[assessment.pk]))


def _report_language(request: HttpRequest) -> str:
    """The report language the button asked for; anything else means the page's language."""
    asked = request.POST.get("language")
    return asked if asked in ("id", "en") else _language()


def _report_reply(request: HttpRequest, report: Any, back: str) -> HttpResponse:
    if not _is_htmx(request):
        messages.info(request, _("Laporan sedang dibuat."))
        return redirect(back)
    return render(request, "maturity/partials/report_job.html", {"report": report})


# --- Review -------------------------------------------------------------------------------------


def _provinces(user: Any) -> list[tuple[str, str]]:
    rows = (
        access.readable_regions(user)
        .filter(kind="province")
        .order_by("code")
        .values_list("province_code", "name")
    )
    return list(rows)


@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    """Submitted assessments in the reviewer's scope, oldest first, with filters."""
    if not (access.has_role(request.user, Role.REVIEWER) or request.user.is_superuser):
        raise PermissionDenied
    cycles = list(selectors.cycles())
    form = QueueFilterForm(
        request.GET or None,
        cycles=cycles,
        provinces=_provinces(request.user),
        initial={"status": AssessmentStatus.SUBMITTED},
    )
    filters = form.cleaned_data if form.is_valid() else {}
    queryset = selectors.filter_assessments(
        selectors.assessments_for(request.user),
        cycle=filters.get("cycle") or None,
        province=filters.get("province") or None,
        status=filters.get("status") or (None if request.GET else AssessmentStatus.SUBMITTED),
    )
    if filters.get("kind"):
        queryset = queryset.filter(region__kind=filters["kind"])
    if filters.get("waiting") is not None:
        cutoff = timezone.now() - timedelta(days=filters["waiting"])
        queryset = queryset.filter(submitted_at__lte=cutoff)
    queryset = queryset.order_by("submitted_at", "region__code")
    page = Paginator(queryset, 50).get_page(request.GET.get("page"))
    now = timezone.now()
    rows = [
        {
            "assessment": a,
            "waiting": (now - a.submitted_at).days if a.submitted_at else None,
        }
        for a in page
    ]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "maturity/review_queue.html",
        {"form": form, "rows": rows, "page": page, "query": query.urlencode()},
    )


@dataclass
class ReviewCard:
    row: selectors.AnswerRow
    form: ReviewForm
    evidence: list[Evidence]

    @property
    def indicator(self) -> Indicator:
        return self.row.indicator


def _level_names(assessment: Assessment) -> dict[str, str]:
    language = _language()
    levels = assessment.cycle.framework.levels or {}
    return {key: names.get(language, "") for key, names in levels.items()}


def _review_context(
    request: HttpRequest,
    assessment: Assessment,
    element_code: str | None,
    *,
    return_form: ReturnForm | None = None,
) -> dict[str, Any]:
    layout = selectors.framework_layout(assessment.cycle.framework_id)
    element = _element_of(layout, element_code)
    themes = [t for t in layout.themes if t.element_id == element.pk]
    theme_ids = {t.pk for t in themes}
    indicator_ids = [i.pk for i in layout.indicators if i.theme_id in theme_ids]
    rows = selectors.answer_rows(assessment, user=request.user, indicator_ids=indicator_ids)
    evidence_by_indicator: dict[int, list[Evidence]] = {}
    for item in selectors.evidence_of(assessment).filter(indicator_id__in=indicator_ids):
        evidence_by_indicator.setdefault(item.indicator_id, []).append(item)
    names = _level_names(assessment)
    cards_by_theme: dict[int, list[ReviewCard]] = {t.pk: [] for t in themes}
    for row in rows:
        cards_by_theme[row.indicator.theme_id].append(
            ReviewCard(
                row=row,
                form=ReviewForm(indicator=row.indicator, review=row.review, level_names=names),
                evidence=evidence_by_indicator.get(row.indicator.pk, []),
            )
        )
    return {
        "assessment": assessment,
        "element": element,
        "elements": layout.elements,
        "themes": [{"theme": t, "cards": cards_by_theme[t.pk]} for t in themes],
        "may_review": access.can(request.user, access.REVIEW, assessment.region)
        and assessment.status == AssessmentStatus.SUBMITTED,
        "return_form": return_form or ReturnForm(),
        "level_names": names,
    }


@login_required
def review(request: HttpRequest, pk: int, element: str | None = None) -> HttpResponse:
    """Each indicator's answer and evidence beside the verified level and comment fields."""
    assessment = _scoped_assessment(request, pk)
    if not access.can(request.user, access.REVIEW, assessment.region):
        raise PermissionDenied
    return render(request, "maturity/review.html", _review_context(request, assessment, element))


@login_required
@require_POST
def save_review(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    """Save one indicator's review (htmx autosave, or a plain POST)."""
    assessment = _scoped_assessment(request, pk)
    indicator = _indicator(assessment, code)
    form = ReviewForm(request.POST, indicator=indicator, level_names=_level_names(assessment))
    status, message = 200, ""
    if form.is_valid():
        try:
            services.set_review(
                user=request.user,
                assessment=assessment,
                indicator=indicator,
                **form.service_arguments(),
            )
        except ValidationError as error:
            form.add_service_errors(error)
            status = 400
        except Conflict as error:
            status, message = 409, _conflict_text(error)
    else:
        status = 400
    if not _is_htmx(request):
        if status != 200:
            for field_errors in form.errors.values():
                for text in field_errors:
                    messages.error(request, f"{indicator.code}: {text}")
            if message:
                messages.error(request, message)
        url = reverse("review-element", args=[assessment.pk, indicator.theme.element.code])
        return redirect(f"{url}#rev-{indicator.code}")
    return render(
        request,
        "maturity/partials/review_result.html",
        {
            "indicator": indicator,
            "form": form,
            "message": message,
            "status": status,
            "error_fields": ["verified_level", "comment"],
        },
        status=status,
    )


@login_required
@require_POST
def return_assessment(request: HttpRequest, pk: int) -> HttpResponse:
    """Return the assessment to the region with a comment (required by the service)."""
    assessment = _scoped_assessment(request, pk)
    form = ReturnForm(request.POST)
    form.is_valid()
    try:
        services.return_assessment(
            user=request.user, assessment=assessment, comment=form.cleaned_data.get("comment")
        )
    except ValidationError as error:
        form.add_service_errors(error)
        context = _review_context(request, assessment, None, return_form=form)
        return render(request, "maturity/review.html", context, status=400)
    except Conflict as error:
        messages.error(request, _conflict_text(error))
        return redirect("review", assessment.pk)
    messages.success(
        request,
        _("Penilaian %(region)s dikembalikan ke daerah.") % {"region": assessment.region.name},
    )
    return redirect("review-queue")


@login_required
@require_POST
def approve(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _scoped_assessment(request, pk)
    try:
        services.approve(user=request.user, assessment=assessment)
    except Conflict as error:
        messages.error(request, _conflict_text(error))
        return redirect("review", assessment.pk)
    messages.success(
        request, _("Penilaian %(region)s disetujui.") % {"region": assessment.region.name}
    )
    return redirect("review-queue")


# --- National board -------------------------------------------------------------------------------


STATUS_ORDER = ["not_started", *AssessmentStatus.values]


@login_required
def board(request: HttpRequest) -> HttpResponse:
    """Per province and region: the cycle's status and scores, with charts and exports."""
    if not access.can(request.user, access.READ_NATIONAL):
        raise PermissionDenied
    cycles = list(selectors.cycles())
    if not cycles:
        return render(request, "maturity/board.html", {"cycle": None})
    form = BoardFilterForm(request.GET or None, cycles=cycles, provinces=_provinces(request.user))
    filters = form.cleaned_data if form.is_valid() else {}
    cycle = next((c for c in cycles if str(c.pk) == filters.get("cycle")), None) or next(
        (c for c in cycles if c.status == CycleStatus.OPEN), cycles[0]
    )
    language = _language()
    province, kind, status = filters.get("province"), filters.get("kind"), filters.get("status")

    # Every region in scope (provinces too: DKI Jakarta is assessed as one), with the cycle's
    # assessment where there is one.
    regions = access.readable_regions(request.user)
    if province:
        regions = regions.filter(province_code=province)
    if kind:
        regions = regions.filter(kind=kind)
    in_cycle = selectors.assessments_for(request.user).filter(cycle=cycle)
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
        "maturity/board.html",
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
    from reports import charts

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
    from reports import services as report_services

    if not access.can(request.user, access.READ_NATIONAL):
        raise PermissionDenied
    cycle = get_object_or_404(selectors.cycles(), pk=cycle_id)
    language = _report_language(request)
    report = report_services.request_national_report(
        user=request.user, cycle=cycle, language=language
    ).report
    return _report_reply(request, report, f"{reverse('board')}?cycle={cycle.pk}")
