"""The province stage in the pages: the province reviewer recommends an assessment from its
review page (``assessments/<pk>/province-verify/``)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cities import errors, pages
from maturity.assessments.forms import ProvinceVerifyForm
from maturity.assessments.views import _scoped_assessment, review_context
from maturity.verification.services import stage


@login_required
@require_POST
def province_verify(request: HttpRequest, pk: int) -> HttpResponse:
    """Recommend the assessment to the ministry (submitted → province verified)."""
    assessment = _scoped_assessment(request, pk)
    form = ProvinceVerifyForm(request.POST)
    form.is_valid()
    try:
        stage.province_verify(
            user=request.user, assessment=assessment, comment=form.cleaned_data.get("comment")
        )
    except errors.Invalid as error:
        form.add_service_errors(error)
        context = review_context(request, assessment, None, province_form=form)
        return render(request, "maturity/assessments/review.html", context, status=400)
    except errors.Conflict as error:
        messages.error(request, pages.error_message(error))
        return redirect("review", assessment.pk)
    messages.success(
        request,
        _("Penilaian %(region)s diverifikasi provinsi dan diteruskan ke kementerian.")
        % {"region": assessment.region.name},
    )
    return redirect("review-queue")


urlpatterns = [
    path("assessments/<int:pk>/province-verify/", province_verify, name="province-verify"),
]
