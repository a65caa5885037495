"""Pages for the answers spreadsheet of an assessment: download it, upload it filled in, see the
preview of what would change, and apply it.

Ways in only: the assessment is found through the person's scope (404 otherwise), and
:mod:`maturity.spreadsheets` decides everything else (403 for people who may not import, the
file's and rows' problems, conflicts). Between the preview and the apply, the rows that were
read stay in the person's session, so what is applied is exactly what the preview showed (worked
out again under lock: a change by someone else in between turns the row into a conflict).
"""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from cities import access, errors, pages
from maturity.assessments import selectors
from maturity.assessments.models import Assessment
from maturity.exchange import columns, export, reading, services

SESSION_KEY = "spreadsheet-import-{pk}"


def _assessment(request: HttpRequest, pk: int) -> Assessment:
    return get_object_or_404(selectors.assessments_for(request.user), pk=pk)


def _attachment(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _messages(error: errors.Invalid | ValidationError) -> list[str]:
    """Every message of a refused upload, for the list above the form."""
    return [message for messages in pages.error_fields(error).values() for message in messages]


def _page(
    request: HttpRequest,
    assessment: Assessment,
    *,
    problems: list[str] | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {
        "assessment": assessment,
        "may_import": access.can(request.user, access.REGION_EDIT, assessment.region),
        "editable": selectors.is_open_for_editing(assessment),
        "errors": list(problems or ()),
        "max_rows": reading.MAX_ROWS,
        "max_megabytes": reading.MAX_UPLOAD_BYTES // (1024 * 1024),
    }
    return render(request, "maturity/spreadsheet/page.html", context, status=status)


@login_required
@require_safe
def spreadsheet(request: HttpRequest, pk: int) -> HttpResponse:
    """Download buttons, and the upload form for the region's CSCO and contributors."""
    return _page(request, _assessment(request, pk))


@login_required
@require_safe
def download_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _assessment(request, pk)
    content = export.build_answers_workbook(assessment, pages.language())
    return _attachment(
        content,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        export.export_filename(assessment, "xlsx"),
    )


@login_required
@require_safe
def download_csv(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _assessment(request, pk)
    content = export.build_answers_csv(assessment, pages.language())
    return _attachment(
        content, "text/csv; charset=utf-8", export.export_filename(assessment, "csv")
    )


FIELD_HEADINGS = {c.key: c for c in columns.COLUMNS}


def _outcome_label(outcome: str) -> str:
    labels = {
        services.NEW: _("Baru"),
        services.CHANGED: _("Berubah"),
        services.UNCHANGED: _("Tidak berubah"),
        services.BLANK: _("Kosong"),
        services.CONFLICT: _("Konflik"),
        services.ERROR: _("Kesalahan"),
    }
    return labels.get(outcome, outcome)


def _text(snapshot: dict[str, Any] | None, key: str) -> str:
    if not snapshot:
        return ""
    value = snapshot.get(key)
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return _("ya") if value else _("tidak")
    return str(value)


def _heading(key: str) -> str:
    column = FIELD_HEADINGS.get(key)
    return column.heading(pages.language()) if column else key


def _preview_context(preview: services.Preview) -> dict[str, Any]:
    """The preview as rows a template shows: messages in the person's language."""
    rows = []
    for row in preview.rows:
        if row.outcome in (services.UNCHANGED, services.BLANK):
            continue
        rows.append(
            {
                "row": row.row,
                "indicator": row.indicator,
                "outcome": row.outcome,
                "label": _outcome_label(row.outcome),
                "changes": [
                    {
                        "field": _heading(key),
                        "before": _text(row.before, key),
                        "after": _text(row.after, key),
                    }
                    for key in row.changes
                ],
                "errors": [
                    {
                        "column": e.column or "",
                        "field": _heading(e.field),
                        "message": e.message,
                    }
                    for e in row.errors
                ],
            }
        )
    return {
        "preview": preview,
        "summary": [
            {"outcome": outcome, "label": _outcome_label(outcome), "count": count}
            for outcome, count in preview.summary.items()
        ],
        "rows": rows,
        "to_save": len(preview.to_save),
    }


def _render_preview(
    request: HttpRequest,
    assessment: Assessment,
    preview: services.Preview,
    *,
    token: str = "",
    status: int = 200,
) -> HttpResponse:
    context = {"assessment": assessment, "token": token, **_preview_context(preview)}
    return render(request, "maturity/spreadsheet/preview.html", context, status=status)


@login_required
@require_POST
def preview(request: HttpRequest, pk: int) -> HttpResponse:
    """Read the uploaded file and show what it would change; nothing is saved yet."""
    assessment = _assessment(request, pk)
    try:
        result = services.preview_upload(
            user=request.user, assessment=assessment, upload=request.FILES.get("file")
        )
    except (errors.Invalid, ValidationError) as error:
        return _page(request, assessment, problems=_messages(error), status=400)
    token = uuid.uuid4().hex
    request.session[SESSION_KEY.format(pk=assessment.pk)] = {
        "token": token,
        "parsed": result.parsed.to_json(),
    }
    return _render_preview(request, assessment, result, token=token)


@login_required
@require_POST
def apply(request: HttpRequest, pk: int) -> HttpResponse:
    """Save what the preview showed, in one transaction (all rows or none)."""
    assessment = _assessment(request, pk)
    services.check_may_import(user=request.user, assessment=assessment)
    key = SESSION_KEY.format(pk=assessment.pk)
    stored = request.session.get(key)
    if not stored or stored.get("token") != request.POST.get("token"):
        messages.error(
            request, _("Pratinjau tidak ditemukan atau sudah dipakai; unggah berkas lagi.")
        )
        return redirect("spreadsheet", pk=assessment.pk)
    parsed = reading.ParsedUpload.from_json(stored["parsed"])
    try:
        result = services.apply_import(user=request.user, assessment=assessment, parsed=parsed)
    except services.ImportHasConflicts as error:
        del request.session[key]
        return _render_preview(request, assessment, error.preview, status=409)
    except services.ImportHasErrors as error:
        del request.session[key]
        return _render_preview(request, assessment, error.preview, status=400)
    except errors.Conflict as error:
        return _page(request, assessment, problems=[pages.error_message(error)], status=409)
    except (errors.Invalid, ValidationError) as error:
        return _page(request, assessment, problems=_messages(error), status=400)
    del request.session[key]
    saved = len(result.to_save)
    messages.success(
        request,
        _("%(count)s jawaban dari %(name)s disimpan.") % {"count": saved, "name": parsed.name},
    )
    return redirect("questionnaire", pk=assessment.pk)
