"""A small world of objects for the proof tests: an open cycle on a small framework, and in region
A (Kota Makassar) and B (Kabupaten Banyuwangi) an assessment with an answer, a review, evidence,
a finished report and a programme with a file; plus a national report and tokens for the cast."""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass, field
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone
from rest_framework.authtoken.models import Token

from tests.factories import TINY_PDF, make_open_cycle, make_small_framework


@dataclass
class Side:
    region: Any
    assessment: Any
    evidence: Any
    report: Any
    programme: Any
    programme_file: Any
    planned_step: Any = None
    activity: Any = None
    activity_file: Any = None


@dataclass
class World:
    cycle: Any
    framework: Any
    national_report: Any
    a: Side
    b: Side
    tokens: dict[str, str] = field(default_factory=dict)


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


def _side(key: str, region: Any, csco: Any, reviewer: Any, cycle: Any, framework: Any) -> Side:
    from maturity.assessments.models import Answer, Assessment, Evidence, Review
    from maturity.frameworks.models import Indicator
    from maturity.programmes.models import Programme, ProgrammeFile
    from maturity.progress.models import PlannedStep
    from maturity.verification.models import ActivityFile, VerificationActivity
    from reports.models import ReportKind

    indicator = Indicator.objects.get(framework=framework, code="I-1")
    assessment = Assessment.objects.create(cycle=cycle, region=region, created_by=csco)
    Answer.objects.create(
        assessment=assessment,
        indicator=indicator,
        status="answered",
        value_level=3,
        comment=f"komentar {key}",
        version=1,
        updated_by=csco,
    )
    Review.objects.create(
        assessment=assessment,
        indicator=indicator,
        verified_level=3,
        comment="Sesuai.",
        reviewer=reviewer,
    )
    evidence = Evidence(
        assessment=assessment,
        indicator=indicator,
        name=f"bukti-{key}.pdf",
        size=len(TINY_PDF),
        sha256=hashlib.sha256(TINY_PDF).hexdigest(),
        content_type="application/pdf",
        uploaded_by=csco,
    )
    evidence.file.save("bukti.pdf", ContentFile(TINY_PDF), save=False)
    evidence.save()
    report = _report(
        kind=ReportKind.REGION,
        assessment=assessment,
        cycle=cycle,
        report_id=(key.lower() * 16)[:16],
        file_name=f"laporan-{key}.pdf",
        requested_by=csco,
    )
    programme = Programme.objects.create(
        region=region,
        name=f"Program {key}",
        element_code="E1",
        indicator_codes=["I-1"],
        created_by=csco,
    )
    programme_file = ProgrammeFile(
        programme=programme,
        name=f"program-{key}.pdf",
        size=len(TINY_PDF),
        sha256=hashlib.sha256(TINY_PDF).hexdigest(),
        content_type="application/pdf",
        uploaded_by=csco,
    )
    programme_file.file.save("program.pdf", ContentFile(TINY_PDF), save=False)
    programme_file.save()
    planned_step = PlannedStep.objects.create(
        region=region,
        cycle=assessment.cycle,
        indicator_code="I-1",
        to_level=4,
        agency=f"OPD {key}",
        due_on=datetime.date(2099, 12, 31),
    )
    activity = VerificationActivity.objects.create(
        assessment=assessment,
        method="interview",
        status="done",
        scheduled_at=timezone.now(),
        place=f"Kantor {key}",
        indicators=["I-1"],
        participants=[{"name": f"Peserta {key}", "role": "Kabid", "agency": "OPD"}],
        held_at=timezone.now(),
        minutes=f"Berita acara {key}",
        findings=[
            {"indicator": "I-1", "verified_level": 3, "not_applicable": False, "comment": ""}
        ],
        planned_by=reviewer,
        recorded_by=reviewer,
        recorded_at=timezone.now(),
    )
    activity_file = ActivityFile(
        activity=activity,
        kind="signed_minutes",
        name=f"berita-acara-{key}.pdf",
        size=len(TINY_PDF),
        sha256=hashlib.sha256(TINY_PDF).hexdigest(),
        content_type="application/pdf",
        uploaded_by=reviewer,
    )
    activity_file.file.save("ba.pdf", ContentFile(TINY_PDF), save=False)
    activity_file.save()
    return Side(
        region,
        assessment,
        evidence,
        report,
        programme,
        programme_file,
        planned_step,
        activity,
        activity_file,
    )


def build_world(cast: Any, *, code: str = "proof") -> World:
    from reports.models import ReportKind

    framework = make_small_framework(code=code)
    cycle = make_open_cycle(framework=framework, name=f"Bukti {code}")
    national = _report(
        kind=ReportKind.NATIONAL,
        cycle=cycle,
        report_id="0" * 16,
        file_name="ringkasan-nasional.pdf",
        requested_by=cast.reviewer,
    )
    world = World(
        cycle=cycle,
        framework=framework,
        national_report=national,
        a=_side("A", cast.region_a, cast.csco_a, cast.reviewer, cycle, framework),
        b=_side("B", cast.region_b, cast.csco_b, cast.reviewer, cycle, framework),
    )
    for role in ("csco_a", "contributor_a", "csco_b", "reviewer", "admin", "observer"):
        world.tokens[role] = Token.objects.get_or_create(user=getattr(cast, role))[0].key
    return world
