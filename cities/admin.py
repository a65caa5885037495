"""Admin pages for regions, people and their memberships.

Ministry admins (``access.MANAGE_USERS``) manage accounts here without Django model permissions;
superusers as usual. A ministry admin cannot make or edit superusers: the superuser flag, groups
and model permissions are read-only to them, and superuser accounts are out of their reach.
Memberships are saved through ``cities.services.save_membership`` so the admin obeys the same
rules as the API and ``add_member``.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import User
from django.db.models import Model
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from cities import access, errors, services
from cities.models import Membership, Region


def _manages_users(request: HttpRequest) -> bool:
    return (
        request.user.is_active
        and request.user.is_staff
        and access.can(request.user, access.MANAGE_USERS)
    )


class PeopleAdminAccess:
    """Lets ministry admins manage people; everyone else falls back to Django's permissions."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return _manages_users(request) or super().has_module_permission(request)  # type: ignore[misc]

    def has_view_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return _manages_users(request) or super().has_view_permission(request, obj)  # type: ignore[misc]

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return _manages_users(request) or super().has_add_permission(request, *args)  # type: ignore[misc]

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return _manages_users(request) or super().has_change_permission(request, obj)  # type: ignore[misc]

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return _manages_users(request) or super().has_delete_permission(request, obj)  # type: ignore[misc]


# --- Regions -----------------------------------------------------------------------------------


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    """Read-mostly: the list comes from ``load_defaults``; a superuser may correct a name."""

    list_display = ("code", "name", "kind", "province_name")
    list_filter = ("kind",)
    search_fields = ("code", "name", "province_name")
    ordering = ("code",)
    readonly_fields = ("code", "kind", "province_code", "province_name")
    list_per_page = 100

    def has_module_permission(self, request: HttpRequest) -> bool:
        return _manages_users(request) or super().has_module_permission(request)

    def has_view_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return _manages_users(request) or super().has_view_permission(request, obj)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


# --- Memberships -------------------------------------------------------------------------------


def _province_codes(text: str) -> list[str]:
    return [code for code in re.split(r"[\s,;]+", text or "") if code]


class MembershipForm(forms.ModelForm):
    """One membership; the region must match the role (the service's rules, not a copy)."""

    provinces = forms.CharField(
        label=_("Provinsi yang ditugaskan"),
        required=False,
        help_text=_(
            "Kode provinsi dipisah koma, mis. 73, 74 (peninjau/pengamat); kosong berarti semua."
        ),
    )

    class Meta:
        model = Membership
        fields = ("user", "role", "region", "provinces")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.provinces:
            self.initial["provinces"] = ", ".join(self.instance.provinces)

    def clean_provinces(self) -> list[str]:
        return _province_codes(self.cleaned_data.get("provinces", ""))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        role = cleaned.get("role")
        if not role:
            return cleaned
        user = cleaned.get("user") or (self.instance.user if self.instance.user_id else None)
        try:
            services.validate_membership(
                role=role,
                region=cleaned.get("region"),
                provinces=cleaned.get("provinces") or [],
                user=user,
                membership_id=self.instance.pk,
            )
        except errors.Invalid as error:
            for field, messages in error.fields.items():
                if field == "region" and self.has_error("region"):
                    continue  # an unknown region is named already, not also a missing one
                self.add_error(field if field in self.fields else None, messages)
        return cleaned

    def _post_clean(self) -> None:
        # When the rules above have already named the problem by field, skip the model's own
        # validation, which would only add the constraint's generic message beside it.
        if not getattr(self, "_errors", None):
            super()._post_clean()  # type: ignore[misc]


class MembershipInlineFormSet(BaseInlineFormSet):
    def clean(self) -> None:
        super().clean()
        seen: set[tuple[str, int | None]] = set()
        kept = 0
        for form in self.forms:
            if form.cleaned_data.get("DELETE") if hasattr(form, "cleaned_data") else False:
                continue
            if form.has_changed() or form.instance.pk:
                kept += 1  # a membership is kept or given, valid or not (its errors say why)
            if not hasattr(form, "cleaned_data"):
                continue
            role, region = form.cleaned_data.get("role"), form.cleaned_data.get("region")
            if not role:
                continue
            key = (role, region.pk if region else None)
            if key in seen:
                form.add_error("role", services.DUPLICATE_MEMBERSHIP)
            seen.add(key)
        # Like the API: a person holds at least one role (superusers manage without one).
        if not kept and not self.instance.is_superuser:
            raise forms.ValidationError(services.NO_MEMBERSHIP, code="no_membership")


class MembershipInline(PeopleAdminAccess, admin.TabularInline):
    model = Membership
    form = MembershipForm
    formset = MembershipInlineFormSet
    fields = ("role", "region", "provinces")
    autocomplete_fields = ("region",)
    extra = 0


def _save_memberships(request: HttpRequest, formset: Any) -> None:
    instances = formset.save(commit=False)
    for deleted in formset.deleted_objects:
        deleted.delete()
    for membership in instances:
        services.save_membership(membership=membership)


@admin.register(Membership)
class MembershipAdmin(PeopleAdminAccess, admin.ModelAdmin):
    form = MembershipForm
    list_display = ("user", "role", "region", "provinces_text", "created_at")
    list_filter = ("role",)
    search_fields = ("user__username", "user__email", "region__code", "region__name")
    autocomplete_fields = ("user", "region")
    list_select_related = ("user", "region")
    ordering = ("user__username", "role")

    @admin.display(description=_("provinsi"))
    def provinces_text(self, membership: Membership) -> str:
        return ", ".join(membership.provinces or []) or "—"

    def save_model(self, request: HttpRequest, obj: Membership, form: Any, change: bool) -> None:
        services.save_membership(membership=obj)

    def get_queryset(self, request: HttpRequest) -> Any:
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(user__is_superuser=False)


# --- People ------------------------------------------------------------------------------------

admin.site.unregister(User)


@admin.register(User)
class UserAdmin(PeopleAdminAccess, DjangoUserAdmin):
    """Django's user admin with the person's memberships inline."""

    inlines = (MembershipInline,)
    list_display = ("username", "email", "first_name", "roles_text", "is_active", "last_login")
    list_filter = ("is_active", "is_staff", "is_superuser", "memberships__role")

    @admin.display(description=_("peran"))
    def roles_text(self, user: User) -> str:
        return ", ".join(
            f"{m.role} {m.region.code}" if m.region else m.role for m in user.memberships.all()
        )

    def get_queryset(self, request: HttpRequest) -> Any:
        queryset = super().get_queryset(request).prefetch_related("memberships__region")
        if request.user.is_superuser:
            return queryset
        # Superuser accounts are out of a ministry admin's reach (no takeover by password reset).
        return queryset.filter(is_superuser=False)

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        readonly = tuple(super().get_readonly_fields(request, obj))
        if request.user.is_superuser:
            return readonly
        return (*readonly, "is_superuser", "groups", "user_permissions")

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        if formset.model is Membership:
            _save_memberships(request, formset)
        else:
            super().save_formset(request, form, formset, change)
