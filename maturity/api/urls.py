"""API v1 routes of the maturity app, one module per area."""

from django.urls import include, path

urlpatterns = [
    path("", include("maturity.api.frameworks")),
    path("", include("maturity.api.assessments")),
    path("", include("maturity.api.scores")),
    path("", include("maturity.api.spreadsheets")),
    path("", include("maturity.api.programmes")),
]
