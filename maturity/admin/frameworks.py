"""Admin of framework versions: import, publish, retire, copy; a draft's rows edited in place."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, QuerySet
from django.forms import ModelChoiceField
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from cities import errors, pages
from maturity.admin.common import is_draft, manages_frameworks
from maturity.frameworks import export as frameworks_export
from maturity.frameworks import services
from maturity.frameworks.format import FrameworkFormatError
from maturity.frameworks.models import Element, Framework, Indicator, Theme

# How many of a draft's problems are shown as a warning on its page.
PROBLEMS_SHOWN = 10


# --- Frameworks -----------------------------------------------------------------------------------


class DraftChildInline(admin.TabularInline):
    """Rows of a framework: corrected while it is a draft, read-only once published."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return manages_frameworks(request) and is_draft(obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return manages_frameworks(request) or super().has_view_permission(request, obj)


class ElementInline(DraftChildInline):
    model = Element
    fields = ("position", "code", "title_id", "title_en", "weight")
    ordering = ("position",)


class ThemeInline(DraftChildInline):
    model = Theme
    fk_name = "framework"
    fields = ("position", "element", "code", "title_id", "title_en", "weight")
    readonly_fields = ("element",)
    ordering = ("position",)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Theme]:
        return super().get_queryset(request).select_related("element")


class IndicatorInline(DraftChildInline):
    model = Indicator
    fk_name = "framework"
    fields = ("position", "theme", "code", "iso37122", "kind", "title_id", "weight", "required")
    readonly_fields = ("theme", "kind")
    ordering = ("position",)
    show_change_link = True

    def get_queryset(self, request: HttpRequest) -> QuerySet[Indicator]:
        return super().get_queryset(request).select_related("theme")


def _messages_of(error: errors.Invalid) -> list[str]:
    """Every message of a refusal, whatever field it names (the admin's forms have one field)."""
    return [message for messages in pages.error_fields(error).values() for message in messages]


class FrameworkImportForm(forms.Form):
    file = forms.FileField(label=_("Berkas kerangka (YAML)"))
    publish = forms.BooleanField(
        label=_("Terbitkan langsung"),
        required=False,
    )


class FrameworkCopyForm(forms.Form):
    version = forms.CharField(
        label=_("Versi baru"),
        max_length=50,
        help_text=_('Misalnya "2027.1"'),
    )


@admin.register(Framework)
class FrameworkAdmin(admin.ModelAdmin):
    list_display = (
        "code",
        "version",
        "title_id",
        "status",
        "indicator_count",
        "published_at",
        "retired_at",
    )
    list_display_links = ("code", "version")
    list_filter = ("status", "code")
    search_fields = ("code", "version", "title_id", "title_en")
    ordering = ("code", "-created_at")
    inlines = (ElementInline, ThemeInline, IndicatorInline)
    actions = ("publish_selected", "retire_selected", "copy_selected", "export_selected")
    readonly_fields = ("status", "created_at", "created_by", "published_at", "retired_at")
    fieldsets = (
        (None, {"fields": ("code", "version", "previous_version", "status")}),
        (
            _("Judul dan uraian"),
            {"fields": ("title_id", "title_en", "description_id", "description_en")},
        ),
        (
            _("Tingkat dan batas indeks"),
            {"fields": ("levels", "index_bands")},
        ),
        (
            _("Riwayat"),
            {"fields": ("created_at", "created_by", "published_at", "retired_at")},
        ),
    )

    # Permissions: the one policy decides; a version that is not a draft is read-only.

    def has_manage_permission(self, request: HttpRequest) -> bool:
        return manages_frameworks(request)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return manages_frameworks(request) or super().has_module_permission(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return manages_frameworks(request) or super().has_view_permission(request, obj)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # a version is created by importing a file or copying a published one

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if not manages_frameworks(request):
            return False
        return obj is None or is_draft(obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return manages_frameworks(request) and is_draft(obj)

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        found = super().get_actions(request)
        found.pop("delete_selected", None)  # only a single draft is deleted, from its own page
        return found

    def get_queryset(self, request: HttpRequest) -> QuerySet[Framework]:
        return (
            super()
            .get_queryset(request)
            .select_related("created_by")
            .annotate(indicators_total=Count("indicators"))
        )

    @admin.display(description=_("Jumlah indikator"), ordering="indicators_total")
    def indicator_count(self, framework: Framework) -> int:
        return int(getattr(framework, "indicators_total", 0))

    def save_model(self, request: HttpRequest, obj: Framework, form: Any, change: bool) -> None:
        self._ensure_editable(obj)
        super().save_model(request, obj, form, change)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        self._ensure_editable(form.instance)
        super().save_formset(request, form, formset, change)

    def delete_model(self, request: HttpRequest, obj: Framework) -> None:
        self._ensure_editable(obj)
        super().delete_model(request, obj)

    @staticmethod
    def _ensure_editable(framework: Framework) -> None:
        try:
            services.ensure_editable(framework)
        except services.FrameworkImmutable:
            raise PermissionDenied

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        framework = self.get_object(request, object_id)
        if request.method == "GET" and is_draft(framework) and manages_frameworks(request):
            assert framework is not None
            self._warn_problems(request, framework)
        context = {**(extra_context or {}), "can_manage": manages_frameworks(request)}
        return super().change_view(request, object_id, form_url, context)

    def _warn_problems(self, request: HttpRequest, framework: Framework) -> None:
        problems = frameworks_export.framework_problems(framework)
        if not problems:
            return
        listed = "; ".join(str(problem) for problem in problems[:PROBLEMS_SHOWN])
        more = len(problems) - PROBLEMS_SHOWN
        if more > 0:
            listed += f"; … (+{more})"
        self.message_user(
            request,
            _("Draf ini belum dapat diterbitkan: %(problems)s") % {"problems": listed},
            messages.WARNING,
        )

    # Pages of our own: import, export, copy, publish, retire.

    def get_urls(self) -> list[URLPattern]:
        wrap = self.admin_site.admin_view
        own = [
            path("import/", wrap(self.import_view), name="maturity_framework_import"),
            path(
                "<path:object_id>/export/",
                wrap(self.export_view),
                name="maturity_framework_export",
            ),
            path("<path:object_id>/copy/", wrap(self.copy_view), name="maturity_framework_copy"),
            path(
                "<path:object_id>/publish/",
                wrap(require_POST(self.publish_view)),
                name="maturity_framework_publish",
            ),
            path(
                "<path:object_id>/retire/",
                wrap(require_POST(self.retire_view)),
                name="maturity_framework_retire",
            ),
        ]
        return own + super().get_urls()

    def _require_manager(self, request: HttpRequest) -> None:
        if not manages_frameworks(request):
            raise PermissionDenied

    def _change_url(self, framework: Framework) -> str:
        return reverse("admin:maturity_framework_change", args=[framework.pk])

    def import_view(self, request: HttpRequest) -> HttpResponse:
        """Upload a framework file; a refused file is shown with every problem."""
        self._require_manager(request)
        problems: list[Any] = []
        if request.method == "POST":
            form = FrameworkImportForm(request.POST, request.FILES)
            if form.is_valid():
                try:
                    framework = services.import_framework(
                        text=form.cleaned_data["file"].read(),
                        publish=form.cleaned_data["publish"],
                        user=request.user,  # type: ignore[arg-type]
                    )
                except FrameworkFormatError as error:
                    problems = error.problems
                except errors.Invalid as error:
                    for message in _messages_of(error):
                        form.add_error("file", message)
                else:
                    self.message_user(
                        request,
                        _("Kerangka %(name)s dimuat.") % {"name": framework},
                        messages.SUCCESS,
                    )
                    return HttpResponseRedirect(self._change_url(framework))
        else:
            form = FrameworkImportForm()
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Impor kerangka"),
            "form": form,
            "problems": problems,
        }
        return TemplateResponse(request, "admin/maturity/framework/import.html", context)

    def export_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """Download a version as its YAML file."""
        framework = get_object_or_404(self.get_queryset(request), pk=object_id)
        if not self.has_view_permission(request, framework):
            raise PermissionDenied
        return self._download(framework)

    @staticmethod
    def _download(framework: Framework) -> HttpResponse:
        response = HttpResponse(
            frameworks_export.export_framework(framework),
            content_type="application/yaml; charset=utf-8",
        )
        filename = frameworks_export.export_filename(framework)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

    def copy_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """Start a new draft version as a copy of a published one."""
        self._require_manager(request)
        framework = get_object_or_404(self.get_queryset(request), pk=object_id)
        if request.method == "POST":
            form = FrameworkCopyForm(request.POST)
            if form.is_valid():
                try:
                    copy = services.copy_framework(
                        framework=framework,
                        version=form.cleaned_data["version"],
                        user=request.user,  # type: ignore[arg-type]
                    )
                except services.FrameworkConflict as error:
                    self.message_user(request, error.message, messages.ERROR)
                    return HttpResponseRedirect(self._change_url(framework))
                except errors.Invalid as error:
                    for message in _messages_of(error):
                        form.add_error("version", message)
                else:
                    self.message_user(
                        request,
                        _("Draf %(copy)s dibuat dari %(source)s.")
                        % {"copy": copy, "source": framework},
                        messages.SUCCESS,
                    )
                    return HttpResponseRedirect(self._change_url(copy))
        else:
            form = FrameworkCopyForm()
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": framework,
            "title": _("Salin %(name)s sebagai versi baru") % {"name": framework},
            "form": form,
        }
        return TemplateResponse(request, "admin/maturity/framework/copy.html", context)

    def publish_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        self._require_manager(request)
        framework = get_object_or_404(self.get_queryset(request), pk=object_id)
        self._publish(request, framework)
        return HttpResponseRedirect(self._change_url(framework))

    def retire_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        self._require_manager(request)
        framework = get_object_or_404(self.get_queryset(request), pk=object_id)
        self._retire(request, framework)
        return HttpResponseRedirect(self._change_url(framework))

    def _publish(self, request: HttpRequest, framework: Framework) -> bool:
        try:
            services.publish_framework(framework=framework, user=request.user)  # type: ignore[arg-type]
        except services.FrameworkConflict as error:
            self.message_user(request, error.message, messages.ERROR)
            return False
        except FrameworkFormatError as error:
            listed = "; ".join(str(problem) for problem in error.problems[:PROBLEMS_SHOWN])
            self.message_user(
                request,
                _("%(name)s tidak diterbitkan: %(problems)s")
                % {"name": framework, "problems": listed},
                messages.ERROR,
            )
            return False
        self.message_user(
            request,
            _("%(name)s diterbitkan.") % {"name": framework},
            messages.SUCCESS,
        )
        return True

    def _retire(self, request: HttpRequest, framework: Framework) -> bool:
        try:
            services.retire_framework(framework=framework, user=request.user)  # type: ignore[arg-type]
        except services.FrameworkConflict as error:
            self.message_user(request, error.message, messages.ERROR)
            return False
        self.message_user(
            request,
            _("%(name)s dipensiunkan.") % {"name": framework},
            messages.SUCCESS,
        )
        return True

    # Actions on the list.

    @admin.action(description=_("Terbitkan"), permissions=["manage"])
    def publish_selected(self, request: HttpRequest, queryset: QuerySet[Framework]) -> None:
        for framework in queryset:
            self._publish(request, framework)

    @admin.action(description=_("Pensiunkan"), permissions=["manage"])
    def retire_selected(self, request: HttpRequest, queryset: QuerySet[Framework]) -> None:
        for framework in queryset:
            self._retire(request, framework)

    @admin.action(description=_("Salin sebagai versi baru"), permissions=["manage"])
    def copy_selected(
        self, request: HttpRequest, queryset: QuerySet[Framework]
    ) -> HttpResponse | None:
        framework = self._single(request, queryset)
        if framework is None:
            return None
        return HttpResponseRedirect(reverse("admin:maturity_framework_copy", args=[framework.pk]))

    @admin.action(description=_("Ekspor berkas YAML"), permissions=["view"])
    def export_selected(
        self, request: HttpRequest, queryset: QuerySet[Framework]
    ) -> HttpResponse | None:
        framework = self._single(request, queryset)
        if framework is None:
            return None
        return self._download(framework)

    def _single(self, request: HttpRequest, queryset: QuerySet[Framework]) -> Framework | None:
        if queryset.count() != 1:
            self.message_user(
                request,
                _("Pilih tepat satu versi."),
                messages.WARNING,
            )
            return None
        return queryset.first()


class FrameworkRowAdmin(admin.ModelAdmin):
    """Themes and indicators: opened from their framework, corrected only in a draft."""

    readonly_fields = ("framework",)
    parent_field = ""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_module_permission(self, request: HttpRequest) -> bool:
        return manages_frameworks(request) or super().has_module_permission(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return manages_frameworks(request) or super().has_view_permission(request, obj)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if not manages_frameworks(request):
            return False
        return obj is None or is_draft(obj.framework)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        form = super().get_form(request, obj, change=change, **kwargs)
        field = form.base_fields.get(self.parent_field)
        if obj is not None and isinstance(field, ModelChoiceField):
            # A row moves only within its own framework.
            parent_model = self.model._meta.get_field(self.parent_field).related_model
            field.queryset = parent_model._default_manager.filter(framework=obj.framework)
        return form

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        FrameworkAdmin._ensure_editable(obj.framework)
        super().save_model(request, obj, form, change)


@admin.register(Theme)
class ThemeAdmin(FrameworkRowAdmin):
    list_display = ("code", "title_id", "element", "framework", "weight")
    list_select_related = ("framework", "element")
    list_filter = ("framework",)
    search_fields = ("code", "title_id", "title_en")
    fields = ("framework", "element", "code", "title_id", "title_en", "weight", "position")
    parent_field = "element"


@admin.register(Indicator)
class IndicatorAdmin(FrameworkRowAdmin):
    list_display = ("code", "iso37122", "title_id", "kind", "theme", "framework", "weight")
    list_select_related = ("framework", "theme")
    list_filter = ("framework", "kind", "required", "evidence_required")
    search_fields = ("code", "iso37122", "title_id", "title_en")
    parent_field = "theme"
    fieldsets = (
        (None, {"fields": ("framework", "theme", "code", "iso37122", "kind", "position")}),
        (
            _("Judul dan panduan"),
            {"fields": ("title_id", "title_en", "guidance_id", "guidance_en")},
        ),
        (
            _("Kuantitatif"),
            {"fields": ("unit", "direction", "thresholds", "allow_negative")},
        ),
        (_("Rubrik"), {"fields": ("rubric",)}),
        (_("Ya/tidak"), {"fields": ("yes_level", "no_level")}),
        (
            _("Bobot dan syarat"),
            {"fields": ("weight", "required", "evidence_required", "continues")},
        ),
    )
