"""Importing answers from a spreadsheet: preview every row, then apply all or nothing."""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cities import access, errors
from cities.access import AnyUser
from maturity.assessments import selectors, validation
from maturity.assessments.models import Answer, Assessment
from maturity.assessments.services import answers as services_answers
from maturity.assessments.services import history as services_history
from maturity.exchange.columns import ANSWER_FIELDS, COLUMN_BY_KEY, LETTER
from maturity.exchange.reading import (
    CellProblem,
    ParsedUpload,
    SheetRow,
    _refuse,
    parse_answers_upload,
)
from maturity.frameworks.models import Indicator

IMPORTED = "answers.imported"


# --- Preview --------------------------------------------------------------------------------------

NEW = "new"
CHANGED = "changed"
UNCHANGED = "unchanged"
BLANK = "blank"
CONFLICT = "conflict"
ERROR = "error"
OUTCOMES = (NEW, CHANGED, UNCHANGED, BLANK, CONFLICT, ERROR)


@dataclass
class PreviewRow:
    """What importing one row would do."""

    row: int
    indicator: str
    outcome: str
    changes: list[str] = field(default_factory=list)
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None
    errors: list[CellProblem] = field(default_factory=list)
    item: dict[str, Any] | None = None  # the answer body to save (new and changed rows)

    def to_dict(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "indicator": self.indicator,
            "outcome": self.outcome,
            "changes": self.changes,
            "before": self.before,
            "after": self.after,
            "errors": [e.to_dict() for e in self.errors],
        }


@dataclass
class Preview:
    """The outcome of every row of an upload, before (or after) it is applied."""

    parsed: ParsedUpload
    assessment: Assessment
    rows: list[PreviewRow]
    editable: bool
    applied: bool = False
    change_set: uuid.UUID | None = None

    def count(self, outcome: str) -> int:
        return sum(1 for row in self.rows if row.outcome == outcome)

    @property
    def summary(self) -> dict[str, int]:
        return {outcome: self.count(outcome) for outcome in OUTCOMES}

    @property
    def errors(self) -> list[CellProblem]:
        return [problem for row in self.rows for problem in row.errors]

    @property
    def conflicts(self) -> list[PreviewRow]:
        return [row for row in self.rows if row.outcome == CONFLICT]

    @property
    def to_save(self) -> list[PreviewRow]:
        return [row for row in self.rows if row.outcome in (NEW, CHANGED)]

    @property
    def can_apply(self) -> bool:
        return self.editable and not self.applied and not self.errors and not self.conflicts

    def to_dict(self) -> dict[str, Any]:
        return {
            "assessment": self.assessment.pk,
            "file": {
                "name": self.parsed.name,
                "format": self.parsed.format,
                "sha256": self.parsed.sha256,
                "rows": len(self.parsed.rows),
            },
            "editable": self.editable,
            "can_apply": self.can_apply,
            "applied": self.applied,
            "change_set": str(self.change_set) if self.change_set else None,
            "summary": self.summary,
            "rows": [row.to_dict() for row in self.rows],
            "errors": [problem.to_dict() for problem in self.errors],
            "conflicts": [
                {
                    "row": row.row,
                    "indicator": row.indicator,
                    "version": (row.item or {}).get("version"),
                    "current": row.before,
                    "uploaded": row.after,
                }
                for row in self.conflicts
            ],
        }


def check_may_import(*, user: AnyUser, assessment: Assessment) -> None:
    """403 unless ``user`` may change the assessment's answers (its CSCO or a contributor)."""
    if not access.can(user, access.REGION_EDIT, assessment.region):
        raise errors.Forbidden(
            _("Hanya CSCO dan kontributor wilayah yang dapat mengimpor jawaban.")
        )


def _answer_body(values: Mapping[str, Any]) -> dict[str, Any]:
    return {key: values.get(key) for key in ANSWER_FIELDS}


_COMPARED = (
    "status",
    "value",
    "numerator",
    "denominator",
    "justification",
    "comment",
    "source",
    "year",
    "quality",
)


def _compare(before: Mapping[str, Any] | None, after: Mapping[str, Any]) -> list[str]:
    if before is None:
        return [key for key in _COMPARED if after.get(key) not in (None, "")]
    return [key for key in _COMPARED if before.get(key) != after.get(key)]


def _problem_for(row: SheetRow, name: str, messages: list[str]) -> list[CellProblem]:
    column = LETTER.get(name)
    if name not in COLUMN_BY_KEY:
        column = LETTER["status"] if name in _NON_FIELD_KEYS else None
    return [CellProblem(row.number, column, name, message) for message in messages]


#: The keys a message that belongs to no column comes under (shown on the status column).
_NON_FIELD_KEYS = (errors.NON_FIELD, "non_field_errors", "__all__")


def _fields_of(error: errors.Invalid | ValidationError) -> dict[str, list[str]]:
    """A refusal's messages by field, from the product's error or Django's."""
    if isinstance(error, errors.Invalid):
        return error.fields
    if hasattr(error, "error_dict"):
        return dict(error.message_dict)
    return {errors.NON_FIELD: list(error.messages)}


def _preview_row(
    row: SheetRow,
    *,
    indicators: Mapping[str, Indicator],
    current: Mapping[int, Answer],
    seen: dict[str, int],
) -> PreviewRow:
    code_raw = row.values.get("indicator")
    code = str(code_raw).strip() if code_raw is not None else ""
    result = PreviewRow(row=row.number, indicator=code, outcome=ERROR, errors=list(row.problems))
    indicator = _row_indicator(row, code, indicators, seen, result)
    if indicator is None:
        return result
    answer = current.get(indicator.pk)
    if row.blank and answer is None:
        result.outcome = BLANK
        return result
    expected, clean = _validate_row(row, indicator, result)
    if result.errors or clean is None:
        return result
    uploaded = Answer(indicator=indicator, version=expected or 0, **clean)
    _compare_row(result, row, answer, uploaded, expected)
    return result


def _row_indicator(
    row: SheetRow,
    code: str,
    indicators: Mapping[str, Indicator],
    seen: dict[str, int],
    result: PreviewRow,
) -> Indicator | None:
    """The row's indicator; ``None`` (with the row's problem) if unknown or already seen."""
    indicator = indicators.get(code)
    if indicator is None:
        message = (
            _("Kode indikator kosong.")
            if not code
            else _("Indikator '%(code)s' tidak ada dalam kerangka penilaian ini.") % {"code": code}
        )
        result.errors.append(CellProblem(row.number, LETTER["indicator"], "indicator", message))
        return None
    if code in seen:
        message = _("Indikator '%(code)s' sudah muncul di baris %(row)s.") % {
            "code": code,
            "row": seen[code],
        }
        result.errors.append(CellProblem(row.number, LETTER["indicator"], "indicator", message))
        return None
    seen[code] = row.number
    return indicator


def _validate_row(
    row: SheetRow, indicator: Indicator, result: PreviewRow
) -> tuple[int | None, dict[str, Any] | None]:
    """The version the row expects and its answer's clean fields; problems go on ``result``."""
    version_errors: dict[str, list[str]] = {}
    expected = services_answers._expected_version(row.values.get("version"), version_errors)
    for name, messages in version_errors.items():
        result.errors.extend(_problem_for(row, name, messages))
    if any(p.field in ANSWER_FIELDS for p in result.errors):
        return expected, None
    try:
        clean = validation.validate_answer(indicator=indicator, data=_answer_body(row.values))
    except (errors.Invalid, ValidationError) as error:
        for name, messages in _fields_of(error).items():
            result.errors.extend(_problem_for(row, name, messages))
        return expected, None
    return expected, clean.fields()


def _compare_row(
    result: PreviewRow,
    row: SheetRow,
    answer: Answer | None,
    uploaded: Answer,
    expected: int | None,
) -> None:
    """New, changed, unchanged or a conflict: the row's answer against the current one."""
    before = services_history.answer_snapshot(answer)
    after = services_history.answer_snapshot(uploaded)
    assert after is not None
    changes = _compare(before, after)
    result.before, result.after, result.changes = before, after, changes
    if answer is not None and not changes:
        result.outcome = UNCHANGED
        result.before = result.after = None
        return
    result.item = {
        **_answer_body(row.values),
        "indicator": result.indicator,
        "version": expected or 0,
    }
    if answer is None:
        result.outcome = CONFLICT if expected else NEW
    else:
        result.outcome = CHANGED if expected == answer.version else CONFLICT


def _check_meant_for(assessment: Assessment, parsed: ParsedUpload) -> None:
    """Refuse a workbook exported for another assessment (its versions mean nothing here)."""
    if parsed.assessment_id is not None and parsed.assessment_id != assessment.pk:
        raise _refuse(
            _(
                "Buku kerja ini diekspor untuk penilaian lain (wilayah atau siklus lain); ekspor "
                "buku kerja dari penilaian ini."
            )
        )


def _build_preview(assessment: Assessment, parsed: ParsedUpload) -> Preview:
    _check_meant_for(assessment, parsed)
    indicators = {
        i.code: i for i in Indicator.objects.filter(framework_id=assessment.cycle.framework_id)
    }
    current = {a.indicator_id: a for a in Answer.objects.filter(assessment=assessment)}
    seen: dict[str, int] = {}
    rows = [
        _preview_row(row, indicators=indicators, current=current, seen=seen) for row in parsed.rows
    ]
    return Preview(
        parsed=parsed,
        assessment=assessment,
        rows=rows,
        editable=selectors.is_open_for_editing(assessment),
    )


def preview_import(*, user: AnyUser, assessment: Assessment, parsed: ParsedUpload) -> Preview:
    """What importing ``parsed`` into ``assessment`` would do, row by row; nothing is saved.

    Each row is new, changed, unchanged, blank (no answer and nothing filled in), a conflict (its
    ``version`` is not the answer's current one, so saving would overwrite someone's newer
    answer) or an error (with row, column and message; checked by
    :func:`maturity.services.validate_answer`). 403 unless a CSCO or contributor of the region.
    Three queries.
    """
    check_may_import(user=user, assessment=assessment)
    return _build_preview(assessment, parsed)


class ImportHasErrors(errors.Invalid):
    """The upload has rows in error, so nothing was saved; the body is the preview (400)."""

    default_code = "import_has_errors"

    def __init__(self, preview: Preview, message: str) -> None:
        super().__init__(body={"detail": message, **preview.to_dict()})
        self.message = message
        self.preview = preview


class ImportHasConflicts(errors.Conflict):
    """Some rows' versions are stale, so nothing was saved; the body is the preview (409)."""

    default_code = "import_has_conflicts"

    def __init__(self, preview: Preview, message: str) -> None:
        super().__init__(message, body=preview.to_dict())
        self.preview = preview


@transaction.atomic
def apply_import(*, user: AnyUser, assessment: Assessment, parsed: ParsedUpload) -> Preview:
    """Save what the preview of ``parsed`` shows, in one transaction; all rows or none.

    The preview is worked out again with the assessment locked, so it is exactly what gets
    saved. 403 unless a CSCO or contributor; 409 unless the assessment is editable, or
    (:class:`ImportHasConflicts`) when a row's version is stale; 400
    (:class:`ImportHasErrors`) when any row is in error. New and changed rows are written by
    :func:`maturity.services.save_answers_bulk`; their history entries and one
    ``answers.imported`` entry (file name, SHA-256 and counts) share one ``change_set``.
    """
    check_may_import(user=user, assessment=assessment)
    locked = (
        Assessment.objects.select_for_update(of=("self",))
        .select_related("cycle", "cycle__framework", "region")
        .get(pk=assessment.pk)
    )
    if not selectors.is_open_for_editing(locked):
        raise errors.Conflict(
            _(
                "Penilaian tidak dapat diubah sekarang (sudah diajukan atau disetujui, siklus "
                "ditutup, atau tenggat lewat)."
            ),
            code="not_editable",
        )
    preview = _build_preview(locked, parsed)
    _refuse_unless_clean(preview)
    items = [row.item for row in preview.to_save if row.item is not None]
    if items:
        preview.change_set = _save_rows(user, locked, parsed, preview, items)
    preview.applied = True
    assessment.refresh_from_db(fields=["completeness"])
    return preview


def _refuse_unless_clean(preview: Preview) -> None:
    """Nothing is saved from an upload with a row in error (400) or in conflict (409)."""
    if preview.errors:
        raise ImportHasErrors(
            preview, _("Tidak ada yang disimpan: perbaiki kesalahan per baris lalu unggah lagi.")
        )
    if preview.conflicts:
        raise ImportHasConflicts(
            preview,
            _(
                "Tidak ada yang disimpan: sebagian jawaban sudah diubah orang lain sejak berkas "
                "diekspor. Ekspor ulang dan isi lagi baris yang konflik."
            ),
        )


def _save_rows(
    user: AnyUser,
    assessment: Assessment,
    parsed: ParsedUpload,
    preview: Preview,
    items: list[dict[str, Any]],
) -> uuid.UUID:
    """Write the new and changed answers and one ``answers.imported`` entry, one change set."""
    change_set = uuid.uuid4()
    services_answers.save_answers_bulk(
        user=user, assessment=assessment, items=items, change_set=change_set
    )
    services_history.record_history(
        assessment=assessment,
        actor=user,
        action=IMPORTED,
        comment=parsed.name,
        after={
            "file": parsed.name,
            "format": parsed.format,
            "sha256": parsed.sha256,
            "new": preview.count(NEW),
            "changed": preview.count(CHANGED),
            "unchanged": preview.count(UNCHANGED),
        },
        change_set=change_set,
    )
    return change_set


def preview_upload(*, user: AnyUser, assessment: Assessment, upload: Any) -> Preview:
    """Check the person may import (403 first), read the upload, and preview it."""
    check_may_import(user=user, assessment=assessment)
    return _build_preview(assessment, parse_answers_upload(upload))


def apply_upload(*, user: AnyUser, assessment: Assessment, upload: Any) -> Preview:
    """Check the person may import (403 first), read the upload, and apply it."""
    check_may_import(user=user, assessment=assessment)
    return apply_import(user=user, assessment=assessment, parsed=parse_answers_upload(upload))


def rows_by_outcome(preview: Preview) -> Iterator[tuple[str, list[PreviewRow]]]:
    """The preview's rows grouped by outcome, errors and conflicts first (for pages)."""
    for outcome in (ERROR, CONFLICT, NEW, CHANGED, UNCHANGED, BLANK):
        group = [row for row in preview.rows if row.outcome == outcome]
        if group:
            yield outcome, group
