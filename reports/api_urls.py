"""Routes of the reports API (mounted under /api/v1/)."""

from django.urls import path

from reports import api

urlpatterns = [
    path(
        "assessments/<int:pk>/reports/",
        api.AssessmentReportsView.as_view(),
        name="api-assessment-reports",
    ),
    path(
        "assessments/<int:pk>/activities/<int:aid>/minutes/",
        api.ActivityMinutesView.as_view(),
        name="api-activity-minutes",
    ),
    path("cycles/<int:pk>/reports/", api.CycleReportsView.as_view(), name="api-cycle-reports"),
    path("reports/<int:pk>/", api.ReportDetailView.as_view(), name="api-report-detail"),
    path(
        "reports/<int:pk>/download/", api.ReportDownloadView.as_view(), name="api-report-download"
    ),
]
