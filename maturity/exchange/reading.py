"""Reading an uploaded answers spreadsheet (XLSX or CSV) into rows, refusing unsafe or malformed
files.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
import logging
import re
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from xml.etree import ElementTree

from django.utils.functional import Promise
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from cities import errors
from maturity.assessments import uploads
from maturity.exchange.columns import (
    _CHOICES,
    ANSWER_FIELDS,
    ANSWERS_SHEET,
    COLUMNS,
    CSV,
    LETTER,
    META_SHEET,
    XLSX,
    Column,
    column_letter,
)

logger = logging.getLogger(__name__)


#: Limits on what an upload may be: bytes sent, bytes unpacked, parts in the zip, data rows.
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 40 * 1024 * 1024
MAX_ZIP_ENTRIES = 500
MAX_ROWS = 2000
#: Rows read at all, empty ones included (formatting alone can make a sheet long).
MAX_SCANNED_ROWS = 50_000

FIELD = "file"

_CHUNK = 64 * 1024
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_FORMULA_START = ("=", "+", "-", "@")


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


def _refuse(*messages: str | Promise) -> errors.Invalid:
    """The upload refused as a whole, every message under ``file``."""
    return errors.Invalid({FIELD: [str(message) for message in messages]})


def _heading_in_language(column: Column) -> str:
    """A column's heading as the workbook of the request's language writes it."""
    english = (get_language() or "id").startswith("en")
    return column.heading_en if english else column.heading_id


NOT_A_SPREADSHEET = gettext_lazy(
    "Berkas bukan buku kerja Excel (.xlsx) atau CSV. Simpan sebagai .xlsx lalu unggah lagi."
)
MACRO_ENABLED = gettext_lazy(
    "Buku kerja bermakro (.xlsm, vbaProject.bin) tidak diterima. Simpan sebagai .xlsx."
)
TOO_MUCH_DATA = gettext_lazy("Berkas terkompresi terlalu besar saat dibuka (zip bomb).")


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
        raise _refuse(_("Berkas wajib diunggah."))
    data = _read_limited(upload)
    name = uploads.sanitize_filename(getattr(upload, "name", None) or "")
    sha256 = hashlib.sha256(data).hexdigest()
    if data.startswith(_OLE_MAGIC):
        raise _refuse(
            _(
                "Format Excel lama (.xls) atau buku kerja bermakro tidak diterima; simpan "
                "sebagai .xlsx."
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
                _("Berkas melebihi batas %(megabytes)s MB.")
                % {"megabytes": MAX_UPLOAD_BYTES // (1024 * 1024)}
            )
    if not buffer:
        raise _refuse(_("Berkas kosong."))
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
            raise _refuse(_("Arsip berisi terlalu banyak berkas."))
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
        except uploads.ZIP_READ_ERRORS:
            raise _refuse(_("Arsip rusak.")) from None
        if "[content_types].xml" in names:
            content_types = archive.read("[Content_Types].xml").lower()
            if b"macroenabled" in content_types:
                raise _refuse(MACRO_ENABLED)
        if "xl/workbook.bin" in names:
            raise _refuse(_("Buku kerja biner (.xlsb) tidak diterima; simpan sebagai .xlsx."))
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
                _(
                    "Baris 1, kolom %(column)s: judul '%(heading)s' tidak sesuai; seharusnya "
                    "'%(expected)s'. Jangan mengubah nama atau urutan kolom."
                )
                % {"column": letter, "heading": text, "expected": _heading_in_language(column)}
            )
    for index in range(len(COLUMNS), len(headings)):
        if headings[index] not in (None, ""):
            letter = column_letter(index)
            problems.append(
                _("Baris 1, kolom %(column)s: kolom tambahan '%(heading)s' tidak dikenal.")
                % {"column": letter, "heading": headings[index]}
            )
    return problems[:20]


def _too_many_rows() -> errors.Invalid:
    return _refuse(_("Lembar memuat lebih dari %(rows)s baris data.") % {"rows": MAX_ROWS})


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
                _(
                    "Lembar '%(sheet)s' tidak ada di buku kerja; gunakan buku kerja yang "
                    "diekspor dari aplikasi."
                )
                % {"sheet": ANSWERS_SHEET}
            )
        assessment_id = _meta_assessment(workbook)
        sheet = workbook[ANSWERS_SHEET]
        merged = _merged_ranges(workbook, sheet)
        if merged:
            raise _refuse(
                *(
                    _(
                        "Sel %(cells)s digabung (baris %(rows)s, kolom %(columns)s); pisahkan "
                        "sel gabungan lalu unggah lagi."
                    )
                    % {"cells": ref, "rows": rows, "columns": cols}
                    for ref, rows, cols in merged[:10]
                )
            )
        sheet.reset_dimensions()
        try:
            rows = _sheet_rows(sheet)
        except errors.Invalid:
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
        raise _refuse(_("Lembar 'Jawaban' kosong."))
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
                    _("Sel berisi rumus; ketik nilainya langsung."),
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
                    _("Sel berisi galat (%(value)s).") % {"value": raw},
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


DATE_NOT_NUMBER = gettext_lazy(
    "Sel berisi tanggal padahal seharusnya angka; ubah format sel menjadi Angka/Umum dan ketik "
    "angkanya."
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
        return None, str(DATE_NOT_NUMBER)
    if isinstance(raw, Decimal):
        raw = format(raw, "f")
    numeric = isinstance(raw, (int, float)) and not isinstance(raw, bool)
    if numeric and percent_format and column.read_as in ("number", "value"):
        return None, _(
            "Sel berformat persen (65% tersimpan sebagai 0,65); ubah format sel menjadi "
            "Angka/Umum dan ketik 65."
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
        raise _refuse(_("CSV harus berenkode UTF-8.")) from None
    first_line = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[SheetRow] = []
    try:
        headings = next(reader, None)
        if headings is None:
            raise _refuse(_("Berkas CSV kosong."))
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
        raise _refuse(_("CSV tidak dapat dibaca: %(error)s.") % {"error": error}) from None
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
