"""Pages of the maturity app, mounted at the site root ('/' is the home page)."""

from django.urls import path

from maturity.assessments import views

urlpatterns = [
    path("", views.home, name="home"),
    path(
        "cycles/<int:cycle_id>/start/<str:region_code>/",
        views.start_assessment,
        name="start",
    ),
    path("assessments/<int:pk>/", views.questionnaire, name="questionnaire"),
    path(
        "assessments/<int:pk>/elements/<str:element>/",
        views.questionnaire,
        name="questionnaire-element",
    ),
    path("assessments/<int:pk>/answers/<str:code>/", views.answer, name="answer"),
    path(
        "assessments/<int:pk>/answers/<str:code>/evidence/",
        views.upload_evidence,
        name="evidence-upload",
    ),
    path(
        "assessments/<int:pk>/evidence/<int:evidence_id>/download/",
        views.download_evidence,
        name="evidence-download",
    ),
    path(
        "assessments/<int:pk>/evidence/<int:evidence_id>/delete/",
        views.delete_evidence,
        name="evidence-delete",
    ),
    path("assessments/<int:pk>/submit/", views.submit, name="submit"),
    path("assessments/<int:pk>/review/", views.review, name="review"),
    path(
        "assessments/<int:pk>/review/elements/<str:element>/",
        views.review,
        name="review-element",
    ),
    path(
        "assessments/<int:pk>/review/indicators/<str:code>/",
        views.save_review,
        name="review-indicator",
    ),
    path("assessments/<int:pk>/return/", views.return_assessment, name="return"),
    path("assessments/<int:pk>/approve/", views.approve, name="approve"),
    path("review/", views.review_queue, name="review-queue"),
]
