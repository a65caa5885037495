"""Pages of the answers spreadsheet, under /assessments/<id>/spreadsheet/."""

from django.urls import path

from maturity.exchange import views

urlpatterns = [
    path("assessments/<int:pk>/spreadsheet/", views.spreadsheet, name="spreadsheet"),
    path(
        "assessments/<int:pk>/spreadsheet/answers.xlsx",
        views.download_xlsx,
        name="spreadsheet-xlsx",
    ),
    path(
        "assessments/<int:pk>/spreadsheet/answers.csv",
        views.download_csv,
        name="spreadsheet-csv",
    ),
    path(
        "assessments/<int:pk>/spreadsheet/preview/",
        views.preview,
        name="spreadsheet-preview",
    ),
    path(
        "assessments/<int:pk>/spreadsheet/apply/",
        views.apply,
        name="spreadsheet-apply",
    ),
]
