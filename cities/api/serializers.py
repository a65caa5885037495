"""Input and output serializers of the accounts and regions endpoints (one pair per endpoint)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from cities.models import Membership, Region, RegionKind, Role
from cities.services import MembershipInput

# --- Sign-in ---------------------------------------------------------------------------------


class TokenInputSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150, trim_whitespace=True)
    password = serializers.CharField(max_length=4096, trim_whitespace=False)


class TokenOutputSerializer(serializers.Serializer):
    token = serializers.CharField()


# --- People ----------------------------------------------------------------------------------


class MembershipOutputSerializer(serializers.Serializer):
    role = serializers.CharField()
    region = serializers.SerializerMethodField()
    region_name = serializers.SerializerMethodField()
    provinces = serializers.ListField(child=serializers.CharField())

    def get_region(self, membership: Membership) -> str | None:
        return membership.region.code if membership.region is not None else None

    def get_region_name(self, membership: Membership) -> str | None:
        return membership.region.name if membership.region is not None else None


class MeOutputSerializer(serializers.Serializer):
    username = serializers.CharField()
    name = serializers.CharField(source="get_full_name")
    email = serializers.EmailField()
    is_superuser = serializers.BooleanField()
    memberships = MembershipOutputSerializer(many=True, source="memberships.all")


class UserOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    name = serializers.CharField(source="get_full_name")
    email = serializers.EmailField()
    is_active = serializers.BooleanField()
    is_superuser = serializers.BooleanField()
    memberships = MembershipOutputSerializer(many=True, source="memberships.all")
    date_joined = serializers.DateTimeField()
    last_login = serializers.DateTimeField(allow_null=True)


class MembershipInputSchema(serializers.Serializer):
    """The shape of one membership in a request (for the OpenAPI schema; parsed below)."""

    role = serializers.ChoiceField(choices=Role.choices)
    region = serializers.CharField(allow_null=True, required=False, help_text="e.g. 73.71")
    provinces = serializers.ListField(child=serializers.CharField(), required=False)


@extend_schema_field(MembershipInputSchema(many=True))
class MembershipsField(serializers.Field):
    """A list of ``{"role", "region", "provinces"}``; shape errors are named like the service's
    rule errors, ``memberships[1].region: ...``, so a client gets one flat list of messages."""

    default_error_messages = {
        "not_a_list": gettext_lazy("Harus berupa daftar."),
        "empty": gettext_lazy("Minimal satu keanggotaan."),
    }

    def to_internal_value(self, data: Any) -> list[MembershipInput]:
        if not isinstance(data, list):
            self.fail("not_a_list")
        if not data:
            self.fail("empty")
        errors: list[str] = []
        result: list[MembershipInput] = []
        for index, item in enumerate(data):
            where = f"memberships[{index}]"
            if not isinstance(item, dict):
                errors.append(_("%(where)s: harus berupa objek") % {"where": where})
                continue
            unknown = sorted(set(item) - {"role", "region", "provinces"})
            if unknown:
                errors.append(
                    _("%(where)s: kolom tidak dikenal: %(fields)s")
                    % {"where": where, "fields": unknown}
                )
            role = item.get("role")
            if not isinstance(role, str) or not role:
                errors.append(_("%(where)s.role: wajib diisi (nama peran)") % {"where": where})
            region = item.get("region")
            if region is not None and not isinstance(region, str):
                errors.append(
                    _("%(where)s.region: harus kode wilayah atau null") % {"where": where}
                )
            provinces = item.get("provinces", [])
            if not isinstance(provinces, list) or not all(isinstance(p, str) for p in provinces):
                errors.append(_("%(where)s.provinces: harus daftar kode") % {"where": where})
                provinces = []
            region_code = region.strip() if isinstance(region, str) else ""
            result.append(
                MembershipInput(
                    role=role.strip() if isinstance(role, str) else "",
                    region_code=region_code or None,
                    provinces=tuple(p.strip() for p in provinces),
                )
            )
        if errors:
            raise serializers.ValidationError(errors)
        return result

    def to_representation(self, value: Any) -> Any:
        # Input only: responses describe memberships with their own output serializer.
        return value


class UserCreateInputSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=4096, trim_whitespace=False)
    email = serializers.EmailField(required=False, allow_blank=True, default="")
    name = serializers.CharField(required=False, allow_blank=True, default="", max_length=150)
    memberships = MembershipsField()


# --- Regions ---------------------------------------------------------------------------------


class RegionOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = Region
        fields = ("code", "name", "kind", "province_code", "province_name")
        read_only_fields = fields


class RegionFilterInputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=RegionKind.choices, required=False)
    province = serializers.CharField(required=False, max_length=4)
    q = serializers.CharField(required=False, max_length=100)


class UserFilterInputSerializer(serializers.Serializer):
    role = serializers.ChoiceField(choices=Role.choices, required=False)
    region = serializers.CharField(required=False, max_length=16)
    q = serializers.CharField(required=False, max_length=150)
