"""Pages for CSCOs, contributors, reviewers and observers.

Views are ways in: they find objects through :mod:`cities.access` (scope first, so an object
outside scope is a 404; ``can()`` for actions, so a refused action is a 403), call one service or
selector, and render a template. No rule is decided here that the API decides elsewhere: the
answer, evidence, submission and review rules all live in :mod:`maturity.services`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cities import access, errors, pages
from cities import selectors as cities_selectors
from cities.models import REGION_ROLES, Region, Role
from maturity.assessments import downloads
from maturity.assessments import selectors as assessments_selectors
from maturity.assessments.forms import (
    AnswerForm,
    EvidenceForm,
    ProvinceVerifyForm,
    QueueFilterForm,
    ReturnForm,
    ReviewForm,
    StartForm,
)
from maturity.assessments.models import AnswerStatus, Assessment, AssessmentStatus, Evidence
from maturity.assessments.services import answers as services_answers
from maturity.assessments.services import carryover, lifecycle, state
from maturity.assessments.services import evidence as services_evidence
from maturity.assessments.services import review as services_review
from maturity.cycles import selectors as cycles_selectors
from maturity.cycles.models import AssessmentCycle, CycleStatus
from maturity.frameworks import selectors as frameworks_selectors
from maturity.frameworks.models import Element, Indicator


def _scoped_assessment(request: HttpRequest, pk: int) -> Assessment:
    """The assessment, looked up only among those the person may read (else 404)."""
    return get_object_or_404(assessments_selectors.assessments_for(request.user), pk=pk)


def _indicator(assessment: Assessment, code: str) -> Indicator:
    indicator = assessments_selectors.indicator_of(assessment, code)
    if indicator is None:
        raise Http404
    return indicator


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
        if access.has_role(user, Role.REVIEWER, Role.PROVINCE_REVIEWER):
            return redirect("review-queue")
        if access.can(user, access.READ_NATIONAL):
            return redirect("board")
        return render(request, "maturity/assessments/home_empty.html")
    regions = list(access.readable_regions(user).filter(pk__in=region_ids).order_by("code"))
    open_cycles = list(cycles_selectors.cycles().filter(status=CycleStatus.OPEN))
    assessments = list(
        assessments_selectors.assessments_for(user)
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
                        "completeness": assessments_selectors.completeness_for(assessment),
                        "editable": assessments_selectors.is_open_for_editing(assessment),
                    }
                )
            else:
                block.past.append(assessment)
        started = {a.cycle_id for a in mine}
        block.startable = [c for c in open_cycles if c.pk not in started]
        homes.append(block)
    return render(request, "maturity/assessments/home.html", {"homes": homes})


# --- Starting an assessment (optionally from last cycle's answers) ------------------------------


@login_required
def start_assessment(request: HttpRequest, cycle_id: int, region_code: str) -> HttpResponse:
    """Start the region's assessment in an open cycle; the CSCO may carry last cycle over."""
    region = get_object_or_404(access.readable_regions(request.user), code=region_code)
    cycle = get_object_or_404(cycles_selectors.cycles(), pk=cycle_id)
    if not access.can(request.user, access.REGION_CREATE_ASSESSMENT, region):
        raise PermissionDenied
    existing = (
        assessments_selectors.assessments_for(request.user)
        .filter(cycle=cycle, region=region)
        .first()
    )
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
        except errors.Conflict as conflict:
            messages.error(request, pages.error_message(conflict))
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
        "maturity/assessments/start.html",
        {"cycle": cycle, "region": region, "plan": plan, "form": form},
    )


# --- Questionnaire ----------------------------------------------------------------------------


@dataclass
class IndicatorCard:
    row: assessments_selectors.AnswerRow
    form: AnswerForm
    evidence: list[Evidence]
    evidence_form: EvidenceForm
    conflict: dict[str, Any] | None = None

    @property
    def indicator(self) -> Indicator:
        return self.row.indicator


def _element_of(layout: frameworks_selectors.FrameworkLayout, code: str | None) -> Element:
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
    ) and assessments_selectors.is_open_for_editing(assessment)


def _questionnaire_context(
    request: HttpRequest,
    assessment: Assessment,
    element_code: str | None,
    *,
    bound: dict[int, AnswerForm] | None = None,
    conflicts: dict[int, dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """Everything the questionnaire page shows for one element, in a constant number of queries."""
    layout = frameworks_selectors.framework_layout(assessment.cycle.framework_id)
    element = _element_of(layout, element_code)
    themes = [t for t in layout.themes if t.element_id == element.pk]
    theme_ids = {t.pk for t in themes}
    indicator_ids = [i.pk for i in layout.indicators if i.theme_id in theme_ids]
    rows = assessments_selectors.answer_rows(
        assessment, user=request.user, indicator_ids=indicator_ids
    )
    evidence_by_indicator: dict[int, list[Evidence]] = {}
    for item in assessments_selectors.evidence_of(assessment).filter(
        indicator_id__in=indicator_ids
    ):
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
    completeness = assessments_selectors.completeness_for(assessment)
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
    return render(request, "maturity/assessments/questionnaire.html", context)


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
        return render(
            request, "maturity/assessments/partials/indicator.html", {**context, "card": card}
        )
    if request.method != "POST":
        return HttpResponse(status=405, headers={"Allow": "GET, POST"})
    form = AnswerForm(request.POST, indicator=indicator)
    outcome = _save_answer(request, assessment, indicator, form)
    if not pages.is_htmx(request):
        return _answer_page(request, assessment, indicator, form, outcome)
    return _answer_fragment(request, assessment, indicator, form, outcome)


@dataclass
class AnswerOutcome:
    """What saving an answer came to: the status to answer with, the saved answer, or the
    refusal's message and (on a stale write) the answer someone else saved."""

    status: int = 200
    saved: Any = None
    message: str = ""
    conflict: dict[str, Any] | None = None


def _save_answer(
    request: HttpRequest, assessment: Assessment, indicator: Indicator, form: AnswerForm
) -> AnswerOutcome:
    if not form.is_valid():
        return AnswerOutcome(status=400)
    overwrite = request.POST.get("overwrite", "")
    try:
        saved = services_answers.save_answer(
            user=request.user,
            assessment=assessment,
            indicator=indicator,
            data=form.service_data(
                overwrite_version=int(overwrite) if overwrite.isdigit() else None
            ),
        )
    except errors.Invalid as error:
        form.add_service_errors(error)
        return AnswerOutcome(status=400)
    except errors.Conflict as error:
        current = error.body.get("current")
        return AnswerOutcome(
            status=409,
            message=pages.error_message(error),
            conflict=_conflict_view(indicator, current) if current is not None else None,
        )
    return AnswerOutcome(saved=saved)


def _answer_page(
    request: HttpRequest,
    assessment: Assessment,
    indicator: Indicator,
    form: AnswerForm,
    outcome: AnswerOutcome,
) -> HttpResponse:
    """Without JavaScript: back to the element when saved, else the page with what was typed."""
    if outcome.status == 200:
        return redirect(_element_url(assessment, indicator))
    context = _questionnaire_context(
        request,
        assessment,
        indicator.theme.element.code,
        bound={indicator.pk: form},
        conflicts={indicator.pk: outcome.conflict} if outcome.conflict else None,
    )
    if outcome.message and not outcome.conflict:
        messages.error(request, outcome.message)
    return render(
        request, "maturity/assessments/questionnaire.html", context, status=outcome.status
    )


def _answer_fragment(
    request: HttpRequest,
    assessment: Assessment,
    indicator: Indicator,
    form: AnswerForm,
    outcome: AnswerOutcome,
) -> HttpResponse:
    """With htmx: the card's saved state, errors beside fields, the other value on a 409."""
    completeness = assessments_selectors.completeness_for(assessment)
    layout_elements = frameworks_selectors.framework_layout(assessment.cycle.framework_id).elements
    return render(
        request,
        "maturity/assessments/partials/answer_result.html",
        {
            "assessment": assessment,
            "indicator": indicator,
            "form": form,
            "saved": outcome.saved,
            "conflict": outcome.conflict,
            "message": outcome.message,
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
        status=outcome.status,
    )


def _conflict_view(indicator: Indicator, current: dict[str, Any]) -> dict[str, Any]:
    """The answer someone else saved, as the conflict box shows it."""

    value = current.get("value")
    if value is None:
        shown = ""
    elif indicator.kind == "binary":
        shown = _("Ya") if value else _("Tidak")
    elif indicator.kind == "quantitative":
        shown = f"{value} {indicator.unit}".strip()
        if pages.language() == "id":
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
    items = list(assessments_selectors.evidence_of(assessment).filter(indicator=indicator))
    return render(
        request,
        "maturity/assessments/partials/evidence.html",
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
        services_evidence.add_evidence(
            user=request.user,
            assessment=assessment,
            indicator_code=indicator.code,
            upload=request.FILES.get("file"),
        )
    except errors.Invalid as error:
        form.add_service_errors(error)
        status = 400
    except errors.Conflict as error:
        status, message = 409, pages.error_message(error)
    if not pages.is_htmx(request):
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
    queryset = assessments_selectors.evidence_for(request.user).select_related(
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
    return downloads.private_download(
        evidence.file, name=evidence.name, content_type=evidence.content_type
    )


@login_required
@require_POST
def delete_evidence(request: HttpRequest, pk: int, evidence_id: int) -> HttpResponse:
    evidence = _scoped_evidence(request, pk, evidence_id)
    assessment, indicator = evidence.assessment, evidence.indicator
    message, status = "", 200
    try:
        services_evidence.delete_evidence(user=request.user, evidence=evidence)
    except errors.Conflict as error:
        status, message = 409, pages.error_message(error)
    if not pages.is_htmx(request):
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
            lifecycle.submit(user=request.user, assessment=assessment)
        except errors.Invalid as error:
            status = 400
            error_text = " ".join(pages.error_fields(error).get(errors.NON_FIELD, []))
        except errors.Conflict as error:
            status = 409
            error_text = pages.error_message(error)
        else:
            messages.success(
                request,
                _("Penilaian diajukan. Peninjau kementerian akan memeriksanya."),
            )
            return redirect("home")
    completeness = assessments_selectors.completeness_for(assessment)
    return render(
        request,
        "maturity/assessments/submit.html",
        {
            "assessment": assessment,
            "completeness": completeness,
            "missing": _missing_links(assessment, completeness.missing),
            "evidence_missing": _missing_links(assessment, completeness.evidence_missing),
            "may_submit": access.can(request.user, access.REGION_SUBMIT, assessment.region),
            "editable": assessments_selectors.is_open_for_editing(assessment),
            "error_text": error_text,
        },
        status=status,
    )


# --- Review -------------------------------------------------------------------------------------


@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    """Submitted assessments in the reviewer's scope, oldest first, with filters."""
    if not access.may_review_queue(request.user):
        raise PermissionDenied
    cycles = list(cycles_selectors.cycles())
    form = QueueFilterForm(
        request.GET or None,
        cycles=cycles,
        provinces=cities_selectors.readable_provinces(request.user),
    )
    filters = form.cleaned_data if form.is_valid() else {}
    queryset = assessments_selectors.filter_assessments(
        assessments_selectors.assessments_for(request.user),
        cycle=filters.get("cycle") or None,
        province=filters.get("province") or None,
        status=filters.get("status") or None,
    )
    awaiting = assessments_selectors.awaiting_verification(request.user, queryset)
    if not request.GET:
        # Unfiltered, the queue holds what waits for this person: the province's stage or the
        # ministry's decision.
        queryset = awaiting
    if filters.get("kind"):
        queryset = queryset.filter(region__kind=filters["kind"])
    if filters.get("waiting") is not None:
        cutoff = timezone.now() - timedelta(days=filters["waiting"])
        queryset = queryset.filter(submitted_at__lte=cutoff)
    queryset = queryset.order_by("submitted_at", "region__code")
    page = Paginator(queryset, 50).get_page(request.GET.get("page"))
    now = timezone.now()
    actionable = set(awaiting.filter(pk__in=[a.pk for a in page]).values_list("pk", flat=True))
    rows = [
        {
            "assessment": a,
            "waiting": (now - a.submitted_at).days if a.submitted_at else None,
            "actionable": a.pk in actionable,
        }
        for a in page
    ]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "maturity/assessments/review_queue.html",
        {"form": form, "rows": rows, "page": page, "query": query.urlencode()},
    )


@dataclass
class ReviewCard:
    row: assessments_selectors.AnswerRow
    form: ReviewForm
    evidence: list[Evidence]

    @property
    def indicator(self) -> Indicator:
        return self.row.indicator


def _level_names(assessment: Assessment) -> dict[str, str]:
    language = pages.language()
    levels = assessment.cycle.framework.levels or {}
    return {key: names.get(language, "") for key, names in levels.items()}


def review_context(
    request: HttpRequest,
    assessment: Assessment,
    element_code: str | None,
    *,
    return_form: ReturnForm | None = None,
    province_form: ProvinceVerifyForm | None = None,
) -> dict[str, Any]:
    layout = frameworks_selectors.framework_layout(assessment.cycle.framework_id)
    element = _element_of(layout, element_code)
    themes = [t for t in layout.themes if t.element_id == element.pk]
    theme_ids = {t.pk for t in themes}
    indicator_ids = [i.pk for i in layout.indicators if i.theme_id in theme_ids]
    rows = assessments_selectors.answer_rows(
        assessment, user=request.user, indicator_ids=indicator_ids
    )
    evidence_by_indicator: dict[int, list[Evidence]] = {}
    for item in assessments_selectors.evidence_of(assessment).filter(
        indicator_id__in=indicator_ids
    ):
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
        **_decisions(request.user, assessment),
        "return_form": return_form or ReturnForm(),
        "province_form": province_form or ProvinceVerifyForm(),
        "level_names": names,
    }


def _decisions(user: Any, assessment: Assessment) -> dict[str, bool]:
    """What the person may decide on the review page now: record reviews and return
    (``may_review``), approve, recommend for the province; and whether the ministry waits for
    the province."""
    region = assessment.region
    staged = state.needs_province_stage(assessment)
    may_approve_role = access.can(user, access.APPROVE, region)
    may_review = (
        access.can(user, access.REVIEW, region)
        and (may_approve_role or staged)
        and assessment.status in state.reviewable_statuses(user, assessment)
    )
    approvable = AssessmentStatus.PROVINCE_VERIFIED if staged else AssessmentStatus.SUBMITTED
    return {
        "may_review": may_review,
        "may_approve": may_approve_role and assessment.status == approvable,
        "may_province_verify": staged
        and access.can(user, access.PROVINCE_VERIFY, region)
        and assessment.status == AssessmentStatus.SUBMITTED,
        "awaiting_province": staged
        and may_approve_role
        and assessment.status == AssessmentStatus.SUBMITTED,
    }


@login_required
def review(request: HttpRequest, pk: int, element: str | None = None) -> HttpResponse:
    """Each indicator's answer and evidence beside the verified level and comment fields."""
    assessment = _scoped_assessment(request, pk)
    if not access.can(request.user, access.REVIEW, assessment.region):
        raise PermissionDenied
    return render(
        request, "maturity/assessments/review.html", review_context(request, assessment, element)
    )


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
            services_review.set_review(
                user=request.user,
                assessment=assessment,
                indicator=indicator,
                **form.service_arguments(),
            )
        except errors.Invalid as error:
            form.add_service_errors(error)
            status = 400
        except errors.Conflict as error:
            status, message = 409, pages.error_message(error)
    else:
        status = 400
    if not pages.is_htmx(request):
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
        "maturity/assessments/partials/review_result.html",
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
    return decide_with_comment(
        request,
        assessment,
        ReturnForm(request.POST),
        lambda comment: lifecycle.return_assessment(
            user=request.user, assessment=assessment, comment=comment
        ),
        done=_("Penilaian %(region)s dikembalikan ke daerah.") % {"region": assessment.region.name},
    )


def decide_with_comment(
    request: HttpRequest,
    assessment: Assessment,
    form: ReturnForm | ProvinceVerifyForm,
    decide: Callable[[Any], Any],
    *,
    done: str,
) -> HttpResponse:
    """A decision on the review page that carries a comment (return, province recommendation):
    the service's field errors shown in ``form`` on the review page (400), a refusal of the
    state as a message there, else ``done`` and back to the queue."""
    form.is_valid()
    try:
        decide(form.cleaned_data.get("comment"))
    except errors.Invalid as error:
        form.add_service_errors(error)
        context = (
            review_context(request, assessment, None, province_form=form)
            if isinstance(form, ProvinceVerifyForm)
            else review_context(request, assessment, None, return_form=form)
        )
        return render(request, "maturity/assessments/review.html", context, status=400)
    except errors.Conflict as error:
        messages.error(request, pages.error_message(error))
        return redirect("review", assessment.pk)
    messages.success(request, done)
    return redirect("review-queue")


@login_required
@require_POST
def approve(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _scoped_assessment(request, pk)
    try:
        lifecycle.approve(user=request.user, assessment=assessment)
    except errors.Conflict as error:
        messages.error(request, pages.error_message(error))
        return redirect("review", assessment.pk)
    messages.success(
        request, _("Penilaian %(region)s disetujui.") % {"region": assessment.region.name}
    )
    return redirect("review-queue")
