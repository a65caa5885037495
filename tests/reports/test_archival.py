"""Every PDF is archival and accessible: PDF/A-3b with an sRGB output intent, tagged (headings,
tables with their headers, figures with alternative text, lists), with its language, title and
an outline of its sections, and the data it shows embedded as an associated file (relationship
``Data``). Read back with pikepdf; the text stays extractable (pypdf and poppler's pdftotext)."""

from __future__ import annotations

import io
import subprocess
from collections import Counter
from typing import Any

import pikepdf
import pytest
from django.utils import translation

from reports import rendering
from reports.context.national import national_report_context
from reports.context.region import region_report_context
from reports.models import Report
from tests.reports.conftest import Scenario, assert_parsed_alike, download, pdf_text

pytestmark = pytest.mark.django_db


def structure(pdf: pikepdf.Pdf) -> tuple[Counter[str], list[pikepdf.Dictionary]]:
    """The structure elements of the tag tree by type, and its figures."""
    kinds: Counter[str] = Counter()
    figures = []
    pending = [pdf.Root.StructTreeRoot]
    while pending:
        node = pending.pop()
        if "/S" in node:
            kinds[str(node.S)] += 1
            if node.S == "/Figure":
                figures.append(node)
        kids = node.get("/K")
        if isinstance(kids, pikepdf.Dictionary):
            kids = [kids]
        if isinstance(kids, pikepdf.Array):
            pending.extend(kid for kid in kids if isinstance(kid, pikepdf.Dictionary))
    return kinds, figures


def outline_titles(pdf: pikepdf.Pdf) -> list[tuple[int, str]]:
    """The bookmarks, depth first, with their depth (0 at the top)."""
    titles: list[tuple[int, str]] = []

    def walk(items: list[Any], depth: int) -> None:
        for item in items:
            titles.append((depth, str(item.title)))
            walk(item.children, depth + 1)

    with pdf.open_outline() as outline:
        walk(outline.root, 0)
    return titles


def assert_archival(content: bytes, *, language: str, title: str) -> pikepdf.Pdf:
    """PDF/A-3b with an sRGB output intent, marked, in ``language``, titled ``title``."""
    pdf = pikepdf.open(io.BytesIO(content))
    xmp = pdf.open_metadata()
    assert xmp["pdfaid:part"] == "3"
    assert xmp["pdfaid:conformance"] == "B"
    assert xmp["dc:title"] == title
    assert pdf.docinfo["/Title"] == title
    intents = pdf.Root.OutputIntents
    assert len(intents) == 1
    assert intents[0].S == "/GTS_PDFA1"
    assert "sRGB" in str(intents[0].OutputConditionIdentifier)
    profile = intents[0].DestOutputProfile
    assert profile.N == 3
    assert profile.read_bytes()[36:40] == b"acsp"  # an ICC profile
    assert profile.read_bytes()[16:20] == b"RGB "
    assert pdf.Root.MarkInfo.Marked is True
    assert pdf.Root.ViewerPreferences.DisplayDocTitle is True
    assert str(pdf.Root.Lang) == language
    return pdf


def associated_data(pdf: pikepdf.Pdf) -> dict[str, bytes]:
    """The files of the catalog's ``AF`` array, each with the relationship ``Data``, by name."""
    files = {}
    for spec in pdf.Root.AF:
        assert spec.Type == "/Filespec"
        assert spec.AFRelationship == "/Data"
        assert spec.EF.F.Subtype == "/application/json"
        files[str(spec.UF)] = spec.EF.F.read_bytes()
    assert len(files) == len(pdf.Root.AF), "each file once in AF"
    embedded = pdf.Root.Names.EmbeddedFiles.Names
    assert sorted(str(name) for name in embedded[::2]) == sorted(files)
    return files


def report_context(report: Report) -> Any:
    """The report's plain context (title, data file), built as its job builds it."""
    with translation.override(report.language):
        if report.kind == "region":
            return region_report_context(report)
        return national_report_context(report)


def poppler_text(content: bytes) -> str:
    done = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=content, capture_output=True, check=True
    )
    return " ".join(done.stdout.decode().split())


def ask_and_download(api: Any, scenario: Scenario, capture: Any, kind: str) -> Report:
    client = api.csco_a if kind == "region" else api.reviewer
    url = (
        f"/api/v1/assessments/{scenario.assessment.pk}/reports/"
        if kind == "region"
        else f"/api/v1/cycles/{scenario.assessment.cycle_id}/reports/"
    )
    with capture(execute=True):
        response = client.post(url, {"language": "en"}, format="json")
    assert response.status_code in (200, 202), response.content[:300]
    report = Report.objects.get(pk=response.data["id"])
    assert report.status == "done", report.error
    report.content = download(client, report.pk)  # type: ignore[attr-defined]
    return report


@pytest.mark.parametrize(
    ("kind", "sections"),
    [
        (
            "region",
            [
                (0, "Smart City Maturity Assessment Report"),
                (1, "Summary"),
                (1, "Progress"),
                (1, "Roadmap to the next level"),
                (1, "Annex: assessment method"),
            ],
        ),
        (
            "national",
            [
                (0, "National Smart City Maturity Summary"),
                (1, "Cycle status"),
                (1, "Ranking of regions"),
            ],
        ),
    ],
)
def test_each_report_is_pdf_a_3b_tagged_outlined_and_carries_its_data(
    api: Any,
    scenario: Scenario,
    django_capture_on_commit_callbacks: Any,
    kind: str,
    sections: list[tuple[int, str]],
    rendered_html: list[str],
) -> None:
    report = ask_and_download(api, scenario, django_capture_on_commit_callbacks, kind)
    (html,) = rendered_html
    assert_parsed_alike(html)
    content: bytes = report.content  # type: ignore[attr-defined]
    context = report_context(report)
    pdf = assert_archival(content, language="en", title=context.meta.title)

    kinds, figures = structure(pdf)
    assert kinds["/Document"] == 1
    assert kinds["/H1"] == 1
    assert kinds["/H2"] >= len([s for s in sections if s[0] == 1])
    assert kinds["/Table"] >= 5 and kinds["/TH"] and kinds["/TD"] and kinds["/TR"]
    assert kinds["/L"] >= 1 and kinds["/LI"] >= 3
    assert len(figures) >= 3
    for figure in figures:
        assert str(figure.get("/Alt", "")).strip(), "every chart has an alternative text"

    outline = outline_titles(pdf)
    for section in sections:
        assert section in outline, outline
    assert all(depth <= 2 for depth, _title in outline)
    if kind == "region":  # each theme's heading row is a bookmark under its element
        for element in context.elements:
            start = outline.index((1, f"{element.code} {element.title}"))
            themes = [(2, f"{th.code} · {th.title}") for th in element.themes]
            assert outline[start + 1 : start + 1 + len(themes)] == themes, outline

    assert associated_data(pdf) == {context.attachment_name: context.attachment_json}

    for text in (pdf_text(content), poppler_text(content)):
        assert report.report_id in text
        assert "Kota Makassar" in text


def test_any_html_rendered_here_is_archival_tagged_and_carries_its_attachments() -> None:
    """A property of the shared rendering path, so a new kind of PDF gets it without asking."""
    html = (
        '<html lang="id"><head><title>Berita acara verifikasi</title></head><body>'
        "<h1>Berita acara</h1><h2>Peserta</h2><ul><li>Satu</li><li>Dua</li></ul>"
        "<table><thead><tr><th>Kode</th><th>Nilai</th></tr></thead>"
        "<tbody><tr><td>E1</td><td>3</td></tr></tbody></table>"
        '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20" role="img" '
        'aria-label="Grafik"><title>Grafik nilai</title><rect width="40" height="20"/></svg>'
        "</body></html>"
    )
    content = rendering.html_to_pdf(
        html,
        attachments=(
            rendering.PdfAttachment(name="data.json", content=b'{"a": 1}', description="Data"),
        ),
        identifier="ABCDEF0123456789",
    )
    pdf = assert_archival(content, language="id", title="Berita acara verifikasi")
    kinds, figures = structure(pdf)
    assert {"/H1", "/H2", "/L", "/LI", "/Table", "/TH", "/TD"} <= set(kinds)
    assert [str(figure.Alt) for figure in figures] == ["Grafik nilai"]
    assert outline_titles(pdf) == [(0, "Berita acara"), (1, "Peserta")]
    assert associated_data(pdf) == {"data.json": b'{"a": 1}'}
    assert bytes(pdf.trailer.ID[0]) == b"ABCDEF0123456789"
