"""Pages of the answers spreadsheet, under /assessments/<id>/spreadsheet/."""

from django.urls import path

from maturity import spreadsheet_views

urlpatterns = [
    path("assessments/<int:pk>/spreadsheet/", spreadsheet_views.spreadsheet, name="spreadsheet"),
    path(
        "assessments/<int:pk>/spreadsheet/answers.xlsx",
        spreadsheet_views.download_xlsx,
        name="spreadsheet-xlsx",
    ),
    path(
        "assessments/<int:pk>/spreadsheet/answers.csv",
        spreadsheet_views.download_csv,
        name="spreadsheet-csv",
    ),
    path(
        "assessments/<int:pk>/spreadsheet/preview/",
        spreadsheet_views.preview,
        name="spreadsheet-preview",
    ),
    path(
        "assessments/<int:pk>/spreadsheet/apply/",
        spreadsheet_views.apply,
        name="spreadsheet-apply",
    ),
]
