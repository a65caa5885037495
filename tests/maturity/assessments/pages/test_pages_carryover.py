"""Starting a new cycle from last year: answers (and evidence) of continuing indicators are copied
as a draft through the lifecycle services; nothing else is."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from maturity.assessments.models import Answer, Assessment, AssessmentStatus, Evidence
from maturity.assessments.services import carryover
from maturity.assessments.services import evidence as services_evidence
from maturity.assessments.services import lifecycle as services_lifecycle
from tests.factories import TINY_PDF
from tests.maturity.assessments.pages.conftest import build_framework, complete, open_cycle


def last_year_and_this_year(cast, django_capture_on_commit_callbacks, *, new_version=True):  # type: ignore[no-untyped-def]
    """Region A's approved 2025 assessment, and an open 2026 cycle (on framework v2 where EDU-1
    continues as EDU-1 and HEA-1 as HEA-1, with everything else new)."""
    old_framework = build_framework(code="skema", version="1")
    old_cycle = open_cycle(old_framework, name="2025", year=2025)
    old = Assessment.objects.create(cycle=old_cycle, region=cast.region_a)
    complete(old, cast.csco_a)
    services_evidence.add_evidence(
        user=cast.csco_a,
        assessment=old,
        indicator_code="HEA-1",
        upload=SimpleUploadedFile("rs-2025.pdf", TINY_PDF, "application/pdf"),
    )
    with django_capture_on_commit_callbacks(execute=True):
        services_lifecycle.submit(user=cast.csco_a, assessment=old)
        services_lifecycle.approve(user=cast.reviewer, assessment=old)
    old_cycle.status = "closed"
    old_cycle.save()
    if new_version:
        framework = build_framework(
            code="skema", version="2", previous="1", continues={"EDU-1": "EDU-1", "HEA-1": "HEA-1"}
        )
    else:
        framework = old_framework
    return old, open_cycle(framework, name="2026", year=2026)


def test_plan_names_the_previous_assessment_and_the_continuing_indicators(
    cast, django_capture_on_commit_callbacks
):
    old, cycle = last_year_and_this_year(cast, django_capture_on_commit_callbacks)
    plan = carryover.plan(cycle=cycle, region=cast.region_a)
    assert plan.previous == old
    assert plan.continuing == {"EDU-1": "EDU-1", "HEA-1": "HEA-1"}


def test_start_with_carry_over_copies_continuing_answers_and_evidence_as_a_draft(
    cast, django_capture_on_commit_callbacks
):
    old, cycle = last_year_and_this_year(cast, django_capture_on_commit_callbacks)
    result = carryover.start_assessment(
        user=cast.csco_a, cycle=cycle, region=cast.region_a, carry_over=True
    )
    new = result.assessment
    assert new.status == AssessmentStatus.DRAFT
    copied = {a.indicator.code: a for a in Answer.objects.filter(assessment=new)}
    assert set(copied) == {"EDU-1", "HEA-1"}
    old_edu = Answer.objects.get(assessment=old, indicator__code="EDU-1")
    assert copied["EDU-1"].value_decimal == old_edu.value_decimal
    assert copied["EDU-1"].indicator.framework_id == cycle.framework_id
    files = Evidence.objects.filter(assessment=new).order_by("name")
    assert [(e.indicator.code, e.name) for e in files] == [
        ("EDU-1", "EDU-1.pdf"),
        ("HEA-1", "rs-2025.pdf"),
    ]
    assert files[0].sha256 == Evidence.objects.get(assessment=old, indicator__code="EDU-1").sha256
    assert (result.answers, result.evidence) == (2, 2)
    assert new.history.filter(action="answer.created").count() == 2


def test_start_on_the_same_framework_version_copies_every_answer(
    cast, django_capture_on_commit_callbacks
):
    _old, cycle = last_year_and_this_year(
        cast, django_capture_on_commit_callbacks, new_version=False
    )
    result = carryover.start_assessment(
        user=cast.csco_a, cycle=cycle, region=cast.region_a, carry_over=True
    )
    assert result.answers == 6
    assert result.assessment.completeness == 100


def test_an_old_answer_that_breaks_the_new_rules_is_skipped(
    cast, django_capture_on_commit_callbacks
):
    _old, cycle = last_year_and_this_year(cast, django_capture_on_commit_callbacks)
    cycle.framework.indicators.filter(code="EDU-1").update(
        kind="binary", unit="", thresholds=None, direction=""
    )
    result = carryover.start_assessment(
        user=cast.csco_a, cycle=cycle, region=cast.region_a, carry_over=True
    )
    assert result.skipped == ["EDU-1"]
    assert list(
        Answer.objects.filter(assessment=result.assessment).values_list(
            "indicator__code", flat=True
        )
    ) == ["HEA-1"]


def test_start_without_carry_over_begins_empty(cast, django_capture_on_commit_callbacks):
    _old, cycle = last_year_and_this_year(cast, django_capture_on_commit_callbacks)
    result = carryover.start_assessment(
        user=cast.csco_a, cycle=cycle, region=cast.region_a, carry_over=False
    )
    assert not Answer.objects.filter(assessment=result.assessment).exists()


def test_start_page_offers_the_copy_and_the_csco_starts_from_last_year(
    pages, cast, django_capture_on_commit_callbacks
):
    _old, cycle = last_year_and_this_year(cast, django_capture_on_commit_callbacks)
    page = pages.csco_a.get(f"/cycles/{cycle.pk}/start/73.71/")
    assert page.status_code == 200
    assert "2 indikator yang berlanjut" in page.content.decode()
    response = pages.csco_a.post(
        f"/cycles/{cycle.pk}/start/73.71/", {"carry_over": "on"}, follow=True
    )
    new = Assessment.objects.get(cycle=cycle, region=cast.region_a)
    assert response.redirect_chain[-1][0] == f"/assessments/{new.pk}/"
    assert "2 jawaban dan 2 data dukung disalin" in response.content.decode()


def test_contributor_and_other_regions_cannot_start(pages, cast, cycle):
    assert pages.contributor_a.get(f"/cycles/{cycle.pk}/start/73.71/").status_code == 403
    assert pages.csco_b.get(f"/cycles/{cycle.pk}/start/73.71/").status_code == 404
    assert not Assessment.objects.exists()
