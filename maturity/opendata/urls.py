"""Open data routes, mounted at /open/ (public, no sign-in)."""

from django.urls import path

from maturity.opendata import views

urlpatterns = [
    path("", views.index, name="open-index"),
    path("data-dictionary/", views.data_dictionary, name="open-data-dictionary"),
    path("cycles/<int:pk>/scores.csv", views.cycle_scores_csv, name="open-cycle-scores-csv"),
    path(
        "cycles/<int:pk>/scores.json",
        views.cycle_scores_json,
        name="open-cycle-scores-json",
    ),
]
