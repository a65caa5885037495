"""The plain context of each report: dataclasses of strings and numbers, no ORM objects.

The builders of this package (``region``, ``national``) fill these from the database; the
templates only read them. A report's HTML is a function of its context alone, so the HTML step
can be tested (and re-run) without a database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Meta:
    """What the PDF says about itself: metadata, verification and the page furniture."""

    language: str
    title: str
    subject: str
    author: str
    keywords: str
    created_iso: str
    report_id: str
    verify_url: str
    running_head: str


@dataclass(frozen=True)
class EvidenceFile:
    name: str
    size: str
    sha256: str


@dataclass(frozen=True)
class IndicatorRow:
    code: str
    title: str
    iso_clause: str
    kind: str
    #: How the indicator is scored, e.g. "naik: 5 · 15 · 30 · 50 · bobot 2" (the method annex
    #: says how to read it): beside the answer it scores, not in a table of its own.
    rule: str
    answer: str
    answer_note: str
    source_year: str
    self_level: str
    verified_level: str
    self_class: str
    verified_class: str
    reviewer_comment: str
    evidence: tuple[EvidenceFile, ...] = ()


@dataclass(frozen=True)
class ThemeBlock:
    code: str
    title: str
    self_score: str
    verified_score: str
    indicators: tuple[IndicatorRow, ...]


@dataclass(frozen=True)
class ProgrammeRow:
    name: str
    status: str
    launched: str
    agency: str
    users: str


@dataclass(frozen=True)
class ElementBlock:
    code: str
    title: str
    self_score: str
    verified_score: str
    gap: str
    headline_score: str
    national_median: str
    province_median: str
    themes: tuple[ThemeBlock, ...]
    programmes: tuple[ProgrammeRow, ...] = ()


@dataclass(frozen=True)
class Figure:
    """A headline figure: a label, the value and an optional smaller line under it."""

    label: str
    value: str
    note: str = ""
    tone: str = ""


@dataclass(frozen=True)
class BandRow:
    level: str
    name: str
    range: str


@dataclass(frozen=True)
class WeightRow:
    code: str
    title: str
    parent: str
    weight: str
    is_element: bool = False


@dataclass(frozen=True)
class Method:
    intro: str
    bands: tuple[BandRow, ...]
    weights: tuple[WeightRow, ...]


@dataclass(frozen=True)
class RegionReport:
    """Everything the region report shows."""

    meta: Meta
    region_name: str
    region_code: str
    province_name: str
    cycle_name: str
    framework: str
    status: str
    issued_on: str
    score_computed: str
    headline_note: str
    provisional: bool
    headline_index: str
    headline_level: str
    headline_level_number: int
    figures: tuple[Figure, ...]
    elements_chart: str
    themes_chart: str
    comparison_chart: str
    comparison_note: str
    elements: tuple[ElementBlock, ...]
    progress: Any  # reports.context.region_progress.ProgressSection | None
    roadmap: Any  # reports.context.region_progress.RoadmapTarget | None
    lenses: Any  # tuple[reports.context.region_lenses.LensPage, ...]
    lead_lens: Any  # the LensPage the report leads with (report.lens), or None
    has_programmes: bool
    method: Method
    attachment_name: str
    attachment_json: bytes = field(repr=False, default=b"")


@dataclass(frozen=True)
class StatusCount:
    label: str
    count: int
    share: str


@dataclass(frozen=True)
class RankRow:
    rank: str
    region: str
    code: str
    province: str
    status: str
    basis: str
    index: str
    level: str
    level_number: int
    elements: tuple[str, ...]
    pilot: bool


@dataclass(frozen=True)
class ElementAverage:
    code: str
    title: str
    average: str
    median: str
    count: int


@dataclass(frozen=True)
class ProgrammeHighlight:
    """A shared programme behind some of the cycle's highest-scoring indicators."""

    name: str
    region: str
    indicators: str
    agency: str


@dataclass(frozen=True)
class NationalReport:
    """Everything the national summary shows."""

    meta: Meta
    cycle_name: str
    framework: str
    issued_on: str
    regions_total: int
    figures: tuple[Figure, ...]
    status_counts: tuple[StatusCount, ...]
    status_chart: str
    distribution_chart: str
    province_chart: str
    element_averages: tuple[ElementAverage, ...]
    element_codes: tuple[str, ...]
    pilots: tuple[RankRow, ...]
    ranking: tuple[RankRow, ...]
    unranked: tuple[RankRow, ...]
    level_legend: tuple[BandRow, ...]
    attachment_name: str
    attachment_json: bytes = field(repr=False, default=b"")
    programmes: tuple[ProgrammeHighlight, ...] = ()
    change: Any = None  # reports.context.national_change.NationalChange
    lenses: Any = ()  # tuple[reports.context.national_lenses.LensTable, ...]
    calibration: Any = None  # reports.context.national_calibration.NationalCalibration
