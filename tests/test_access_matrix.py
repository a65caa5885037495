"""The access matrix: every URL pattern of the project, checked for every member of the cast
against an object of their own region and one of another region.

How to extend it: add ONE line to ``MATRIX`` per (route, method); ``test_every_url_pattern_is_in
_the_matrix`` fails with the exact route to add when a pattern has none. A line says

    api("POST", "api/v1/assessments/<int:pk>/submit/", {CSCO}, on="assessment"),
    └ api or page  └ the route, as Django prints it      └ who may  └ what the URL names

``who`` uses the abstract roles below: ``CSCO`` and ``CONTRIBUTOR`` mean "of the object's
region"; ``READERS`` is everyone who may read the object; ``SIGNED_IN`` anyone signed in, whatever
their region; ``PUBLIC`` means no sign-in is needed. For each member of the cast the expected answer
follows from the line:

* anonymous → 401/403 (API) or a redirect to the sign-in page (pages), unless ``PUBLIC``;
* an object the person may not read (``on`` a region's object outside their scope) → 404;
* a person not in ``who`` → 403;
* a person in ``who`` → ``ok`` (default: 200 for GET; for writes anything but 401, 403, 404,
  405 or a 5xx — each write runs in a savepoint that is rolled back, so order does not matter).

Besides the status codes: no response to a region's people ever contains another region's
secret markers (answer comments, evidence names, history, programme names, report file names),
and a line with ``lists=`` checks that the list shows the person's own object and not the other
region's.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from rest_framework.test import APIClient

from cities.models import Role
from tests.factories import TINY_PDF, make_open_cycle, make_small_framework, member

# --- Who ------------------------------------------------------------------------------------------

CSCO, CONTRIBUTOR, REVIEWER, ADMIN, OBSERVER, PROVINCE = (
    "csco",
    "contributor",
    "reviewer",
    "admin",
    "observer",
    "province_reviewer",
)
MINISTRY = frozenset({REVIEWER, ADMIN, OBSERVER})
READERS = frozenset({CSCO, CONTRIBUTOR, PROVINCE, *MINISTRY})  # everyone who may read the object
SIGNED_IN = frozenset({"signed in"})  # anyone signed in, whatever their region
EDITORS = frozenset({CSCO, CONTRIBUTOR})
VERIFIERS = frozenset({REVIEWER, PROVINCE})  # record reviews and return: ministry or province
PRIORITY_READERS = frozenset({*MINISTRY, PROVINCE})
PUBLIC = frozenset({"public"})

# The sides: region A (Kota Makassar, in province 73 Sulawesi Selatan), region B (Kabupaten
# Banyuwangi, province 35) and P, the province of Sulawesi Selatan itself.
ALL_SIDES = frozenset({"A", "B", "P"})

# The cast: who they are, the region of their membership (None: ministry or province), and the
# sides whose objects they may read.
CAST = {
    "csco_a": (CSCO, "A", frozenset({"A"})),
    "contributor_a": (CONTRIBUTOR, "A", frozenset({"A"})),
    "csco_b": (CSCO, "B", frozenset({"B"})),
    "reviewer": (REVIEWER, None, ALL_SIDES),
    "admin": (ADMIN, None, ALL_SIDES),
    "observer": (OBSERVER, None, ALL_SIDES),
    # A reviewer assigned only Sulawesi Selatan (province 73): A and the province are theirs.
    "reviewer_73": (REVIEWER, None, frozenset({"A", "P"})),
    # The province reviewer of Sulawesi Selatan: its kabupaten and kota (A), not the province's
    # own assessment (P, the ministry's) and not another province's regions (B).
    "province_73": (PROVINCE, None, frozenset({"A"})),
}
ACTORS = (*CAST, "anon")

NOT_DENIED = frozenset(range(200, 400)) | {400, 409, 410, 413, 415, 422, 429}

# --- Routes that are not in the matrix, each with its reason --------------------------------------

EXEMPT = {
    "admin/": "Django's admin site: its own staff and permission checks; the people admin is "
    "tested in tests/cities/test_people_admin.py",
    "api/schema/": "the OpenAPI schema: public description of the API, no data",
    "api/docs/": "Swagger UI for the schema: no data",
    "i18n/": "the language switch (sets a cookie), no data",
    "static/": "static files (only served by runserver in DEBUG)",
    "media-not-served/": "never served (private files go through permission-checked views)",
}


# --- The table ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    surface: str  # "api" or "page"
    method: str
    route: str
    who: frozenset[str]
    on: str | None = None  # the kind of object the URL names (KINDS below)
    ok: frozenset[int] | None = None
    body: Any = None  # dict/list, or callable(world, side) -> dict/list
    lists: str | None = None  # JSON list whose ids are checked (a World attribute name)
    fmt: str = "json"  # how an API body is sent: "json" or "multipart" (file uploads)

    @property
    def expected_ok(self) -> frozenset[int]:
        if self.ok is not None:
            return self.ok
        return frozenset({200}) if self.method == "GET" else NOT_DENIED


def api(method: str, route: str, who: frozenset[str] | set[str], **options: Any) -> Rule:
    return Rule("api", method, route, frozenset(who), **options)


def page(method: str, route: str, who: frozenset[str] | set[str], **options: Any) -> Rule:
    return Rule("page", method, route, frozenset(who), **options)


def _cycle_and_region(world: World, side: Side) -> dict[str, Any]:
    return {"cycle": world.cycle.pk, "region": side.region.code}


def _programme_in(world: World, side: Side) -> dict[str, Any]:
    return {"region": side.region.code, "name": "Program baru", "element_code": "E1"}


def _plan(world: World, side: Side) -> dict[str, Any]:
    step = {"indicator": "I-1", "to_level": 5, "agency": "Diskominfo", "due_on": "2099-01-31"}
    return {"cycle": world.cycle.pk, "steps": [step]}


def _adopt(world: World, side: Side) -> dict[str, Any]:
    return {
        "cycle": world.cycle.pk,
        "indicator": "I-1",
        "to_level": 5,
        "agency": "Diskominfo",
        "due_on": "2099-01-31",
    }


def _citation(world: World, side: Side) -> dict[str, Any]:
    return {"programme": side.programme.pk, "indicator": "I-1"}


def _activity_plan(world: World, side: Side) -> dict[str, Any]:
    return {
        "method": "interview",
        "scheduled_at": "2099-03-04T09:00",
        "place": "Kantor",
        "indicators": ["I-1"],
        "participants": [{"name": "Andi", "role": "Kabid", "agency": "Diskominfo"}],
    }


A_ = "api/v1/assessments/<int:pk>"  # an assessment, in the API
AA_ = "api/v1/assessments/<int:pk>/activities/<int:aid>"  # a verification activity, in the API
PA_ = "assessments/<int:pk>/activities/<int:aid>"  # a verification activity, in the pages
RECORD = {"held_at": "2026-03-04T09:00", "minutes": "Selesai.", "findings": []}
P_ = "assessments/<int:pk>"  # an assessment, in the pages
ANSWER = {"status": "no_data", "version": 1}
BULK = [{"indicator": "I-1", **ANSWER}]
REVIEW = {"verified_level": 3, "comment": "Sesuai."}
OK_OR_REDIRECT = frozenset({200, 302})

# fmt: off
MATRIX: list[Rule] = [
    # Operations and accounts
    api("GET", "healthz", PUBLIC, ok=frozenset({200, 503})),
    api("POST", "api/v1/auth/token/", PUBLIC, ok=frozenset({400})),
    api("GET", "api/v1/me/", SIGNED_IN),
    api("GET", "api/v1/users/", {ADMIN}),
    api("POST", "api/v1/users/", {ADMIN}, body={}),
    api("GET", "api/v1/users/<int:pk>/", {ADMIN}, on="user"),
    # Regions: public reference data for anyone signed in (scope applies to their objects)
    api("GET", "api/v1/regions/", SIGNED_IN),
    api("GET", "api/v1/regions/<str:code>/", SIGNED_IN, on="region"),
    # Frameworks and cycles
    api("GET", "api/v1/frameworks/", SIGNED_IN),
    api("POST", "api/v1/frameworks/import/", {ADMIN}, body={}),
    api("GET", "api/v1/frameworks/<int:pk>/", SIGNED_IN, on="framework"),
    api("POST", "api/v1/frameworks/<int:pk>/publish/", {ADMIN}, on="framework"),
    api("POST", "api/v1/frameworks/<int:pk>/retire/", {ADMIN}, on="framework"),
    api("POST", "api/v1/frameworks/<int:pk>/copy/", {ADMIN}, on="framework", body={}),
    api("GET", "api/v1/cycles/", SIGNED_IN),
    api("POST", "api/v1/cycles/", {ADMIN}, body={}),
    api("GET", "api/v1/cycles/<int:pk>/", SIGNED_IN, on="cycle"),
    # Assessments
    api("GET", "api/v1/assessments/", SIGNED_IN, lists="assessment"),
    api("POST", "api/v1/assessments/", {CSCO, ADMIN}, on="region", body=_cycle_and_region),
    api("GET", f"{A_}/", READERS, on="assessment"),
    api("POST", f"{A_}/deadline/", {ADMIN}, on="assessment", body={"deadline": "2030-01-31"}),
    api("GET", f"{A_}/answers/", READERS, on="assessment"),
    api("POST", f"{A_}/answers/bulk/", EDITORS, on="assessment", body=BULK),
    api("GET", f"{A_}/answers/<indicator_code:code>/", READERS, on="assessment"),
    api("PUT", f"{A_}/answers/<indicator_code:code>/", EDITORS, on="assessment", body=ANSWER),
    api("GET", f"{A_}/answers.xlsx", READERS, on="assessment"),
    api("GET", f"{A_}/answers.csv", READERS, on="assessment"),
    api("POST", f"{A_}/answers/import/", EDITORS, on="assessment", body={}),
    api("GET", f"{A_}/evidence/", READERS, on="assessment", lists="evidence"),
    api("POST", f"{A_}/evidence/", EDITORS, on="assessment", body={"indicator": "I-1"}),
    api("GET", f"{A_}/evidence/<int:eid>/", READERS, on="assessment"),
    api("DELETE", f"{A_}/evidence/<int:eid>/", EDITORS, on="assessment"),
    api("GET", f"{A_}/evidence/<int:eid>/download/", READERS, on="assessment"),
    api("POST", f"{A_}/submit/", {CSCO}, on="assessment"),
    api("POST", f"{A_}/return/", VERIFIERS, on="assessment", body={"comment": "Lengkapi."}),
    api("POST", f"{A_}/approve/", {REVIEWER}, on="assessment"),
    api("POST", f"{A_}/reopen/", {ADMIN}, on="assessment", body={"reason": "Koreksi."}),
    api("PUT", f"{A_}/reviews/<str:code>/", VERIFIERS, on="assessment", body=REVIEW),
    api("POST", f"{A_}/province-verify/", {PROVINCE}, on="assessment", body={"comment": "Baik."}),
    api("GET", f"{A_}/history/", READERS, on="assessment"),
    api("GET", f"{A_}/score/", READERS, on="assessment"),
    api("GET", "api/v1/cycles/<int:pk>/scores/", MINISTRY, on="cycle"),
    # Verification activities: readers follow them, verifiers plan, record, upload and ask for
    # the minutes, the region's CSCO confirms attendance
    api("GET", f"{A_}/activities/", READERS, on="assessment", lists="activity"),
    api("POST", f"{A_}/activities/", VERIFIERS, on="assessment", body=_activity_plan),
    api("GET", f"{AA_}/", READERS, on="activity"),
    api("PATCH", f"{AA_}/", VERIFIERS, on="activity", body={"place": "Aula"}),
    api("POST", f"{AA_}/confirm/", {CSCO}, on="activity"),
    api("POST", f"{AA_}/cancel/", VERIFIERS, on="activity", body={"reason": "Batal."}),
    api("POST", f"{AA_}/record/", VERIFIERS, on="activity", body=RECORD),
    api("POST", f"{AA_}/files/", VERIFIERS, on="activity", body={}, fmt="multipart"),
    api("GET", f"{AA_}/files/<int:fid>/download/", READERS, on="activity"),
    api("POST", f"{AA_}/minutes/", VERIFIERS, on="activity", body={"language": "id"}),
    page("GET", "cycles/<int:cycle_id>/activities/", SIGNED_IN, on="cycle"),
    page("GET", f"{P_}/activities/new/", VERIFIERS, on="assessment"),
    page("POST", f"{P_}/activities/new/", VERIFIERS, on="assessment", body=_activity_plan),
    page("GET", f"{PA_}/", READERS, on="activity"),
    page("GET", f"{PA_}/edit/", VERIFIERS, on="activity", ok=OK_OR_REDIRECT),
    page("POST", f"{PA_}/edit/", VERIFIERS, on="activity", body=_activity_plan),
    page("POST", f"{PA_}/confirm/", {CSCO}, on="activity"),
    page("POST", f"{PA_}/cancel/", VERIFIERS, on="activity", body={"reason": "Batal."}),
    page("POST", f"{PA_}/record/", VERIFIERS, on="activity", body=RECORD),
    page("POST", f"{PA_}/files/", VERIFIERS, on="activity"),
    page("GET", f"{PA_}/files/<int:fid>/download/", READERS, on="activity"),
    page("POST", f"{PA_}/minutes/", VERIFIERS, on="activity"),
    # Progress across cycles and the roadmap (409 while an assessment has no score yet)
    api("GET", "api/v1/regions/<str:code>/progress/", READERS, on="region_progress"),
    api("GET", "api/v1/regions/<str:code>/plan/", READERS, on="region_progress"),
    api("POST", "api/v1/regions/<str:code>/plan/", {CSCO}, on="region_progress", body=_plan),
    api("DELETE", "api/v1/regions/<str:code>/plan/<int:step_id>/", {CSCO}, on="region_progress"),
    api("GET", f"{A_}/roadmap/", READERS, on="assessment", ok=frozenset({200, 409})),
    page("GET", "regions/<str:code>/progress/", READERS, on="region_progress"),
    page("POST", "regions/<str:code>/plan/adopt/", {CSCO}, on="region_progress", body=_adopt),
    page("POST", "regions/<str:code>/plan/<int:step_id>/remove/", {CSCO}, on="region_progress"),
    # Programmes (a region's own; shared ones are readable by all, tested in tests/maturity)
    api("GET", "api/v1/programmes/", SIGNED_IN, lists="programme"),
    api("POST", "api/v1/programmes/", EDITORS, on="region", body=_programme_in),
    api("GET", "api/v1/programmes/<int:pk>/", READERS, on="programme"),
    api("PUT", "api/v1/programmes/<int:pk>/", EDITORS, on="programme", body={"name": "Baru"}),
    api("PATCH", "api/v1/programmes/<int:pk>/", EDITORS, on="programme", body={"name": "Baru"}),
    api("DELETE", "api/v1/programmes/<int:pk>/", EDITORS, on="programme"),
    api("GET", "api/v1/programmes/<int:pk>/files/", READERS, on="programme"),
    api("POST", "api/v1/programmes/<int:pk>/files/", EDITORS, on="programme", body={},
        fmt="multipart"),
    api("DELETE", "api/v1/programmes/<int:pk>/files/<int:fid>/", EDITORS, on="programme"),
    api("GET", "api/v1/programmes/<int:pk>/files/<int:fid>/download/", READERS, on="programme"),
    api("POST", f"{A_}/citations/", EDITORS, on="assessment", body=_citation),
    # Programme pages (maturity/programme_urls.py); the public list shows only shared programmes
    # of regions with an approved assessment, so the world's drafts are never found there
    page("GET", "programmes/", SIGNED_IN),
    page("GET", "programmes/new/", EDITORS),
    page("POST", "programmes/new/", EDITORS),
    page("GET", "programmes/<int:pk>/", READERS, on="programme"),
    page("GET", "programmes/<int:pk>/edit/", EDITORS, on="programme"),
    page("POST", "programmes/<int:pk>/edit/", EDITORS, on="programme"),
    page("POST", "programmes/<int:pk>/delete/", EDITORS, on="programme"),
    page("POST", "programmes/<int:pk>/cite/", EDITORS, on="programme"),
    page("POST", "programmes/<int:pk>/files/", EDITORS, on="programme"),
    page("GET", "programmes/<int:pk>/files/<int:fid>/download/", READERS, on="programme"),
    page("POST", "programmes/<int:pk>/files/<int:fid>/delete/", EDITORS, on="programme"),
    page("GET", "open/programmes/", PUBLIC),
    page("GET", "open/programmes/<int:pk>/", PUBLIC, on="programme", ok=frozenset({404})),
    # Reports
    api("POST", f"{A_}/reports/", READERS, on="assessment", body={"language": "id"}),
    api("POST", "api/v1/cycles/<int:pk>/reports/", MINISTRY, on="cycle", body={"language": "en"}),
    api("GET", "api/v1/reports/<int:pk>/", READERS, on="report"),
    api("GET", "api/v1/reports/<int:pk>/", MINISTRY, on="national_report"),
    api("GET", "api/v1/reports/<int:pk>/download/", READERS, on="report"),
    api("GET", "api/v1/reports/<int:pk>/download/", MINISTRY, on="national_report"),
    # Account pages
    page("GET", "accounts/login/", PUBLIC, ok=OK_OR_REDIRECT),
    page("POST", "accounts/logout/", PUBLIC, ok=OK_OR_REDIRECT),
    page("GET", "accounts/password/change/", SIGNED_IN),
    page("GET", "accounts/password/change/done/", SIGNED_IN),
    page("GET", "accounts/password/reset/", PUBLIC),
    page("GET", "accounts/password/reset/sent/", PUBLIC),
    page("GET", "accounts/password/reset/<uidb64>/<token>/", PUBLIC, on="password_reset"),
    page("GET", "accounts/password/reset/complete/", PUBLIC),
    page("GET", "accounts/profile/", SIGNED_IN),
    page("POST", "accounts/profile/token/", SIGNED_IN, ok=frozenset({302})),
    # Report verification: public by design (says only whether a report id was issued)
    page("GET", "verify/<str:report_id>", PUBLIC, on="report_id"),
    # Product pages
    page("GET", "", SIGNED_IN, ok=OK_OR_REDIRECT),  # ministry people go on to their queue
    page("GET", "cycles/<int:cycle_id>/start/<str:region_code>/", {CSCO, ADMIN},
         on="region_in_scope", ok=OK_OR_REDIRECT),
    page("GET", f"{P_}/", READERS, on="assessment"),
    page("GET", f"{P_}/elements/<str:element>/", READERS, on="assessment"),
    page("GET", f"{P_}/answers/<str:code>/", READERS, on="assessment"),
    page("POST", f"{P_}/answers/<str:code>/", EDITORS, on="assessment", body=ANSWER),
    page("POST", f"{P_}/answers/<str:code>/evidence/", EDITORS, on="assessment"),
    page("GET", f"{P_}/evidence/<int:evidence_id>/download/", READERS, on="assessment"),
    page("POST", f"{P_}/evidence/<int:evidence_id>/delete/", EDITORS, on="assessment"),
    page("GET", f"{P_}/submit/", READERS, on="assessment"),
    page("POST", f"{P_}/submit/", {CSCO}, on="assessment"),
    page("GET", f"{P_}/score/", READERS, on="assessment"),
    page("POST", f"{P_}/reports/", READERS, on="assessment"),
    page("GET", f"{P_}/review/", VERIFIERS, on="assessment"),
    page("GET", f"{P_}/review/elements/<str:element>/", VERIFIERS, on="assessment"),
    page("POST", f"{P_}/review/indicators/<str:code>/", VERIFIERS, on="assessment", body=REVIEW),
    page("POST", f"{P_}/return/", VERIFIERS, on="assessment", body={"comment": "Lengkapi."}),
    page("POST", f"{P_}/approve/", {REVIEWER}, on="assessment"),
    page("POST", f"{P_}/province-verify/", {PROVINCE}, on="assessment",
         body={"province-comment": "Baik."}),
    page("GET", "review/", VERIFIERS),
    page("GET", "board/", MINISTRY),
    page("POST", "board/cycles/<int:cycle_id>/report/", MINISTRY, on="cycle"),
    # Where to verify first (ministry roles; a province reviewer: its province's kabupaten and
    # kota, checked in tests/maturity/verification/test_priorities.py) and calibration
    api("GET", "api/v1/cycles/<int:pk>/verification-priorities/", PRIORITY_READERS, on="cycle"),
    api("GET", "api/v1/cycles/<int:pk>/calibration/", MINISTRY, on="cycle"),
    page("GET", "cycles/<int:cycle_id>/priorities/", PRIORITY_READERS, on="cycle"),
    page("GET", "cycles/<int:cycle_id>/calibration/", MINISTRY, on="cycle"),
    # Answers spreadsheet pages
    page("GET", f"{P_}/spreadsheet/", READERS, on="assessment"),
    page("GET", f"{P_}/spreadsheet/answers.xlsx", READERS, on="assessment"),
    page("GET", f"{P_}/spreadsheet/answers.csv", READERS, on="assessment"),
    page("POST", f"{P_}/spreadsheet/preview/", EDITORS, on="assessment"),
    page("POST", f"{P_}/spreadsheet/apply/", EDITORS, on="assessment", ok=OK_OR_REDIRECT),
    # Open data: public by design (approved results only: region and verified scores)
    page("GET", "open/", PUBLIC),
    page("GET", "open/data-dictionary/", PUBLIC),
    page("GET", "open/cycles/<int:pk>/scores.csv", PUBLIC, on="cycle"),
    page("GET", "open/cycles/<int:pk>/scores.json", PUBLIC, on="cycle"),
]
# fmt: on


# --- The objects the URLs name --------------------------------------------------------------------


@dataclass
class Side:
    """One region's objects, each carrying a secret marker in its text."""

    key: str
    region: Any
    marker: str
    assessment: Any = None
    evidence: Any = None
    report: Any = None
    programme: Any = None
    programme_file: Any = None
    planned_step: Any = None
    activity: Any = None
    activity_file: Any = None
    user: Any = None


@dataclass
class World:
    cycle: Any
    framework: Any
    national_report: Any
    sides: dict[str, Side] = field(default_factory=dict)


@dataclass(frozen=True)
class Kind:
    kwargs: Callable[[World, Side], dict[str, Any]]
    regional: bool = True  # the object belongs to one side's region: checked from both sides
    scoped: bool = True  # region roles see only their own region's object (else: 404)
    national: bool = False  # only ministry roles see it (else: 404)


KINDS: dict[str | None, Kind] = {
    None: Kind(lambda w, s: {}, regional=False, scoped=False),
    "assessment": Kind(
        lambda w, s: {
            "pk": s.assessment.pk,
            "code": "I-1",
            "element": "E1",
            "eid": s.evidence.pk,
            "evidence_id": s.evidence.pk,
        }
    ),
    "report": Kind(lambda w, s: {"pk": s.report.pk}),
    "activity": Kind(
        lambda w, s: {"pk": s.assessment.pk, "aid": s.activity.pk, "fid": s.activity_file.pk}
    ),
    "programme": Kind(lambda w, s: {"pk": s.programme.pk, "fid": s.programme_file.pk}),
    "region": Kind(lambda w, s: {"code": s.region.code}, scoped=False),
    "region_progress": Kind(lambda w, s: {"code": s.region.code, "step_id": s.planned_step.pk}),
    "region_in_scope": Kind(lambda w, s: {"cycle_id": w.cycle.pk, "region_code": s.region.code}),
    "cycle": Kind(
        lambda w, s: {"pk": w.cycle.pk, "cycle_id": w.cycle.pk}, regional=False, scoped=False
    ),
    "framework": Kind(lambda w, s: {"pk": w.framework.pk}, regional=False, scoped=False),
    "user": Kind(lambda w, s: {"pk": s.user.pk}, regional=False, scoped=False),
    "national_report": Kind(
        lambda w, s: {"pk": w.national_report.pk}, regional=False, scoped=False, national=True
    ),
    "report_id": Kind(lambda w, s: {"report_id": s.report.report_id}, scoped=False),
    "password_reset": Kind(
        lambda w, s: {"uidb64": "MQ", "token": "set-password"}, regional=False, scoped=False
    ),
}


def _report(**values: Any) -> Any:
    from reports.models import Report

    report = Report.objects.create(
        status="done",
        progress=100,
        language="id",
        finished_at=timezone.now(),
        inputs_key=hashlib.sha256(repr(values).encode()).hexdigest(),
        size=len(TINY_PDF),
        sha256=hashlib.sha256(TINY_PDF).hexdigest(),
        **values,
    )
    report.file.save(report.file_name, ContentFile(TINY_PDF), save=True)
    return report


def build_world(cast: Any) -> World:
    """An open cycle on a small framework; in region A (Kota Makassar), B (Kabupaten Banyuwangi)
    and P (the province of Sulawesi Selatan) an assessment with an answer, a review, evidence,
    history, a programme, a recorded verification activity with a file and a finished report;
    and a national report of the cycle."""
    from cities.models import Region
    from maturity.assessments.models import Answer, Assessment, Evidence, HistoryEntry, Review
    from maturity.frameworks.models import Indicator
    from maturity.programmes.models import Programme, ProgrammeFile
    from maturity.progress.models import PlannedStep
    from maturity.verification.models import ActivityFile, VerificationActivity
    from reports.models import ReportKind

    framework = make_small_framework(code="matrix")
    cycle = make_open_cycle(framework=framework, name="Matriks 2026")
    indicator = Indicator.objects.get(framework=framework, code="I-1")
    national = _report(
        kind=ReportKind.NATIONAL,
        cycle=cycle,
        report_id="0" * 16,
        file_name="ringkasan-nasional.pdf",
        requested_by=cast.reviewer,
    )
    world = World(cycle=cycle, framework=framework, national_report=national)
    regions = {"A": cast.region_a, "B": cast.region_b, "P": Region.objects.get(code="73")}
    for key, csco in (("A", cast.csco_a), ("B", cast.csco_b), ("P", cast.admin)):
        region = regions[key]
        marker = f"RAHASIA-{key}-{region.code}"
        side = Side(key=key, region=region, marker=marker, user=csco)
        side.assessment = Assessment.objects.create(cycle=cycle, region=region, created_by=csco)
        Answer.objects.create(
            assessment=side.assessment,
            indicator=indicator,
            status="answered",
            value_level=3,
            comment=f"{marker} komentar",
            source=f"{marker} sumber",
            version=1,
            updated_by=csco,
        )
        Review.objects.create(
            assessment=side.assessment,
            indicator=indicator,
            verified_level=3,
            comment=f"{marker} tinjauan",
            reviewer=cast.reviewer,
        )
        evidence = Evidence(
            assessment=side.assessment,
            indicator=indicator,
            name=f"{marker}-bukti.pdf",
            size=len(TINY_PDF),
            sha256=hashlib.sha256(TINY_PDF).hexdigest(),
            content_type="application/pdf",
            uploaded_by=csco,
        )
        evidence.file.save("bukti.pdf", ContentFile(TINY_PDF), save=False)
        evidence.save()
        side.evidence = evidence
        HistoryEntry.objects.create(
            assessment=side.assessment,
            actor=csco,
            action="answer",
            indicator_code="I-1",
            comment=f"{marker} riwayat",
        )
        side.programme = Programme.objects.create(
            region=region, name=f"{marker} program", element_code="E1", created_by=csco
        )
        side.programme_file = ProgrammeFile(
            programme=side.programme,
            name=f"{marker}-lampiran.pdf",
            size=len(TINY_PDF),
            sha256=hashlib.sha256(TINY_PDF).hexdigest(),
            content_type="application/pdf",
            uploaded_by=csco,
        )
        side.programme_file.file.save("lampiran.pdf", ContentFile(TINY_PDF), save=False)
        side.programme_file.save()
        side.planned_step = PlannedStep.objects.create(
            region=region,
            cycle=cycle,
            indicator_code="I-1",
            to_level=4,
            agency=f"{marker} OPD",
            due_on=timezone.localdate() + datetime.timedelta(days=90),
        )
        side.activity = VerificationActivity.objects.create(
            assessment=side.assessment,
            method="field_visit",
            status="done",
            scheduled_at=timezone.now(),
            place=f"{marker} tempat",
            indicators=["I-1"],
            participants=[{"name": f"{marker} peserta", "role": "Kabid", "agency": "OPD"}],
            held_at=timezone.now(),
            minutes=f"{marker} berita acara",
            findings=[
                {
                    "indicator": "I-1",
                    "verified_level": 3,
                    "not_applicable": False,
                    "comment": f"{marker} temuan",
                }
            ],
            planned_by=cast.reviewer,
            recorded_by=cast.reviewer,
            recorded_at=timezone.now(),
        )
        side.activity_file = ActivityFile(
            activity=side.activity,
            kind="signed_minutes",
            name=f"{marker}-berita-acara.pdf",
            size=len(TINY_PDF),
            sha256=hashlib.sha256(TINY_PDF).hexdigest(),
            content_type="application/pdf",
            uploaded_by=cast.reviewer,
        )
        side.activity_file.file.save("ba.pdf", ContentFile(TINY_PDF), save=False)
        side.activity_file.save()
        side.report = _report(
            kind=ReportKind.REGION,
            assessment=side.assessment,
            cycle=cycle,
            report_id={"A": "a", "B": "b", "P": "c"}[key] * 16,
            file_name=f"{marker}-laporan.pdf",
            requested_by=csco,
        )
        world.sides[key] = side
    return world


# --- Expectations ---------------------------------------------------------------------------------


def role_on(actor: str, side: Side, kind: Kind) -> tuple[bool, str]:
    """(may the actor read the object, the actor's abstract role for it)."""
    role, home, sees = CAST[actor]
    if kind.national and role not in MINISTRY:
        return False, role
    if kind.scoped and side.key not in sees:
        return False, role
    if kind.regional and home is not None and home != side.key:
        return True, f"{role} of another region"
    return True, role


def expected(rule: Rule, actor: str, side: Side) -> frozenset[int] | str:
    if rule.who >= PUBLIC:
        return rule.expected_ok
    if actor == "anon":
        return frozenset({401, 403}) if rule.surface == "api" else "login"
    visible, role = role_on(actor, side, KINDS[rule.on])
    if not visible:
        return frozenset({404})
    if role in rule.who or rule.who >= SIGNED_IN:
        return rule.expected_ok
    return frozenset({403})


# --- URLs -----------------------------------------------------------------------------------------


def _walk(patterns: list[Any], prefix: str = "") -> Iterator[tuple[str, URLPattern]]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern))
        else:
            yield prefix + str(pattern.pattern), pattern


def project_routes() -> dict[str, URLPattern]:
    """Every URL pattern of the project but the exempt ones, by its full route."""
    return {
        route: pattern
        for route, pattern in _walk(get_resolver().url_patterns)
        if not any(route.startswith(prefix) for prefix in EXEMPT)
    }


def _drop_group(text: str, start: int) -> int:
    """Index just past the parenthesised group opening at ``start``."""
    depth = 0
    for index in range(start, len(text)):
        if text[index] == "\\":
            continue
        if text[index] == "(":
            depth += 1
        elif text[index] == ")":
            depth -= 1
            if depth == 0:
                return index + 1
    raise ValueError(f"unbalanced route {text!r}")


def build_url(route: str, values: dict[str, Any]) -> str:
    """The URL of ``route`` (a path() route, a re_path() regex, or both concatenated)."""
    text = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: f"\0{m.group(1)}\0", route)
    out, index = [], 0
    while index < len(text):
        if text.startswith("(?P<", index):
            name = text[index + 4 : text.index(">", index)]
            out.append(f"\0{name}\0")
            index = _drop_group(text, index)
        elif text.startswith(("(?!", "(?="), index):
            index = _drop_group(text, index)
        elif text[index] in "^$":
            index += 1
        else:
            out.append(text[index])
            index += 1
    missing = [n for n in re.findall(r"\0(\w+)\0", "".join(out)) if n not in values]
    assert not missing, f"{route}: no value for {missing}; give the line an on= that names them"
    return "/" + re.sub(r"\0(\w+)\0", lambda m: str(values[m.group(1)]), "".join(out))


# --- Running it -----------------------------------------------------------------------------------


@pytest.fixture
def world(cast: Any) -> World:
    from django.core.cache import cache

    cache.clear()  # the sign-in rate limit counts per address across tests
    return build_world(cast)


@pytest.fixture
def clients(cast: Any) -> dict[str, Any]:
    made: dict[str, Any] = {}
    people = {actor: getattr(cast, actor, None) for actor in CAST}
    people["reviewer_73"] = member("reviewer_73", Role.REVIEWER, provinces=["73"])
    people["province_73"] = member("province_73", Role.PROVINCE_REVIEWER, "73")
    for actor, person in people.items():
        api_client = APIClient()
        api_client.force_authenticate(person)
        browser = Client()
        browser.force_login(person)
        made[actor] = {"api": api_client, "page": browser}
    made["anon"] = {"api": APIClient(), "page": Client()}
    return made


def call(client: Any, rule: Rule, url: str, body: Any) -> Any:
    method = rule.method.lower()
    if rule.surface == "api":
        if body is None:
            return getattr(client, method)(url)
        return getattr(client, method)(url, body, format=rule.fmt)
    if method == "get":
        return client.get(url)
    return getattr(client, method)(url, body or {})


def _ids(response: Any) -> set[Any]:
    data = json.loads(response.content)
    rows = data.get("results", data) if isinstance(data, dict) else data
    return {row.get("id") for row in rows if isinstance(row, dict)}


def check(rule: Rule, world: World, clients: dict[str, Any]) -> list[str]:
    """Every actor against the object of each side; returns the mismatches, one line each."""
    kind = KINDS[rule.on]
    problems: list[str] = []
    sides = list(world.sides.values()) if kind.regional else [world.sides["A"]]
    for side in sides:
        url = build_url(rule.route, kind.kwargs(world, side))
        body = rule.body(world, side) if callable(rule.body) else rule.body
        for actor in ACTORS:
            want = expected(rule, actor, side)
            savepoint = transaction.savepoint()
            try:
                response = call(clients[actor][rule.surface], rule, url, body)
            finally:
                transaction.savepoint_rollback(savepoint)
            got = response.status_code
            where = f"{rule.method} {url} as {actor} (object of {side.key})"
            if want == "login":
                location = response.get("Location", "")
                if got != 302 or not location.startswith("/accounts/login/"):
                    problems.append(f"{where}: {got} {location!r}, want a redirect to sign in")
            elif got not in want:
                problems.append(f"{where}: {got}, want {sorted(want)}")
            if actor in CAST and CAST[actor][2] != ALL_SIDES:
                problems += leaks(world, actor, response, where)
                if rule.lists and got == 200 and side.key == min(CAST[actor][2]):
                    # A list inside one object (its evidence) holds that side's; a list of
                    # everything, every side the person may read.
                    shows = frozenset({side.key}) if kind.regional else CAST[actor][2]
                    problems += listed_wrong(world, rule, shows, response, where)
    return problems


def _content(response: Any) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return bytes(response.content)


def leaks(world: World, actor: str, response: Any, where: str) -> list[str]:
    sees = CAST[actor][2]
    content = _content(response)
    return [
        f"{where}: the response shows region {other.key}'s {other.marker}"
        for other in world.sides.values()
        if other.key not in sees and other.marker.encode() in content
    ]


def listed_wrong(
    world: World, rule: Rule, sees: frozenset[str], response: Any, where: str
) -> list[str]:
    ids = _ids(response)
    problems = []
    for side in world.sides.values():
        shown = getattr(side, rule.lists).pk in ids
        if side.key in sees and not shown:
            problems.append(f"{where}: the list misses its own {rule.lists}")
        if side.key not in sees and shown:
            problems.append(f"{where}: the list shows region {side.key}'s {rule.lists}")
    return problems


# --- The tests ------------------------------------------------------------------------------------


def test_every_url_pattern_is_in_the_matrix():
    covered = {rule.route for rule in MATRIX}
    missing = sorted(set(project_routes()) - covered)
    assert not missing, (
        "Add these URL patterns to the access matrix (tests/test_access_matrix.py, MATRIX), one "
        "line per method, or to EXEMPT with a reason:\n" + "\n".join(f"  {r!r}" for r in missing)
    )


def test_the_matrix_names_only_routes_that_exist():
    stale = sorted({rule.route for rule in MATRIX} - set(project_routes()))
    assert not stale, "Remove or rename these matrix lines; no such route:\n" + "\n".join(stale)


def test_every_matrix_line_is_unique():
    keys = [(rule.route, rule.method, rule.on) for rule in MATRIX]
    assert len(keys) == len(set(keys))


@pytest.mark.django_db
@pytest.mark.parametrize("rule", MATRIX, ids=lambda r: f"{r.method} /{r.route} on={r.on}")
def test_the_access_matrix(rule: Rule, world: World, clients: dict[str, Any]):
    problems = check(rule, world, clients)
    assert not problems, "\n".join(problems)
