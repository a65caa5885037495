"""Evidence files through the HTTP API: the type decided by the content, names sanitised, sizes
limited, kept privately and served only through a permission-checked download."""

from __future__ import annotations

import hashlib
import io
import zipfile

import pytest
from django.core.files.storage import default_storage
from django.test import override_settings

from maturity.assessments import uploads
from maturity.assessments.models import Evidence, HistoryEntry
from maturity.frameworks.models import Indicator
from tests.factories import REGION_A, TINY_PDF, make_assessment, make_open_cycle

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"
EXECUTABLE = (
    b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64 + b"PE\x00\x00"
)


def xlsx_bytes() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.active["A1"] = "Jumlah penduduk"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def zip_bytes(entries: dict[str, bytes], stored_first: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if stored_first:
            archive.writestr(stored_first, entries[stored_first], compress_type=zipfile.ZIP_STORED)
        for name, data in entries.items():
            if name != stored_first:
                archive.writestr(name, data)
    return buffer.getvalue()


DOCX = zip_bytes(
    {
        "[Content_Types].xml": b"<Types/>",
        "_rels/.rels": b"<Relationships/>",
        "word/document.xml": b"<w:document/>",
    }
)
ODT = zip_bytes({"mimetype": uploads.ODT.encode(), "content.xml": b"<office/>"}, "mimetype")
ODS = zip_bytes({"mimetype": uploads.ODS.encode(), "content.xml": b"<office/>"}, "mimetype")
CSV = b"wilayah,nilai\nKota Makassar,65,5\n"


@pytest.fixture
def assessment(db):  # type: ignore[no-untyped-def]
    return make_assessment(REGION_A, make_open_cycle())


@pytest.fixture
def code(assessment):  # type: ignore[no-untyped-def]
    return Indicator.objects.filter(framework_id=assessment.cycle.framework_id).first().code


def upload(client, assessment, name, content, code):  # type: ignore[no-untyped-def]
    """POST a multipart body built by hand, so the file name arrives exactly as given (the test
    client would strip a path from it)."""
    boundary = "----maturasi-boundary"
    parts = []
    if code is not None:
        parts.append(
            f"--{boundary}\r\n"
            f'Content-Disposition: form-data; name="indicator"\r\n\r\n{code}\r\n'.encode()
        )
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n".encode()
        + content
        + b"\r\n"
    )
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    return client.generic(
        "POST",
        f"/api/v1/assessments/{assessment.pk}/evidence/",
        body,
        content_type=f"multipart/form-data; boundary={boundary}",
    )


@pytest.mark.parametrize(
    ("name", "content", "content_type", "stored_name"),
    [
        ("perda.pdf", TINY_PDF, "application/pdf", "perda.pdf"),
        ("tangkapan.png", PNG, "image/png", "tangkapan.png"),
        ("foto.jpeg", JPEG, "image/jpeg", "foto.jpeg"),
        ("data.xlsx", None, uploads.XLSX, "data.xlsx"),
        ("sk.docx", DOCX, uploads.DOCX, "sk.docx"),
        ("laporan.odt", ODT, uploads.ODT, "laporan.odt"),
        ("tabel.ods", ODS, uploads.ODS, "tabel.ods"),
        ("data.csv", CSV, "text/csv", "data.csv"),
        # The name never decides the type: the content does, and the extension follows it.
        ("laporan.pdf", PNG, "image/png", "laporan.png"),
        ("catatan.pdf", CSV, "text/csv", "catatan.csv"),
    ],
)
def test_accepted_files_are_typed_by_their_content(
    api, assessment, code, name, content, content_type, stored_name
):
    content = content if content is not None else xlsx_bytes()
    response = upload(api.contributor_a, assessment, name, content, code)
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["content_type"] == content_type
    assert body["name"] == stored_name
    assert body["size"] == len(content)
    assert body["sha256"] == hashlib.sha256(content).hexdigest()
    assert body["indicator"] == code
    evidence = Evidence.objects.get(pk=body["id"])
    assert evidence.file.read() == content
    entry = HistoryEntry.objects.get(assessment=assessment, action="evidence.added")
    assert (entry.indicator_code, entry.after["sha256"]) == (code, body["sha256"])


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(EXECUTABLE, id="executable renamed .pdf"),
        pytest.param(b"\x00\x01\x02binary", id="binary with NULs"),
        pytest.param(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, id="old OLE .doc"),
        pytest.param(zip_bytes({"a.txt": b"hello"}), id="a plain zip"),
        pytest.param(
            zip_bytes({"[Content_Types].xml": b"<Types/>", "x/y.xml": b"<a/>"}),
            id="OOXML neither sheet nor document",
        ),
        pytest.param(b"PK\x03\x04 not really a zip", id="broken zip"),
        pytest.param("caf\xe9".encode("latin-1"), id="text that is not UTF-8"),
    ],
)
def test_files_of_other_types_are_refused_naming_the_file(api, assessment, code, content):
    response = upload(api.csco_a, assessment, "laporan.pdf", content, code)
    assert response.status_code == 400
    assert list(response.json()) == ["file", "code"]
    assert response.json()["code"] == "file_not_accepted"
    assert not Evidence.objects.exists()
    assert not HistoryEntry.objects.filter(action="evidence.added").exists()


def test_an_empty_file_is_refused(api, assessment, code):
    response = upload(api.csco_a, assessment, "kosong.pdf", b"", code)
    assert response.status_code == 400
    assert list(response.json()) == ["file", "code"]
    assert not Evidence.objects.exists()


@override_settings(EVIDENCE_MAX_BYTES=100)
def test_a_file_over_the_limit_is_refused(api, assessment, code):
    response = upload(api.csco_a, assessment, "besar.pdf", TINY_PDF + b" " * 200, code)
    assert response.status_code == 400
    assert "100" in response.json()["file"][0]
    assert not Evidence.objects.exists()


def test_a_zip_bomb_is_refused(api, assessment, code):
    bomb = zip_bytes(
        {
            "[Content_Types].xml": b"<Types/>",
            "xl/workbook.xml": b"<w/>",
            "xl/worksheets/sheet1.xml": b"\x00" * (30 * 1024 * 1024),
        }
    )
    assert len(bomb) < 200 * 1024
    response = upload(api.csco_a, assessment, "bom.xlsx", bomb, code)
    assert response.status_code == 400
    assert "zip bomb" in response.json()["file"][0]


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\bappeda\\laporan.pdf", "laporan.pdf"),
        ("/var/www/../laporan akhir.pdf", "laporan akhir.pdf"),
        ("lap\x01oran\x1f\x7f.pdf", "laporan.pdf"),
        ("...", "berkas.pdf"),
        ("a" * 300 + ".pdf", "a" * 146 + ".pdf"),
    ],
)
def test_a_path_or_control_characters_in_the_name_are_stored_sanitised(
    api, assessment, code, given, stored
):
    response = upload(api.csco_a, assessment, given, TINY_PDF, code)
    assert response.status_code == 201, response.json()
    assert response.json()["name"] == stored
    evidence = Evidence.objects.get(pk=response.json()["id"])
    assert evidence.file.name.startswith(f"evidence/{assessment.pk}/")
    assert ".." not in evidence.file.name


def test_an_upload_needs_a_known_indicator_and_a_file(api, assessment, code):
    url = f"/api/v1/assessments/{assessment.pk}/evidence/"
    assert list(upload(api.csco_a, assessment, "a.pdf", TINY_PDF, None).json()) == [
        "indicator",
        "code",
    ]
    assert list(upload(api.csco_a, assessment, "a.pdf", TINY_PDF, "NOPE-1").json()) == [
        "indicator",
        "code",
    ]
    missing = api.csco_a.post(url, {"indicator": code}, format="multipart")
    assert missing.status_code == 400
    assert list(missing.json()) == ["file", "code"]
    assert not Evidence.objects.exists()


def test_reviewers_and_observers_may_not_upload(api, assessment, code):
    assert upload(api.reviewer, assessment, "a.pdf", TINY_PDF, code).status_code == 403
    assert upload(api.observer, assessment, "a.pdf", TINY_PDF, code).status_code == 403
    assert not Evidence.objects.exists()


def test_the_download_is_an_attachment_with_a_safe_type(api, assessment, code):
    created = upload(api.contributor_a, assessment, "tangkapan.png", PNG, code).json()
    url = f"/api/v1/assessments/{assessment.pk}/evidence/{created['id']}/download/"
    for client in (api.csco_a, api.reviewer, api.observer):
        response = client.get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PNG
        assert response["Content-Type"] == "image/png"
        assert response["Content-Disposition"].startswith("attachment;")
        assert 'filename="tangkapan.png"' in response["Content-Disposition"]
        assert response["X-Content-Type-Options"] == "nosniff"


def test_evidence_files_are_never_served_by_url(api, client, assessment, code):
    created = upload(api.contributor_a, assessment, "perda.pdf", TINY_PDF, code).json()
    evidence = Evidence.objects.get(pk=created["id"])
    assert evidence.file.url.startswith("/media-not-served/")
    assert client.get(evidence.file.url).status_code == 404


def test_the_evidence_list_shows_each_file_with_its_indicator(api, assessment, code):
    upload(api.contributor_a, assessment, "perda.pdf", TINY_PDF, code)
    upload(api.csco_a, assessment, "foto.png", PNG, code)
    response = api.reviewer.get(f"/api/v1/assessments/{assessment.pk}/evidence/")
    assert response.status_code == 200
    results = response.json()["results"]
    assert [(e["name"], e["indicator"]) for e in results] == [
        ("perda.pdf", code),
        ("foto.png", code),
    ]
    assert results[0]["uploaded_by"] == "contributor_a"
    rows = api.csco_a.get(f"/api/v1/assessments/{assessment.pk}/answers/").json()["results"]
    assert {r["indicator"]: r["evidence_count"] for r in rows}[code] == 2


def test_deleting_evidence_removes_the_file_after_commit_and_records_it(
    api, assessment, code, django_capture_on_commit_callbacks
):
    created = upload(api.contributor_a, assessment, "perda.pdf", TINY_PDF, code).json()
    stored = Evidence.objects.get(pk=created["id"]).file.name
    assert default_storage.exists(stored)
    with django_capture_on_commit_callbacks(execute=True):
        response = api.csco_a.delete(
            f"/api/v1/assessments/{assessment.pk}/evidence/{created['id']}/"
        )
    assert response.status_code == 204
    assert not Evidence.objects.exists()
    assert not default_storage.exists(stored)
    entry = HistoryEntry.objects.get(assessment=assessment, action="evidence.deleted")
    assert (entry.before["name"], entry.actor.username) == ("perda.pdf", "csco_a")


def test_evidence_cannot_be_added_or_deleted_once_submitted(api, cast, assessment, code):
    from tests.factories import answer_everything

    created = upload(api.contributor_a, assessment, "perda.pdf", TINY_PDF, code).json()
    answer_everything(assessment, cast.contributor_a)
    assert api.csco_a.post(f"/api/v1/assessments/{assessment.pk}/submit/").status_code == 200
    assert upload(api.csco_a, assessment, "lagi.pdf", TINY_PDF, code).status_code == 409
    response = api.csco_a.delete(f"/api/v1/assessments/{assessment.pk}/evidence/{created['id']}/")
    assert response.status_code == 409
    assert Evidence.objects.filter(pk=created["id"]).exists()


# --- The reusable checks themselves -------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("laporan.pdf", "laporan.pdf"),
        ("dir/sub/laporan.pdf", "laporan.pdf"),
        ("..\\..\\boot.ini", "boot.ini"),
        ("  .hidden.pdf  ", "hidden.pdf"),
        ("", "berkas"),
        (None, "berkas"),
        ("Laporan\u202eFDP.exe", "LaporanFDP.exe"),  # right-to-left override removed
    ],
)
def test_sanitize_filename_keeps_only_a_safe_basename(given, expected):
    assert uploads.sanitize_filename(given) == expected
