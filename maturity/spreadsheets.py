"""An assessment's answers as a spreadsheet: the workbook (or CSV) to fill in offline, and
importing it back with a preview of what would change before anything is saved.

Regional offices gather figures from many agencies in Excel before anyone types them in. This
module builds the workbook (:func:`build_answers_workbook`, :func:`build_answers_csv`), reads a
filled one back (:func:`parse_answers_upload`), shows what it would change
(:func:`preview_import`) and saves it in one transaction (:func:`apply_import`).

Every answer is checked by :func:`maturity.services.validate_answer` and written by
:func:`maturity.services.save_answers_bulk`: the rules live there, not here. This module only
translates between cells and the API's answer body (``"ya"`` and ``TRUE`` are both a yes; a
label ``"Tidak berlaku"`` is the status ``not_applicable``) and refuses files that are not what
they claim to be: not a workbook, a macro-enabled one, a zip bomb, renamed or reordered
columns, merged cells, more rows than any framework has.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
import logging
import re
import uuid
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from xml.etree import ElementTree

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from rest_framework import exceptions, status

from cities import access
from cities.access import AnyUser
from config.api import Conflict
from maturity import services, uploads
from maturity.models import (
    Answer,
    AnswerStatus,
    Assessment,
    DataQuality,
    Indicator,
    IndicatorKind,
)

logger = logging.getLogger(__name__)

ANSWERS_SHEET = "Jawaban"
INSTRUCTIONS_SHEET = "Petunjuk"
META_SHEET = "_meta"
FORMAT_NAME = "maturasi-answers"
FORMAT_VERSION = 1

XLSX = "xlsx"
CSV = "csv"

#: Limits on what an upload may be: bytes sent, bytes unpacked, parts in the zip, data rows.
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 40 * 1024 * 1024
MAX_ZIP_ENTRIES = 500
MAX_ROWS = 2000
#: Rows read at all, empty ones included (formatting alone can make a sheet long).
MAX_SCANNED_ROWS = 50_000

FIELD = "file"
IMPORTED = "answers.imported"

_CHUNK = 64 * 1024
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_FORMULA_START = ("=", "+", "-", "@")


def _msg(indonesian: str, english: str) -> str:
    return f"{indonesian} / {english}"


# --- The columns ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """One column of the answers sheet: its key (the CSV heading and the API field), its
    headings, whether the person filling in may change it, and how a cell is read."""

    key: str
    heading_id: str
    heading_en: str
    description_id: str
    description_en: str
    editable: bool = False
    read_as: str = "ignore"  # ignore | text | number | whole | choice | value
    width: int = 14

    def heading(self, language: str) -> str:
        return self.heading_en if language == "en" else self.heading_id

    def accepts(self, heading: str) -> bool:
        text = " ".join(heading.split()).casefold()
        return text in {self.key.casefold(), self.heading_id.casefold(), self.heading_en.casefold()}


COLUMNS: tuple[Column, ...] = (
    Column(
        "element",
        "Elemen",
        "Element",
        "Elemen kunci indikator.",
        "The indicator's key element.",
        width=22,
    ),
    Column("theme", "Tema", "Theme", "Tema indikator.", "The indicator's theme.", width=18),
    Column(
        "indicator",
        "Kode",
        "Code",
        "Kode indikator; menentukan jawaban mana yang diubah.",
        "The indicator code; decides which answer a row changes.",
        read_as="text",
        width=10,
    ),
    Column(
        "title", "Indikator", "Indicator", "Judul indikator.", "The indicator's title.", width=50
    ),
    Column(
        "guidance",
        "Panduan",
        "Guidance",
        "Cara mengisi indikator ini.",
        "How to answer this indicator.",
        width=40,
    ),
    Column(
        "unit",
        "Satuan",
        "Unit",
        "Satuan nilai kuantitatif.",
        "The unit of a quantitative value.",
        width=12,
    ),
    Column(
        "kind",
        "Jenis",
        "Kind",
        "Kuantitatif, rubrik (tingkat 1–5) atau ya/tidak.",
        "Quantitative, rubric (level 1–5) or yes/no.",
        width=13,
    ),
    Column(
        "allowed",
        "Nilai yang diterima",
        "Allowed values",
        "Nilai apa yang dapat diisi di kolom Nilai.",
        "What the Value column accepts.",
        width=40,
    ),
    Column(
        "status",
        "Status",
        "Status",
        "answered (dijawab), not_applicable (tidak berlaku: isi alasan) atau no_data "
        "(tidak ada data).",
        "answered, not_applicable (give a justification) or no_data.",
        editable=True,
        read_as="choice",
        width=16,
    ),
    Column(
        "value",
        "Nilai",
        "Value",
        "Angka dalam satuan indikator, tingkat 1–5, atau ya/tidak.",
        "A number in the indicator's unit, a level 1–5, or yes/no.",
        editable=True,
        read_as="value",
        width=14,
    ),
    Column(
        "numerator",
        "Pembilang",
        "Numerator",
        "Boleh diisi bersama penyebut; nilai harus sesuai pembilang/penyebut.",
        "Optional, with the denominator; the value must agree with them.",
        editable=True,
        read_as="number",
        width=13,
    ),
    Column(
        "denominator",
        "Penyebut",
        "Denominator",
        "Penyebut (lebih dari 0).",
        "The denominator (greater than 0).",
        editable=True,
        read_as="number",
        width=13,
    ),
    Column(
        "justification",
        "Alasan tidak berlaku",
        "Justification",
        "Wajib bila status not_applicable.",
        "Required when the status is not_applicable.",
        editable=True,
        read_as="text",
        width=30,
    ),
    Column(
        "source",
        "Sumber data",
        "Data source",
        "Asal data (instansi, dokumen).",
        "Where the figure comes from (agency, document).",
        editable=True,
        read_as="text",
        width=30,
    ),
    Column(
        "year",
        "Tahun data",
        "Year",
        "Tahun referensi data.",
        "The data's reference year.",
        editable=True,
        read_as="whole",
        width=10,
    ),
    Column(
        "quality",
        "Mutu data",
        "Data quality",
        "measured (terukur), estimated (perkiraan) atau modelled (pemodelan).",
        "measured, estimated or modelled.",
        editable=True,
        read_as="choice",
        width=13,
    ),
    Column(
        "comment",
        "Komentar",
        "Comment",
        "Catatan untuk peninjau.",
        "A note for the reviewer.",
        editable=True,
        read_as="text",
        width=40,
    ),
    Column(
        "version",
        "Versi",
        "Version",
        "Versi jawaban saat diekspor; jangan diubah. Bila jawaban sudah diubah orang lain "
        "sejak itu, baris dilaporkan sebagai konflik dan tidak ditimpa.",
        "The answer's version when exported; do not change it. If someone changed the "
        "answer since, the row is reported as a conflict and not overwritten.",
        read_as="whole",
        width=9,
    ),
)
COLUMN_BY_KEY = {column.key: column for column in COLUMNS}
ANSWER_FIELDS = tuple(c.key for c in COLUMNS if c.editable)


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


LETTER = {column.key: column_letter(i) for i, column in enumerate(COLUMNS)}

_STATUS_LABELS = {
    AnswerStatus.ANSWERED: ("dijawab", "answered"),
    AnswerStatus.NOT_APPLICABLE: ("tidak berlaku", "not applicable"),
    AnswerStatus.NO_DATA: ("tidak ada data", "no data"),
}
_QUALITY_LABELS = {
    DataQuality.MEASURED: ("terukur", "measured"),
    DataQuality.ESTIMATED: ("perkiraan", "estimated"),
    DataQuality.MODELLED: ("pemodelan", "modelled"),
}
_CHOICES: dict[str, dict[str, str]] = {
    "status": {
        label: key
        for key, labels in _STATUS_LABELS.items()
        for label in (key, *labels, key.replace("_", " "))
    },
    "quality": {label: key for key, labels in _QUALITY_LABELS.items() for label in (key, *labels)},
}
_KIND_LABELS: dict[str, tuple[str, str]] = {
    IndicatorKind.QUANTITATIVE: ("Kuantitatif", "Quantitative"),
    IndicatorKind.RUBRIC: ("Rubrik", "Rubric"),
    IndicatorKind.BINARY: ("Ya/tidak", "Yes/no"),
}
_YES_NO = {"id": ("ya", "tidak"), "en": ("yes", "no")}


def _pick(pair: tuple[str, str], language: str) -> str:
    return pair[1] if language == "en" else pair[0]


# --- Reading what the sheet shows ---------------------------------------------------------------


@dataclass(frozen=True)
class ExportRow:
    indicator: Indicator
    answer: Answer | None


def export_rows(assessment: Assessment) -> list[ExportRow]:
    """Every indicator of the assessment's framework with its answer, in order (two queries)."""
    indicators = (
        Indicator.objects.filter(framework_id=assessment.cycle.framework_id)
        .select_related("theme", "theme__element")
        .order_by("position", "id")
    )
    answers = {a.indicator_id: a for a in Answer.objects.filter(assessment=assessment)}
    return [ExportRow(indicator=i, answer=answers.get(i.pk)) for i in indicators]


def allowed_values(indicator: Indicator, language: str) -> str:
    """What the Value column accepts for ``indicator``, for people (the rules are the service's)."""
    en = language == "en"
    if indicator.kind == IndicatorKind.RUBRIC:
        levels = []
        for level in range(1, 6):
            names = (indicator.rubric or {}).get(str(level)) or {}
            text = names.get("en" if en else "id", "")
            levels.append(f"{level} = {text}" if text else str(level))
        return ("Level 1–5: " if en else "Tingkat 1–5: ") + "; ".join(levels)
    if indicator.kind == IndicatorKind.BINARY:
        yes, no = _YES_NO[language]
        return f"{yes} / {no}"
    unit = indicator.unit or ("no unit" if en else "tanpa satuan")
    if services.is_percent(indicator.unit):
        text = "A number from 0 to 100 (%)" if en else "Angka 0 sampai 100 (%)"
    elif indicator.allow_negative:
        text = f"A number ({unit}), may be negative" if en else f"Angka ({unit}), boleh negatif"
    else:
        text = f"A number ≥ 0 ({unit})" if en else f"Angka ≥ 0 ({unit})"
    tail = "; or numerator and denominator" if en else "; atau pembilang dan penyebut"
    return text + tail


def _number_cell(value: Decimal | None) -> Decimal | str | None:
    """A number the spreadsheet keeps exactly (a double holds 15 significant digits); longer
    ones go in as text, which the import reads back the same."""
    if value is None:
        return None
    normal = value.normalize()
    digits = len(normal.as_tuple().digits)
    if digits <= 15:
        return normal
    return format(normal, "f")


def _value_cell(indicator: Indicator, answer: Answer | None, language: str) -> Any:
    if answer is None or answer.status != AnswerStatus.ANSWERED:
        return None
    if indicator.kind == IndicatorKind.BINARY and answer.value_bool is not None:
        yes, no = _YES_NO[language]
        return yes if answer.value_bool else no
    if answer.value_level is not None:
        return answer.value_level
    return _number_cell(answer.value_decimal)


def row_values(row: ExportRow, language: str) -> dict[str, Any]:
    """The cells of one indicator's row, by column key."""
    indicator, answer = row.indicator, row.answer
    theme = indicator.theme
    element = theme.element
    values: dict[str, Any] = {
        "element": f"{element.code} {element.title_in(language)}",
        "theme": f"{theme.code} {theme.title_in(language)}",
        "indicator": indicator.code,
        "title": indicator.title_in(language),
        "guidance": indicator.guidance_in(language),
        "unit": indicator.unit,
        "kind": _pick(_KIND_LABELS.get(indicator.kind, (indicator.kind, indicator.kind)), language),
        "allowed": allowed_values(indicator, language),
        "status": None,
        "value": None,
        "numerator": None,
        "denominator": None,
        "justification": None,
        "source": None,
        "year": None,
        "quality": None,
        "comment": None,
        "version": 0,
    }
    if answer is not None:
        values.update(
            status=answer.status,
            value=_value_cell(indicator, answer, language),
            numerator=_number_cell(answer.numerator),
            denominator=_number_cell(answer.denominator),
            justification=answer.justification or None,
            source=answer.source or None,
            year=answer.year,
            quality=answer.quality or None,
            comment=answer.comment or None,
            version=answer.version,
        )
    return values


# --- Building the workbook ----------------------------------------------------------------------

INSTRUCTIONS = (
    (
        "Cara mengisi",
        "How to fill in",
    ),
    (
        "1. Isi kolom berlatar putih pada lembar 'Jawaban': Status, Nilai, Pembilang, Penyebut, "
        "Alasan tidak berlaku, Sumber data, Tahun data, Mutu data dan Komentar. Kolom berlatar "
        "abu-abu terkunci.",
        "1. Fill in the white columns of the 'Jawaban' (answers) sheet: Status, Value, "
        "Numerator, Denominator, Justification, Data source, Year, Data quality and Comment. "
        "Grey columns are locked.",
    ),
    (
        "2. Status: answered (dijawab, isi Nilai), not_applicable (tidak berlaku, isi Alasan) "
        "atau no_data (tidak ada data). Baris yang dibiarkan kosong tidak diubah.",
        "2. Status: answered (fill in Value), not_applicable (fill in Justification) or no_data. "
        "Rows left empty are not changed.",
    ),
    (
        "3. Nilai: indikator kuantitatif diisi angka dalam satuannya (persen sebagai 65, bukan "
        "65% atau 0,65); rubrik diisi tingkat 1–5 dari daftar pilihan; ya/tidak dari daftar "
        "pilihan. Ketik angka dan teks apa adanya, tanpa rumus dan tanpa menggabungkan sel.",
        "3. Value: quantitative indicators take a number in their unit (a percentage as 65, "
        "not 65% or 0.65); rubrics a level 1–5 from the list; yes/no from the list. Type "
        "numbers and text as they are, without formulas and without merging cells.",
    ),
    (
        "4. Jangan mengubah nama lembar, judul kolom, urutan kolom, kolom Kode atau kolom Versi.",
        "4. Do not rename sheets, change column headings or their order, the Code column or "
        "the Version column.",
    ),
    (
        "5. Unggah berkas di halaman 'Lembar kerja' penilaian. Anda melihat pratinjau (baru, "
        "berubah, tidak berubah, kesalahan per baris dan kolom) sebelum menyimpan; semua "
        "perubahan disimpan sekaligus, atau tidak sama sekali.",
        "5. Upload the file on the assessment's 'Spreadsheet' page. You see a preview (new, "
        "changed, unchanged, errors by row and column) before saving; all changes are saved "
        "together, or none.",
    ),
    (
        "6. Bila jawaban diubah orang lain setelah berkas ini diekspor, barisnya dilaporkan "
        "sebagai konflik dan tidak ditimpa: ekspor ulang dan isi lagi baris itu.",
        "6. If someone changed an answer after this file was exported, its row is reported as "
        "a conflict and not overwritten: export again and redo that row.",
    ),
    (
        "7. Berkas CSV (UTF-8) dengan kolom yang sama juga diterima.",
        "7. A CSV file (UTF-8) with the same columns is accepted too.",
    ),
)


def _set_text(cell: Any, value: Any) -> None:
    """Put ``value`` in ``cell``; text that looks like a formula stays text."""
    cell.value = value
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"


def build_answers_workbook(assessment: Assessment, language: str = "id") -> bytes:
    """The answers workbook of ``assessment`` (XLSX bytes), headings in ``language``.

    Sheet 'Jawaban' has one row per indicator with its current answer; drop-down lists for the
    status, rubric levels, yes/no and data quality; every column but the answer's locked (sheet
    protection without a password: it prevents slips, it is not security). Sheet 'Petunjuk'
    explains it in Indonesian and English; a hidden sheet records which assessment it is for.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.worksheet.datavalidation import DataValidation

    language = "en" if language == "en" else "id"
    rows = export_rows(assessment)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = ANSWERS_SHEET

    header_font = Font(bold=True, color="FFFFFF")
    header_fill = PatternFill("solid", fgColor="1F4E79")
    locked_fill = PatternFill("solid", fgColor="EDEDED")
    wrap = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")
    unlocked = Protection(locked=False)

    for index, column in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=1, column=index, value=column.heading(language))
        cell.font = header_font
        cell.fill = header_fill
        cell.alignment = wrap
        sheet.column_dimensions[column_letter(index - 1)].width = column.width

    rubric_cells: list[str] = []
    binary_cells: list[str] = []
    for number, row in enumerate(rows, start=2):
        values = row_values(row, language)
        for index, column in enumerate(COLUMNS, start=1):
            cell = sheet.cell(row=number, column=index)
            _set_text(cell, values[column.key])
            if column.editable:
                cell.protection = unlocked
            else:
                cell.fill = locked_fill
            cell.alignment = wrap if column.key in ("title", "allowed") else top
        if row.indicator.kind == IndicatorKind.RUBRIC:
            rubric_cells.append(f"{LETTER['value']}{number}")
        elif row.indicator.kind == IndicatorKind.BINARY:
            binary_cells.append(f"{LETTER['value']}{number}")

    last = len(rows) + 1
    en = language == "en"
    pick_one = "Choose from the list." if en else "Pilih dari daftar."

    def drop_down(choices: Iterable[str], cells: list[str], title: str) -> None:
        if not cells:
            return
        validation = DataValidation(
            type="list",
            formula1='"' + ",".join(choices) + '"',
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=title,
            error=pick_one,
        )
        sheet.add_data_validation(validation)
        for cell in cells:
            validation.add(cell)

    if rows:
        drop_down(AnswerStatus.values, [f"{LETTER['status']}2:{LETTER['status']}{last}"], "Status")
        drop_down(
            DataQuality.values,
            [f"{LETTER['quality']}2:{LETTER['quality']}{last}"],
            "Mutu data / Data quality",
        )
        drop_down(("1", "2", "3", "4", "5"), rubric_cells, "Tingkat / Level")
        drop_down(_YES_NO[language], binary_cells, "Ya/tidak / Yes/no")

    sheet.freeze_panes = f"{LETTER['title']}2"
    sheet.auto_filter.ref = f"A1:{LETTER['version']}{last}"
    protection = sheet.protection
    protection.sheet = True
    protection.autoFilter = False
    protection.sort = False
    protection.formatColumns = False
    protection.formatRows = False

    _instructions_sheet(workbook, assessment, language)
    _meta_sheet(workbook, assessment, language)

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _instructions_sheet(workbook: Any, assessment: Assessment, language: str) -> None:
    from openpyxl.styles import Alignment, Font

    sheet = workbook.create_sheet(INSTRUCTIONS_SHEET)
    sheet.column_dimensions["A"].width = 80
    sheet.column_dimensions["B"].width = 80
    wrap = Alignment(wrap_text=True, vertical="top")
    framework = assessment.cycle.framework
    heading = [
        (
            "Lembar kerja jawaban penilaian kematangan kota cerdas",
            "Answers workbook of the smart-city maturity assessment",
        ),
        (
            f"Wilayah: {assessment.region.code} {assessment.region.name}",
            f"Region: {assessment.region.code} {assessment.region.name}",
        ),
        (f"Siklus: {assessment.cycle.name}", f"Cycle: {assessment.cycle.name}"),
        (
            f"Kerangka: {framework.code} {framework.version}",
            f"Framework: {framework.code} {framework.version}",
        ),
        (
            f"Diekspor: {timezone.localtime():%Y-%m-%d %H:%M}",
            f"Exported: {timezone.localtime():%Y-%m-%d %H:%M}",
        ),
        ("", ""),
        ("Bahasa Indonesia", "English"),
    ]
    for indonesian, english in heading:
        sheet.append([indonesian, english])
    for indonesian, english in INSTRUCTIONS:
        sheet.append([indonesian, english])
    sheet.append(["", ""])
    sheet.append(["Kolom", "Columns"])
    for column in COLUMNS:
        sheet.append(
            [
                f"{column.heading_id} ({column.key}): {column.description_id}",
                f"{column.heading_en} ({column.key}): {column.description_en}",
            ]
        )
    for row in sheet.iter_rows():
        for cell in row:
            cell.alignment = wrap
    for number in (1, 7, 8 + len(INSTRUCTIONS) + 1):
        for cell in sheet[number]:
            cell.font = Font(bold=True)
    sheet.protection.sheet = True


def _meta_sheet(workbook: Any, assessment: Assessment, language: str) -> None:
    sheet = workbook.create_sheet(META_SHEET)
    framework = assessment.cycle.framework
    for key, value in (
        ("format", FORMAT_NAME),
        ("format_version", FORMAT_VERSION),
        ("assessment", assessment.pk),
        ("region", assessment.region.code),
        ("cycle", assessment.cycle.name),
        ("framework", f"{framework.code} {framework.version}"),
        ("language", language),
    ):
        sheet.append([key, value])
    sheet.sheet_state = "veryHidden"
    sheet.protection.sheet = True


def _csv_text(value: Any) -> str:
    """A cell for CSV; text that a spreadsheet would run as a formula gets a leading quote
    (which the import takes off again)."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    text = str(value)
    if text.startswith(_FORMULA_START) and not _looks_numeric(text):
        return "'" + text
    return text


def _looks_numeric(text: str) -> bool:
    return bool(re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?", text.strip()))


def build_answers_csv(assessment: Assessment, language: str = "id") -> bytes:
    """The same rows as the workbook as UTF-8 CSV (with a BOM, so Excel reads the accents);
    headings are the column keys."""
    language = "en" if language == "en" else "id"
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([column.key for column in COLUMNS])
    for row in export_rows(assessment):
        values = row_values(row, language)
        writer.writerow([_csv_text(values[column.key]) for column in COLUMNS])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def export_filename(assessment: Assessment, extension: str) -> str:
    from django.utils.text import slugify

    cycle = slugify(assessment.cycle.name) or str(assessment.cycle_id)
    return f"jawaban-{assessment.region.code}-{cycle}.{extension}"


# --- Reading an upload --------------------------------------------------------------------------


@dataclass(frozen=True)
class CellProblem:
    """Something wrong in one row (and column, where one is to blame), in both languages."""

    row: int
    column: str | None
    field: str
    message: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "column": self.column,
            "field": self.field,
            "message": self.message,
        }


@dataclass
class SheetRow:
    """One data row of an upload: its number in the sheet, the answer cells as the API body
    would have them, and what could not be read."""

    number: int
    values: dict[str, Any]
    problems: list[CellProblem] = field(default_factory=list)

    @property
    def blank(self) -> bool:
        return all(self.values.get(key) in (None, "") for key in ANSWER_FIELDS) and not any(
            p.field in ANSWER_FIELDS for p in self.problems
        )


@dataclass
class ParsedUpload:
    """A readable upload: its name, format, SHA-256 and data rows."""

    name: str
    format: str
    sha256: str
    rows: list[SheetRow]
    assessment_id: int | None = None  # from the workbook's hidden sheet, when it has one

    def to_json(self) -> dict[str, Any]:
        """Plain JSON (for keeping a previewed upload in the session until it is applied)."""
        return {
            "name": self.name,
            "format": self.format,
            "sha256": self.sha256,
            "assessment_id": self.assessment_id,
            "rows": [
                {
                    "number": r.number,
                    "values": r.values,
                    "problems": [p.to_dict() for p in r.problems],
                }
                for r in self.rows
            ],
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> ParsedUpload:
        return cls(
            name=str(data["name"]),
            format=str(data["format"]),
            sha256=str(data["sha256"]),
            assessment_id=data.get("assessment_id"),
            rows=[
                SheetRow(
                    number=int(r["number"]),
                    values=dict(r["values"]),
                    problems=[CellProblem(**p) for p in r["problems"]],
                )
                for r in data["rows"]
            ],
        )


def _refuse(*messages: str) -> ValidationError:
    return ValidationError({FIELD: list(messages)})


NOT_A_SPREADSHEET = _msg(
    "Berkas bukan buku kerja Excel (.xlsx) atau CSV. Simpan sebagai .xlsx lalu unggah lagi.",
    "The file is not an Excel workbook (.xlsx) or a CSV file. Save it as .xlsx and upload "
    "it again.",
)
MACRO_ENABLED = _msg(
    "Buku kerja bermakro (.xlsm, vbaProject.bin) tidak diterima. Simpan sebagai .xlsx.",
    "Macro-enabled workbooks (.xlsm, vbaProject.bin) are not accepted. Save it as .xlsx.",
)
TOO_MUCH_DATA = _msg(
    "Berkas terkompresi terlalu besar saat dibuka (zip bomb).",
    "The compressed file unpacks to too much data (zip bomb).",
)


def parse_answers_upload(upload: Any) -> ParsedUpload:
    """Read an uploaded answers workbook (XLSX) or CSV into rows, refusing what is not one.

    Refused (400 on ``file``, nothing read further): no file, an empty or too large one, one
    that is neither XLSX nor CSV by its content (the name does not count), a macro-enabled or
    binary workbook, a zip that unpacks to too much, a missing 'Jawaban' sheet, headings that are
    renamed, reordered or added, merged cells, more than :data:`MAX_ROWS` rows, a workbook
    exported for another assessment. Cell problems (a formula, a date where a number belongs,
    a percentage-formatted number, an error value) are kept with their row and column for the
    preview. The workbook is read with openpyxl in read-only mode, after the zip was checked.
    """
    if upload is None:
        raise _refuse(_msg("Berkas wajib diunggah.", "A file is required."))
    data = _read_limited(upload)
    name = uploads.sanitize_filename(getattr(upload, "name", None) or "")
    sha256 = hashlib.sha256(data).hexdigest()
    if data.startswith(_OLE_MAGIC):
        raise _refuse(
            _msg(
                "Format Excel lama (.xls) atau buku kerja bermakro tidak diterima; simpan "
                "sebagai .xlsx.",
                "Old Excel files (.xls) and macro-enabled workbooks are not accepted; save it "
                "as .xlsx.",
            )
        )
    if data.startswith(b"PK\x03\x04"):
        _check_archive(data)
        if uploads.sniff_content_type(io.BytesIO(data), len(data)) != uploads.XLSX:
            raise _refuse(NOT_A_SPREADSHEET)
        rows, assessment_id = _read_workbook(data)
        return ParsedUpload(
            name=name, format=XLSX, sha256=sha256, rows=rows, assessment_id=assessment_id
        )
    if uploads.sniff_content_type(io.BytesIO(data), len(data)) == uploads.CSV:
        return ParsedUpload(name=name, format=CSV, sha256=sha256, rows=_read_csv(data))
    raise _refuse(NOT_A_SPREADSHEET)


def _read_limited(upload: Any) -> bytes:
    buffer = bytearray()
    if hasattr(upload, "seek"):
        upload.seek(0)
    chunks: Iterable[bytes] = (
        upload.chunks() if hasattr(upload, "chunks") else iter(lambda: upload.read(_CHUNK), b"")
    )
    for chunk in chunks:
        buffer.extend(chunk)
        if len(buffer) > MAX_UPLOAD_BYTES:
            raise _refuse(
                _msg(
                    f"Berkas melebihi batas {MAX_UPLOAD_BYTES // (1024 * 1024)} MB.",
                    f"The file is larger than the limit of {MAX_UPLOAD_BYTES // (1024 * 1024)} MB.",
                )
            )
    if not buffer:
        raise _refuse(_msg("Berkas kosong.", "The file is empty."))
    return bytes(buffer)


def _check_archive(data: bytes) -> None:
    """Refuse a zip that is not a plain workbook before openpyxl sees it: too many parts, macros,
    a binary workbook, a document type definition (entity expansion), or more unpacked bytes
    than :data:`MAX_UNCOMPRESSED_BYTES` — declared or actually read."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _refuse(NOT_A_SPREADSHEET) from None
    with archive:
        entries = archive.infolist()
        if len(entries) > MAX_ZIP_ENTRIES:
            raise _refuse(
                _msg("Arsip berisi terlalu banyak berkas.", "The archive holds too many files.")
            )
        names = {entry.filename.lower() for entry in entries}
        if any(
            n.endswith("vbaproject.bin") or n.endswith("vbaprojectsignature.bin") for n in names
        ):
            raise _refuse(MACRO_ENABLED)
        if sum(entry.file_size for entry in entries) > MAX_UNCOMPRESSED_BYTES:
            raise _refuse(TOO_MUCH_DATA)
        unpacked = 0
        try:
            for entry in entries:
                tail = b""
                is_xml = entry.filename.lower().endswith((".xml", ".rels"))
                with archive.open(entry) as member:
                    while chunk := member.read(_CHUNK):
                        unpacked += len(chunk)
                        if unpacked > MAX_UNCOMPRESSED_BYTES:
                            raise _refuse(TOO_MUCH_DATA)
                        if is_xml:
                            window = (tail + chunk).lower()
                            if b"<!doctype" in window or b"<!entity" in window:
                                raise _refuse(NOT_A_SPREADSHEET)
                            tail = window[-16:]
        except (
            zipfile.BadZipFile,
            OSError,
            EOFError,
            ValueError,
            NotImplementedError,  # zipfile's answer to a compression method it cannot read
            RuntimeError,
        ):
            raise _refuse(_msg("Arsip rusak.", "The archive is damaged.")) from None
        if "[content_types].xml" in names:
            content_types = archive.read("[Content_Types].xml").lower()
            if b"macroenabled" in content_types:
                raise _refuse(MACRO_ENABLED)
        if "xl/workbook.bin" in names:
            raise _refuse(
                _msg(
                    "Buku kerja biner (.xlsb) tidak diterima; simpan sebagai .xlsx.",
                    "Binary workbooks (.xlsb) are not accepted; save it as .xlsx.",
                )
            )
        if "xl/workbook.xml" not in names:
            raise _refuse(NOT_A_SPREADSHEET)


def _heading_problems(headings: list[Any]) -> list[str]:
    """Every heading that is not the expected one in its place, named by column."""
    problems = []
    for index, column in enumerate(COLUMNS):
        found = headings[index] if index < len(headings) else None
        text = "" if found is None else str(found)
        if not column.accepts(text):
            letter = column_letter(index)
            problems.append(
                _msg(
                    f"Baris 1, kolom {letter}: judul '{text}' tidak sesuai; seharusnya "
                    f"'{column.heading_id}'. Jangan mengubah nama atau urutan kolom.",
                    f"Row 1, column {letter}: heading '{text}' is not what belongs there; "
                    f"expected '{column.heading_en}'. Do not rename or reorder columns.",
                )
            )
    for index in range(len(COLUMNS), len(headings)):
        if headings[index] not in (None, ""):
            letter = column_letter(index)
            problems.append(
                _msg(
                    f"Baris 1, kolom {letter}: kolom tambahan '{headings[index]}' tidak dikenal.",
                    f"Row 1, column {letter}: the extra column '{headings[index]}' is unknown.",
                )
            )
    return problems[:20]


def _too_many_rows() -> ValidationError:
    return _refuse(
        _msg(
            f"Lembar memuat lebih dari {MAX_ROWS} baris data.",
            f"The sheet holds more than {MAX_ROWS} data rows.",
        )
    )


def _read_workbook(data: bytes) -> tuple[list[SheetRow], int | None]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(
            io.BytesIO(data), read_only=True, data_only=False, keep_links=False
        )
    except Exception:  # any unreadable workbook is bad input, never a 500
        logger.info("unreadable workbook upload", exc_info=True)
        raise _refuse(NOT_A_SPREADSHEET) from None
    try:
        if ANSWERS_SHEET not in workbook.sheetnames:
            raise _refuse(
                _msg(
                    f"Lembar '{ANSWERS_SHEET}' tidak ada di buku kerja; gunakan buku kerja "
                    "yang diekspor dari aplikasi.",
                    f"The workbook has no sheet '{ANSWERS_SHEET}'; use the workbook exported "
                    "from the application.",
                )
            )
        assessment_id = _meta_assessment(workbook)
        sheet = workbook[ANSWERS_SHEET]
        merged = _merged_ranges(workbook, sheet)
        if merged:
            raise _refuse(
                *(
                    _msg(
                        f"Sel {ref} digabung (baris {rows}, kolom {cols}); pisahkan sel "
                        "gabungan lalu unggah lagi.",
                        f"Cells {ref} are merged (row {rows}, column {cols}); unmerge them and "
                        "upload again.",
                    )
                    for ref, rows, cols in merged[:10]
                )
            )
        sheet.reset_dimensions()
        try:
            rows = _sheet_rows(sheet)
        except ValidationError:
            raise
        except Exception:
            logger.info("unreadable worksheet in upload", exc_info=True)
            raise _refuse(NOT_A_SPREADSHEET) from None
    finally:
        workbook.close()
    return rows, assessment_id


def _meta_assessment(workbook: Any) -> int | None:
    if META_SHEET not in workbook.sheetnames:
        return None
    values: dict[str, Any] = {}
    for row in workbook[META_SHEET].iter_rows(max_row=20, max_col=2, values_only=True):
        if row and row[0]:
            values[str(row[0])] = row[1] if len(row) > 1 else None
    found = values.get("assessment")
    return found if isinstance(found, int) else None


def _merged_ranges(workbook: Any, sheet: Any) -> list[tuple[str, str, str]]:
    """Merged ranges of a read-only sheet (openpyxl exposes them only in full mode): the
    ``mergeCell`` elements of the sheet's XML, as (range, rows, columns)."""
    from openpyxl.utils.cell import range_boundaries

    found = []
    path = sheet._worksheet_path  # read-only sheets keep their part's path; no public accessor
    with workbook._archive.open(path) as source:
        # _check_archive refused any part with a DTD, so no entity can expand here.
        for _, element in ElementTree.iterparse(source):  # noqa: S314
            if element.tag.endswith("}mergeCell"):
                ref = element.get("ref", "")
                try:
                    min_col, min_row, max_col, max_row = range_boundaries(ref)
                except (TypeError, ValueError):
                    found.append((ref, "?", "?"))
                    continue
                rows = f"{min_row}–{max_row}" if max_row != min_row else str(min_row)
                first, last = column_letter(min_col - 1), column_letter(max_col - 1)
                cols = f"{first}–{last}" if first != last else first
                found.append((ref, rows, cols))
            element.clear()
    return found


def _sheet_rows(sheet: Any) -> list[SheetRow]:
    rows: list[SheetRow] = []
    scanned = 0
    header_seen = False
    for cells in sheet.iter_rows():
        scanned += 1
        if scanned > MAX_SCANNED_ROWS:
            raise _too_many_rows()
        if not header_seen:
            header_seen = True
            problems = _heading_problems([getattr(c, "value", None) for c in cells])
            if problems:
                raise _refuse(*problems)
            continue
        # iter_rows yields every row from 1, empty ones too, so the count is the row's number.
        row = _row_from_cells(scanned, cells)
        if row is None:
            continue
        rows.append(row)
        if len(rows) > MAX_ROWS:
            raise _too_many_rows()
    if not header_seen:
        raise _refuse(_msg("Lembar 'Jawaban' kosong.", "The 'Jawaban' sheet is empty."))
    return rows


def _row_from_cells(number: int, cells: tuple[Any, ...]) -> SheetRow | None:
    """A data row from read-only cells, or None when the row is empty in every column read."""
    values: dict[str, Any] = {}
    problems: list[CellProblem] = []
    empty = True
    for index, column in enumerate(COLUMNS):
        if column.read_as == "ignore":
            continue
        cell = cells[index] if index < len(cells) else None
        raw = getattr(cell, "value", None)
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            values[column.key] = None
            continue
        empty = False
        data_type = getattr(cell, "data_type", None)
        letter = LETTER[column.key]
        if data_type == "f":
            problems.append(
                CellProblem(
                    number,
                    letter,
                    column.key,
                    _msg(
                        "Sel berisi rumus; ketik nilainya langsung.",
                        "The cell holds a formula; type the value itself.",
                    ),
                )
            )
            values[column.key] = None
            continue
        if data_type == "e":
            problems.append(
                CellProblem(
                    number,
                    letter,
                    column.key,
                    _msg(f"Sel berisi galat ({raw}).", f"The cell holds an error value ({raw})."),
                )
            )
            values[column.key] = None
            continue
        number_format = getattr(cell, "number_format", "") or ""
        value, problem = _decode(column, raw, percent_format="%" in number_format)
        if problem:
            problems.append(CellProblem(number, letter, column.key, problem))
        values[column.key] = value
    if empty:
        return None
    return SheetRow(number=number, values=values, problems=problems)


DATE_NOT_NUMBER = _msg(
    "Sel berisi tanggal padahal seharusnya angka; ubah format sel menjadi Angka/Umum dan ketik "
    "angkanya.",
    "The cell holds a date where a number belongs; format the cell as Number/General and type "
    "the number.",
)


def _decode(
    column: Column, raw: Any, *, percent_format: bool = False, decimal_comma: bool = False
) -> tuple[Any, str | None]:
    """A cell's value as the API body has it (JSON types only), and a problem, if any.

    Only representation is decided here (a date where a number belongs, a number shown as a
    percentage, a label instead of a key); whether the value is acceptable is the service's.
    """
    is_date = isinstance(raw, (datetime.date, datetime.time, datetime.timedelta))
    if column.read_as == "text":
        if is_date:
            return raw.isoformat() if hasattr(raw, "isoformat") else str(raw), None
        if isinstance(raw, bool):
            return ("TRUE" if raw else "FALSE"), None
        if isinstance(raw, float) and raw.is_integer():
            return str(int(raw)), None
        return str(raw) if not isinstance(raw, str) else raw, None
    if column.read_as == "choice":
        text = str(raw).strip()
        return _CHOICES[column.key].get(" ".join(text.split()).casefold(), text), None
    if is_date:
        return None, DATE_NOT_NUMBER
    if isinstance(raw, Decimal):
        raw = format(raw, "f")
    numeric = isinstance(raw, (int, float)) and not isinstance(raw, bool)
    if numeric and percent_format and column.read_as in ("number", "value"):
        return None, _msg(
            "Sel berformat persen (65% tersimpan sebagai 0,65); ubah format sel menjadi "
            "Angka/Umum dan ketik 65.",
            "The cell is formatted as a percentage (65% is stored as 0.65); format it as "
            "Number/General and type 65.",
        )
    if column.read_as == "whole":
        if isinstance(raw, float) and raw.is_integer():
            return int(raw), None
        if isinstance(raw, str) and raw.strip().isdigit():
            return int(raw.strip()), None
        return raw, None
    if isinstance(raw, str):
        text = raw.strip()
        if decimal_comma and re.fullmatch(r"[+-]?\d+,\d+", text):
            text = text.replace(",", ".")
        return text, None
    return raw, None


def _read_csv(data: bytes) -> list[SheetRow]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _refuse(_msg("CSV harus berenkode UTF-8.", "A CSV file must be UTF-8.")) from None
    first_line = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[SheetRow] = []
    try:
        headings = next(reader, None)
        if headings is None:
            raise _refuse(_msg("Berkas CSV kosong.", "The CSV file is empty."))
        problems = _heading_problems(list(headings))
        if problems:
            raise _refuse(*problems)
        for number, cells in enumerate(reader, start=2):
            if number > MAX_SCANNED_ROWS:
                raise _too_many_rows()
            row = _row_from_text(number, cells, decimal_comma=delimiter == ";")
            if row is None:
                continue
            rows.append(row)
            if len(rows) > MAX_ROWS:
                raise _too_many_rows()
    except csv.Error as error:
        raise _refuse(
            _msg(f"CSV tidak dapat dibaca: {error}.", f"The CSV file cannot be read: {error}.")
        ) from None
    return rows


def _row_from_text(number: int, cells: list[str], *, decimal_comma: bool) -> SheetRow | None:
    values: dict[str, Any] = {}
    empty = True
    for index, column in enumerate(COLUMNS):
        if column.read_as == "ignore":
            continue
        raw = cells[index].strip() if index < len(cells) else ""
        if not raw:
            values[column.key] = None
            continue
        empty = False
        if column.read_as == "text" and raw[:1] == "'" and raw[1:2] in _FORMULA_START:
            raw = raw[1:]
        values[column.key], _ = _decode(column, raw, decimal_comma=decimal_comma)
    if empty:
        return None
    return SheetRow(number=number, values=values)


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
    expected = services._expected_version(row.values.get("version"), version_errors)
    for name, messages in version_errors.items():
        result.errors.extend(_problem_for(row, name, messages))
    body = _answer_body(row.values)
    clean: services.CleanAnswer | None = None
    if not any(p.field in ANSWER_FIELDS for p in result.errors):
        try:
            clean = services.validate_answer(indicator=indicator, data=body)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                result.errors.extend(_problem_for(row, name, messages))
    if result.errors or clean is None:
        return result
    before = services.answer_snapshot(answer)
    after = services.answer_snapshot(
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
        editable=services.is_open_for_editing(assessment),
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
    if not services.is_open_for_editing(locked):
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
        services.save_answers_bulk(user=user, assessment=locked, items=items, change_set=change_set)
        services.record_history(
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
