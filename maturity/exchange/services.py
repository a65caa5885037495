"""Importing answers from a spreadsheet: preview every row, then apply all or nothing."""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from rest_framework import exceptions, status

from cities import access
from cities.access import AnyUser
from config.api import Conflict
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


def _msg(indonesian: str, english: str) -> str:
    return f"{indonesian} / {english}"


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
        raise PermissionDenied(
            _msg(
                "Hanya CSCO dan kontributor wilayah yang dapat mengimpor jawaban.",
                "Only the region's CSCO and contributors may import answers.",
            )
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
        column = LETTER["status"] if name == "non_field_errors" else None
    return [CellProblem(row.number, column, name, message) for message in messages]


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
    indicator = indicators.get(code)
    if indicator is None:
        message = (
            _msg("Kode indikator kosong.", "The indicator code is empty.")
            if not code
            else _msg(
                f"Indikator '{code}' tidak ada dalam kerangka penilaian ini.",
                f"Indicator '{code}' is not in this assessment's framework.",
            )
        )
        result.errors.append(CellProblem(row.number, LETTER["indicator"], "indicator", message))
        return result
    if code in seen:
        result.errors.append(
            CellProblem(
                row.number,
                LETTER["indicator"],
                "indicator",
                _msg(
                    f"Indikator '{code}' sudah muncul di baris {seen[code]}.",
                    f"Indicator '{code}' already appears in row {seen[code]}.",
                ),
            )
        )
        return result
    seen[code] = row.number
    answer = current.get(indicator.pk)
    if row.blank and answer is None:
        result.outcome = BLANK
        return result
    version_errors: dict[str, list[str]] = {}
    expected = services_answers._expected_version(row.values.get("version"), version_errors)
    for name, messages in version_errors.items():
        result.errors.extend(_problem_for(row, name, messages))
    body = _answer_body(row.values)
    clean: validation.CleanAnswer | None = None
    if not any(p.field in ANSWER_FIELDS for p in result.errors):
        try:
            clean = validation.validate_answer(indicator=indicator, data=body)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                result.errors.extend(_problem_for(row, name, messages))
    if result.errors or clean is None:
        return result
    before = services_history.answer_snapshot(answer)
    after = services_history.answer_snapshot(
        Answer(indicator=indicator, version=expected or 0, **clean.fields())
    )
    assert after is not None
    changes = _compare(before, after)
    result.before, result.after, result.changes = before, after, changes
    if answer is not None and not changes:
        result.outcome = UNCHANGED
        result.before = result.after = None
        return result
    result.item = {**body, "indicator": code, "version": expected or 0}
    if answer is None:
        result.outcome = CONFLICT if expected else NEW
    else:
        result.outcome = CHANGED if expected == answer.version else CONFLICT
    return result


def _check_meant_for(assessment: Assessment, parsed: ParsedUpload) -> None:
    """Refuse a workbook exported for another assessment (its versions mean nothing here)."""
    if parsed.assessment_id is not None and parsed.assessment_id != assessment.pk:
        raise _refuse(
            _msg(
                "Buku kerja ini diekspor untuk penilaian lain (wilayah atau siklus lain); ekspor "
                "buku kerja dari penilaian ini.",
                "This workbook was exported for another assessment (another region or cycle); "
                "export the workbook of this assessment.",
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


class ImportHasErrors(exceptions.APIException):
    """400: the upload has rows in error, so nothing was saved; the body is the preview."""

    status_code = status.HTTP_400_BAD_REQUEST
    default_code = "invalid"

    def __init__(self, preview: Preview, message: str) -> None:
        super().__init__()
        self.preview = preview
        self.detail = {"detail": message, **preview.to_dict()}  # type: ignore[assignment]


class ImportHasConflicts(Conflict):
    """409: some rows' versions are stale, so nothing was saved; the body is the preview."""

    def __init__(self, preview: Preview, message: str) -> None:
        super().__init__()
        self.preview = preview
        self.detail = {"detail": message, **preview.to_dict()}  # type: ignore[assignment]


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
        raise Conflict(
            _msg(
                "Penilaian tidak dapat diubah sekarang (sudah diajukan atau disetujui, siklus "
                "ditutup, atau tenggat lewat).",
                "The assessment cannot be changed now (submitted or approved, the cycle is "
                "closed, or the deadline has passed).",
            )
        )
    preview = _build_preview(locked, parsed)
    if preview.errors:
        raise ImportHasErrors(
            preview,
            _msg(
                "Tidak ada yang disimpan: perbaiki kesalahan per baris lalu unggah lagi.",
                "Nothing was saved: correct the errors by row and upload again.",
            ),
        )
    if preview.conflicts:
        raise ImportHasConflicts(
            preview,
            _msg(
                "Tidak ada yang disimpan: sebagian jawaban sudah diubah orang lain sejak berkas "
                "diekspor. Ekspor ulang dan isi lagi baris yang konflik.",
                "Nothing was saved: some answers were changed by someone else since the file "
                "was exported. Export again and redo the conflicting rows.",
            ),
        )
    change_set = uuid.uuid4()
    items = [row.item for row in preview.to_save if row.item is not None]
    if items:
        services_answers.save_answers_bulk(
            user=user, assessment=locked, items=items, change_set=change_set
        )
        services_history.record_history(
            assessment=locked,
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
        preview.change_set = change_set
    preview.applied = True
    assessment.refresh_from_db(fields=["completeness"])
    return preview


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
