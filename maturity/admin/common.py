"""What the maturity admin modules share: who manages frameworks, draft checks, read-only admins."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from cities import access
from maturity.frameworks.models import Framework, FrameworkStatus


def manages_frameworks(request: HttpRequest) -> bool:
    return access.can(request.user, access.MANAGE_FRAMEWORKS)


def is_draft(framework: Framework | None) -> bool:
    return framework is not None and framework.status == FrameworkStatus.DRAFT


class ReadOnlyAdminMixin:
    """Shown, never added, changed or deleted here."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
