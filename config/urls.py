"""Top-level URLs: pages, the API v1, open data, health and the admin."""

from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from operations.health import healthz

api_v1 = [
    path("", include("cities.api.urls")),
    path("", include("maturity.frameworks.api")),
    path("", include("maturity.cycles.api")),
    path("", include("maturity.assessments.api")),
    path("", include("maturity.scores.api")),
    path("", include("maturity.exchange.api")),
    path("", include("maturity.programmes.api")),
    path("", include("maturity.progress.api")),
    path("", include("maturity.verification.api")),
    path("", include("maturity.verification.insight_api")),
    path("", include("maturity.verification.activities_api")),
    path("", include("reports.api_urls")),
]

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("api/v1/", include(api_v1)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("open/", include("maturity.opendata.urls")),
    path("", include("cities.urls")),
    path("", include("reports.urls")),
    path("", include("maturity.assessments.urls")),
    path("", include("maturity.exchange.urls")),
    path("", include("maturity.programmes.urls")),
    path("", include("maturity.progress.urls")),
    path("", include("maturity.verification.stage_views")),
    path("", include("maturity.verification.urls")),
    path("", include("maturity.verification.activities_urls")),
]
