"""The rendering layer on its own: WeasyPrint reaches only the project's report files, charts
escape their text, the HTML step needs no PDF."""

from __future__ import annotations

import gc
import io
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from pypdf import PdfReader

from maturity import charts
from reports import rendering


def test_the_url_fetcher_serves_the_bundled_fonts() -> None:
    font = rendering.STATIC_DIR / "reports" / "fonts" / "NotoSans-Regular.ttf"
    fetched = rendering.static_url_fetcher(font.as_uri())
    assert fetched["string"] == font.read_bytes()


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/logo.png",
        "http://169.254.169.254/latest/meta-data/",
        "file:///etc/passwd",
        (rendering.STATIC_DIR / ".." / ".." / "config" / "settings" / "base.py").as_uri(),
        "data:text/plain,hello",
        "ftp://example.com/x",
        "file://otherhost/etc/passwd",
    ],
)
def test_the_url_fetcher_refuses_everything_else(url: str) -> None:
    with pytest.raises(rendering.FetchRefused):
        rendering.static_url_fetcher(url)


def test_a_document_pointing_outside_renders_without_fetching_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"not for reports")
    html = (
        f'<html lang="id"><head><title>t</title></head><body><p>Isi</p>'
        f'<img src="{secret.as_uri()}"><img src="http://127.0.0.1:9/x.png">'
        f'<link rel="stylesheet" href="https://example.com/x.css"></body></html>'
    )
    calls: list[str] = []
    original = rendering.static_url_fetcher

    def spy(url: str, *args: object, **kwargs: object) -> dict[str, object]:
        calls.append(url)
        return original(url, *args, **kwargs)

    monkeypatch.setattr(rendering, "static_url_fetcher", spy)
    pdf = rendering.html_to_pdf(html)
    assert pdf.startswith(b"%PDF-")
    assert b"not for reports" not in pdf
    assert any("secret.png" in url for url in calls)


def test_lists_keep_their_markers_under_the_reports_user_agent_stylesheet() -> None:
    """The reports' user-agent stylesheet drops WeasyPrint's note and footnote rules and keeps
    list markers on list items: an ordered list is still numbered, a plain paragraph is not."""

    def text_of(body: str) -> str:
        html = f'<html lang="id"><head><title>t</title></head><body>{body}</body></html>'
        page = PdfReader(io.BytesIO(rendering.html_to_pdf(html))).pages[0]
        return " ".join(page.extract_text().split())

    listed = text_of("<ol><li>Pertama</li><li>Kedua</li></ol>")
    assert "Pertama" in listed and "Kedua" in listed
    assert "1." in listed and "2." in listed
    assert "1." not in text_of("<p>Pertama</p><div>Kedua</div>")


def test_the_reports_user_agent_stylesheet_refuses_to_start_if_weasyprint_changed_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The rules left out must still be there to leave out: a new WeasyPrint whose stylesheet
    differs stops the worker at its first render, rather than rendering with unknown rules."""
    from weasyprint import html as weasyprint_html

    monkeypatch.setattr(weasyprint_html, "UA", "html { display: block }\n")
    with pytest.raises(RuntimeError, match="user-agent stylesheet changed"):
        rendering._document_class.__wrapped__()


@pytest.mark.parametrize("collector_on", [True, False])
def test_a_render_holds_the_garbage_collector_and_gives_it_back(
    monkeypatch: pytest.MonkeyPatch, collector_on: bool
) -> None:
    """The collector is held while WeasyPrint renders and restored as it was afterwards, also
    when the render fails."""
    seen: list[bool] = []

    class FailingDocument:
        def __init__(self, **kwargs: object) -> None:
            self.options = kwargs

        def write_pdf(self, **kwargs: object) -> bytes:
            seen.append(gc.isenabled())
            raise RuntimeError("layout failed")

    monkeypatch.setattr(rendering, "_document_class", lambda: FailingDocument)
    was = gc.isenabled()
    (gc.enable if collector_on else gc.disable)()
    try:
        with pytest.raises(RuntimeError, match="layout failed"):
            rendering.html_to_pdf("<html><body><p>x</p></body></html>")
        assert gc.isenabled() is collector_on
    finally:
        (gc.enable if was else gc.disable)()
    assert seen == [False]


def test_chart_text_is_escaped_and_the_svg_is_well_formed() -> None:
    nasty = '<script>alert("x")</script> & "quotes"'
    svg = charts.radar(
        [nasty, "B", "C"], [charts.Series(nasty, [1, None, 5], "#000000")], title=nasty
    )
    assert "<script>" not in svg
    title = ET.fromstring(svg).find("{http://www.w3.org/2000/svg}title")  # noqa: S314
    assert title is not None and title.text == nasty
    bars = charts.bars_with_medians(
        [charts.BarRow(nasty, 2.5, 3, None)],
        title=nasty,
        value_label=nasty,
        national_label=nasty,
        province_label="",
    )
    assert "<script>" not in bars
    ET.fromstring(bars)  # noqa: S314
    stacks = charts.level_stacks(
        [charts.StackRow(nasty, [0, 1, 2, 3, 4, 5])], title=nasty, level_names=[nasty] * 6
    )
    assert "<script>" not in stacks
    ET.fromstring(stacks)  # noqa: S314


def test_bars_leave_out_the_legend_of_medians_they_do_not_show() -> None:
    svg = charts.bars_with_medians(
        [charts.BarRow("EDU", 2.5)],
        title="t",
        value_label="Skor",
        national_label="Median X",
        province_label="Median Y",
    )
    assert "Median X" not in svg
    assert "Median Y" not in svg


def test_html_that_is_not_well_formed_is_read_by_weasyprints_own_parser() -> None:
    """The fast path reads only HTML it reads as the HTML5 parser would; anything else, such as
    an HTML entity XML does not know or text loose in a table (which the HTML5 parser moves
    before the table), goes through WeasyPrint's parser and renders all the same."""
    page = '<!doctype html><html lang="id"><head><title>T</title></head><body>{}</body></html>'
    fast = rendering.well_formed_tree(
        page.format("<p>a<br>b</p><table><tr><td>x</td></tr></table>")
    )
    assert fast is not None
    (table,) = fast.iter("table")
    assert [child.tag for child in table] == ["tbody"]  # rows in a row group, as in HTML5
    # A document type of its own is refused before the XML parser could expand its entities.
    declared = '<!DOCTYPE html [<!ENTITY e "declared">]><html><body><p>&e;</p></body></html>'
    assert rendering.well_formed_tree(declared) is None
    for body, shown in (
        ("<p>an&nbsp;entity</p>", "an\xa0entity"),
        ("<table>loose<tr><td>cell</td></tr></table>", "loose\ncell"),
        ("<p>one <b>unclosed</p>", "one unclosed"),
    ):
        html = page.format(body)
        assert rendering.well_formed_tree(html) is None
        pdf = PdfReader(io.BytesIO(rendering.html_to_pdf(html)))
        assert shown in pdf.pages[0].extract_text()


def test_the_fast_path_keeps_what_weasyprints_own_parser_keeps() -> None:
    """The document built from the XML parser's tree has the attributes WeasyPrint's own
    constructor sets, so a WeasyPrint that keeps more refuses here rather than in a report."""
    import weasyprint

    html = (
        '<!doctype html><html lang="id"><head><title>T</title></head><body><p>x</p></body></html>'
    )
    options = {"base_url": rendering.BASE_URL, "url_fetcher": weasyprint.URLFetcher()}
    ours = rendering._document_class()(string=html, **options)
    theirs = weasyprint.HTML(string=html, **options)
    assert vars(ours).keys() == vars(theirs).keys()
    assert ours.etree_element.tag == theirs.etree_element.tag == "html"
    assert ours.base_url == theirs.base_url and ours.media_type == theirs.media_type


def test_no_template_comment_spans_lines() -> None:
    """Django's ``{# … #}`` ends on its own line; one that goes on is printed in the page or
    the PDF. Longer comments are ``{% comment %}``."""
    root = Path(__file__).resolve().parents[2]
    for template in root.glob("*/templates/**/*.html"):
        for number, line in enumerate(template.read_text().splitlines(), start=1):
            assert line.count("{#") == line.count("#}"), f"{template}:{number}"


def test_every_stream_of_a_pdf_is_compressed_at_the_faster_level() -> None:
    """pydyf compresses at zlib's level 9; the rendering has it use PDF_DEFLATE_LEVEL, for
    every stream: the pages' contents, the fonts, the objects of the structure tree."""
    import zlib

    import pikepdf

    html = '<!doctype html><html lang="id"><head><title>T</title></head><body>{}</body></html>'
    pdf = pikepdf.open(
        io.BytesIO(rendering.html_to_pdf(html.format("<h1>Judul</h1><p>Teks laporan.</p>" * 40)))
    )
    streams = [o for o in pdf.objects if isinstance(o, pikepdf.Stream) and "/Filter" in o]
    kinds = {str(o.get("/Type", "")) for o in streams}
    assert "/ObjStm" in kinds and len(streams) >= 3
    for stream in streams:
        raw = stream.read_raw_bytes()
        data = zlib.decompress(raw)
        assert raw == zlib.compress(data, rendering.PDF_DEFLATE_LEVEL), stream.objgen
        if len(data) > 2000:
            assert raw != zlib.compress(data, 9)


def test_the_faster_compression_refuses_to_start_if_pydyf_changed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import pydyf

    rendering._deflate_streams_faster.cache_clear()
    monkeypatch.setattr(pydyf, "zlib", object())
    try:
        with pytest.raises(RuntimeError, match="pydyf"):
            rendering._deflate_streams_faster()
    finally:
        rendering._deflate_streams_faster.cache_clear()
        monkeypatch.undo()
        rendering._deflate_streams_faster()
