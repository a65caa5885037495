"""The body of a region report: each element with its scores, medians and programmes, each theme
with its scores, and each indicator with the answer, the levels, the reviewer's comment and the
evidence files."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from decimal import Decimal

from django.template.defaultfilters import filesizeformat

from maturity.assessments.models import Answer, AnswerStatus
from maturity.frameworks.models import Element, Indicator
from maturity.programmes.models import Programme
from reports.context.common import score_text
from reports.context.plain import (
    ElementBlock,
    EvidenceFile,
    IndicatorRow,
    ProgrammeRow,
    ThemeBlock,
)
from reports.context.region_method import indicator_rule
from reports.context.region_source import Peers, RegionSource
from reports.labels import decimal_text, value_text


def element_blocks(
    source: RegionSource, peers: Peers, programmes: Mapping[str, list[ProgrammeRow]]
) -> tuple[ElementBlock, ...]:
    """Every element in order, with its themes and the region's programmes in it."""
    language = source.language
    gap = source.verified_snap is not None and source.self_snap is not None
    blocks = []
    for element in source.elements:
        self_value = source.self_elements.get(element.code)
        verified_value = source.verified_elements.get(element.code)
        gap_value = None
        if gap and self_value is not None and verified_value is not None:
            gap_value = Decimal(self_value) - Decimal(verified_value)
        blocks.append(
            ElementBlock(
                code=element.code,
                title=element.title_in(language),
                self_score=score_text(self_value, language),
                verified_score=score_text(verified_value, language),
                gap=decimal_text(gap_value, language),
                headline_score=score_text(
                    verified_value if source.verified_snap is not None else self_value, language
                ),
                national_median=decimal_text(peers.national_elements.get(element.code), language),
                province_median=decimal_text(peers.province_elements.get(element.code), language),
                themes=_theme_blocks(source, element),
                programmes=tuple(programmes.get(element.code, [])),
            )
        )
    return tuple(blocks)


def _theme_blocks(source: RegionSource, element: Element) -> tuple[ThemeBlock, ...]:
    language = source.language
    return tuple(
        ThemeBlock(
            code=theme.code,
            title=theme.title_in(language),
            self_score=score_text(source.self_themes.get(theme.code), language),
            verified_score=score_text(source.verified_themes.get(theme.code), language),
            indicators=tuple(
                _indicator_row(source, i) for i in source.indicators_by_theme[theme.pk]
            ),
        )
        for theme in source.themes_by_element[element.pk]
    )


def _indicator_row(source: RegionSource, indicator: Indicator) -> IndicatorRow:
    language, t = source.language, source.t
    answer = source.answers.get(indicator.pk)
    review = source.reviews.get(indicator.pk)
    text, note = _answer_text(indicator, answer, language, t)
    self_text = (
        _level_label(source.self_levels.get(indicator.code), t) if source.self_snap else t["none"]
    )
    verified_text = _verified_level_text(source, indicator)
    return IndicatorRow(
        code=indicator.code,
        title=indicator.title_in(language),
        iso_clause=indicator.iso37122,
        kind=t[f"kind_{indicator.kind}"],
        rule=indicator_rule(indicator, language, t),
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
            for e in source.evidence.get(indicator.pk, [])
        ),
    )


def _verified_level_text(source: RegionSource, indicator: Indicator) -> str:
    """The verified track's level once approved, else the reviewer's level so far."""
    t = source.t
    if source.verified_snap is not None:
        return _level_label(source.verified_levels.get(indicator.code), t)
    review = source.reviews.get(indicator.pk)
    if review is None:
        return t["none"]
    if review.not_applicable:
        return t["not_applicable_short"]
    return t["none"] if review.verified_level is None else str(review.verified_level)


def _level_label(level: int | None, t: Mapping[str, str]) -> str:
    return t["not_applicable_short"] if level is None else str(level)


def _level_class(text: str) -> str:
    return f"v{text}" if text.isdigit() else "vna"


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


def programmes_by_element(source: RegionSource) -> dict[str, list[ProgrammeRow]]:
    """The region's programmes by element code, by name (one query)."""
    language = source.language
    programmes: dict[str, list[ProgrammeRow]] = defaultdict(list)
    for programme in Programme.objects.filter(region=source.region).order_by("name"):
        users = ""
        if programme.users_count is not None:
            users = decimal_text(programme.users_count, language, 0)
            if programme.users_year:
                users += f" ({programme.users_year})"
        programmes[programme.element_code].append(
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
    return programmes
