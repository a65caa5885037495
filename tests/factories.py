"""factory_boy factories and the fixed cast used across the suite."""

from __future__ import annotations

from dataclasses import dataclass

import factory
from django.contrib.auth.models import User
from rest_framework.test import APIClient

from cities.models import Membership, Region, Role

REGION_A = "73.71"  # Kota Makassar
REGION_B = "35.10"  # Kabupaten Banyuwangi
PASSWORD = "kata-sandi-uji-2026"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.go.id")
    password = factory.django.Password(PASSWORD)


def member(
    username: str, role: str, region_code: str | None = None, provinces: list[str] | None = None
) -> User:
    """A user holding one role (in a region for CSCOs and contributors)."""
    user = UserFactory(username=username)
    region = Region.objects.get(code=region_code) if region_code else None
    Membership.objects.get_or_create(
        user=user, role=role, region=region, defaults={"provinces": provinces or []}
    )
    return user


@dataclass
class Cast:
    csco_a: User
    contributor_a: User
    csco_b: User
    reviewer: User
    admin: User
    observer: User

    @property
    def region_a(self) -> Region:
        return Region.objects.get(code=REGION_A)

    @property
    def region_b(self) -> Region:
        return Region.objects.get(code=REGION_B)


def make_cast() -> Cast:
    return Cast(
        csco_a=member("csco_a", Role.CSCO, REGION_A),
        contributor_a=member("contributor_a", Role.CONTRIBUTOR, REGION_A),
        csco_b=member("csco_b", Role.CSCO, REGION_B),
        reviewer=member("reviewer", Role.REVIEWER),
        admin=member("admin", Role.ADMIN),
        observer=member("observer", Role.OBSERVER),
    )


ROLES = ("csco_a", "contributor_a", "csco_b", "reviewer", "admin", "observer")


class Clients:
    """An API client signed in (by token auth forced) as each member of the cast, plus anon."""

    def __init__(self, cast: Cast) -> None:
        self.cast = cast
        self.anon = APIClient()
        for role in ROLES:
            client = APIClient()
            client.force_authenticate(user=getattr(cast, role))
            setattr(self, role, client)

    def __getitem__(self, role: str) -> APIClient:
        return getattr(self, role)  # type: ignore[no-any-return]


# --- Cycles and assessments (shared helpers: scores, reports and others reuse them) -------------

TINY_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)

_default_framework_key: tuple[str, str] | None = None


def default_framework():  # type: ignore[no-untyped-def]
    """The published default framework loaded for the session (maturity/data/...yaml)."""
    global _default_framework_key
    from maturity.frameworks.models import Framework
    from maturity.frameworks.services import load_default_framework

    if _default_framework_key is not None:
        found = Framework.objects.filter(
            code=_default_framework_key[0], version=_default_framework_key[1]
        ).first()
        if found is not None:
            return found
    framework, _ = load_default_framework()
    _default_framework_key = (framework.code, framework.version)
    return framework


def make_open_cycle(framework=None, name: str = "2026", province_review: bool = False):  # type: ignore[no-untyped-def]
    """A cycle open today: on the default framework unless given; opens yesterday, closes in 30
    days; with the province stage when ``province_review``. Returns the existing cycle of that
    name if there is one."""
    import datetime

    from django.utils import timezone

    from maturity.cycles.models import AssessmentCycle, CycleStatus

    today = timezone.localdate()
    cycle, _ = AssessmentCycle.objects.get_or_create(
        name=name,
        defaults={
            "year": today.year,
            "framework": framework or default_framework(),
            "opens_on": today - datetime.timedelta(days=1),
            "closes_on": today + datetime.timedelta(days=30),
            "status": CycleStatus.OPEN,
            "province_review": province_review,
        },
    )
    return cycle


def make_assessment(region_code: str, cycle=None):  # type: ignore[no-untyped-def]
    """A draft assessment of the region in ``cycle`` (default: make_open_cycle())."""
    from maturity.assessments.models import Assessment

    cycle = cycle or make_open_cycle()
    region = Region.objects.get(code=region_code)
    assessment, _ = Assessment.objects.get_or_create(cycle=cycle, region=region)
    return assessment


def value_for_level(indicator, level: int):  # type: ignore[no-untyped-def]
    """An answer body for ``indicator`` that earns ``level`` (1-5) under SCORING.md §2."""
    from decimal import Decimal

    if indicator.kind == "rubric":
        return {"status": "answered", "value": level}
    if indicator.kind == "binary":
        yes = indicator.yes_level if indicator.yes_level is not None else 5
        no = indicator.no_level if indicator.no_level is not None else 1
        return {"status": "answered", "value": abs(yes - level) <= abs(no - level)}
    thresholds = [Decimal(t) for t in indicator.thresholds]
    if indicator.direction == "higher":
        value = thresholds[level - 2] if level >= 2 else thresholds[0] / 2
    else:
        value = thresholds[5 - level] if level >= 2 else thresholds[3] + 1
    return {
        "status": "answered",
        "value": format(value.normalize(), "f"),
        "quality": "measured",
        "source": "BPS",
        "year": 2025,
    }


def answer_everything(assessment, user, level: int = 3):  # type: ignore[no-untyped-def]
    """Answer every indicator through the services (a level-``level`` answer each), attaching a
    small PDF wherever evidence is required. ``user`` must be the region's CSCO or contributor."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from maturity.assessments.models import Answer, Evidence
    from maturity.assessments.services import answers
    from maturity.assessments.services import evidence as services_evidence
    from maturity.frameworks.models import Indicator

    indicators = list(Indicator.objects.filter(framework_id=assessment.cycle.framework_id))
    versions = dict(
        Answer.objects.filter(assessment=assessment).values_list("indicator__code", "version")
    )
    items = [
        {**value_for_level(i, level), "indicator": i.code, "version": versions.get(i.code, 0)}
        for i in indicators
    ]
    answers.save_answers_bulk(user=user, assessment=assessment, items=items)
    with_evidence = set(
        Evidence.objects.filter(assessment=assessment).values_list("indicator_id", flat=True)
    )
    for indicator in indicators:
        if indicator.evidence_required and indicator.pk not in with_evidence:
            upload = SimpleUploadedFile(f"{indicator.code}.pdf", TINY_PDF, "application/pdf")
            services_evidence.add_evidence(
                user=user, assessment=assessment, indicator_code=indicator.code, upload=upload
            )
    assessment.refresh_from_db()
    return assessment


def submit_and_approve(assessment, csco, reviewer):  # type: ignore[no-untyped-def]
    """Submit (as the CSCO) and approve (as the reviewer) a complete assessment."""

    from maturity.assessments.services import lifecycle

    lifecycle.submit(user=csco, assessment=assessment)
    lifecycle.approve(user=reviewer, assessment=assessment)
    assessment.refresh_from_db()
    return assessment


def make_small_framework(code: str = "mini", indicators: int = 3, published: bool = True):  # type: ignore[no-untyped-def]
    """A tiny framework (one element, one theme) of alternating rubric, quantitative (%) and
    binary indicators, the first one requiring evidence."""
    from django.utils import timezone

    from maturity.frameworks.models import Element, Framework, Indicator, Theme

    framework = Framework.objects.create(
        code=code,
        version="1",
        title_id=f"Mini {code}",
        title_en=f"Mini {code}",
        status="published" if published else "draft",
        published_at=timezone.now() if published else None,
        levels={str(n): {"id": f"M{n}", "en": f"M{n}"} for n in range(1, 6)},
        index_bands=["1.80", "2.60", "3.50", "4.20"],
    )
    element = Element.objects.create(framework=framework, code="E1", title_id="E", title_en="E")
    theme = Theme.objects.create(
        framework=framework, element=element, code="T1", title_id="T", title_en="T"
    )
    kinds = ["rubric", "quantitative", "binary"]
    for n in range(indicators):
        kind = kinds[n % 3]
        Indicator.objects.create(
            framework=framework,
            theme=theme,
            code=f"I-{n + 1}",
            title_id=f"I {n + 1}",
            title_en=f"I {n + 1}",
            kind=kind,
            position=n,
            unit="%" if kind == "quantitative" else "",
            direction="higher" if kind == "quantitative" else "",
            thresholds=["20", "40", "60", "80"] if kind == "quantitative" else None,
            rubric={str(k): {"id": f"L{k}", "en": f"L{k}"} for k in range(1, 6)}
            if kind == "rubric"
            else None,
            yes_level=5 if kind == "binary" else None,
            no_level=1 if kind == "binary" else None,
            evidence_required=n == 0,
        )
    return framework
