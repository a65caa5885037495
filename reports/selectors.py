"""Reads for reports: who may see which report jobs, what a report is made from (its inputs key),
its verification id and file name. The plain context each PDF is rendered from is built in
``reports/context/``."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Count, Max, OuterRef, QuerySet, Subquery
from django.utils.text import slugify

from cities import access
from maturity.assessments.models import Answer, Assessment, Evidence, Review
from maturity.programmes.models import Programme
from maturity.programmes.selectors import registry_inputs as programmes_registry_inputs
from maturity.scores.models import ScoreSnapshot, ScoreTrack
from maturity.verification.models import VerificationActivity
from reports import failures
from reports.models import Report, ReportKind

# Bump whenever the templates or the context change what a PDF shows: reports with the same inputs
# are then rendered again instead of being reused.
TEMPLATE_VERSION = "2026.11-3"

AnyUser = User | AnonymousUser


# --- Access ----------------------------------------------------------------------------------


def reports_visible_to(user: AnyUser) -> QuerySet[Report]:
    """Report jobs a person may see: region reports and activity minutes of assessments they
    may read (through the access policy), and national summaries for those who may read national
    figures."""
    region_reports = access.scope(
        user,
        Report.objects.filter(kind__in=[ReportKind.REGION, ReportKind.MINUTES]),
        "assessment__region",
    )
    if access.may_read_national(user):
        return region_reports | Report.objects.filter(kind=ReportKind.NATIONAL)
    return region_reports


def failure_text(report: Report) -> str:
    """Why a job failed, in the current language (:mod:`reports.failures`)."""
    return failures.failure_text(report.error_code, report.error_params, report.error)


# --- Inputs ----------------------------------------------------------------------------------


def _latest_snapshot(track: str, outer: str = "pk") -> QuerySet[ScoreSnapshot]:
    snapshots = ScoreSnapshot.objects.filter(assessment_id=OuterRef(outer), track=track)
    if track == ScoreTrack.VERIFIED:
        snapshots = snapshots.filter(provisional=False)
    return snapshots.order_by("-computed_at", "-id")


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


def minutes_inputs_key(*, activity_id: int, language: str) -> str:
    """A hash of what an activity's minutes show: the activity as last changed (its record and
    findings), its files, the assessment's region and cycle names, the language and the template
    version."""
    row = (
        VerificationActivity.objects.filter(pk=activity_id)
        .annotate(files_n=Count("files"), files_max=Max("files__id"))
        .values(
            "updated_at",
            "status",
            "files_n",
            "files_max",
            "assessment__region__name",
            "assessment__cycle__name",
        )
        .get()
    )
    return _key(
        {
            "kind": ReportKind.MINUTES,
            "activity": activity_id,
            "language": language,
            "template": TEMPLATE_VERSION,
            **row,
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
