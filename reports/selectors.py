"""Reads for reports: who may see which report jobs, what a report is made from (its inputs key),
and the plain context each PDF is rendered from (built in a handful of queries)."""

from __future__ import annotations

import hashlib
import json
import statistics
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import UTC
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Count, Max, OuterRef, Q, QuerySet, Subquery
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.text import slugify

from cities import access
from cities.models import Region
from maturity.models import (
    Answer,
    AnswerStatus,
    Assessment,
    AssessmentStatus,
    Element,
    Evidence,
    Framework,
    Indicator,
    Programme,
    Review,
    ScoreSnapshot,
    ScoreTrack,
    Theme,
)
from maturity.programmes import programmes_behind_top_indicators
from maturity.programmes import registry_inputs as programmes_registry_inputs
from maturity.scores import latest_snapshots_for
from reports import charts
from reports.context.plain import (
    BandRow,
    ElementAverage,
    ElementBlock,
    EvidenceFile,
    Figure,
    IndicatorRow,
    Meta,
    Method,
    NationalReport,
    NextStepItem,
    NextStepTheme,
    ProgrammeHighlight,
    ProgrammeRow,
    RankRow,
    RegionReport,
    RuleRow,
    StatusCount,
    ThemeBlock,
    WeightRow,
)
from reports.labels import AUTHOR, date_text, decimal_text, labels_for, value_text
from reports.models import Report, ReportKind

# Bump whenever the templates or the context change what a PDF shows: reports with the same inputs
# are then rendered again instead of being reused.
TEMPLATE_VERSION = "2026.11-3"

# Indonesia's pilots in the ASEAN Smart Cities Network (DOMAIN.md), by region code.
ASCN_PILOT_CODES = ("31", "73.71", "35.10", "32.11")
SUBMITTED_STATUSES = (
    AssessmentStatus.SUBMITTED,
    AssessmentStatus.RETURNED,
    AssessmentStatus.APPROVED,
)
WEAKEST_THEMES = 3
ATTACHMENT_NAME = "maturasi-score-snapshot.json"
NATIONAL_ATTACHMENT_NAME = "maturasi-national-scores.json"

AnyUser = User | AnonymousUser


# --- Access ----------------------------------------------------------------------------------


def reports_visible_to(user: AnyUser) -> QuerySet[Report]:
    """Report jobs a person may see: region reports of assessments they may read (through the
    access policy), and national summaries for those who may read national figures."""
    region_reports = access.scope(
        user, Report.objects.filter(kind=ReportKind.REGION), "assessment__region"
    )
    if access.can(user, access.READ_NATIONAL):
        return region_reports | Report.objects.filter(kind=ReportKind.NATIONAL)
    return region_reports


# --- Inputs ----------------------------------------------------------------------------------


def _latest_snapshot(track: str, outer: str = "pk") -> QuerySet[ScoreSnapshot]:
    snapshots = ScoreSnapshot.objects.filter(assessment_id=OuterRef(outer), track=track)
    if track == ScoreTrack.VERIFIED:
        snapshots = snapshots.filter(provisional=False)
    return snapshots.order_by("-computed_at", "-id")


def track_of(snapshot: ScoreSnapshot | None) -> dict[str, Any]:
    """The scores of a snapshot's own track (``result["self"]`` or ``result["verified"]``)."""
    if snapshot is None:
        return {}
    result = snapshot.result or {}
    if "index" in result:  # a bare TrackScore dict
        return dict(result)
    return dict(result.get(snapshot.track) or {})


def _aggregate(queryset: QuerySet[Any], group: str, expression: Any) -> Subquery:
    return Subquery(
        queryset.order_by().values(group).annotate(value=expression).values("value")[:1]
    )


def _key(payload: Mapping[str, Any]) -> str:
    text = json.dumps(payload, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def region_inputs_key(*, assessment_id: int, language: str) -> str:
    """A hash of everything the region report shows, read in one query.

    It covers the latest score snapshots (id and inputs hash), the answers, reviews, evidence and
    programmes (their latest change and count), the assessment's status, the language and the
    template version: the same key means the same PDF.
    """
    answers = Answer.objects.filter(assessment_id=OuterRef("pk"))
    reviews = Review.objects.filter(assessment_id=OuterRef("pk"))
    evidence = Evidence.objects.filter(assessment_id=OuterRef("pk"))
    programmes = Programme.objects.filter(region_id=OuterRef("region_id"))
    row = (
        Assessment.objects.filter(pk=assessment_id)
        .annotate(
            answers_at=_aggregate(answers, "assessment_id", Max("updated_at")),
            answers_n=_aggregate(answers, "assessment_id", Count("id")),
            reviews_at=_aggregate(reviews, "assessment_id", Max("updated_at")),
            reviews_n=_aggregate(reviews, "assessment_id", Count("id")),
            evidence_max=_aggregate(evidence, "assessment_id", Max("id")),
            evidence_n=_aggregate(evidence, "assessment_id", Count("id")),
            programmes_at=_aggregate(programmes, "region_id", Max("updated_at")),
            programmes_n=_aggregate(programmes, "region_id", Count("id")),
            self_id=Subquery(_latest_snapshot(ScoreTrack.SELF).values("pk")[:1]),
            self_hash=Subquery(_latest_snapshot(ScoreTrack.SELF).values("inputs_hash")[:1]),
            verified_id=Subquery(_latest_snapshot(ScoreTrack.VERIFIED).values("pk")[:1]),
            verified_hash=Subquery(_latest_snapshot(ScoreTrack.VERIFIED).values("inputs_hash")[:1]),
        )
        .values(
            "status",
            "updated_at",
            "answers_at",
            "answers_n",
            "reviews_at",
            "reviews_n",
            "evidence_max",
            "evidence_n",
            "programmes_at",
            "programmes_n",
            "self_id",
            "self_hash",
            "verified_id",
            "verified_hash",
        )
        .get()
    )
    return _key(
        {
            "kind": ReportKind.REGION,
            "assessment": assessment_id,
            "language": language,
            "template": TEMPLATE_VERSION,
            **row,
        }
    )


def national_inputs_key(*, cycle_id: int, language: str) -> str:
    """A hash of what the national summary is made from, read in two queries: the cycle's
    assessments (count, latest change) and their snapshots (latest id, count), and the programmes
    registry (latest change, count, the cycle's citations)."""
    row = Assessment.objects.filter(cycle_id=cycle_id).aggregate(
        assessments=Count("id", distinct=True),
        changed=Max("updated_at"),
        snapshot_max=Max("snapshots__id"),
        snapshots=Count("snapshots__id", distinct=True),
    )
    registry = programmes_registry_inputs(cycle_id=cycle_id)
    return _key(
        {
            "kind": ReportKind.NATIONAL,
            "cycle": cycle_id,
            "language": language,
            "template": TEMPLATE_VERSION,
            **row,
            **registry,
        }
    )


def verification_id(*, inputs_key: str, report_pk: int) -> str:
    """The id printed on every page and checked at /verify/<id>: 16 hex digits of
    SHA-256(inputs key + row id)."""
    return hashlib.sha256(f"{inputs_key}:{report_pk}".encode()).hexdigest()[:16]


def verify_url(report_id: str) -> str:
    return f"{settings.SITE_URL}/verify/{report_id}"


def report_file_name(*, year: int, subject: str, language: str) -> str:
    """A readable file name: maturasi-2026-kota-makassar-id.pdf."""
    return f"maturasi-{year}-{slugify(subject)}-{language}.pdf"


def issued_report(report_id: str) -> Report | None:
    """The issued (done) report with this verification id, or None."""
    return (
        Report.objects.filter(report_id=report_id, status="done")
        .select_related("assessment__region", "cycle")
        .first()
    )


# --- Shared pieces ---------------------------------------------------------------------------


def _score(value: Any, language: str) -> str:
    return decimal_text(None if value is None else Decimal(str(value)), language)


def _by_code(items: Iterable[Mapping[str, Any]], key: str = "score") -> dict[str, Any]:
    return {item["code"]: item.get(key) for item in items}


def _level_label(level: int | None, t: Mapping[str, str]) -> str:
    return t["not_applicable_short"] if level is None else str(level)


def _level_class(text: str) -> str:
    return f"v{text}" if text.isdigit() else "vna"


def _level_name(framework: Framework, level: int | None, language: str) -> str:
    return framework.level_name(level, language) if level else ""


def _median(values: list[Decimal]) -> Decimal | None:
    return statistics.median(values) if values else None


def _meta(
    *, report: Report, language: str, title: str, subject: str, keywords: str, running_head: str
) -> Meta:
    created = report.created_at or timezone.now()
    return Meta(
        language=language,
        title=title,
        subject=subject,
        author=AUTHOR,
        keywords=keywords,
        created_iso=created.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        report_id=report.report_id,
        verify_url=verify_url(report.report_id),
        running_head=running_head,
    )


def _bands(framework: Framework, language: str, t: Mapping[str, str]) -> tuple[BandRow, ...]:
    bounds = [Decimal(str(b)) for b in framework.index_bands]
    rows = []
    for level in range(1, 6):
        if level == 1:
            text = t["below"].format(value=decimal_text(bounds[0], language))
        elif level == 5:
            text = t["and_above"].format(value=decimal_text(bounds[3], language))
        else:
            upper = bounds[level - 1] - Decimal("0.01")
            text = f"{decimal_text(bounds[level - 2], language)} – {decimal_text(upper, language)}"
        rows.append(
            BandRow(level=f"M{level}", name=_level_name(framework, level, language), range=text)
        )
    return tuple(rows)


def _framework_tree(framework_id: int) -> tuple[list[Element], list[Theme], list[Indicator]]:
    elements = list(Element.objects.filter(framework_id=framework_id).order_by("position"))
    themes = list(Theme.objects.filter(framework_id=framework_id).order_by("position"))
    indicators = list(Indicator.objects.filter(framework_id=framework_id).order_by("position"))
    return elements, themes, indicators


def _latest_cycle_snapshots(
    cycle_id: int, *, exclude_assessment: int | None = None, fields: tuple[str, ...]
) -> list[dict[str, Any]]:
    """The latest snapshot of each track of each assessment in the cycle, in one query."""
    final = Q(track=ScoreTrack.SELF) | Q(track=ScoreTrack.VERIFIED, provisional=False)
    latest = ScoreSnapshot.objects.filter(
        final, assessment_id=OuterRef("assessment_id"), track=OuterRef("track")
    ).order_by("-computed_at", "-id")
    queryset = ScoreSnapshot.objects.filter(
        final, assessment__cycle_id=cycle_id, pk=Subquery(latest.values("pk")[:1])
    )
    if exclude_assessment is not None:
        queryset = queryset.exclude(assessment_id=exclude_assessment)
    rows = []
    for row in queryset.values("assessment_id", "track", *fields):
        # Keep the snapshot's own track: "result__self__themes" or "result__verified__themes".
        own = f"result__{row['track']}__"
        for name in fields:
            if name.startswith(own):
                row[name.replace(own, "track__")] = row[name]
        rows.append(row)
    return rows


def _headline(rows: list[dict[str, Any]], statuses: Mapping[int, str]) -> dict[int, dict]:
    """Per assessment, the snapshot that speaks for it: verified once approved, else self."""
    chosen: dict[int, dict[str, Any]] = {}
    for row in rows:
        approved = statuses.get(row["assessment_id"]) == AssessmentStatus.APPROVED
        if row["track"] == ScoreTrack.VERIFIED and approved:
            chosen[row["assessment_id"]] = row
        elif row["track"] == ScoreTrack.SELF:
            chosen.setdefault(row["assessment_id"], row)
    return chosen


# --- The region report -----------------------------------------------------------------------


def _answer_text(
    indicator: Indicator, answer: Answer | None, language: str, t: Mapping[str, str]
) -> tuple[str, str]:
    """The answer as shown, and a note under it (justification or comment)."""
    if answer is None:
        return t["not_answered"], ""
    if answer.status == AnswerStatus.NOT_APPLICABLE:
        return t["not_applicable"], answer.justification
    if answer.status == AnswerStatus.NO_DATA:
        return t["no_data"], answer.comment
    if indicator.kind == "quantitative":
        text = value_text(answer.value_decimal, language)
        if indicator.unit:
            text += f" {indicator.unit}"
        if answer.numerator is not None and answer.denominator is not None:
            text += (
                f" ({value_text(answer.numerator, language)} / "
                f"{value_text(answer.denominator, language)})"
            )
    elif indicator.kind == "rubric":
        text = f"{t['rubric_level']} {answer.value_level}" if answer.value_level else "–"
    else:
        text = {True: t["yes"], False: t["no"], None: "–"}[answer.value_bool]
    return text, answer.comment


def _source_year(answer: Answer | None) -> str:
    if answer is None:
        return ""
    parts = [answer.source.strip()] if answer.source.strip() else []
    if answer.year:
        parts.append(str(answer.year))
    return ", ".join(parts)


def _requirement(
    indicator: Indicator, level: int, language: str, t: Mapping[str, str]
) -> tuple[int, str]:
    """The next level an indicator can reach from ``level``, and what that takes."""
    if indicator.kind == "binary":
        yes = indicator.yes_level if indicator.yes_level is not None else 5
        return yes, t["binary_yes"].format(level=yes)
    if level == 0:
        return 1, t["provide_data"]
    target = level + 1
    if indicator.kind == "rubric":
        descriptor = (indicator.rubric or {}).get(str(target)) or {}
        return target, descriptor.get(language) or descriptor.get("id", "")
    thresholds = [Decimal(str(x)) for x in indicator.thresholds or []]
    threshold = thresholds[level - 1] if len(thresholds) >= level else None
    value = value_text(threshold, language) + (f" {indicator.unit}" if indicator.unit else "")
    key = "reach_at_most" if indicator.direction == "lower" else "reach_at_least"
    return target, t[key].format(value=value)


def _rule_text(indicator: Indicator, t: Mapping[str, str]) -> str:
    if indicator.kind == "binary":
        yes = indicator.yes_level if indicator.yes_level is not None else 5
        no = indicator.no_level if indicator.no_level is not None else 1
        return t["yes_no_levels"].format(yes=yes, no=no)
    return t["rubric_rule"] if indicator.kind == "rubric" else ""


def _weight(value: Decimal) -> str:
    return format(Decimal(value).normalize(), "f")


def region_report_context(report: Report) -> RegionReport:
    """The plain context of a region's report (``report`` with its assessment, region, cycle and
    framework selected), read in about ten queries whatever the framework's size."""
    language = report.language
    t = labels_for(language)
    assessment = report.assessment
    assert assessment is not None
    region = assessment.region
    cycle = assessment.cycle
    framework = cycle.framework

    elements, themes, indicators = _framework_tree(framework.pk)
    answers = {a.indicator_id: a for a in Answer.objects.filter(assessment=assessment)}
    reviews = {r.indicator_id: r for r in Review.objects.filter(assessment=assessment)}
    evidence: dict[int, list[Evidence]] = defaultdict(list)
    for item in Evidence.objects.filter(assessment=assessment).order_by("uploaded_at", "id"):
        evidence[item.indicator_id].append(item)
    latest = latest_snapshots_for(assessment)
    scored = assessment.status in SUBMITTED_STATUSES
    self_snap = latest.self if scored else None
    verified_snap = latest.verified if assessment.status == AssessmentStatus.APPROVED else None
    headline_snap = verified_snap or self_snap
    self_result = track_of(self_snap)
    verified_result = track_of(verified_snap)
    headline = track_of(headline_snap)

    # Medians of the other submitted assessments of the cycle (one query).
    others = _latest_cycle_snapshots(
        cycle.pk,
        exclude_assessment=assessment.pk,
        fields=(
            "assessment__status",
            "assessment__region__province_code",
            "index",
            "result__self__themes",
            "result__self__elements",
            "result__verified__themes",
            "result__verified__elements",
        ),
    )
    statuses = {row["assessment_id"]: row["assessment__status"] for row in others}
    peers = [
        row
        for row in _headline(others, statuses).values()
        if row["assessment__status"] in SUBMITTED_STATUSES
    ]
    same_province = [
        row for row in peers if row["assessment__region__province_code"] == region.province_code
    ]

    def medians(rows: list[dict[str, Any]], key: str) -> dict[str, Decimal | None]:
        values: dict[str, list[Decimal]] = defaultdict(list)
        for row in rows:
            for item in row[key] or []:
                if item.get("score") is not None:
                    values[item["code"]].append(Decimal(item["score"]))
        return {code: _median(found) for code, found in values.items()}

    national_themes = medians(peers, "track__themes")
    province_themes = medians(same_province, "track__themes")
    national_elements = medians(peers, "track__elements")
    province_elements = medians(same_province, "track__elements")
    national_index = _median([Decimal(r["index"]) for r in peers if r["index"] is not None])
    province_index = _median([Decimal(r["index"]) for r in same_province if r["index"] is not None])

    self_levels = _by_code(self_result.get("indicators", []), "level")
    verified_levels = _by_code(verified_result.get("indicators", []), "level")
    headline_levels = _by_code(headline.get("indicators", []), "level")
    self_themes = _by_code(self_result.get("themes", []))
    verified_themes = _by_code(verified_result.get("themes", []))
    headline_themes = _by_code(headline.get("themes", []))
    self_elements = _by_code(self_result.get("elements", []))
    verified_elements = _by_code(verified_result.get("elements", []))
    gap = verified_snap is not None and self_snap is not None

    programmes_by_element: dict[str, list[ProgrammeRow]] = defaultdict(list)
    for programme in Programme.objects.filter(region=region).order_by("name"):
        users = ""
        if programme.users_count is not None:
            users = decimal_text(programme.users_count, language, 0)
            if programme.users_year:
                users += f" ({programme.users_year})"
        programmes_by_element[programme.element_code].append(
            ProgrammeRow(
                name=programme.name,
                status=str(programme.get_status_display())
                if language == "id"
                else programme.status.capitalize(),
                launched=str(programme.launch_year or ""),
                agency=programme.agency,
                users=users,
            )
        )

    def verified_level_text(indicator: Indicator) -> str:
        if verified_snap is not None:
            return _level_label(verified_levels.get(indicator.code), t)
        review = reviews.get(indicator.pk)
        if review is None:
            return t["none"]
        if review.not_applicable:
            return t["not_applicable_short"]
        return t["none"] if review.verified_level is None else str(review.verified_level)

    def indicator_row(indicator: Indicator) -> IndicatorRow:
        answer = answers.get(indicator.pk)
        review = reviews.get(indicator.pk)
        text, note = _answer_text(indicator, answer, language, t)
        self_text = _level_label(self_levels.get(indicator.code), t) if self_snap else t["none"]
        verified_text = verified_level_text(indicator)
        return IndicatorRow(
            code=indicator.code,
            title=indicator.title_in(language),
            iso_clause=indicator.iso37122,
            kind=t[f"kind_{indicator.kind}"],
            answer=text,
            answer_note=note,
            source_year=_source_year(answer),
            self_level=self_text,
            verified_level=verified_text,
            self_class=_level_class(self_text),
            verified_class=_level_class(verified_text),
            reviewer_comment=review.comment if review else "",
            evidence=tuple(
                EvidenceFile(name=e.name, size=str(filesizeformat(e.size)), sha256=e.sha256)
                for e in evidence.get(indicator.pk, [])
            ),
        )

    indicators_by_theme: dict[int, list[Indicator]] = defaultdict(list)
    for indicator in indicators:
        indicators_by_theme[indicator.theme_id].append(indicator)
    themes_by_element: dict[int, list[Theme]] = defaultdict(list)
    for theme in themes:
        themes_by_element[theme.element_id].append(theme)

    element_blocks = []
    for element in elements:
        theme_blocks = tuple(
            ThemeBlock(
                code=theme.code,
                title=theme.title_in(language),
                self_score=_score(self_themes.get(theme.code), language),
                verified_score=_score(verified_themes.get(theme.code), language),
                indicators=tuple(indicator_row(i) for i in indicators_by_theme[theme.pk]),
            )
            for theme in themes_by_element[element.pk]
        )
        self_value = self_elements.get(element.code)
        verified_value = verified_elements.get(element.code)
        gap_value = None
        if gap and self_value is not None and verified_value is not None:
            gap_value = Decimal(self_value) - Decimal(verified_value)
        element_blocks.append(
            ElementBlock(
                code=element.code,
                title=element.title_in(language),
                self_score=_score(self_value, language),
                verified_score=_score(verified_value, language),
                gap=decimal_text(gap_value, language),
                headline_score=_score(
                    verified_value if verified_snap is not None else self_value, language
                ),
                national_median=decimal_text(national_elements.get(element.code), language),
                province_median=decimal_text(province_elements.get(element.code), language),
                themes=theme_blocks,
                programmes=tuple(programmes_by_element.get(element.code, [])),
            )
        )

    # Next steps: the weakest themes of the headline track.
    weakest = [
        (Decimal(headline_themes[theme.code]), theme.position, theme)
        for theme in themes
        if headline_themes.get(theme.code) is not None
    ]
    next_steps = []
    for score, _position, theme in sorted(weakest, key=lambda x: (x[0], x[1]))[:WEAKEST_THEMES]:
        items = []
        for indicator in indicators_by_theme[theme.pk]:
            level = headline_levels.get(indicator.code, 0)
            if level is None or level >= 5:
                continue
            target, requirement = _requirement(indicator, level, language, t)
            items.append(
                NextStepItem(
                    code=indicator.code,
                    title=indicator.title_in(language),
                    current_level=str(level),
                    next_level=f"{target} · {_level_name(framework, target, language)}",
                    requirement=requirement,
                )
            )
        next_steps.append(
            NextStepTheme(
                code=theme.code,
                title=theme.title_in(language),
                score=decimal_text(score, language),
                items=tuple(items),
            )
        )

    # Charts.
    decimal_comma = language == "id"
    element_series = []
    theme_series = []
    if self_snap is not None:
        element_series.append(
            charts.Series(
                t["self"], [self_elements.get(e.code) for e in elements], charts.SELF_COLOUR
            )
        )
        theme_series.append(
            charts.Series(
                t["self"], [self_themes.get(th.code) for th in themes], charts.SELF_COLOUR
            )
        )
    if verified_snap is not None:
        element_series.append(
            charts.Series(
                t["verified"],
                [verified_elements.get(e.code) for e in elements],
                charts.VERIFIED_COLOUR,
            )
        )
        theme_series.append(
            charts.Series(
                t["verified"],
                [verified_themes.get(th.code) for th in themes],
                charts.VERIFIED_COLOUR,
            )
        )
    elements_chart = charts.radar(
        [e.code for e in elements],
        element_series,
        title=t["elements_chart"],
        size=190,
        label_size=9,
    )
    themes_chart = charts.radar(
        [th.code for th in themes],
        theme_series,
        title=t["themes_chart"],
        size=190,
    )
    comparison_chart = charts.bars_with_medians(
        [
            charts.BarRow(
                label=f"{th.code} · {_short(th.title_in(language), 22)}",
                value=headline_themes.get(th.code),
                national=national_themes.get(th.code),
                province=province_themes.get(th.code),
            )
            for th in themes
        ],
        title=t["comparison"],
        value_label=t["this_region"],
        national_label=t["national_median"],
        province_label=t["province_median"],
        decimal_comma=decimal_comma,
    )

    level_number = headline.get("level") or 0
    headline_index = _score(headline.get("index"), language)
    headline_level = (
        _level_name(framework, level_number, language) if level_number else t["no_score"]
    )
    figures = [
        Figure(
            t["index"] + " · " + t["self"],
            _score(self_result.get("index"), language),
            _level_name(framework, self_result.get("level"), language),
        ),
    ]
    if verified_snap is not None:
        figures.append(
            Figure(
                t["index"] + " · " + t["verified"],
                _score(verified_result.get("index"), language),
                _level_name(framework, verified_result.get("level"), language),
                tone="verified",
            )
        )
        gap_index = None
        if self_result.get("index") is not None and verified_result.get("index") is not None:
            gap_index = Decimal(self_result["index"]) - Decimal(verified_result["index"])
        figures.append(Figure(t["gap_short"], decimal_text(gap_index, language), t["gap_note"]))
    figures.append(
        Figure(
            t["national_median"] + " / " + t["province_median"].lower(),
            f"{decimal_text(national_index, language)} / {decimal_text(province_index, language)}",
        )
    )
    completeness = self_snap.completeness if self_snap else assessment.completeness
    figures.append(Figure(t["completeness"], decimal_text(completeness, language, 1) + " %"))

    weights: list[WeightRow] = []
    for element in elements:
        weights.append(
            WeightRow(
                code=element.code,
                title=element.title_in(language),
                parent="",
                weight=_weight(element.weight),
                is_element=True,
            )
        )
        for theme in themes_by_element[element.pk]:
            weights.append(
                WeightRow(
                    code=theme.code,
                    title=theme.title_in(language),
                    parent=element.code,
                    weight=_weight(theme.weight),
                )
            )
    rules = tuple(
        RuleRow(
            code=i.code,
            kind=t[f"kind_{i.kind}"],
            unit=i.unit,
            direction=t["higher_short"]
            if i.direction == "higher"
            else t["lower_short"]
            if i.direction == "lower"
            else "",
            thresholds=tuple(value_text(Decimal(str(x)), language) for x in i.thresholds or [])
            if i.kind == "quantitative"
            else (),
            rule=_rule_text(i, t),
            weight=_weight(i.weight),
        )
        for i in indicators
    )
    framework_text = f"{framework.title_in(language)} ({framework.code} {framework.version})"
    method = Method(
        intro=t["annex_intro"].format(framework=framework.code, version=framework.version),
        bands=_bands(framework, language, t),
        weights=tuple(weights),
        rules=rules,
    )

    attachment = {
        "report_id": report.report_id,
        "assessment": assessment.pk,
        "region": {"code": region.code, "name": region.name},
        "cycle": {"id": cycle.pk, "name": cycle.name, "year": cycle.year},
        "framework": {"code": framework.code, "version": framework.version},
        "status": assessment.status,
        "snapshots": {
            track: None
            if snap is None
            else {
                "id": snap.pk,
                "track": snap.track,
                "provisional": snap.provisional,
                "inputs_hash": snap.inputs_hash,
                "framework_version": snap.framework_version,
                "computed_at": snap.computed_at.isoformat(),
                "completeness": format(snap.completeness, "f"),
                "result": snap.result,
            }
            for track, snap in (
                (ScoreTrack.SELF.value, self_snap),
                (ScoreTrack.VERIFIED.value, verified_snap),
            )
        },
    }
    comparison_note = t["comparison_note"].format(n=len(peers), p=len(same_province))
    return RegionReport(
        meta=_meta(
            report=report,
            language=language,
            title=f"{t['region_title']} — {region.name} — {cycle.name}",
            subject=t["region_subject"],
            keywords=", ".join(
                [
                    "Maturasi",
                    region.name,
                    region.province_name,
                    cycle.name,
                    framework.code,
                    framework.version,
                ]
            ),
            running_head=f"{region.name} · {cycle.name}",
        ),
        region_name=region.name,
        region_code=region.code,
        province_name=region.province_name,
        cycle_name=cycle.name,
        framework=framework_text,
        status=_status_label(assessment.status, language),
        issued_on=date_text(report.created_at or timezone.now(), language, with_time=True),
        score_computed=date_text(headline_snap.computed_at, language, with_time=True)
        if headline_snap
        else t["none"],
        headline_note=t["headline_verified"] if verified_snap else t["headline_self"],
        provisional=self_snap is None,
        headline_index=headline_index,
        headline_level=headline_level,
        headline_level_number=level_number,
        figures=tuple(figures),
        elements_chart=elements_chart,
        themes_chart=themes_chart,
        comparison_chart=comparison_chart,
        comparison_note=comparison_note,
        elements=tuple(element_blocks),
        next_steps=tuple(next_steps),
        has_programmes=any(programmes_by_element.values()),
        method=method,
        attachment_name=ATTACHMENT_NAME,
        attachment_json=json.dumps(attachment, ensure_ascii=False, indent=2).encode(),
    )


STATUS_LABELS = {
    "draft": ("Draf", "Draft"),
    "submitted": ("Diajukan", "Submitted"),
    "returned": ("Dikembalikan", "Returned"),
    "approved": ("Disetujui", "Approved"),
}


def _status_label(status: str, language: str) -> str:
    pair = STATUS_LABELS.get(status, (status, status))
    return pair[1] if language == "en" else pair[0]


def _short(text: str, limit: int = 28) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# --- The national summary --------------------------------------------------------------------


def national_report_context(report: Report) -> NationalReport:
    """The plain context of a cycle's national summary, read in five queries."""
    language = report.language
    t = labels_for(language)
    cycle = report.cycle
    framework = cycle.framework
    elements = list(Element.objects.filter(framework_id=framework.pk).order_by("position"))
    regions = list(
        Region.objects.order_by("code").values(
            "id", "code", "name", "province_code", "province_name", "kind"
        )
    )
    assessments = list(Assessment.objects.filter(cycle=cycle).values("id", "region_id", "status"))
    statuses = {a["id"]: a["status"] for a in assessments}
    snapshots = _latest_cycle_snapshots(
        cycle.pk,
        fields=(
            "index",
            "level",
            "result__self__elements",
            "result__verified__elements",
            "result__self__indicators",
            "result__verified__indicators",
        ),
    )
    headline = _headline(snapshots, statuses)
    region_by_id = {r["id"]: r for r in regions}
    province_names = {r["province_code"]: r["province_name"] for r in regions}

    element_codes = tuple(e.code for e in elements)
    rows: list[tuple[tuple[Any, ...], RankRow]] = []
    unranked: list[RankRow] = []
    level_counts = [0] * 6
    province_counts: dict[str, list[int]] = {code: [0] * 6 for code in province_names}
    element_values: dict[str, list[Decimal]] = defaultdict(list)
    pilots: dict[str, RankRow] = {}
    raw_index: dict[str, Any] = {}

    for assessment in assessments:
        region = region_by_id[assessment["region_id"]]
        snap = headline.get(assessment["id"])
        submitted = assessment["status"] in SUBMITTED_STATUSES
        basis = ""
        index = level = None
        scores: dict[str, Any] = {}
        if snap is not None:
            basis = t["basis_verified"] if snap["track"] == ScoreTrack.VERIFIED else t["basis_self"]
            index = snap["index"]
            raw_index[region["code"]] = index
            level = snap["level"]
            scores = _by_code(snap["track__elements"] or [])
        row = RankRow(
            rank="",
            region=region["name"],
            code=region["code"],
            province=region["province_name"],
            status=_status_label(assessment["status"], language),
            basis=basis,
            index=decimal_text(index, language),
            level=f"M{level}" if level else t["none"],
            level_number=level or 0,
            elements=tuple(_score(scores.get(code), language) for code in element_codes),
            pilot=region["code"] in ASCN_PILOT_CODES,
        )
        if submitted and index is not None:
            rows.append(((-Decimal(index), region["code"]), row))
            level_counts[level or 0] += 1
            province_counts[region["province_code"]][level or 0] += 1
            for code in element_codes:
                if scores.get(code) is not None:
                    element_values[code].append(Decimal(scores[code]))
        else:
            unranked.append(row)
        if row.pilot:
            pilots[region["code"]] = row

    rows.sort(key=lambda item: item[0])
    ranking = []
    previous_index = None
    rank = 0
    for position, (sort_key, row) in enumerate(rows, start=1):
        if sort_key[0] != previous_index:
            rank = position
            previous_index = sort_key[0]
        ranking.append(_with_rank(row, str(rank)))
    ranked_by_code = {row.code: row for row in ranking}
    pilot_rows = []
    for code in ASCN_PILOT_CODES:
        if code in ranked_by_code:
            pilot_rows.append(ranked_by_code[code])
        elif code in pilots:
            pilot_rows.append(pilots[code])
        else:
            found = next((r for r in regions if r["code"] == code), None)
            if found is not None:
                pilot_rows.append(
                    RankRow(
                        rank="",
                        region=found["name"],
                        code=code,
                        province=found["province_name"],
                        status=t["no_assessment"],
                        basis="",
                        index=t["none"],
                        level=t["none"],
                        level_number=0,
                        elements=tuple(t["none"] for _ in element_codes),
                        pilot=True,
                    )
                )

    status_totals = {"not_started": len(regions) - len(assessments)}
    for status in ("draft", "submitted", "returned", "approved"):
        status_totals[status] = sum(1 for a in assessments if a["status"] == status)
    total = max(len(regions), 1)
    status_counts = tuple(
        StatusCount(
            label=t["not_started"] if key == "not_started" else _status_label(key, language),
            count=count,
            share=decimal_text(Decimal(count * 100) / total, language, 1) + " %",
        )
        for key, count in status_totals.items()
    )
    status_chart = charts.level_stacks(
        [charts.StackRow(t["assessments"], list(status_totals.values()))],
        title=t["cycle_status"],
        level_names=[c.label for c in status_counts],
        row_height=20,
        label_width=90,
        colours=charts.STATUS_COLOURS,
    )
    level_names = [t["no_level"]] + [
        _level_name(framework, level, language) for level in range(1, 6)
    ]
    distribution_chart = charts.level_stacks(
        [charts.StackRow(t["nationally"], level_counts)],
        title=t["distribution"],
        level_names=level_names,
        row_height=20,
        label_width=90,
        first=1,
    )
    province_rows = [
        charts.StackRow(_short(province_names[code], 30), counts)
        for code, counts in sorted(province_counts.items())
        if sum(counts)
    ]
    province_chart = charts.level_stacks(
        province_rows,
        title=t["by_province"],
        level_names=level_names,
        row_height=10.5,
        label_width=170,
        first=1,
    )
    averages = tuple(
        ElementAverage(
            code=e.code,
            title=e.title_in(language),
            average=decimal_text(
                sum(element_values[e.code]) / len(element_values[e.code])
                if element_values[e.code]
                else None,
                language,
            ),
            median=decimal_text(_median(element_values[e.code]), language),
            count=len(element_values[e.code]),
        )
        for e in elements
    )
    # Shared programmes behind the highest-scoring indicators (maturity/programmes.py).
    levels_by_region = {
        a["region_id"]: _by_code(headline[a["id"]]["track__indicators"] or [], "level")
        for a in assessments
        if a["status"] in SUBMITTED_STATUSES and a["id"] in headline
    }
    highlights = tuple(
        ProgrammeHighlight(
            name=p.name,
            region=p.region_name,
            indicators=", ".join(f"{code} (M{level})" for code, level in p.indicators),
            agency=p.agency,
        )
        for p in programmes_behind_top_indicators(
            cycle_id=cycle.pk, levels_by_region=levels_by_region
        )
    )
    attachment = {
        "report_id": report.report_id,
        "cycle": {"id": cycle.pk, "name": cycle.name, "year": cycle.year},
        "framework": {"code": framework.code, "version": framework.version},
        "status_counts": status_totals,
        "ranking": [
            {
                "rank": int(row.rank),
                "region": row.code,
                "name": row.region,
                "basis": row.basis,
                "index": format(raw_index[row.code], "f"),
            }
            for row in ranking
        ],
    }
    ranked_indexes = [Decimal(str(raw_index[row.code])) for row in ranking]
    figures = (
        Figure(t["submitted_total"], str(len(ranking))),
        Figure(t["approved_total"], str(status_totals["approved"])),
        Figure(t["median_index"], decimal_text(_median(ranked_indexes), language)),
    )
    return NationalReport(
        meta=_meta(
            report=report,
            language=language,
            title=f"{t['national_title']} — {cycle.name}",
            subject=t["national_subject"],
            keywords=", ".join(["Maturasi", cycle.name, framework.code, framework.version, "ASCN"]),
            running_head=f"{t['national_title']} · {cycle.name}",
        ),
        cycle_name=cycle.name,
        framework=f"{framework.title_in(language)} ({framework.code} {framework.version})",
        issued_on=date_text(report.created_at or timezone.now(), language, with_time=True),
        regions_total=len(regions),
        figures=figures,
        status_counts=status_counts,
        status_chart=status_chart,
        distribution_chart=distribution_chart,
        province_chart=province_chart,
        element_averages=averages,
        element_codes=element_codes,
        pilots=tuple(pilot_rows),
        ranking=tuple(ranking),
        unranked=tuple(sorted(unranked, key=lambda r: r.code)),
        level_legend=_bands(framework, language, t),
        attachment_name=NATIONAL_ATTACHMENT_NAME,
        attachment_json=json.dumps(attachment, ensure_ascii=False, indent=1).encode(),
        programmes=highlights,
    )


def _with_rank(row: RankRow, rank: str) -> RankRow:
    return replace(row, rank=rank)
