"""Pages of verification activities, mounted at the site root."""

from django.urls import path

from maturity.verification import activities_views as views

ACTIVITY = "assessments/<int:pk>/activities/<int:aid>/"

urlpatterns = [
    path("cycles/<int:cycle_id>/activities/", views.calendar, name="activity-calendar"),
    path("assessments/<int:pk>/activities/new/", views.plan, name="activity-plan"),
    path(ACTIVITY, views.detail, name="activity-detail"),
    path(f"{ACTIVITY}edit/", views.edit, name="activity-edit"),
    path(f"{ACTIVITY}confirm/", views.confirm, name="activity-confirm"),
    path(f"{ACTIVITY}cancel/", views.cancel, name="activity-cancel"),
    path(f"{ACTIVITY}record/", views.record, name="activity-record"),
    path(f"{ACTIVITY}files/", views.upload, name="activity-file-upload"),
    path(f"{ACTIVITY}files/<int:fid>/download/", views.download, name="activity-file-download"),
]
