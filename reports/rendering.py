"""From a report's plain context to HTML (a Django template) and from HTML to PDF bytes
(WeasyPrint). The only module of the product that imports WeasyPrint.

WeasyPrint fetches nothing but the project's own files under ``reports/static/``: the fonts that
ship with the product. Any other address — ``http(s)``, ``data:``, a ``file://`` path elsewhere —
is refused, so a report can neither reach the network nor read the server's files.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import gc
import mimetypes
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree

from django.conf import settings
from django.template.loader import render_to_string

from reports.context.minutes import MinutesReport
from reports.context.plain import NationalReport, RegionReport
from reports.labels import labels_for

STATIC_DIR = (Path(__file__).resolve().parent / "static").resolve()
BASE_URL = STATIC_DIR.as_uri() + "/"

TEMPLATES = {
    "region": "reports/pdf/region.html",
    "national": "reports/pdf/national.html",
    "minutes": "reports/pdf/minutes.html",
}
#: The stylesheet of every PDF (its fonts, pages, tables), applied by :func:`html_to_pdf`.
STYLESHEET = "reports/pdf/report.css"


class FetchRefused(ValueError):
    """WeasyPrint asked for an address outside the report's own static files."""


def static_url_fetcher(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    """WeasyPrint's URL fetcher: files under reports/static/ only, everything else refused."""
    parts = urlsplit(url)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        raise FetchRefused(f"refused to fetch {url[:80]!r}: only the report's own files")
    path = Path(unquote(parts.path)).resolve()
    if not path.is_relative_to(STATIC_DIR) or not path.is_file():
        raise FetchRefused(f"refused to fetch {url[:80]!r}: not a report static file")
    mime_type = mimetypes.guess_type(path.name)[0]
    return {"string": path.read_bytes(), "mime_type": mime_type, "redirected_url": url}


def _weasyprint_fetcher() -> Any:
    """WeasyPrint's URL fetcher (a ``weasyprint.URLFetcher``) that answers through
    :func:`static_url_fetcher`, so WeasyPrint gets the report's own files and nothing else."""
    import weasyprint
    from weasyprint.urls import URLFetcherResponse

    class StaticFilesFetcher(weasyprint.URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
            found = static_url_fetcher(url)
            content_type = {"Content-Type": found["mime_type"]} if found["mime_type"] else {}
            return URLFetcherResponse(found["redirected_url"], found["string"], content_type)

    return StaticFilesFetcher()


@functools.cache
def _shared_style() -> tuple[Any, Any]:
    """The PDF stylesheet, parsed once per process, and the font configuration that loaded its
    ``@font-face`` fonts: a worker renders report after report with both, rather than parsing
    the CSS and loading the fonts again for each (a change to the CSS needs a restart)."""
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    stylesheet = weasyprint.CSS(
        string=render_to_string(STYLESHEET),
        base_url=BASE_URL,
        url_fetcher=_weasyprint_fetcher(),
        font_config=fonts,
    )
    return stylesheet, fonts


#: Rules of WeasyPrint's HTML user-agent stylesheet that match every element of a document to
#: create pseudo-elements the reports never have (notes and footnotes), and the list marker of
#: every element where only list items have one. WeasyPrint computes a style for each such
#: pseudo-element of each element: six per table cell, a third of a long table's cost.
_UNUSED_UA_RULES = (
    (re.compile(r"^::(footnote|note)-[a-z]+ \{[^}]*\}$", re.M), ""),
    (re.compile(r"^::marker \{", re.M), "li::marker {"),
)


@functools.cache
def _document_class() -> Any:
    """``weasyprint.HTML`` with a user-agent stylesheet for the reports' HTML: WeasyPrint's own
    less :data:`_UNUSED_UA_RULES`, parsed once per process."""
    import cssselect2
    import weasyprint
    from weasyprint import html as weasyprint_html
    from weasyprint.css.counters import CounterStyle

    text = weasyprint_html.UA
    for pattern, replacement in _UNUSED_UA_RULES:
        text, count = pattern.subn(replacement, text)
        if not count:
            raise RuntimeError(f"WeasyPrint's user-agent stylesheet changed: {pattern.pattern}")
    # Its @counter-style rules are already in WeasyPrint's counter styles, which every document
    # starts from; parsed again here, they fill a set of their own.
    stylesheet = weasyprint.CSS(string=text, counter_style=CounterStyle())

    class ReportHTML(weasyprint.HTML):  # type: ignore[misc]
        def __init__(self, *, string: str, base_url: str, url_fetcher: Any) -> None:
            root = well_formed_tree(string)
            if root is None:
                super().__init__(string=string, base_url=base_url, url_fetcher=url_fetcher)
                return
            # What weasyprint.HTML.__init__ keeps of the tree its own parser builds
            # (tests/reports/test_rendering.py compares the two).
            self.base_url = base_url
            self.url_fetcher = url_fetcher
            self.media_type = "print"
            self.wrapper_element = cssselect2.ElementWrapper.from_html_root(
                root, content_language=None
            )
            self.etree_element = self.wrapper_element.etree_element

        def _ua_stylesheets(self, forms: bool = False) -> list[Any]:
            return [stylesheet]

    return ReportHTML


#: HTML's void elements, written ``<br>`` in the templates and closed for an XML parser.
_VOID_ELEMENTS = re.compile(
    r"<(area|base|br|col|embed|hr|img|input|link|meta|source|track|wbr)\b([^>]*?)\s*/?>", re.I
)
_DOCTYPE = re.compile(r"^\s*<!doctype html>", re.I)


def well_formed_tree(html: str) -> ElementTree.Element | None:
    """The report's HTML as the element tree WeasyPrint's HTML5 parser would build, parsed by
    the XML parser of the standard library, or ``None`` when the HTML is not well-formed XML
    once its void elements are closed (then WeasyPrint's own parser reads it).

    The templates write well-formed HTML, so this is the tree of every report: the HTML5
    parser, in Python, took a sixteenth of a render; expat, in C, takes a thirtieth of that.
    Like the HTML5 parser, it puts a table's rows in a row group when the template does not.
    """
    text = _DOCTYPE.sub("", _VOID_ELEMENTS.sub(r"<\1\2/>", html), count=1)
    if "<!DOCTYPE" in text:
        return None  # a document type of its own could declare entities: not ours
    try:
        # Without a document type there is nothing to declare or fetch an entity with.
        root = ElementTree.fromstring(text)  # noqa: S314
    except ElementTree.ParseError:
        return None
    if root.tag != "html" or root.find("body") is None:
        return None
    for part in root.iter():
        if part.tag in _TABLE_PARTS and (
            _has_text(part.text) or any(_has_text(child.tail) for child in part)
        ):
            return None  # text where only rows and cells may be: the HTML5 parser moves it
    for table in root.iter("table"):
        _imply_row_groups(table)
    return root


_TABLE_PARTS = frozenset(("table", "thead", "tbody", "tfoot", "tr", "colgroup"))


def _has_text(text: str | None) -> bool:
    return bool(text and not text.isspace())


def _imply_row_groups(table: ElementTree.Element) -> None:
    """Put each run of a table's own rows in a ``tbody``, as an HTML5 parser does."""
    children = list(table)
    if not any(child.tag == "tr" for child in children):
        return
    for child in children:
        table.remove(child)
    group: ElementTree.Element | None = None
    for child in children:
        if child.tag == "tr":
            if group is None:
                group = ElementTree.SubElement(table, "tbody")
            group.append(child)
        else:
            group = None
            table.append(child)


# Let go of the font configuration while the interpreter can still run its clean-up.
atexit.register(_shared_style.cache_clear)


def template_name(kind: str) -> str:
    """The template of a report kind; ``settings.REPORT_TEMPLATE_OVERRIDE`` may replace it
    (``{"region": "..."}``), e.g. to try a new layout or, in tests, a broken one."""
    overrides = getattr(settings, "REPORT_TEMPLATE_OVERRIDE", None) or {}
    return overrides.get(kind) or TEMPLATES[kind]


def render_html(kind: str, context: RegionReport | NationalReport | MinutesReport) -> str:
    """The report's HTML: a Django template over the plain context."""
    return render_to_string(template_name(kind), {"r": context, "t": _labels(context)})


def _labels(context: RegionReport | NationalReport | MinutesReport) -> dict[str, str]:
    return labels_for(context.meta.language)


@dataclass(frozen=True)
class PdfAttachment:
    name: str
    content: bytes
    description: str


#: Every PDF of the product is archival and accessible: PDF/A-3b (fonts embedded, an sRGB output
#: intent, XMP metadata, attachments as associated files) and tagged (a structure tree of
#: headings, tables, figures with their alternative text and lists, marked content, the language
#: and the title shown as the window's title). A property of this rendering path, not of a
#: template: a new kind of PDF gets it by rendering here.
PDF_VARIANT = "pdf/a-3b"


def html_to_pdf(
    html: str, *, attachments: tuple[PdfAttachment, ...] = (), identifier: str = ""
) -> bytes:
    """Render HTML to an archival, tagged PDF (:data:`PDF_VARIANT`) with WeasyPrint, fetching
    only the report's static files.

    The PDF stylesheet (:data:`STYLESHEET`) applies to every document, before the HTML's own
    styles. Title, author, subject, keywords and language come from the HTML (``<title>``,
    ``<meta name=...>``, ``<html lang>``); the outline (bookmarks) from its headings.
    ``attachments`` are embedded as associated files of the document (the catalog's ``AF``)
    with the relationship ``Data``: the data the document shows, in a machine-readable form.
    """
    import weasyprint

    fetcher = _weasyprint_fetcher()
    document = _document_class()(string=html, base_url=BASE_URL, url_fetcher=fetcher)
    files = [
        weasyprint.Attachment(
            string=item.content,
            name=item.name,
            description=item.description,
            url_fetcher=fetcher,
            relationship="Data",
        )
        for item in attachments
    ]
    stylesheet, fonts = _shared_style()
    _deflate_streams_faster()
    with _one_collection():
        pdf: bytes = document.write_pdf(
            stylesheets=[stylesheet],
            font_config=fonts,
            finisher=_one_entry_per_associated_file,
            attachments=files,
            pdf_identifier=identifier.encode() if identifier else None,
            pdf_variant=PDF_VARIANT,
            pdf_tags=True,
            custom_metadata=False,
        )
    return pdf


#: zlib's compression level for every stream of a PDF (page contents, fonts, the structure
#: tree). WeasyPrint's PDF writer, pydyf, compresses at level 9, the slowest: level 2 costs a
#: region report about a tenth less CPU for a file a sixth larger (about 30 kB).
PDF_DEFLATE_LEVEL = 2


class _Deflate:
    """The ``zlib`` pydyf calls, compressing at :data:`PDF_DEFLATE_LEVEL` whatever level it
    asks for; everything else is zlib's own."""

    def __getattr__(self, name: str) -> Any:
        return getattr(zlib, name)

    @staticmethod
    def compress(data: bytes, /, level: int = -1, wbits: int = zlib.MAX_WBITS) -> bytes:
        return zlib.compress(data, PDF_DEFLATE_LEVEL, wbits)

    @staticmethod
    def compressobj(level: int = -1, *args: Any, **kwargs: Any) -> Any:
        return zlib.compressobj(PDF_DEFLATE_LEVEL, *args, **kwargs)


@functools.cache
def _deflate_streams_faster() -> None:
    """Have pydyf compress at :data:`PDF_DEFLATE_LEVEL` in this process (it takes no option):
    it reads ``zlib`` from its module, which gets :class:`_Deflate`. Refuses to start if pydyf
    no longer does, rather than compress slowly unnoticed."""
    import pydyf

    current = getattr(pydyf, "zlib", None)
    if isinstance(current, _Deflate):
        return
    if current is not zlib:
        raise RuntimeError("pydyf no longer compresses through its module's zlib")
    pydyf.zlib = _Deflate()


@contextlib.contextmanager
def _one_collection() -> Iterator[None]:
    """Hold Python's cyclic garbage collector for one render, then collect once.

    A render allocates a few hundred thousand objects that live until it ends (boxes, styles,
    layouts, PDF objects). With the collector on, every few hundred allocations start a
    collection that walks them all again, and the older generations' collections walk the
    worker's whole heap: a fifth of a report's CPU. Held, they stay in the youngest generation,
    and one collection of that generation afterwards frees the render's cycles, whatever else
    the process holds.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
        gc.collect(0)


def _one_entry_per_associated_file(document: Any, pdf: Any) -> None:
    """WeasyPrint 70 lists each attachment twice in the catalog's ``AF`` array (once from the
    embedded-files name tree, once from its file specification; Kozea/WeasyPrint#2917): keep
    one entry per file specification."""
    entries = pdf.catalog.get("AF")
    if entries:
        entries[:] = list(dict.fromkeys(entries))
