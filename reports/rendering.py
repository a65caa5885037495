"""From a report's plain context to HTML (a Django template) and from HTML to PDF bytes
(WeasyPrint). The only module of the product that imports WeasyPrint.

WeasyPrint fetches nothing but the project's own files under ``reports/static/``: the fonts that
ship with the product. Any other address — ``http(s)``, ``data:``, a ``file://`` path elsewhere —
is refused, so a report can neither reach the network nor read the server's files.
"""

from __future__ import annotations

import atexit
import functools
import mimetypes
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

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
    document = weasyprint.HTML(string=html, base_url=BASE_URL, url_fetcher=fetcher)
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


def _one_entry_per_associated_file(document: Any, pdf: Any) -> None:
    """WeasyPrint 70 lists each attachment twice in the catalog's ``AF`` array (once from the
    embedded-files name tree, once from its file specification; Kozea/WeasyPrint#2917): keep
    one entry per file specification."""
    entries = pdf.catalog.get("AF")
    if entries:
        entries[:] = list(dict.fromkeys(entries))
