"""The demo data of `make run` (load_demo_data): a cycle with assessments in every status, scored,
with evidence PDFs, shown through the API, the pages and open data; a second run changes nothing."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.utils import timezone
from pypdf import PdfReader

from cities.services import DEMO_PASSWORD
from maturity.assessments.models import (
    Answer,
    Assessment,
    AssessmentStatus,
    Evidence,
    HistoryEntry,
    Review,
)
from maturity.assessments.validation import is_percent
from maturity.cycles.models import AssessmentCycle
from maturity.demo.generate import value_for_level
from maturity.demo.story import read_story
from maturity.frameworks.models import Indicator, IndicatorKind
from maturity.frameworks.rules import rules_for_framework
from maturity.scores.models import ScoreSnapshot, ScoreTrack
from maturity.scoring.calculation import AnswerInput, indicator_level

pytestmark = pytest.mark.django_db

STORY = read_story()  # maturity/data/demo/demo_cycle.yaml
CYCLE_NAME = STORY.name


def load_demo() -> AssessmentCycle:
    """What `make run` does after migrating and loading the defaults."""
    out = io.StringIO()
    call_command("create_demo_accounts", stdout=out)
    call_command("load_demo_programmes", stdout=out)
    call_command("load_demo_data", stdout=out)
    return AssessmentCycle.objects.get(name=CYCLE_NAME)


def signed_in(username: str) -> Client:
    """A browser-like client signed in through the sign-in page with the demo password."""
    client = Client()
    response = client.post("/accounts/login/", {"username": username, "password": DEMO_PASSWORD})
    assert response.status_code == 302, username
    return client


def statuses(cycle: AssessmentCycle) -> dict[str, str]:
    return dict(Assessment.objects.filter(cycle=cycle).values_list("region__code", "status"))


def test_demo_cycle_is_open_with_makassar_drafting_and_banyuwangi_submitted() -> None:
    cycle = load_demo()

    assert cycle.status == "open"
    assert cycle.opens_on < cycle.closes_on
    by_region = statuses(cycle)
    assert len(by_region) == len(STORY.regions)
    assert by_region["73.71"] == AssessmentStatus.DRAFT
    assert by_region["35.10"] == AssessmentStatus.SUBMITTED
    makassar = Assessment.objects.get(cycle=cycle, region__code="73.71")
    assert Decimal("55") <= makassar.completeness <= Decimal("65")
    assert makassar.answers.filter(status="not_applicable").exclude(justification="").exists()
    # The CSCO and the contributor both worked on it.
    assert makassar.answers.values("updated_by__username").distinct().count() == 2
    # Work is dated over the weeks since the cycle opened, not all at one instant.
    banyuwangi = Assessment.objects.get(cycle=cycle, region__code="35.10")
    assert banyuwangi.submitted_at is not None
    assert cycle.opens_on < banyuwangi.submitted_at.date() < timezone.localdate()
    submitted_days = Assessment.objects.filter(cycle=cycle).exclude(status="draft")
    assert len({a.submitted_at.date() for a in submitted_days if a.submitted_at}) > 10


def test_every_region_ends_where_the_story_file_says_with_its_comments_and_citations() -> None:
    cycle = load_demo()

    assert statuses(cycle) == {demo.code: demo.status for demo in STORY.regions}
    for demo in STORY.regions:
        assessment = Assessment.objects.get(cycle=cycle, region__code=demo.code)
        assert assessment.return_comment == demo.return_comment
        if demo.review_comments:
            reviews = Review.objects.filter(assessment=assessment)
            assert {r.indicator.code: (r.verified_level, r.comment) for r in reviews} == {
                code: (None, comment) for code, comment in demo.review_comments.items()
            }
        cited = set(
            Evidence.objects.filter(assessment=assessment, programme__isnull=False).values_list(
                "programme__name", "indicator__code"
            )
        )
        answered = set(
            assessment.answers.filter(status="answered").values_list("indicator__code", flat=True)
        )
        assert cited == {
            (name, code) for name, codes in demo.cites.items() for code in codes if code in answered
        }
        csco = User.objects.get(username=demo.csco)
        assert csco.memberships.filter(role="csco", region__code=demo.code).exists()
        if not demo.existing_account:
            assert csco.has_usable_password() == demo.can_sign_in


def test_without_the_demo_accounts_nothing_is_loaded_and_the_message_says_what_to_run() -> None:
    with pytest.raises(CommandError, match="create_demo_accounts"):
        call_command("load_demo_data", stdout=io.StringIO())

    assert not AssessmentCycle.objects.filter(name=CYCLE_NAME).exists()


def test_other_regions_are_mostly_approved_with_some_returned_and_submitted() -> None:
    cycle = load_demo()

    counts: dict[str, int] = {}
    for status in statuses(cycle).values():
        counts[status] = counts.get(status, 0) + 1
    assert counts[AssessmentStatus.APPROVED] >= 20
    assert counts[AssessmentStatus.RETURNED] >= 2
    assert counts[AssessmentStatus.SUBMITTED] >= 3
    assert {"31", "32.11", "35.78", "32.73", "51.71", "34.04"} <= set(statuses(cycle))
    provinces = Assessment.objects.filter(cycle=cycle).values("region__province_code")
    assert provinces.distinct().count() >= 10
    returned = Assessment.objects.filter(cycle=cycle, status=AssessmentStatus.RETURNED)
    assert all(a.return_comment for a in returned)
    assert (
        not Assessment.objects.filter(cycle=cycle)
        .exclude(status="draft")
        .exclude(completeness=Decimal("100.0"))
        .exists()
    )


def test_reviewer_verified_some_levels_differently_with_comments() -> None:
    cycle = load_demo()

    approved = Assessment.objects.filter(cycle=cycle, status=AssessmentStatus.APPROVED)
    differing = 0
    for assessment in approved:
        self_snapshot = ScoreSnapshot.objects.get(assessment=assessment, track=ScoreTrack.SELF)
        self_levels = {i["code"]: i["level"] for i in self_snapshot.result["self"]["indicators"]}
        for review in Review.objects.filter(assessment=assessment).select_related("indicator"):
            assert review.comment
            differing += review.verified_level != self_levels[review.indicator.code]
    assert differing >= len(approved)  # at least one per approved assessment on average


def test_every_scored_assessment_has_its_scores_without_a_worker() -> None:
    cycle = load_demo()

    scored = Assessment.objects.filter(cycle=cycle).exclude(status=AssessmentStatus.DRAFT)
    for assessment in scored:
        tracks = set(assessment.snapshots.values_list("track", flat=True))
        assert ScoreTrack.SELF in tracks, assessment.region.code
        if assessment.status == AssessmentStatus.APPROVED:
            assert assessment.snapshots.filter(
                track=ScoreTrack.VERIFIED, provisional=False
            ).exists()
    levels = set(
        ScoreSnapshot.objects.filter(
            assessment__cycle=cycle, track=ScoreTrack.VERIFIED, provisional=False
        ).values_list("level", flat=True)
    )
    assert len(levels) >= 4  # the board compares regions at different levels


def test_evidence_is_attached_where_required_as_readable_pdfs() -> None:
    cycle = load_demo()

    required = Indicator.objects.filter(framework=cycle.framework, evidence_required=True)
    banyuwangi = Assessment.objects.get(cycle=cycle, region__code="35.10")
    answered = set(
        banyuwangi.answers.filter(status="answered").values_list("indicator__code", flat=True)
    )
    with_files = Evidence.objects.filter(assessment=banyuwangi, programme__isnull=True)
    assert {e.indicator.code for e in with_files} == {
        i.code for i in required if i.code in answered
    }
    for evidence in with_files:
        with evidence.file.open("rb") as handle:
            reader = PdfReader(io.BytesIO(handle.read()))
        assert "Kabupaten Banyuwangi" in reader.pages[0].extract_text()
    # Banyuwangi cites its demo programme too.
    assert Evidence.objects.filter(assessment=banyuwangi, programme__name="Homestay Naik Kelas")


def test_demo_values_earn_the_level_they_were_drawn_for_under_the_product_scoring() -> None:
    import random

    cycle = load_demo()
    rules = {r.code: r for r in rules_for_framework(cycle.framework).indicators}
    rng = random.Random(1)
    quantitative = Indicator.objects.filter(
        framework=cycle.framework, kind=IndicatorKind.QUANTITATIVE
    )
    for indicator in quantitative:
        thresholds = [Decimal(str(t)) for t in indicator.thresholds]
        for level in range(1, 6):
            value = value_for_level(
                level,
                thresholds,
                indicator.direction,
                percent=is_percent(indicator.unit),
                rng=rng,
            )
            assert indicator_level(rules[indicator.code], AnswerInput("answered", value)) == (
                level
            ), (indicator.code, level, value)


def test_reviewer_sees_the_demo_cycle_scores_and_open_data_lists_the_approved() -> None:
    cycle = load_demo()

    scores = signed_in("peninjau").get(f"/api/v1/cycles/{cycle.pk}/scores/").json()
    assert scores["count"] == len(STORY.regions)
    open_rows = Client().get(f"/open/cycles/{cycle.pk}/scores.json").json()
    approved = Assessment.objects.filter(cycle=cycle, status=AssessmentStatus.APPROVED).count()
    assert len(open_rows["results"]) == approved >= 20


def test_csco_of_a_returned_region_signs_in_and_reads_the_reviewers_comments() -> None:
    cycle = load_demo()
    surabaya = Assessment.objects.get(cycle=cycle, region__code="35.78")

    page = signed_in("csco.surabaya").get(f"/assessments/{surabaya.pk}/")

    assert page.status_code == 200
    assert "Masterplan Smart City" in page.content.decode()
    assert surabaya.status == AssessmentStatus.RETURNED


def test_a_second_run_changes_nothing() -> None:
    load_demo()
    models = (AssessmentCycle, Assessment, Answer, Evidence, Review, HistoryEntry, ScoreSnapshot)
    before = {m.__name__: m.objects.count() for m in models}
    answers_before = list(Answer.objects.order_by("pk").values_list("pk", "version"))

    out = io.StringIO()
    call_command("load_demo_data", stdout=out)

    assert {m.__name__: m.objects.count() for m in models} == before
    assert list(Answer.objects.order_by("pk").values_list("pk", "version")) == answers_before
    assert "sudah ada" in out.getvalue()
