"""The demo's evidence files: a small, valid one-page PDF naming the region and the indicator."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.files.uploadedfile import SimpleUploadedFile


def _pdf_text(text: str) -> str:
    ascii_text = text.encode("latin-1", "replace").decode("latin-1")
    return ascii_text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def demo_pdf(lines: Sequence[str]) -> bytes:
    """A small, valid one-page A4 PDF showing ``lines`` (with its cross-reference table)."""
    text = ["BT", "/F1 16 Tf", "56 780 Td", "20 TL"]
    for number, line in enumerate(lines):
        if number == 1:
            text.append("/F1 11 Tf")
        text.append(f"({_pdf_text(line)}) Tj T*")
    text.append("ET")
    stream = "\n".join(text).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def evidence_file(
    *, title: str, region_label: str, code: str, indicator_title: str, data_year: int
) -> SimpleUploadedFile:
    """The evidence ``region_label`` attaches for indicator ``code``, named by its ``title``."""
    content = demo_pdf(
        [
            title,
            f"Pemerintah {region_label}",
            f"Indikator {code}: {indicator_title}"[:110],
            f"Tahun data {data_year}. Dokumen contoh untuk demo Maturasi.",
        ]
    )
    name = f"{title} - {region_label}.pdf"
    return SimpleUploadedFile(name, content, content_type="application/pdf")
