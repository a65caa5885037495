"""What the region report and the national summary share: the statuses that count as submitted,
how scores, levels and statuses are written, the PDF's metadata, the level bands, and the latest
snapshots of a cycle (one query) with the one that speaks for each assessment."""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping
from datetime import UTC
from decimal import Decimal
from typing import Any

from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone, translation
from django.utils.translation import pgettext_lazy

from maturity.assessments.models import AssessmentStatus
from maturity.frameworks.models import Framework
from maturity.scores.inputs import SCORED_STATUSES
from maturity.scores.models import ScoreSnapshot, ScoreTrack
from reports.context.plain import BandRow, Meta
from reports.labels import AUTHOR, decimal_text
from reports.models import Report
from reports.selectors import verify_url

#: Statuses whose assessment counts as submitted in a report: the ones with a self score.
SUBMITTED_STATUSES = SCORED_STATUSES

STATUS_LABELS = {
    "draft": pgettext_lazy("report", "Draf"),
    "submitted": pgettext_lazy("report", "Diajukan"),
    "province_verified": pgettext_lazy("report", "Diverifikasi provinsi"),
    "returned": pgettext_lazy("report", "Dikembalikan"),
    "approved": pgettext_lazy("report", "Disetujui"),
}


def score_text(value: Any, language: str) -> str:
    return decimal_text(None if value is None else Decimal(str(value)), language)


def by_code(items: Iterable[Mapping[str, Any]], key: str = "score") -> dict[str, Any]:
    return {item["code"]: item.get(key) for item in items}


def level_name(framework: Framework, level: int | None, language: str) -> str:
    return framework.level_name(level, language) if level else ""


def median(values: list[Decimal]) -> Decimal | None:
    return statistics.median(values) if values else None


def status_label(status: str, language: str) -> str:
    label = STATUS_LABELS.get(status)
    if label is None:
        return status
    with translation.override("en" if language == "en" else "id"):
        return str(label)


def short(text: str, limit: int = 28) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def report_meta(
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


def bands(framework: Framework, language: str, t: Mapping[str, str]) -> tuple[BandRow, ...]:
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
            BandRow(level=f"M{level}", name=level_name(framework, level, language), range=text)
        )
    return tuple(rows)


def latest_cycle_snapshots(
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


def headline_rows(rows: list[dict[str, Any]], statuses: Mapping[int, str]) -> dict[int, dict]:
    """Per assessment, the snapshot that speaks for it: verified once approved, else self."""
    chosen: dict[int, dict[str, Any]] = {}
    for row in rows:
        approved = statuses.get(row["assessment_id"]) == AssessmentStatus.APPROVED
        if row["track"] == ScoreTrack.VERIFIED and approved:
            chosen[row["assessment_id"]] = row
        elif row["track"] == ScoreTrack.SELF:
            chosen.setdefault(row["assessment_id"], row)
    return chosen
