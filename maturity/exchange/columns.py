"""The columns of the answers spreadsheet and their labels, for export and import."""

from __future__ import annotations

from dataclasses import dataclass

from maturity.assessments.models import AnswerStatus, DataQuality
from maturity.frameworks.models import IndicatorKind

ANSWERS_SHEET = "Jawaban"
INSTRUCTIONS_SHEET = "Petunjuk"
META_SHEET = "_meta"
FORMAT_NAME = "maturasi-answers"
FORMAT_VERSION = 1

XLSX = "xlsx"
CSV = "csv"


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
