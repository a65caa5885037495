"""Accounts and regions endpoints (API.md "Accounts", "Regions"): thin ways in to the services."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import authenticate, user_logged_in
from django.contrib.auth.models import User
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.exceptions import Throttled
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from cities import access, errors, lockout, selectors, services
from cities.api import serializers as s
from cities.api.pagination import StandardPagination, paginated

WRONG_CREDENTIALS = _("Nama pengguna atau kata sandi salah.")
TOO_MANY_REQUESTS = _("Terlalu banyak permintaan masuk dari alamat ini; coba lagi sebentar lagi.")


def _require(request: Request, action: str) -> None:
    access.require(request.user, action)


class TokenView(APIView):
    """Exchange a username and password for an API token.

    Failed attempts are counted by django-axes: ``authenticate`` gets the Django request so that
    axes records the failure and, past the limit, refuses even the right password (429).
    """

    authentication_classes: list[type] = []
    permission_classes = [AllowAny]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "sign_in"

    @extend_schema(request=s.TokenInputSerializer, responses={200: s.TokenOutputSerializer})
    def post(self, request: Request) -> Response | HttpResponse:
        given = s.TokenInputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        django_request = request._request  # axes marks this object; its middleware reads it
        user = authenticate(
            request=django_request,
            username=given.validated_data["username"],
            password=given.validated_data["password"],
        )
        if user is None:
            if getattr(django_request, "axes_locked_out", False):
                return lockout.lockout_response(django_request)
            return Response(
                {"detail": str(WRONG_CREDENTIALS), "code": "wrong_credentials"},
                status=status.HTTP_400_BAD_REQUEST,
            )
        # As a session sign-in would: last_login moves, axes clears this user's failures.
        user_logged_in.send(sender=user.__class__, request=django_request, user=user)
        token = services.get_or_create_token(user=user)
        return Response(s.TokenOutputSerializer({"token": token}).data)

    def throttled(self, request: Request, wait: float | None) -> None:
        raise Throttled(wait, detail=str(TOO_MANY_REQUESTS))


class MeView(APIView):
    """Who am I: username, name, email, and the roles I hold where."""

    @extend_schema(responses=s.MeOutputSerializer)
    def get(self, request: Request) -> Response:
        me = selectors.users_with_memberships().get(pk=request.user.pk)
        return Response(s.MeOutputSerializer(me).data)


class UserListView(APIView):
    """People and their memberships; ministry admins only."""

    pagination_class = StandardPagination  # so the schema shows the paginated shape

    @extend_schema(
        parameters=[s.UserFilterInputSerializer], responses=s.UserOutputSerializer(many=True)
    )
    def get(self, request: Request) -> Response:
        _require(request, access.MANAGE_USERS)
        filters = s.UserFilterInputSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        users = selectors.users_with_memberships(**filters.validated_data)
        return paginated(
            request, self, users, lambda page: s.UserOutputSerializer(page, many=True).data
        )

    @extend_schema(request=s.UserCreateInputSerializer, responses={201: s.UserOutputSerializer})
    def post(self, request: Request) -> Response:
        _require(request, access.MANAGE_USERS)
        given = s.UserCreateInputSerializer(data=request.data)
        if not given.is_valid():
            raise errors.Invalid(_with_account_problems(given.errors, request.data))
        data = given.validated_data
        user = services.create_member(
            username=data["username"],
            password=data["password"],
            email=data["email"],
            first_name=data["name"],
            memberships=data["memberships"],
        )
        created = selectors.users_with_memberships().get(pk=user.pk)
        return Response(s.UserOutputSerializer(created).data, status=status.HTTP_201_CREATED)


def _with_account_problems(shape: Any, body: Any) -> dict[str, list[str]]:
    """The input's own problems, and the account's (a taken username, a weak password) where the
    field itself was well formed: every problem in one answer."""
    problems = {field: [str(m) for m in messages] for field, messages in shape.items()}
    body = body if isinstance(body, dict) else {}
    username, password, email = (body.get(k) for k in ("username", "password", "email"))
    candidate = User(
        username=username.strip() if isinstance(username, str) else "",
        email=email.strip() if isinstance(email, str) and "email" not in problems else "",
    )
    usable_password = password if isinstance(password, str) and "password" not in problems else None
    for field, messages in services.account_problems(candidate, usable_password).items():
        problems.setdefault(field, messages)
    if "memberships" not in problems:
        parsed = s.MembershipsField().to_internal_value(body.get("memberships"))
        for field, messages in services.membership_problems(parsed).items():
            problems.setdefault(field, messages)
    return problems


class UserDetailView(APIView):
    """One person and their memberships; ministry admins only."""

    @extend_schema(responses=s.UserOutputSerializer)
    def get(self, request: Request, pk: int) -> Response:
        _require(request, access.MANAGE_USERS)
        user = get_object_or_404(selectors.users_with_memberships(), pk=pk)
        return Response(s.UserOutputSerializer(user).data)


class RegionListView(APIView):
    """Indonesia's provinces, kabupaten and kota: public reference data for anyone signed in.

    Deliberately not narrowed by ``access.scope``: which regions exist is not secret (the list is
    the ministry's published code table). Scope applies to a region's assessments, answers,
    evidence, programmes and reports, which are served elsewhere.
    """

    pagination_class = StandardPagination

    @extend_schema(
        parameters=[
            s.RegionFilterInputSerializer,
            OpenApiParameter("page", int),
            OpenApiParameter("page_size", int),
        ],
        responses=s.RegionOutputSerializer(many=True),
    )
    def get(self, request: Request) -> Response:
        filters = s.RegionFilterInputSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        regions = selectors.regions_for_listing(**filters.validated_data)
        return paginated(
            request, self, regions, lambda page: s.RegionOutputSerializer(page, many=True).data
        )


class RegionDetailView(APIView):
    """One region by its code (``73.71``)."""

    @extend_schema(responses=s.RegionOutputSerializer)
    def get(self, request: Request, code: str) -> Response:
        region = get_object_or_404(selectors.regions_for_listing(), code=code)
        return Response(s.RegionOutputSerializer(region).data)
