"""The answers spreadsheet (issue #9): export, fill in as a person's spreadsheet would, preview the
import, apply it; bad files refused and bad rows reported by row and column, with nothing saved;
stale rows reported as conflicts; the cycle scores workbook for the ministry; the pages.

Filling in is done with openpyxl in its normal (editing) mode: load the exported file, change
cells, save — what Excel or LibreOffice do with it.
"""

from __future__ import annotations

import csv
import datetime
import io
import zipfile
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import load_workbook

from maturity.assessments.models import Answer, Assessment, AssessmentStatus, HistoryEntry
from maturity.exchange import columns, reading
from maturity.exchange import services as exchange
from maturity.frameworks.models import Indicator, IndicatorKind
from maturity.scores.services import refresh_snapshots
from tests.factories import (
    REGION_A,
    REGION_B,
    make_assessment,
    make_open_cycle,
    make_small_framework,
)
from tests.maturity.scores.score_helpers import (
    WORKED_ANSWER_BODIES,
    WORKED_REVIEW_BODIES,
    import_worked_example,
    make_cycle,
    set_status,
    write_answers,
    write_reviews,
)
from tests.maturity.scores.score_helpers import make_assessment as make_scored_assessment

pytestmark = pytest.mark.django_db

COLUMN = {column.key: index + 1 for index, column in enumerate(columns.COLUMNS)}
LETTER = columns.LETTER


@pytest.fixture
def assessment(cast):
    """Kota Makassar's draft on the default framework (quantitative and rubric indicators)."""
    return make_assessment(REGION_A)


@pytest.fixture
def small(cast):
    """Kota Makassar's draft on a small framework: rubric I-1, quantitative % I-2, yes/no I-3."""
    cycle = make_open_cycle(framework=make_small_framework(code="lembar"), name="Lembar 2026")
    return make_assessment(REGION_A, cycle=cycle)


def xlsx_url(assessment: Assessment, query: str = "") -> str:
    return f"/api/v1/assessments/{assessment.pk}/answers.xlsx{query}"


def csv_url(assessment: Assessment, query: str = "") -> str:
    return f"/api/v1/assessments/{assessment.pk}/answers.csv{query}"


def import_url(assessment: Assessment, apply: bool = False) -> str:
    return f"/api/v1/assessments/{assessment.pk}/answers/import/" + ("?apply=1" if apply else "")


def export(client: Any, assessment: Assessment, query: str = "") -> bytes:
    response = client.get(xlsx_url(assessment, query))
    assert response.status_code == 200, response.content[:500]
    return response.content


def upload(
    client: Any,
    assessment: Assessment,
    content: bytes,
    *,
    name: str = "jawaban.xlsx",
    apply: bool = False,
    lang: str = "",
) -> Any:
    url = import_url(assessment, apply)
    if lang:
        url += ("&" if "?" in url else "?") + f"lang={lang}"
    return client.post(url, {"file": SimpleUploadedFile(name, content)}, format="multipart")


def upload_en(client: Any, assessment: Assessment, content: bytes, **options: Any) -> Any:
    """An upload whose refusals read in English."""
    return upload(client, assessment, content, lang="en", **options)


def rows_by_code(sheet: Any) -> dict[str, int]:
    return {
        sheet.cell(row=r, column=COLUMN["indicator"]).value: r
        for r in range(2, sheet.max_row + 1)
        if sheet.cell(row=r, column=COLUMN["indicator"]).value
    }


def edit_workbook(content: bytes, change: Any) -> bytes:
    """Open the workbook as a spreadsheet program does, let ``change(workbook)`` edit it, save."""
    workbook = load_workbook(io.BytesIO(content))
    change(workbook)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def fill(content: bytes, answers: dict[str, dict[str, Any]]) -> bytes:
    """Type ``answers`` ({code: {column key: value}}) into the answers sheet."""

    def change(workbook: Any) -> None:
        sheet = workbook[columns.ANSWERS_SHEET]
        rows = rows_by_code(sheet)
        for code, values in answers.items():
            for key, value in values.items():
                sheet.cell(row=rows[code], column=COLUMN[key], value=value)

    return edit_workbook(content, change)


def indicators(assessment: Assessment) -> list[Indicator]:
    return list(
        Indicator.objects.filter(framework_id=assessment.cycle.framework_id).order_by("position")
    )


def typed_answer(indicator: Indicator) -> dict[str, Any]:
    """What a person types for ``indicator``: a number, a level from the list, ya/tidak."""
    if indicator.kind == IndicatorKind.RUBRIC:
        value: Any = 4
    elif indicator.kind == IndicatorKind.BINARY:
        value = "ya"
    else:
        value = float(Decimal(str(indicator.thresholds[1])) + Decimal("0.5"))
    return {
        "status": "answered",
        "value": value,
        "source": f"Dinas data {indicator.code}",
        "year": 2025,
        "comment": f"Catatan {indicator.code}",
    }


def answers_by_code(client: Any, assessment: Assessment) -> dict[str, dict[str, Any]]:
    response = client.get(f"/api/v1/assessments/{assessment.pk}/answers/?page_size=200")
    assert response.status_code == 200
    return {row["indicator"]: row for row in response.json()["results"]}


# --- The exported workbook ----------------------------------------------------------------------


def test_the_workbook_has_a_row_per_indicator_with_its_guidance_kind_and_allowed_values(
    api, assessment
):
    workbook = load_workbook(io.BytesIO(export(api.reviewer, assessment)))

    assert workbook.sheetnames[:2] == ["Jawaban", "Petunjuk"]
    sheet = workbook["Jawaban"]
    headings = [cell.value for cell in sheet[1]]
    assert headings[:4] == ["Elemen", "Tema", "Kode", "Indikator"]
    assert "Nilai yang diterima" in headings and "Versi" in headings
    codes = rows_by_code(sheet)
    assert list(codes) == [i.code for i in indicators(assessment)]
    edu_1 = Indicator.objects.get(framework_id=assessment.cycle.framework_id, code="EDU-1")
    row = codes["EDU-1"]
    assert sheet.cell(row=row, column=COLUMN["title"]).value == edu_1.title_id
    assert sheet.cell(row=row, column=COLUMN["guidance"]).value == edu_1.guidance_id
    assert sheet.cell(row=row, column=COLUMN["unit"]).value == "%"
    assert sheet.cell(row=row, column=COLUMN["kind"]).value == "Kuantitatif"
    assert "0 sampai 100" in sheet.cell(row=row, column=COLUMN["allowed"]).value
    assert sheet.cell(row=row, column=COLUMN["element"]).value.startswith("E1 ")
    assert sheet.cell(row=row, column=COLUMN["version"]).value == 0


def test_the_workbook_speaks_english_when_asked(api, assessment):
    sheet = load_workbook(io.BytesIO(export(api.csco_a, assessment, "?lang=en")))["Jawaban"]

    assert sheet.cell(row=1, column=COLUMN["indicator"]).value == "Code"
    row = rows_by_code(sheet)["EDU-1"]
    edu_1 = Indicator.objects.get(framework_id=assessment.cycle.framework_id, code="EDU-1")
    assert sheet.cell(row=row, column=COLUMN["title"]).value == edu_1.title_en
    assert sheet.cell(row=row, column=COLUMN["kind"]).value == "Quantitative"


def test_the_workbook_has_drop_downs_for_status_rubric_levels_yes_no_and_quality(api, small):
    sheet = load_workbook(io.BytesIO(export(api.csco_a, small)))["Jawaban"]
    rows = rows_by_code(sheet)

    def lists_for(cell: str) -> list[str]:
        return [
            validation.formula1
            for validation in sheet.data_validations.dataValidation
            if validation.type == "list" and cell in validation.sqref
        ]

    assert lists_for(f"{LETTER['status']}{rows['I-2']}") == ['"answered,not_applicable,no_data"']
    assert lists_for(f"{LETTER['quality']}{rows['I-3']}") == ['"measured,estimated,modelled"']
    assert lists_for(f"{LETTER['value']}{rows['I-1']}") == ['"1,2,3,4,5"']
    assert lists_for(f"{LETTER['value']}{rows['I-3']}") == ['"ya,tidak"']
    assert lists_for(f"{LETTER['value']}{rows['I-2']}") == []
    english = load_workbook(io.BytesIO(export(api.csco_a, small, "?lang=en")))["Jawaban"]
    assert '"yes,no"' in [v.formula1 for v in english.data_validations.dataValidation]


def test_only_the_answer_cells_are_unlocked_on_a_protected_sheet(api, assessment):
    sheet = load_workbook(io.BytesIO(export(api.csco_a, assessment)))["Jawaban"]

    assert sheet.protection.sheet is True
    for key in (
        "status",
        "value",
        "numerator",
        "denominator",
        "justification",
        "source",
        "year",
        "quality",
        "comment",
    ):
        assert sheet.cell(row=2, column=COLUMN[key]).protection.locked is False, key
    for key in (
        "element",
        "theme",
        "indicator",
        "title",
        "guidance",
        "unit",
        "kind",
        "allowed",
        "version",
    ):
        assert sheet.cell(row=2, column=COLUMN[key]).protection.locked is True, key


def test_the_instructions_sheet_explains_in_indonesian_and_english(api, assessment):
    sheet = load_workbook(io.BytesIO(export(api.csco_a, assessment)))["Petunjuk"]
    text = "\n".join(str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value)

    assert "Cara mengisi" in text and "How to fill in" in text
    assert "Kota Makassar" in text
    assert "konflik" in text and "conflict" in text


def test_the_workbook_shows_the_current_answers_and_their_versions(api, assessment):
    api.csco_a.put(
        f"/api/v1/assessments/{assessment.pk}/answers/EDU-1/",
        {
            "status": "answered",
            "value": "12.5",
            "source": "BPS",
            "year": 2024,
            "comment": '=HYPERLINK("x")',
            "version": 0,
        },
        format="json",
    )
    workbook = load_workbook(io.BytesIO(export(api.observer, assessment)))
    sheet = workbook["Jawaban"]
    row = rows_by_code(sheet)["EDU-1"]

    assert sheet.cell(row=row, column=COLUMN["status"]).value == "answered"
    assert sheet.cell(row=row, column=COLUMN["value"]).value == 12.5
    assert sheet.cell(row=row, column=COLUMN["source"]).value == "BPS"
    assert sheet.cell(row=row, column=COLUMN["year"]).value == 2024
    assert sheet.cell(row=row, column=COLUMN["version"]).value == 1
    # A comment that looks like a formula is kept as text, never run by the spreadsheet.
    comment = sheet.cell(row=row, column=COLUMN["comment"])
    assert comment.value == '=HYPERLINK("x")' and comment.data_type == "s"


# --- The round trip -----------------------------------------------------------------------------


def test_export_fill_in_preview_and_apply_saves_exactly_the_filled_values(api, cast, assessment):
    every = indicators(assessment)
    typed = {i.code: typed_answer(i) for i in every}
    not_applicable, no_data = every[1].code, every[2].code
    typed[not_applicable] = {"status": "tidak berlaku", "justification": "Tidak ada kampus."}
    typed[no_data] = {"status": "no_data", "comment": "Survei belum selesai."}
    filled = fill(export(api.contributor_a, assessment), typed)

    preview = upload(api.contributor_a, assessment, filled)

    assert preview.status_code == 200, preview.json()
    body = preview.json()
    assert body["summary"] == {
        "new": len(every),
        "changed": 0,
        "unchanged": 0,
        "blank": 0,
        "conflict": 0,
        "error": 0,
    }
    assert body["can_apply"] is True and body["applied"] is False and body["errors"] == []
    assert not Answer.objects.filter(assessment=assessment).exists()  # a preview saves nothing

    applied = upload(api.contributor_a, assessment, filled, apply=True)

    assert applied.status_code == 200, applied.json()
    assert applied.json()["applied"] is True
    saved = answers_by_code(api.csco_a, assessment)
    for indicator in every:
        row, wanted = saved[indicator.code], typed[indicator.code]
        if indicator.code == not_applicable:
            assert (row["status"], row["justification"]) == ("not_applicable", "Tidak ada kampus.")
            continue
        if indicator.code == no_data:
            assert (row["status"], row["comment"]) == ("no_data", "Survei belum selesai.")
            continue
        assert row["status"] == "answered"
        assert (row["source"], row["year"], row["comment"]) == (
            wanted["source"],
            2025,
            wanted["comment"],
        )
        if indicator.kind == IndicatorKind.RUBRIC:
            assert row["value"] == 4
        elif indicator.kind == IndicatorKind.BINARY:
            assert row["value"] is True
        else:
            assert Decimal(row["value"]) == Decimal(str(wanted["value"])), indicator.code
        assert row["updated_by"] == "contributor_a"
    assessment.refresh_from_db()
    assert assessment.completeness == Decimal("100.0")


def test_the_history_records_the_import_as_one_change_set_by_the_uploader(api, cast, assessment):
    every = indicators(assessment)[:5]
    filled = fill(export(api.contributor_a, assessment), {i.code: typed_answer(i) for i in every})

    response = upload(api.contributor_a, assessment, filled, name="dinas.xlsx", apply=True)

    change_set = response.json()["change_set"]
    entries = list(HistoryEntry.objects.filter(assessment=assessment, change_set__isnull=False))
    assert {str(entry.change_set) for entry in entries} == {change_set}
    assert {entry.actor for entry in entries} == {cast.contributor_a}
    assert sorted(e.indicator_code for e in entries if e.action == "answer.created") == sorted(
        i.code for i in every
    )
    imported = [e for e in entries if e.action == exchange.IMPORTED]
    assert len(imported) == 1
    assert imported[0].after["file"] == "dinas.xlsx" and imported[0].after["new"] == 5
    history = api.csco_a.get(f"/api/v1/assessments/{assessment.pk}/history/?page_size=200")
    assert exchange.IMPORTED in [item["action"] for item in history.json()["results"]]


def test_importing_the_export_unchanged_saves_nothing_and_writes_no_history(api, assessment):
    first = fill(export(api.csco_a, assessment), {"EDU-1": typed_answer(indicators(assessment)[0])})
    upload(api.csco_a, assessment, first, apply=True)
    before = HistoryEntry.objects.filter(assessment=assessment).count()

    again = export(api.csco_a, assessment)
    preview = upload(api.csco_a, assessment, again).json()
    applied = upload(api.csco_a, assessment, again, apply=True)

    assert preview["summary"]["unchanged"] == 1
    assert preview["summary"]["blank"] == len(indicators(assessment)) - 1
    assert applied.status_code == 200 and applied.json()["change_set"] is None
    assert HistoryEntry.objects.filter(assessment=assessment).count() == before
    assert Answer.objects.get(assessment=assessment, indicator__code="EDU-1").version == 1


def test_a_changed_row_is_shown_with_before_and_after_and_raises_the_version(api, assessment):
    first = fill(export(api.csco_a, assessment), {"EDU-1": {"status": "answered", "value": 10}})
    upload(api.csco_a, assessment, first, apply=True)
    second = fill(export(api.csco_a, assessment), {"EDU-1": {"value": 20, "comment": "Revisi"}})

    body = upload(api.csco_a, assessment, second).json()

    (row,) = [r for r in body["rows"] if r["outcome"] == "changed"]
    assert row["indicator"] == "EDU-1" and row["changes"] == ["value", "comment"]
    assert (row["before"]["value"], row["after"]["value"]) == ("10", "20")
    upload(api.csco_a, assessment, second, apply=True)
    answer = Answer.objects.get(assessment=assessment, indicator__code="EDU-1")
    assert (answer.value_decimal, answer.comment, answer.version) == (Decimal(20), "Revisi", 2)


def test_a_row_changed_by_someone_else_since_the_export_is_a_conflict_and_nothing_is_saved(
    api, assessment
):
    first = fill(export(api.csco_a, assessment), {"EDU-1": {"status": "answered", "value": 10}})
    upload(api.csco_a, assessment, first, apply=True)
    exported = export(api.contributor_a, assessment)  # EDU-1 at version 1
    api.csco_a.put(
        f"/api/v1/assessments/{assessment.pk}/answers/EDU-1/",
        {"status": "answered", "value": "11", "version": 1},
        format="json",
    )
    filled = fill(exported, {"EDU-1": {"value": 30}, "EDU-2": {"status": "no_data"}})

    preview = upload(api.contributor_a, assessment, filled).json()
    applied = upload(api.contributor_a, assessment, filled, apply=True)

    assert preview["summary"]["conflict"] == 1 and preview["can_apply"] is False
    (conflict,) = preview["conflicts"]
    assert conflict["indicator"] == "EDU-1" and conflict["version"] == 1
    assert conflict["current"]["value"] == "11" and conflict["current"]["version"] == 2
    assert conflict["uploaded"]["value"] == "30"
    assert applied.status_code == 409
    assert applied.json()["code"] == "import_has_conflicts"
    assert applied.json()["conflicts"][0]["indicator"] == "EDU-1"
    assert Answer.objects.get(assessment=assessment, indicator__code="EDU-1").value_decimal == 11
    assert not Answer.objects.filter(assessment=assessment, indicator__code="EDU-2").exists()


def test_a_new_row_answered_by_someone_else_meanwhile_is_a_conflict(api, assessment):
    exported = export(api.contributor_a, assessment)
    api.csco_a.put(
        f"/api/v1/assessments/{assessment.pk}/answers/EDU-1/",
        {"status": "no_data", "version": 0},
        format="json",
    )

    body = upload(
        api.contributor_a, assessment, fill(exported, {"EDU-1": {"status": "answered", "value": 5}})
    ).json()

    assert body["summary"]["conflict"] == 1 and body["rows"][0]["outcome"] == "conflict"


def test_csv_round_trip_with_the_same_columns(api, assessment):
    response = api.contributor_a.get(csv_url(assessment))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == [column.key for column in columns.COLUMNS]
    position = {code: n for n, code in enumerate(r[COLUMN["indicator"] - 1] for r in rows)}
    row = rows[position["EDU-1"]]
    row[COLUMN["status"] - 1], row[COLUMN["value"] - 1] = "answered", "42.5"
    row[COLUMN["comment"] - 1] = "=kata Bappeda"
    out = io.StringIO()
    csv.writer(out).writerows(rows)

    applied = upload(
        api.contributor_a,
        assessment,
        out.getvalue().encode("utf-8"),
        name="jawaban.csv",
        apply=True,
    )

    assert applied.status_code == 200, applied.json()
    assert applied.json()["file"]["format"] == "csv" and applied.json()["summary"]["new"] == 1
    answer = Answer.objects.get(assessment=assessment, indicator__code="EDU-1")
    assert (answer.value_decimal, answer.comment) == (Decimal("42.5"), "=kata Bappeda")
    exported_again = api.contributor_a.get(csv_url(assessment)).content.decode("utf-8-sig")
    assert "'=kata Bappeda" in exported_again  # a spreadsheet opening the CSV runs no formula


def test_a_semicolon_csv_with_decimal_commas_from_an_indonesian_excel_is_read(api, assessment):
    headings = ";".join(column.key for column in columns.COLUMNS)
    cells = [""] * len(columns.COLUMNS)
    cells[COLUMN["indicator"] - 1] = "EDU-1"
    cells[COLUMN["status"] - 1] = "Dijawab"
    cells[COLUMN["value"] - 1] = "12,75"
    content = f"{headings}\r\n{';'.join(cells)}\r\n".encode()

    response = upload(api.csco_a, assessment, content, name="jawaban.csv", apply=True)

    assert response.status_code == 200, response.json()
    answer = Answer.objects.get(assessment=assessment, indicator__code="EDU-1")
    assert (answer.status, answer.value_decimal) == ("answered", Decimal("12.75"))


# --- Bad rows: reported by row and column, nothing saved ---------------------------------------


def test_bad_rows_are_reported_by_row_and_column_and_apply_saves_nothing(api, assessment):
    every = indicators(assessment)
    percent, *numbers = [i.code for i in every if i.kind == "quantitative" and i.unit == "%"][:5]
    rubric = next(i.code for i in every if i.kind == "rubric")
    exported = export(api.csco_a, assessment)
    rows = rows_by_code(load_workbook(io.BytesIO(exported))["Jawaban"])
    formula, date, old_year, good = numbers
    reason_missing = every[-1].code
    filled = fill(
        exported,
        {
            percent: {"status": "answered", "value": 150},  # a percentage above 100
            formula: {"status": "answered", "value": "=1+2"},
            date: {"status": "answered", "value": datetime.datetime(2024, 5, 1)},
            rubric: {"status": "answered", "value": 7},
            reason_missing: {"status": "not_applicable"},  # no justification
            old_year: {"status": "answered", "value": 3, "year": 1800},
            good: {"status": "answered", "value": 3},
        },
    )

    body = upload(api.csco_a, assessment, filled).json()
    in_english = upload_en(api.csco_a, assessment, filled).json()
    applied = upload(api.csco_a, assessment, filled, apply=True)

    found = {(e["row"], e["column"], e["field"]) for e in body["errors"]}
    assert (rows[percent], LETTER["value"], "value") in found
    assert (rows[formula], LETTER["value"], "value") in found
    assert (rows[date], LETTER["value"], "value") in found
    assert (rows[rubric], LETTER["value"], "value") in found
    assert (rows[reason_missing], LETTER["justification"], "justification") in found
    assert (rows[old_year], LETTER["year"], "year") in found
    messages = {e["row"]: e["message"] for e in body["errors"]}
    english = {e["row"]: e["message"] for e in in_english["errors"]}
    assert "rumus" in messages[rows[formula]] and "formula" in english[rows[formula]]
    assert "tanggal" in messages[rows[date]] and "date" in english[rows[date]]
    assert "0 dan 100" in messages[rows[percent]]
    assert body["summary"]["error"] == 6 and body["summary"]["new"] == 1
    assert body["can_apply"] is False
    assert applied.status_code == 400
    assert applied.json()["errors"] and "Tidak ada yang disimpan" in applied.json()["detail"]
    assert applied.json()["code"] == "import_has_errors"
    assert not Answer.objects.filter(assessment=assessment).exists()


def test_unknown_and_repeated_indicator_codes_are_errors_in_the_code_column(api, assessment):
    def change(workbook: Any) -> None:
        sheet = workbook["Jawaban"]
        sheet.cell(row=2, column=COLUMN["status"], value="no_data")
        sheet.cell(row=3, column=COLUMN["indicator"], value=sheet.cell(row=2, column=3).value)
        sheet.cell(row=3, column=COLUMN["status"], value="no_data")
        sheet.cell(row=4, column=COLUMN["indicator"], value="ZZZ-9")
        sheet.cell(row=4, column=COLUMN["status"], value="no_data")

    body = upload(
        api.csco_a, assessment, edit_workbook(export(api.csco_a, assessment), change)
    ).json()

    errors = {(e["row"], e["column"]): e["message"] for e in body["errors"]}
    assert "baris 2" in errors[(3, LETTER["indicator"])]
    assert "ZZZ-9" in errors[(4, LETTER["indicator"])]


def test_a_number_formatted_as_a_percentage_is_reported_not_read_as_a_fraction(api, assessment):
    def change(workbook: Any) -> None:
        sheet = workbook["Jawaban"]
        row = rows_by_code(sheet)["EDU-1"]
        sheet.cell(row=row, column=COLUMN["status"], value="answered")
        cell = sheet.cell(row=row, column=COLUMN["value"], value=0.65)
        cell.number_format = "0%"

    body = upload_en(
        api.csco_a, assessment, edit_workbook(export(api.csco_a, assessment), change)
    ).json()

    (error,) = body["errors"]
    assert error["column"] == LETTER["value"] and "percentage" in error["message"]


def test_yes_no_is_read_from_the_list_or_as_a_spreadsheet_boolean(api, small):
    filled = fill(export(api.csco_a, small), {"I-3": {"status": "answered", "value": "tidak"}})
    assert upload(api.csco_a, small, filled, apply=True).status_code == 200
    assert Answer.objects.get(assessment=small, indicator__code="I-3").value_bool is False

    filled = fill(export(api.csco_a, small), {"I-3": {"value": True}})
    assert upload(api.csco_a, small, filled, apply=True).status_code == 200
    assert Answer.objects.get(assessment=small, indicator__code="I-3").value_bool is True
    exported = load_workbook(io.BytesIO(export(api.csco_a, small)))["Jawaban"]
    assert exported.cell(row=rows_by_code(exported)["I-3"], column=COLUMN["value"]).value == "ya"


# --- Bad files: refused with a reason, nothing saved --------------------------------------------


def refused(response: Any) -> str:
    assert response.status_code == 400, response.content[:300]
    body = response.json()
    assert list(body) == ["file", "code"]
    assert body["code"] == "invalid"
    return " ".join(body["file"])


def test_a_renamed_column_is_refused_naming_row_and_column(api, assessment):
    def change(workbook: Any) -> None:
        workbook["Jawaban"]["C1"] = "Kode indikator"

    renamed = edit_workbook(export(api.csco_a, assessment), change)
    message = refused(upload(api.csco_a, assessment, renamed))
    in_english = refused(upload_en(api.csco_a, assessment, renamed))

    assert "Baris 1, kolom C" in message and "seharusnya 'Kode'" in message
    assert "Row 1, column C" in in_english and "expected 'Code'" in in_english


def test_reordered_columns_are_refused(api, assessment):
    def change(workbook: Any) -> None:
        sheet = workbook["Jawaban"]
        sheet.move_range(f"{LETTER['value']}1:{LETTER['value']}{sheet.max_row}", cols=30)
        sheet.move_range(f"{LETTER['numerator']}1:{LETTER['numerator']}{sheet.max_row}", cols=-1)

    message = refused(
        upload_en(api.csco_a, assessment, edit_workbook(export(api.csco_a, assessment), change))
    )

    assert f"column {LETTER['value']}" in message and "reorder" in message
    assert not Answer.objects.filter(assessment=assessment).exists()


def test_a_missing_answers_sheet_is_refused(api, assessment):
    def change(workbook: Any) -> None:
        workbook["Jawaban"].title = "Data"

    message = refused(
        upload_en(api.csco_a, assessment, edit_workbook(export(api.csco_a, assessment), change))
    )

    assert "'Jawaban'" in message


def test_merged_cells_are_refused_naming_the_cells(api, assessment):
    def change(workbook: Any) -> None:
        workbook["Jawaban"].merge_cells(f"{LETTER['comment']}5:{LETTER['comment']}6")

    message = refused(
        upload_en(api.csco_a, assessment, edit_workbook(export(api.csco_a, assessment), change))
    )

    assert f"{LETTER['comment']}5:{LETTER['comment']}6" in message and "merged" in message


def test_ten_thousand_extra_rows_are_refused(api, assessment):
    def change(workbook: Any) -> None:
        sheet = workbook["Jawaban"]
        for n in range(10_000):
            sheet.append([None, None, f"X-{n}", None, None, None, None, None, "no_data"])

    message = refused(
        upload_en(api.csco_a, assessment, edit_workbook(export(api.csco_a, assessment), change))
    )

    assert str(reading.MAX_ROWS) in message and "rows" in message


@pytest.mark.parametrize(
    "content",
    [
        b"%PDF-1.4\n%%EOF\n",
        bytes(range(256)) * 4,
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504,  # an old .xls
        b"just a line of text\n",
    ],
    ids=["pdf", "binary", "xls", "text"],
)
def test_a_file_that_is_not_an_answers_workbook_is_refused(api, assessment, content):
    message = refused(upload_en(api.csco_a, assessment, content))

    assert "xlsx" in message.lower() or "heading" in message


def test_a_zip_that_is_not_a_workbook_is_refused(api, assessment):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
        archive.writestr("[Content_Types].xml", "<Types/>")

    assert "xlsx" in refused(upload_en(api.csco_a, assessment, buffer.getvalue()))


def _rezip(
    content: bytes, extra: dict[str, bytes], replace: dict[str, bytes] | None = None
) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in source.infolist():
            archive.writestr(
                item.filename, (replace or {}).get(item.filename, source.read(item.filename))
            )
        for name, data in extra.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_a_macro_enabled_workbook_is_refused(api, assessment):
    content = _rezip(export(api.csco_a, assessment), {"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0"})

    message = refused(upload_en(api.csco_a, assessment, content, name="jawaban.xlsm"))

    assert "vbaProject.bin" in message


def test_a_workbook_declared_macro_enabled_is_refused(api, assessment):
    exported = export(api.csco_a, assessment)
    types = (
        zipfile.ZipFile(io.BytesIO(exported))
        .read("[Content_Types].xml")
        .replace(b"spreadsheetml.sheet.main+xml", b"ms-excel.sheet.macroEnabled.main+xml")
    )

    message = refused(
        upload_en(api.csco_a, assessment, _rezip(exported, {}, {"[Content_Types].xml": types}))
    )

    assert "macro" in message.lower()


def test_a_zip_bomb_is_refused_before_the_workbook_is_read(api, assessment):
    bomb = b"\0" * (reading.MAX_UNCOMPRESSED_BYTES + 1)
    content = _rezip(export(api.csco_a, assessment), {"xl/media/padding.bin": bomb})
    assert len(content) < 200_000

    message = refused(upload_en(api.csco_a, assessment, content))

    assert "zip bomb" in message


def test_an_entity_declaration_in_the_workbook_xml_is_refused(api, assessment):
    exported = export(api.csco_a, assessment)
    sheet_xml = zipfile.ZipFile(io.BytesIO(exported)).read("xl/worksheets/sheet1.xml")
    evil = sheet_xml.replace(b"<worksheet", b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]><worksheet', 1)

    refused(
        upload_en(api.csco_a, assessment, _rezip(exported, {}, {"xl/worksheets/sheet1.xml": evil}))
    )


def test_an_empty_upload_and_a_missing_file_are_refused(api, assessment):
    assert "empty" in refused(upload_en(api.csco_a, assessment, b""))
    response = api.csco_a.post(f"{import_url(assessment)}?lang=en", {}, format="multipart")
    assert "required" in refused(response)


def test_a_workbook_exported_for_another_assessment_is_refused(api, cast, assessment):
    other = make_assessment(REGION_A, cycle=make_cycle(assessment.cycle.framework, "Lain"))
    from_other = fill(export(api.csco_a, other), {"EDU-1": {"status": "no_data"}})

    message = refused(upload_en(api.csco_a, assessment, from_other, apply=True))

    assert "another assessment" in message
    assert not Answer.objects.filter(assessment=assessment).exists()


# --- Who may, and when ------------------------------------------------------------------------


def test_another_regions_csco_finds_neither_the_files_nor_the_import(api, assessment):
    content = export(api.csco_a, assessment)

    assert api.csco_b.get(xlsx_url(assessment)).status_code == 404
    assert api.csco_b.get(csv_url(assessment)).status_code == 404
    assert upload(api.csco_b, assessment, content).status_code == 404


@pytest.mark.parametrize("role", ["reviewer", "observer", "admin", "contributor_a", "csco_a"])
def test_everyone_who_reads_the_assessment_may_export_it(api, assessment, role):
    assert api[role].get(xlsx_url(assessment)).status_code == 200
    assert api[role].get(csv_url(assessment)).status_code == 200


@pytest.mark.parametrize("role", ["reviewer", "observer"])
def test_ministry_readers_may_not_import(api, assessment, role):
    filled = fill(export(api[role], assessment), {"EDU-1": {"status": "no_data"}})

    assert upload(api[role], assessment, filled).status_code == 403
    assert upload(api[role], assessment, filled, apply=True).status_code == 403
    assert upload(api[role], assessment, b"not even a file").status_code == 403
    assert not Answer.objects.filter(assessment=assessment).exists()


def test_signed_out_callers_may_neither_export_nor_import(api, assessment):
    assert api.anon.get(xlsx_url(assessment)).status_code in (401, 403)
    assert upload(api.anon, assessment, b"x").status_code in (401, 403)


def test_a_submitted_assessment_can_be_previewed_but_not_applied(api, assessment):
    filled = fill(export(api.csco_a, assessment), {"EDU-1": {"status": "no_data"}})
    Assessment.objects.filter(pk=assessment.pk).update(status=AssessmentStatus.SUBMITTED)

    preview = upload(api.csco_a, assessment, filled)
    applied = upload(api.csco_a, assessment, filled, apply=True)

    assert preview.status_code == 200 and preview.json()["editable"] is False
    assert preview.json()["can_apply"] is False
    assert applied.status_code == 409
    assert not Answer.objects.filter(assessment=assessment).exists()


def test_preview_and_export_take_constant_queries(api, assessment, django_assert_max_num_queries):
    filled = fill(
        export(api.csco_a, assessment), {i.code: typed_answer(i) for i in indicators(assessment)}
    )
    upload(api.csco_a, assessment, filled, apply=True)

    with django_assert_max_num_queries(8):
        assert api.csco_a.get(xlsx_url(assessment)).status_code == 200
    with django_assert_max_num_queries(8):
        assert upload(api.csco_a, assessment, filled).status_code == 200


# --- The cycle's scores for the ministry ------------------------------------------------------


def test_cycle_scores_workbook_has_the_index_and_elements_and_every_indicators_two_levels(api):
    cycle = make_cycle(import_worked_example(), name="Siklus Kementerian")
    assessment = make_scored_assessment(cycle, REGION_A)
    write_answers(assessment, WORKED_ANSWER_BODIES)
    write_reviews(assessment, WORKED_REVIEW_BODIES)
    set_status(assessment, AssessmentStatus.APPROVED)
    refresh_snapshots(assessment_id=assessment.pk)

    response = api.reviewer.get(f"/api/v1/cycles/{cycle.pk}/scores/?format=xlsx")

    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["indeks", "indikator"]
    header, row = list(workbook["indeks"].iter_rows(values_only=True))
    values = dict(zip(header, row, strict=True))
    assert values["Kode wilayah"] == REGION_A
    assert values["Indeks mandiri"] == 3.06
    assert values["Indeks terverifikasi"] is not None and values["Tingkat terverifikasi"]
    element_columns = [h for h in header if h.startswith(("E1 ", "E2 ", "E3 "))]
    assert len(element_columns) == 6  # three elements, self and verified
    indicator_rows = list(workbook["indikator"].iter_rows(values_only=True))
    assert indicator_rows[0][-2:] == ("Tingkat mandiri", "Tingkat terverifikasi")
    levels = {r[4]: r[-2:] for r in indicator_rows[1:]}
    assert len(levels) == 10
    assert levels["EDU-1"] == (4, 3)  # the reviewer verified a lower level
    assert levels["GOV-1"] == (4, 4)  # accepted on approval
    assert levels["SAF-1"] == (0, None)  # no data; the reviewer accepted it as not applicable
    csv_response = api.observer.get(f"/api/v1/cycles/{cycle.pk}/scores/?format=csv")
    csv_header = next(csv.reader(io.StringIO(csv_response.content.decode())))
    assert {"self_E1", "verified_E1", "self_index", "verified_index"} <= set(csv_header)


# --- Pages ------------------------------------------------------------------------------------


def page_client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_spreadsheet_page_offers_downloads_and_the_upload_to_the_regions_people(
    cast, assessment
):
    response = page_client(cast.contributor_a).get(f"/assessments/{assessment.pk}/spreadsheet/")

    assert response.status_code == 200
    html = response.content.decode()
    assert f"/assessments/{assessment.pk}/spreadsheet/answers.xlsx" in html
    assert f"/assessments/{assessment.pk}/spreadsheet/answers.csv" in html
    assert 'id="upload-form"' in html


def test_a_reviewer_sees_the_downloads_but_no_upload_form(cast, assessment):
    client = page_client(cast.reviewer)
    response = client.get(f"/assessments/{assessment.pk}/spreadsheet/")
    download = client.get(f"/assessments/{assessment.pk}/spreadsheet/answers.xlsx")

    assert response.status_code == 200 and 'id="upload-form"' not in response.content.decode()
    assert download.status_code == 200
    assert load_workbook(io.BytesIO(download.content)).sheetnames[0] == "Jawaban"


def test_the_page_previews_an_upload_then_applies_it_on_request(cast, assessment):
    client = page_client(cast.contributor_a)
    exported = client.get(f"/assessments/{assessment.pk}/spreadsheet/answers.xlsx").content
    filled = fill(exported, {"EDU-1": {"status": "answered", "value": 33}})

    preview = client.post(
        f"/assessments/{assessment.pk}/spreadsheet/preview/",
        {"file": SimpleUploadedFile("isi.xlsx", filled)},
    )

    assert preview.status_code == 200
    html = preview.content.decode()
    assert 'id="apply-form"' in html and "EDU-1" in html
    assert not Answer.objects.filter(assessment=assessment).exists()
    token = preview.context["token"]

    applied = client.post(f"/assessments/{assessment.pk}/spreadsheet/apply/", {"token": token})

    assert applied.status_code == 302 and applied["Location"] == f"/assessments/{assessment.pk}/"
    assert Answer.objects.get(assessment=assessment, indicator__code="EDU-1").value_decimal == 33
    again = client.post(f"/assessments/{assessment.pk}/spreadsheet/apply/", {"token": token})
    assert again.status_code == 302
    assert again["Location"] == f"/assessments/{assessment.pk}/spreadsheet/"


def test_the_page_shows_row_errors_and_offers_no_apply(cast, assessment):
    client = page_client(cast.csco_a)
    exported = client.get(f"/assessments/{assessment.pk}/spreadsheet/answers.xlsx").content
    filled = fill(exported, {"EDU-1": {"status": "answered", "value": 150}})

    response = client.post(
        f"/assessments/{assessment.pk}/spreadsheet/preview/",
        {"file": SimpleUploadedFile("isi.xlsx", filled)},
    )

    html = response.content.decode()
    assert response.status_code == 200 and 'id="apply-form"' not in html
    assert "Persentase harus antara 0 dan 100." in html
    assert f"Kolom {LETTER['value']}" in html


def test_the_page_refuses_a_bad_file_with_its_reason(cast, assessment):
    response = page_client(cast.csco_a).post(
        f"/assessments/{assessment.pk}/spreadsheet/preview/",
        {"file": SimpleUploadedFile("isi.xlsx", b"%PDF-1.4 nope")},
    )

    assert response.status_code == 400
    assert "bukan buku kerja Excel" in response.content.decode()


def test_the_page_refuses_an_observer_upload_and_hides_other_regions(cast, assessment):
    observer = page_client(cast.observer)
    other = page_client(cast.csco_b)

    assert (
        observer.post(
            f"/assessments/{assessment.pk}/spreadsheet/preview/",
            {"file": SimpleUploadedFile("x.csv", b"a")},
        ).status_code
        == 403
    )
    assert observer.post(f"/assessments/{assessment.pk}/spreadsheet/apply/").status_code == 403
    assert other.get(f"/assessments/{assessment.pk}/spreadsheet/").status_code == 404
    assert other.get(f"/assessments/{assessment.pk}/spreadsheet/answers.csv").status_code == 404


def test_region_b_has_its_own_workbook(api, cast):
    mine = make_assessment(REGION_B)

    sheet = load_workbook(io.BytesIO(export(api.csco_b, mine)))["Petunjuk"]

    assert any("Banyuwangi" in str(cell.value) for row in sheet.iter_rows() for cell in row)


def test_the_page_reports_a_row_changed_between_preview_and_apply_as_a_conflict(
    api, cast, assessment
):
    client = page_client(cast.contributor_a)
    exported = client.get(f"/assessments/{assessment.pk}/spreadsheet/answers.xlsx").content
    filled = fill(exported, {"EDU-1": {"status": "answered", "value": 33}})
    preview = client.post(
        f"/assessments/{assessment.pk}/spreadsheet/preview/",
        {"file": SimpleUploadedFile("isi.xlsx", filled)},
    )
    api.csco_a.put(
        f"/api/v1/assessments/{assessment.pk}/answers/EDU-1/",
        {"status": "no_data", "version": 0},
        format="json",
    )

    applied = client.post(
        f"/assessments/{assessment.pk}/spreadsheet/apply/", {"token": preview.context["token"]}
    )

    assert applied.status_code == 409
    html = applied.content.decode()
    assert "import-row--conflict" in html and 'id="apply-form"' not in html
    assert Answer.objects.get(assessment=assessment, indicator__code="EDU-1").status == "no_data"
