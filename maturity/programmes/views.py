"""Pages of the smart-city programmes registry, and the public list of shared programmes.

Ways in only: programmes are found through :mod:`maturity.programmes` (read: shared or in scope,
else 404; write: in scope, else 404; then ``REGION_EDIT``, else 403) and every rule is decided by
its services, whose errors are shown beside the fields they name.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cities import access, errors, pages
from cities.models import Region, RegionKind
from maturity.assessments import selectors as assessment_selectors
from maturity.frameworks.models import Element, Indicator
from maturity.programmes import selectors, services
from maturity.programmes.api import file_response
from maturity.programmes.forms import (
    CitationForm,
    ProgrammeFileForm,
    ProgrammeFilterForm,
    ProgrammeForm,
)
from maturity.programmes.models import Programme

PAGE_SIZE = 30
FILTERS = ("q", "element", "indicator", "province", "kind", "status")


def _framework() -> tuple[list[Element], list[Indicator]]:
    """The current framework's elements and indicators, in order (two queries)."""
    elements, indicators = selectors.framework_codes(selectors.current_framework())
    return list(elements.values()), list(indicators.values())


def _provinces() -> list[tuple[str, str]]:
    return list(
        Region.objects.filter(kind=RegionKind.PROVINCE)
        .order_by("code")
        .values_list("province_code", "name")
    )


def _listing(
    request: HttpRequest, queryset: Any, template: str, extra: dict[str, Any]
) -> HttpResponse:
    elements, indicators = _framework()
    form = ProgrammeFilterForm(
        request.GET or None, elements=elements, indicators=indicators, provinces=_provinces()
    )
    filters = form.cleaned_data if form.is_valid() else {}
    queryset = selectors.filter_programmes(
        queryset, **{name: filters.get(name) or None for name in FILTERS}
    )
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        template,
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "element_titles": {e.code: e.title for e in elements},
            **extra,
        },
    )


# --- The registry (signed in) ------------------------------------------------------------------


@login_required
def programme_list(request: HttpRequest) -> HttpResponse:
    """Programmes the person may read (shared ones and their region's drafts), with filters."""
    return _listing(
        request,
        selectors.programmes_for(request.user),
        "maturity/programmes/list.html",
        {"may_create": bool(selectors.editable_regions(request.user))},
    )


def _detail(
    request: HttpRequest,
    programme: Programme,
    *,
    file_form: ProgrammeFileForm | None = None,
    cite_form: CitationForm | None = None,
    status: int = 200,
) -> HttpResponse:
    editable = selectors.may_edit(request.user, programme)
    assessments = selectors.open_assessments_for_citing(request.user, programme)
    if cite_form is None and assessments:
        cite_form = _citation_form(None, programme, assessments)
    citations = (
        assessment_selectors.evidence_for(request.user)
        .filter(programme=programme)
        .select_related("assessment__cycle", "assessment__region", "indicator")
        .order_by("-assessment__cycle__year", "indicator__position", "id")
    )
    elements, _indicators = _framework()
    return render(
        request,
        "maturity/programmes/detail.html",
        {
            "programme": programme,
            "element_titles": {e.code: e.title for e in elements},
            "editable": editable,
            "file_form": file_form or ProgrammeFileForm(),
            "cite_form": cite_form,
            "citations": list(citations),
        },
        status=status,
    )


def _citation_form(data: Any, programme: Programme, assessments: list[Any]) -> CitationForm:
    framework_id = assessments[0].cycle.framework_id
    linked = set(programme.indicator_codes or [])
    indicators = sorted(
        Indicator.objects.filter(framework_id=framework_id).order_by("position", "id"),
        key=lambda i: i.code not in linked,  # the programme's own indicators first
    )
    return CitationForm(
        data,
        assessments=[(str(a.pk), f"{a.cycle.name} · {a.region.name}") for a in assessments],
        indicators=indicators,
    )


@login_required
def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    programme = get_object_or_404(selectors.programmes_for(request.user), pk=pk)
    return _detail(request, programme)


def _form_page(
    request: HttpRequest, form: ProgrammeForm, programme: Programme | None, status: int
) -> HttpResponse:
    return render(
        request,
        "maturity/programmes/form.html",
        {"form": form, "programme": programme},
        status=status,
    )


@login_required
def programme_create(request: HttpRequest) -> HttpResponse:
    """Register a programme of the person's region (CSCO, contributor; else 403)."""
    regions = selectors.editable_regions(request.user)
    if not regions:
        raise errors.Forbidden(
            _("Hanya CSCO dan kontributor wilayah yang dapat mendaftarkan program.")
        )
    elements, indicators = _framework()
    form = ProgrammeForm(
        request.POST or None,
        regions=[(r.code, r.name) for r in regions],
        elements=elements,
        indicators=indicators,
        initial={"region": regions[0].code, "status": "running"},
    )
    if request.method == "POST" and form.is_valid():
        region = next(r for r in regions if r.code == form.cleaned_data["region"])
        try:
            programme = services.create_programme(
                user=request.user, region=region, data=form.body()
            )
        except (errors.Invalid, ValidationError) as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Program didaftarkan."))
            return redirect("programme-detail", pk=programme.pk)
    return _form_page(request, form, None, 400 if request.method == "POST" else 200)


def _editable(request: HttpRequest, pk: int) -> Programme:
    """A programme of a region in scope (else 404) that the person may change (else 403)."""
    programme = get_object_or_404(selectors.programmes_in_scope(request.user), pk=pk)
    access.require(request.user, access.REGION_EDIT, programme.region)
    return programme


def _initial(programme: Programme) -> dict[str, Any]:
    body = services.programme_body(programme)
    return {name: "" if value is None else value for name, value in body.items()}


@login_required
def programme_edit(request: HttpRequest, pk: int) -> HttpResponse:
    programme = _editable(request, pk)
    elements, indicators = _framework()
    form = ProgrammeForm(
        request.POST or None,
        regions=None,
        elements=elements,
        indicators=indicators,
        initial=_initial(programme),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_programme(
                user=request.user, programme=programme, data=form.body(), partial=False
            )
        except (errors.Invalid, ValidationError) as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Perubahan disimpan."))
            return redirect("programme-detail", pk=programme.pk)
    return _form_page(request, form, programme, 400 if request.method == "POST" else 200)


@login_required
@require_POST
def programme_delete(request: HttpRequest, pk: int) -> HttpResponse:
    programme = _editable(request, pk)
    try:
        services.delete_programme(user=request.user, programme=programme)
    except errors.Conflict as conflict:
        messages.error(request, pages.error_message(conflict))
        return redirect("programme-detail", pk=programme.pk)
    messages.success(request, _("Program dihapus."))
    return redirect("programmes")


@login_required
@require_POST
def programme_file_upload(request: HttpRequest, pk: int) -> HttpResponse:
    programme = _editable(request, pk)
    form = ProgrammeFileForm(request.POST, request.FILES)
    try:
        services.add_programme_file(
            user=request.user, programme=programme, upload=request.FILES.get("file")
        )
    except (errors.Invalid, ValidationError) as error:
        form.add_service_errors(error)
        return _detail(request, programme, file_form=form, status=400)
    messages.success(request, _("Berkas diunggah."))
    return redirect("programme-detail", pk=programme.pk)


@login_required
def programme_file_download(request: HttpRequest, pk: int, fid: int) -> FileResponse:
    programme = get_object_or_404(selectors.programmes_for(request.user), pk=pk)
    return file_response(get_object_or_404(programme.files.all(), pk=fid))


@login_required
@require_POST
def programme_file_delete(request: HttpRequest, pk: int, fid: int) -> HttpResponse:
    programme = _editable(request, pk)
    item = get_object_or_404(programme.files.all(), pk=fid)
    services.delete_programme_file(user=request.user, item=item)
    messages.success(request, _("Berkas dihapus."))
    return redirect("programme-detail", pk=programme.pk)


@login_required
@require_POST
def programme_cite(request: HttpRequest, pk: int) -> HttpResponse:
    """Cite the programme as evidence for an indicator of one of its region's open assessments."""
    programme = get_object_or_404(selectors.programmes_for(request.user), pk=pk)
    assessments = selectors.open_assessments_for_citing(request.user, programme)
    if not assessments:
        access.require(request.user, access.REGION_EDIT, programme.region)
        raise errors.Forbidden(_("Tidak ada penilaian terbuka tempat program ini dapat dikutip."))
    form = _citation_form(request.POST, programme, assessments)
    if not form.is_valid():
        return _detail(request, programme, cite_form=form, status=400)
    assessment = get_object_or_404(
        assessment_selectors.assessments_for(request.user), pk=form.cleaned_data["assessment"]
    )
    try:
        services.cite_programme(
            user=request.user,
            assessment=assessment,
            indicator_code=form.cleaned_data["indicator"],
            programme=programme,
        )
    except (errors.Invalid, ValidationError) as error:
        form.add_service_errors(error)
        return _detail(request, programme, cite_form=form, status=400)
    except errors.Conflict as conflict:
        form.add_error(None, pages.error_message(conflict))
        return _detail(request, programme, cite_form=form, status=409)
    messages.success(
        request,
        _("Program dikutip sebagai data dukung untuk %(code)s.")
        % {"code": form.cleaned_data["indicator"]},
    )
    return redirect("programme-detail", pk=programme.pk)


# --- Public ------------------------------------------------------------------------------------


def public_list(request: HttpRequest) -> HttpResponse:
    """Shared programmes of regions with an approved assessment, for everyone (no sign-in)."""
    return _listing(
        request, selectors.public_programmes(), "maturity/programmes/public_list.html", {}
    )


def public_detail(request: HttpRequest, pk: int) -> HttpResponse:
    programme = get_object_or_404(selectors.public_programmes(), pk=pk)
    elements, _indicators = _framework()
    return render(
        request,
        "maturity/programmes/public_detail.html",
        {
            "programme": programme,
            "element_titles": {e.code: e.title for e in elements},
        },
    )
