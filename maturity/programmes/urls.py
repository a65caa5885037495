"""Pages of the smart-city programmes registry (signed in) and the public list of shared
programmes of verified regions (no sign-in), mounted at the site root."""

from django.urls import path

from maturity.programmes import views

urlpatterns = [
    path("programmes/", views.programme_list, name="programmes"),
    path("programmes/new/", views.programme_create, name="programme-create"),
    path("programmes/<int:pk>/", views.programme_detail, name="programme-detail"),
    path("programmes/<int:pk>/edit/", views.programme_edit, name="programme-edit"),
    path("programmes/<int:pk>/delete/", views.programme_delete, name="programme-delete"),
    path("programmes/<int:pk>/cite/", views.programme_cite, name="programme-cite"),
    path("programmes/<int:pk>/files/", views.programme_file_upload, name="programme-file-upload"),
    path(
        "programmes/<int:pk>/files/<int:fid>/download/",
        views.programme_file_download,
        name="programme-file-download",
    ),
    path(
        "programmes/<int:pk>/files/<int:fid>/delete/",
        views.programme_file_delete,
        name="programme-file-delete",
    ),
    path("open/programmes/", views.public_list, name="public-programmes"),
    path("open/programmes/<int:pk>/", views.public_detail, name="public-programme-detail"),
]
