"""Pages of the reports app: the public verification of an issued report."""

from django.urls import path

from reports import views

urlpatterns = [
    path("verify/<str:report_id>", views.verify, name="report-verify"),
]
