"""Account pages. Sign-in goes through Django's LoginView, so django-axes counts every failure."""

from __future__ import annotations

from typing import cast

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from rest_framework.authtoken.models import Token

from cities import access
from cities.models import Membership
from cities.services import regenerate_api_token


class SignInView(auth_views.LoginView):
    template_name = "registration/login.html"
    redirect_authenticated_user = True


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    """Who I am, where I have a role, and my API token (shown only to me)."""
    token = Token.objects.filter(user=request.user).first()
    user = cast(User, request.user)  # @login_required: a signed-in User
    memberships = Membership.objects.filter(user=user).select_related("region").order_by("role")
    return render(
        request,
        "cities/profile.html",
        {
            "token": token,
            "memberships": memberships,
            "is_ministry": access.is_ministry(request.user),
        },
    )


@login_required
@require_POST
def regenerate_token(request: HttpRequest) -> HttpResponse:
    """Replace the API token: the old one stops working at once."""
    regenerate_api_token(user=cast(User, request.user))
    messages.success(request, _("Token API baru telah dibuat. Token lama tidak berlaku lagi."))
    return redirect("profile")
