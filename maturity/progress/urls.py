"""Pages of a region's progress and plan."""

from django.urls import path

from maturity.progress import views

urlpatterns = [
    path("regions/<str:code>/progress/", views.region_progress, name="region-progress"),
    path("regions/<str:code>/plan/adopt/", views.adopt_step, name="region-plan-adopt"),
    path(
        "regions/<str:code>/plan/<int:step_id>/remove/",
        views.remove_step,
        name="region-plan-remove",
    ),
]
