"""API v1 routes for accounts and regions (mounted under /api/v1/)."""

from django.urls import path

from cities.api import views

urlpatterns = [
    path("auth/token/", views.TokenView.as_view(), name="auth-token"),
    path("me/", views.MeView.as_view(), name="me"),
    path("users/", views.UserListView.as_view(), name="user-list"),
    path("users/<int:pk>/", views.UserDetailView.as_view(), name="user-detail"),
    path("regions/", views.RegionListView.as_view(), name="region-list"),
    path("regions/<str:code>/", views.RegionDetailView.as_view(), name="region-detail"),
]
