"""Pages of verification: where to look first, and calibration."""

from django.urls import path

from maturity.verification import views

urlpatterns = [
    path("cycles/<int:cycle_id>/priorities/", views.priorities, name="verification-priorities"),
    path("cycles/<int:cycle_id>/calibration/", views.calibration, name="verification-calibration"),
]
