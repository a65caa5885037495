"""Checking uploaded files: the type from the content, a safe name, the size, the SHA-256.

Reusable by every upload in the product (evidence, programme files): call :func:`inspect_upload`
with the uploaded file and a size limit; it returns a :class:`CheckedFile` or raises
:class:`cities.errors.Invalid` naming the ``file`` field (code ``file_not_accepted``). The file's
name never decides its type: the bytes do (magic numbers; for zip-based formats the inner
structure; CSV is valid UTF-8 text that does not begin as markup or a script, so an SVG, an HTML
page or a shell script is refused).
"""

from __future__ import annotations

import codecs
import hashlib
import os
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Protocol

from django.utils.translation import gettext as _

from cities import errors

# The accepted types: content type → the extensions a name may keep for it (first = canonical).
PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT = "application/vnd.oasis.opendocument.text"
ODS = "application/vnd.oasis.opendocument.spreadsheet"
CSV = "text/csv"

# What zipfile raises on a damaged or hostile archive while listing or reading it: a bad header,
# a truncated member, a bad CRC, an encrypted member (RuntimeError) or a compression method it
# cannot read (NotImplementedError).
ZIP_READ_ERRORS = (
    zipfile.BadZipFile,
    OSError,
    EOFError,
    ValueError,
    NotImplementedError,
    RuntimeError,
)

EXTENSIONS: dict[str, tuple[str, ...]] = {
    PDF: (".pdf",),
    PNG: (".png",),
    JPEG: (".jpg", ".jpeg"),
    XLSX: (".xlsx",),
    DOCX: (".docx",),
    ODT: (".odt",),
    ODS: (".ods",),
    CSV: (".csv", ".txt"),
}
ALLOWED_TYPES = frozenset(EXTENSIONS)

MAX_NAME_LENGTH = 150
# Zip-based documents: limits on what they may unpack to, so a "zip bomb" is refused.
MAX_ZIP_ENTRIES = 5000
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200
_CHUNK = 64 * 1024
_SNIFF_BYTES = 8
# Text that begins as markup (HTML, SVG, XML) or as a script ("#!") is no CSV, whatever its
# name says: a browser or a shell could run it.
_NOT_CSV_STARTS = (b"<", b"#!")

FIELD = "file"
#: The code of every refusal of an upload.
NOT_ACCEPTED = "file_not_accepted"


class UploadedFileLike(Protocol):
    name: str | None
    size: int | None

    def chunks(self, chunk_size: int | None = None) -> Iterator[bytes]: ...

    def seek(self, offset: int, whence: int = 0) -> int: ...

    def read(self, size: int = -1) -> bytes: ...


@dataclass(frozen=True)
class CheckedFile:
    """What an upload turned out to be."""

    name: str
    size: int
    sha256: str
    content_type: str


def _reject(message: str) -> errors.Invalid:
    return errors.Invalid({FIELD: [message]}, code=NOT_ACCEPTED)


def sanitize_filename(name: str | None, *, max_length: int = MAX_NAME_LENGTH) -> str:
    """The basename only, without control characters or NULs, of limited length.

    ``"../../etc/passwd"`` → ``"passwd"``; ``"C:\\temp\\laporan.pdf"`` → ``"laporan.pdf"``.
    An empty result becomes ``"berkas"`` (the caller fixes the extension).
    """
    text = unicodedata.normalize("NFC", name or "")
    text = text.replace("\\", "/").rsplit("/", 1)[-1]
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")
    text = text.strip().strip(".").strip()
    if not text:
        text = "berkas"
    if len(text) > max_length:
        stem, ext = os.path.splitext(text)
        ext = ext[:16]
        text = stem[: max_length - len(ext)].rstrip() + ext
    return text


def name_for_type(name: str, content_type: str) -> str:
    """``name`` with an extension that matches ``content_type`` (replacing a misleading one)."""
    stem, ext = os.path.splitext(name)
    allowed = EXTENSIONS[content_type]
    if ext.lower() in allowed:
        return name
    if not stem:
        stem = name
    if len(stem) + len(allowed[0]) > MAX_NAME_LENGTH:
        stem = stem[: MAX_NAME_LENGTH - len(allowed[0])]
    return stem + allowed[0]


def _zip_type(stream: IO[bytes], compressed_size: int) -> str | None:
    """XLSX, DOCX, ODT or ODS from a zip's inner structure; raises on a zip bomb or a bad zip."""
    try:
        archive = zipfile.ZipFile(stream)
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    with archive:
        entries = archive.infolist()
        if len(entries) > MAX_ZIP_ENTRIES:
            raise _reject(_("Arsip berisi terlalu banyak berkas."))
        declared = sum(entry.file_size for entry in entries)
        limit = min(MAX_UNCOMPRESSED_BYTES, max(compressed_size, 1) * MAX_COMPRESSION_RATIO)
        if declared > limit:
            raise _reject(_("Berkas terkompresi terlalu besar saat dibuka (zip bomb)."))
        # Declared sizes can lie: unpack everything, counting real bytes, and stop at the limit.
        unpacked = 0
        try:
            for entry in entries:
                with archive.open(entry) as member:
                    while chunk := member.read(_CHUNK):
                        unpacked += len(chunk)
                        if unpacked > limit:
                            raise _reject(
                                _("Berkas terkompresi terlalu besar saat dibuka (zip bomb).")
                            )
        except ZIP_READ_ERRORS:
            raise _reject(_("Arsip rusak.")) from None
        names = {entry.filename for entry in entries}
        if "[Content_Types].xml" in names:
            if any(n.startswith("xl/") for n in names):
                return XLSX
            if any(n.startswith("word/") for n in names):
                return DOCX
            return None
        if "mimetype" in names:
            mimetype = archive.read("mimetype")[:100].strip()
            if mimetype == ODT.encode():
                return ODT
            if mimetype == ODS.encode():
                return ODS
        return None


def _is_text(stream: IO[bytes]) -> bool:
    """Valid UTF-8 (an optional BOM), with no NUL and no other control bytes but tab/CR/LF/FF."""
    decoder = codecs.getincrementaldecoder("utf-8")(errors="strict")
    try:
        while chunk := stream.read(_CHUNK):
            text = decoder.decode(chunk)
            if any(ord(ch) < 32 and ch not in "\t\r\n\f" for ch in text):
                return False
            if "\x7f" in text:
                return False
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def sniff_content_type(stream: IO[bytes], size: int) -> str | None:
    """The content type of a seekable binary stream, from its bytes, or None if not accepted."""
    stream.seek(0)
    head = stream.read(_SNIFF_BYTES)
    stream.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"PK\x03\x04"):
        found = _zip_type(stream, size)
        stream.seek(0)
        return found
    start = stream.read(1024).removeprefix(codecs.BOM_UTF8).lstrip()
    stream.seek(0)
    if not start.startswith(_NOT_CSV_STARTS) and _is_text(stream):
        stream.seek(0)
        return CSV
    stream.seek(0)
    return None


def inspect_upload(upload: UploadedFileLike, *, max_bytes: int) -> CheckedFile:
    """Check an uploaded file: not empty, within ``max_bytes``, an accepted type by content.

    Returns the sanitised name (its extension made to match the type), size, SHA-256 and content
    type. Raises :class:`~cities.errors.Invalid` ``{"file": [...]}`` otherwise. Leaves the file
    at position 0.
    """
    digest = hashlib.sha256()
    size = 0
    upload.seek(0)
    for chunk in upload.chunks():
        size += len(chunk)
        if size > max_bytes:
            raise _reject(_("Berkas melebihi batas %(limit)d bita.") % {"limit": max_bytes})
        digest.update(chunk)
    if size == 0:
        raise _reject(_("Berkas kosong."))
    upload.seek(0)
    content_type = sniff_content_type(upload, size)  # type: ignore[arg-type]
    upload.seek(0)
    if content_type is None:
        raise _reject(
            _(
                "Jenis berkas tidak diterima; yang diterima: PDF, PNG, JPEG, XLSX, DOCX, CSV, "
                "ODT, ODS."
            )
        )
    name = name_for_type(sanitize_filename(upload.name), content_type)
    return CheckedFile(name=name, size=size, sha256=digest.hexdigest(), content_type=content_type)
