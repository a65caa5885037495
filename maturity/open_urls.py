"""Open data routes, mounted at /open/ (public, no sign-in)."""

from django.urls import path

from maturity import open_views

urlpatterns = [
    path("", open_views.index, name="open-index"),
    path("data-dictionary/", open_views.data_dictionary, name="open-data-dictionary"),
    path("cycles/<int:pk>/scores.csv", open_views.cycle_scores_csv, name="open-cycle-scores-csv"),
    path(
        "cycles/<int:pk>/scores.json",
        open_views.cycle_scores_json,
        name="open-cycle-scores-json",
    ),
]
