"""Fixtures for the report tests: a fully answered, reviewed and approved assessment of region A
on the default framework (with evidence and reviewer comments), a submitted one of region B to
compare with, and helpers that read PDFs back."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from typing import Any

import pytest
import tinyhtml5
from pypdf import PdfReader

from maturity.assessments.models import Assessment
from maturity.assessments.services import lifecycle, review
from maturity.frameworks.models import Indicator
from maturity.programmes.models import Programme
from maturity.scores.models import ScoreSnapshot, ScoreTrack
from maturity.scores.services import refresh_snapshots
from reports import rendering
from tests.factories import (
    REGION_A,
    REGION_B,
    answer_everything,
    make_assessment,
    make_open_cycle,
)

REVIEW_COMMENTS = {
    0: "Data dukung SK Wali Kota sudah sesuai; tingkat diturunkan karena cakupan belum penuh.",
    1: "Sumber data BPS 2025 terverifikasi.",
    2: "Dokumen rencana aksi belum ditandatangani.",
}


@dataclass
class Scenario:
    assessment: Assessment
    peer: Assessment
    indicators: list[Indicator]
    comments: dict[str, str]


def _reviewed_and_approved(cast: Any, assessment: Assessment) -> dict[str, str]:
    indicators = list(
        Indicator.objects.filter(framework_id=assessment.cycle.framework_id).order_by("position")
    )
    lifecycle.submit(user=cast.csco_a, assessment=assessment)
    comments = {}
    for position, text in REVIEW_COMMENTS.items():
        indicator = indicators[position]
        review.set_review(
            user=cast.reviewer,
            assessment=assessment,
            indicator=indicator,
            verified_level=2,
            comment=text,
        )
        comments[indicator.code] = text
    lifecycle.approve(user=cast.reviewer, assessment=assessment)
    return comments


@pytest.fixture
def scenario(cast: Any) -> Scenario:
    """Kota Makassar approved (every indicator answered at level 3, three reviewed at level 2
    with comments, one programme); Kabupaten Banyuwangi submitted at level 2."""
    cycle = make_open_cycle()
    assessment = answer_everything(make_assessment(REGION_A, cycle), cast.csco_a, level=3)
    comments = _reviewed_and_approved(cast, assessment)
    peer = answer_everything(make_assessment(REGION_B, cycle), cast.csco_b, level=2)
    lifecycle.submit(user=cast.csco_b, assessment=peer)
    Programme.objects.create(
        region=assessment.region,
        name="Dottorota Teammu (HomeCare)",
        element_code="E1",
        agency="Dinas Kesehatan",
        launch_year=2017,
        users_count=125000,
        users_year=2025,
    )
    # Workers would score on commit; in these tests the transaction never commits.
    refresh_snapshots(assessment_id=assessment.pk)
    refresh_snapshots(assessment_id=peer.pk)
    assessment.refresh_from_db()
    indicators = list(
        Indicator.objects.filter(framework_id=cycle.framework_id).order_by("position")
    )
    return Scenario(assessment=assessment, peer=peer, indicators=indicators, comments=comments)


def latest(assessment: Assessment, track: str) -> ScoreSnapshot:
    snapshots = ScoreSnapshot.objects.filter(assessment=assessment, track=track)
    if track == ScoreTrack.VERIFIED:
        snapshots = snapshots.filter(provisional=False)
    found = snapshots.order_by("-computed_at", "-id").first()
    assert found is not None
    return found


def pdf_text(content: bytes) -> str:
    """All text of a PDF, whitespace collapsed (lines wrap where the layout wants)."""
    reader = PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text() or "" for page in reader.pages).split())


def pdf_attachment_json(content: bytes, name: str) -> dict[str, Any]:
    reader = PdfReader(io.BytesIO(content))
    files = reader.attachments
    assert name in files, f"attachments: {list(files)}"
    return json.loads(files[name][0])  # type: ignore[no-any-return]


def download(client: Any, report_id: int) -> bytes:
    response = client.get(f"/api/v1/reports/{report_id}/download/")
    assert response.status_code == 200, response.content[:300]
    return b"".join(response.streaming_content)


@pytest.fixture
def rendered_html(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The HTML of every PDF rendered while the test runs, in order."""
    seen: list[str] = []
    render = rendering.html_to_pdf

    def recording(html: str, **options: Any) -> bytes:
        seen.append(html)
        return render(html, **options)

    monkeypatch.setattr(rendering, "html_to_pdf", recording)
    return seen


def element_outline(root: Any) -> list[tuple[str, tuple[tuple[str, str], ...], str, str]]:
    """A tree's elements in document order with their attributes (namespace declarations left
    out) and text, which is what a parser may change."""
    return [
        (
            element.tag,
            tuple(sorted((k, v) for k, v in element.attrib.items() if "xmlns" not in k)),
            (element.text or "").strip(),
            (element.tail or "").strip(),
        )
        for element in root.iter()
        if isinstance(element.tag, str)
    ]


def assert_parsed_alike(html: str) -> None:
    """The report's HTML takes the rendering's fast path (the XML parser) and gives the tree
    WeasyPrint's own HTML5 parser gives."""
    fast = rendering.well_formed_tree(html)
    assert fast is not None, "the template's HTML is not well-formed"
    slow = tinyhtml5.parse(html, namespace_html_elements=False)
    assert element_outline(fast) == element_outline(slow)
