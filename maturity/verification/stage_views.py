"""The province stage in the pages: the province reviewer recommends an assessment from its
review page (``assessments/<pk>/province-verify/``)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maturity.assessments.forms import ProvinceVerifyForm
from maturity.assessments.views import _scoped_assessment, decide_with_comment
from maturity.verification.services import stage


@login_required
@require_POST
def province_verify(request: HttpRequest, pk: int) -> HttpResponse:
    """Recommend the assessment to the ministry (submitted → province verified)."""
    assessment = _scoped_assessment(request, pk)
    return decide_with_comment(
        request,
        assessment,
        ProvinceVerifyForm(request.POST),
        lambda comment: stage.province_verify(
            user=request.user, assessment=assessment, comment=comment
        ),
        done=_("Penilaian %(region)s diverifikasi provinsi dan diteruskan ke kementerian.")
        % {"region": assessment.region.name},
    )


urlpatterns = [
    path("assessments/<int:pk>/province-verify/", province_verify, name="province-verify"),
]
