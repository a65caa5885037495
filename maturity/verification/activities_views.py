"""Pages of verification activities: a cycle's activity calendar, planning an activity on an
assessment (and changing the plan), and an activity's page (its details and files; the CSCO's
confirmation; the reviewer's record form with a row per indicator, cancelling, file upload and
the minutes PDF).

Scope first (an assessment outside it is a 404); every rule is the services'.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import groupby
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cities import access, errors, pages
from maturity.assessments import downloads
from maturity.assessments import selectors as assessments_selectors
from maturity.assessments.models import Assessment
from maturity.assessments.services.state import reviewable_statuses
from maturity.cycles.models import AssessmentCycle
from maturity.frameworks.models import Indicator
from maturity.verification import activities_selectors as selectors
from maturity.verification.activities_forms import (
    ActivityFileForm,
    CancelForm,
    PlanForm,
    RecordForm,
)
from maturity.verification.models import ActivityStatus, VerificationActivity
from maturity.verification.services import activities as services

TEMPLATES = "maturity/verification/activities"


def _assessment(request: HttpRequest, pk: int) -> Assessment:
    return get_object_or_404(assessments_selectors.assessments_for(request.user), pk=pk)


def _activity(assessment: Assessment, aid: int) -> VerificationActivity:
    return get_object_or_404(selectors.activities_of(assessment), pk=aid)


def _indicators(assessment: Assessment, codes: list[str] | None = None) -> list[Indicator]:
    found = Indicator.objects.filter(framework_id=assessment.cycle.framework_id).order_by(
        "position"
    )
    if codes is None:
        return list(found)
    by_code = {i.code: i for i in found.filter(code__in=codes)}
    return [by_code[code] for code in codes if code in by_code]


def _level_names(assessment: Assessment) -> dict[str, str]:
    language = pages.language()
    levels = assessment.cycle.framework.levels or {}
    return {key: names.get(language, "") for key, names in levels.items()}


def _may_review_now(request: HttpRequest, assessment: Assessment) -> bool:
    """Whether the person may plan or record on the assessment now (the services decide; this
    only chooses which forms to show)."""
    return access.can(
        request.user, access.REVIEW, assessment.region
    ) and assessment.status in reviewable_statuses(request.user, assessment)


@login_required
def calendar(request: HttpRequest, cycle_id: int) -> HttpResponse:
    """The cycle's activities the person may read, by date (optionally one assessment's)."""
    cycle = get_object_or_404(AssessmentCycle, pk=cycle_id)
    queryset = selectors.calendar(request.user, cycle_id=cycle.pk)
    chosen = request.GET.get("assessment")
    assessment = None
    if chosen and chosen.isdigit():
        assessment = _assessment(request, int(chosen))
        queryset = queryset.filter(assessment=assessment)
    page = Paginator(queryset, 100).get_page(request.GET.get("page"))
    days = [
        {"day": day, "activities": list(items)}
        for day, items in groupby(page, key=lambda a: timezone.localtime(a.scheduled_at).date())
    ]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        f"{TEMPLATES}/calendar.html",
        {
            "cycle": cycle,
            "days": days,
            "page": page,
            "query": query.urlencode(),
            "assessment": assessment,
            "may_plan": assessment is not None and _may_review_now(request, assessment),
        },
    )


@login_required
def plan(request: HttpRequest, pk: int) -> HttpResponse:
    """Plan an activity; ``?method=interview&indicators=I-1,I-2`` fills the form in."""
    assessment = _assessment(request, pk)
    if not access.can(request.user, access.REVIEW, assessment.region):
        raise PermissionDenied
    indicators = _indicators(assessment)
    if request.method == "POST":
        form = PlanForm(request.POST, indicators=indicators)
        if form.is_valid():
            try:
                activity = services.plan_activity(
                    user=request.user, assessment=assessment, data=form.service_data()
                )
            except errors.Invalid as error:
                form.add_service_errors(error)
            except errors.Conflict as error:
                form.add_error(None, pages.error_message(error))
            else:
                messages.success(request, _("Kegiatan verifikasi direncanakan."))
                return redirect("activity-detail", assessment.pk, activity.pk)
        status = 400
    else:
        asked = request.GET.get("indicators", "")
        form = PlanForm(
            indicators=indicators,
            initial={
                "method": request.GET.get("method", ""),
                "indicators": [code.strip() for code in asked.split(",") if code.strip()],
            },
        )
        status = 200
    return render(
        request,
        f"{TEMPLATES}/plan.html",
        {"assessment": assessment, "form": form},
        status=status,
    )


@login_required
def edit(request: HttpRequest, pk: int, aid: int) -> HttpResponse:
    """Change a planned activity (its time, place, indicators, participants); a new time asks
    the region to confirm again."""
    assessment = _assessment(request, pk)
    activity = _activity(assessment, aid)
    if not access.can(request.user, access.REVIEW, assessment.region):
        raise PermissionDenied
    if activity.status != ActivityStatus.PLANNED:
        messages.error(request, _("Hanya kegiatan yang masih direncanakan yang dapat diubah."))
        return redirect("activity-detail", assessment.pk, aid)
    if not _may_review_now(request, assessment):
        messages.error(
            request,
            _("Penilaian ini tidak sedang ditinjau; rencana kegiatannya tidak dapat diubah."),
        )
        return redirect("activity-detail", assessment.pk, aid)
    indicators = _indicators(assessment)
    if request.method == "POST":
        form = PlanForm(request.POST, indicators=indicators)
        if form.is_valid():
            try:
                services.reschedule_activity(
                    user=request.user, activity=activity, data=form.service_data()
                )
            except errors.Invalid as error:
                form.add_service_errors(error)
            except errors.Conflict as error:
                return _refused(request, error, assessment, aid)
            else:
                messages.success(request, _("Rencana kegiatan diubah."))
                return redirect("activity-detail", assessment.pk, activity.pk)
        status = 400
    else:
        form = PlanForm(indicators=indicators, initial=PlanForm.initial_of(activity))
        status = 200
    return render(
        request,
        f"{TEMPLATES}/plan.html",
        {"assessment": assessment, "form": form, "activity": activity},
        status=status,
    )


def _detail_context(
    request: HttpRequest,
    assessment: Assessment,
    activity: VerificationActivity,
    *,
    record_form: RecordForm | None = None,
    file_form: ActivityFileForm | None = None,
    cancel_form: CancelForm | None = None,
) -> dict[str, Any]:
    indicators = _indicators(assessment, list(activity.indicators))
    may_review = _may_review_now(request, assessment)
    planned = activity.status == ActivityStatus.PLANNED
    titles = {i.code: i.title for i in indicators}
    return {
        "assessment": assessment,
        "activity": activity,
        "indicators": indicators,
        "findings": [
            {**finding, "title": titles.get(finding["indicator"], "")}
            for finding in activity.findings
        ],
        "files": list(activity.files.all()),
        "may_confirm": planned
        and activity.confirmed_at is None
        and access.can(request.user, access.CONFIRM_ATTENDANCE, assessment.region),
        "may_record": planned and may_review,
        "may_change": planned and may_review,
        "may_cancel": planned and access.can(request.user, access.REVIEW, assessment.region),
        "may_upload": access.can(request.user, access.REVIEW, assessment.region),
        "may_request_minutes": activity.status == ActivityStatus.DONE
        and access.can(request.user, access.REVIEW, assessment.region),
        "record_form": record_form
        or RecordForm(indicators=indicators, level_names=_level_names(assessment)),
        "file_form": file_form or ActivityFileForm(),
        "cancel_form": cancel_form or CancelForm(),
    }


@login_required
def detail(request: HttpRequest, pk: int, aid: int) -> HttpResponse:
    assessment = _assessment(request, pk)
    activity = _activity(assessment, aid)
    return render(
        request, f"{TEMPLATES}/detail.html", _detail_context(request, assessment, activity)
    )


def _refused(
    request: HttpRequest, error: errors.DomainError, assessment: Assessment, aid: int
) -> HttpResponse:
    messages.error(request, pages.error_message(error))
    return redirect("activity-detail", assessment.pk, aid)


def _acted(
    request: HttpRequest,
    assessment: Assessment,
    activity: VerificationActivity,
    *,
    form_name: str,
    form: Any,
    action: Callable[[], object],
    done: str,
    anchor: str = "",
) -> HttpResponse:
    """Run a service ``action`` from a form of the activity's page: its refusals beside the
    form's fields (400, the page again), a conflict as a message, else ``done`` and back."""
    try:
        action()
    except errors.Invalid as error:
        form.add_service_errors(error)
        context = _detail_context(request, assessment, activity, **{form_name: form})
        return render(request, f"{TEMPLATES}/detail.html", context, status=400)
    except errors.Conflict as error:
        return _refused(request, error, assessment, activity.pk)
    messages.success(request, done)
    return redirect(reverse("activity-detail", args=[assessment.pk, activity.pk]) + anchor)


@login_required
@require_POST
def confirm(request: HttpRequest, pk: int, aid: int) -> HttpResponse:
    assessment = _assessment(request, pk)
    activity = _activity(assessment, aid)
    try:
        services.confirm_attendance(user=request.user, activity=activity)
    except errors.Conflict as error:
        return _refused(request, error, assessment, aid)
    messages.success(request, _("Kehadiran dikonfirmasi."))
    return redirect("activity-detail", assessment.pk, aid)


@login_required
@require_POST
def cancel(request: HttpRequest, pk: int, aid: int) -> HttpResponse:
    assessment = _assessment(request, pk)
    activity = _activity(assessment, aid)
    form = CancelForm(request.POST)
    form.is_valid()
    return _acted(
        request,
        assessment,
        activity,
        form_name="cancel_form",
        form=form,
        action=lambda: services.cancel_activity(
            user=request.user, activity=activity, data={"reason": form.cleaned_data.get("reason")}
        ),
        done=_("Kegiatan dibatalkan."),
    )


@login_required
@require_POST
def record(request: HttpRequest, pk: int, aid: int) -> HttpResponse:
    assessment = _assessment(request, pk)
    activity = _activity(assessment, aid)
    if not access.can(request.user, access.REVIEW, assessment.region):
        raise PermissionDenied
    form = RecordForm(
        request.POST,
        indicators=_indicators(assessment, list(activity.indicators)),
        level_names=_level_names(assessment),
    )
    if not form.is_valid():
        context = _detail_context(request, assessment, activity, record_form=form)
        return render(request, f"{TEMPLATES}/detail.html", context, status=400)
    return _acted(
        request,
        assessment,
        activity,
        form_name="record_form",
        form=form,
        action=lambda: services.record_activity(
            user=request.user, activity=activity, data=form.service_data()
        ),
        done=_("Kegiatan dicatat; temuannya tersimpan sebagai tinjauan indikator."),
    )


@login_required
@require_POST
def upload(request: HttpRequest, pk: int, aid: int) -> HttpResponse:
    assessment = _assessment(request, pk)
    activity = _activity(assessment, aid)
    form = ActivityFileForm(request.POST, request.FILES)
    form.is_valid()
    return _acted(
        request,
        assessment,
        activity,
        form_name="file_form",
        form=form,
        action=lambda: services.add_activity_file(
            user=request.user,
            activity=activity,
            upload=request.FILES.get("file"),
            kind=form.cleaned_data.get("kind"),
        ),
        done=_("Berkas kegiatan diunggah."),
        anchor="#files",
    )


@login_required
def download(request: HttpRequest, pk: int, aid: int, fid: int) -> FileResponse:
    activity = _activity(_assessment(request, pk), aid)
    item = get_object_or_404(selectors.files_of(activity), pk=fid)
    return downloads.private_download(item.file, name=item.name, content_type=item.content_type)
