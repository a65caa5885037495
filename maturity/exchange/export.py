"""An assessment's answers as a workbook (XLSX, with instructions and checks) or CSV."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import timezone

from maturity.assessments import validation as services
from maturity.assessments.models import Answer, AnswerStatus, Assessment, DataQuality
from maturity.exchange.columns import (
    _KIND_LABELS,
    _YES_NO,
    ANSWERS_SHEET,
    COLUMNS,
    FORMAT_NAME,
    FORMAT_VERSION,
    INSTRUCTIONS_SHEET,
    LETTER,
    META_SHEET,
    _pick,
    column_letter,
)
from maturity.exchange.reading import _FORMULA_START
from maturity.frameworks.models import Indicator, IndicatorKind

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

    language = "en" if language == "en" else "id"
    rows = export_rows(assessment)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = ANSWERS_SHEET
    _write_headings(sheet, language)
    rubric_cells, binary_cells = _write_answer_rows(sheet, rows, language)
    if rows:
        _add_drop_downs(sheet, len(rows) + 1, rubric_cells, binary_cells, language)
    _protect(sheet, len(rows) + 1)
    _instructions_sheet(workbook, assessment, language)
    _meta_sheet(workbook, assessment, language)

    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _write_headings(sheet: Any, language: str) -> None:
    """Row 1: every column's heading in the workbook's language, white on dark blue."""
    from openpyxl.styles import Alignment, Font, PatternFill

    header_font = Font(bold=True, color="FFFFFF")
    header_fill = PatternFill("solid", fgColor="1F4E79")
    wrap = Alignment(wrap_text=True, vertical="top")
    for index, column in enumerate(COLUMNS, start=1):
        cell = sheet.cell(row=1, column=index, value=column.heading(language))
        cell.font = header_font
        cell.fill = header_fill
        cell.alignment = wrap
        sheet.column_dimensions[column_letter(index - 1)].width = column.width


def _write_answer_rows(sheet: Any, rows: list[Any], language: str) -> tuple[list[str], list[str]]:
    """One row per indicator; only the answer's cells unlocked. Returns the value cells of
    rubric and of yes/no indicators (for their drop-down lists)."""
    from openpyxl.styles import Alignment, PatternFill, Protection

    locked_fill = PatternFill("solid", fgColor="EDEDED")
    wrap = Alignment(wrap_text=True, vertical="top")
    top = Alignment(vertical="top")
    unlocked = Protection(locked=False)
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
    return rubric_cells, binary_cells


#: The drop-down lists' titles and their refusal, written into the workbook in its language.
_DROP_DOWN_TEXTS = {
    "id": {
        "quality": "Mutu data",
        "level": "Tingkat",
        "yes_no": "Ya/tidak",
        "pick": "Pilih dari daftar.",
    },
    "en": {
        "quality": "Data quality",
        "level": "Level",
        "yes_no": "Yes/no",
        "pick": "Choose from the list.",
    },
}


def _add_drop_downs(
    sheet: Any, last: int, rubric_cells: list[str], binary_cells: list[str], language: str
) -> None:
    """Drop-down lists for the status, data quality, rubric levels and yes/no."""
    from openpyxl.worksheet.datavalidation import DataValidation

    texts = _DROP_DOWN_TEXTS[language]

    def drop_down(choices: Iterable[str], cells: list[str], title: str) -> None:
        if not cells:
            return
        validation = DataValidation(
            type="list",
            formula1='"' + ",".join(choices) + '"',
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=title,
            error=texts["pick"],
        )
        sheet.add_data_validation(validation)
        for cell in cells:
            validation.add(cell)

    drop_down(AnswerStatus.values, [f"{LETTER['status']}2:{LETTER['status']}{last}"], "Status")
    drop_down(
        DataQuality.values, [f"{LETTER['quality']}2:{LETTER['quality']}{last}"], texts["quality"]
    )
    drop_down(("1", "2", "3", "4", "5"), rubric_cells, texts["level"])
    drop_down(_YES_NO[language], binary_cells, texts["yes_no"])


def _protect(sheet: Any, last: int) -> None:
    """Freeze the headings, filter on every column, and lock all but the answer's cells."""
    sheet.freeze_panes = f"{LETTER['title']}2"
    sheet.auto_filter.ref = f"A1:{LETTER['version']}{last}"
    protection = sheet.protection
    protection.sheet = True
    protection.autoFilter = False
    protection.sort = False
    protection.formatColumns = False
    protection.formatRows = False


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
