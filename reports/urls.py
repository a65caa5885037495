"""Pages of the reports app: scores and reports of an assessment, the board, verification."""

from django.urls import path

from reports import views

urlpatterns = [
    path("assessments/<int:pk>/score/", views.score, name="score"),
    path("assessments/<int:pk>/reports/", views.request_report, name="report-request"),
    path(
        "assessments/<int:pk>/activities/<int:aid>/minutes/",
        views.request_minutes,
        name="activity-minutes",
    ),
    path("board/", views.board, name="board"),
    path(
        "board/cycles/<int:cycle_id>/report/",
        views.request_national_report,
        name="national-report",
    ),
    path("verify/<str:report_id>", views.verify, name="report-verify"),
]
