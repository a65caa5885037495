"""Load the demo cycle (:mod:`maturity.demo.story`) so that `make run` shows a living product.

Everything goes through the services, as people would do it: the ministry admin opens the cycle,
each region's CSCO answers (one bulk save per assessment), attaches evidence where the framework
requires it, cites its demo programmes and submits; the reviewer verifies some indicators,
returns a few assessments with comments and approves most. A draft is answered as far as its
plan says, shared with a contributor. Scores are computed here, synchronously
(:func:`maturity.scores.refresh_snapshots`), so the pages show them without a worker; then the
work is dated over the weeks since the cycle opened.

Requires the demo accounts (``create_demo_accounts``) and creates a CSCO account for every other
demo region (only the one with ``can_sign_in`` gets the demo password). Idempotent: does nothing
when the cycle exists.
"""

from __future__ import annotations

import contextlib
import datetime
import logging
from collections.abc import Iterator, Sequence
from typing import Any

from celery import current_app as celery_app
from django.contrib.auth.models import User
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from cities.models import Region, Role
from cities.services import DEMO_PASSWORD, MembershipInput, add_membership, create_member
from maturity.assessments.models import (
    Answer,
    Assessment,
    AssessmentStatus,
    Evidence,
    HistoryEntry,
    Review,
)
from maturity.assessments.services import answers as services_answers
from maturity.assessments.services import evidence as services_evidence
from maturity.assessments.services import history as services_history
from maturity.assessments.services import lifecycle
from maturity.assessments.services import review as services_review
from maturity.cycles import services as cycles_services
from maturity.cycles.models import AssessmentCycle
from maturity.demo.generate import answers_for, region_label, review_decisions, work_dates
from maturity.demo.pdf import evidence_file
from maturity.demo.story import DemoRegion, DemoStory, read_story
from maturity.frameworks.models import Framework, Indicator
from maturity.frameworks.services import load_default_framework
from maturity.programmes.models import Programme, ProgrammeStatus
from maturity.programmes.services import cite_programme
from maturity.scores.services import refresh_snapshots

TRANSITIONS = (
    services_history.CREATED,
    services_history.SUBMITTED,
    services_history.RETURNED,
    services_history.APPROVED,
)


class DemoPrerequisiteMissing(Exception):
    """The demo accounts or regions it needs are not loaded yet (the message says which)."""


def cycle_exists(story: DemoStory) -> bool:
    return AssessmentCycle.objects.filter(name=story.name).exists()


def load_demo_cycle(story: DemoStory | None = None) -> dict[str, int] | None:
    """Load the demo cycle; how many assessments end in each status, or None when it exists."""
    story = story or read_story()
    if cycle_exists(story):
        return None
    people = demo_people(story)
    framework, _created = load_default_framework()
    # Demo events are not news: nobody is mailed about them. The scoring tasks the services
    # send on commit run here too (they find the snapshots made here up to date), rather
    # than queueing some seventy tasks ahead of the first report someone asks for, or
    # waiting on a broker that is not up yet.
    with (
        override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"),
        tasks_run_here(),
        transaction.atomic(),
    ):
        cycle = open_cycle(story, framework, people[story.admin])
        indicators = list(
            Indicator.objects.filter(framework=framework)
            .select_related("theme__element")
            .order_by("position", "id")
        )
        regions = demo_regions(story)
        counts: dict[str, int] = {}
        for demo in story.regions:
            if demo.draft is not None:
                draft_assessment(story, demo, cycle, indicators, regions[demo.code], people)
            else:
                answered_assessment(story, demo, cycle, indicators, regions[demo.code], people)
            counts[demo.status] = counts.get(demo.status, 0) + 1
    return counts


@contextlib.contextmanager
def tasks_run_here() -> Iterator[None]:
    """Run Celery tasks sent meanwhile in this process, as they are sent, without a log line
    for each (a worker's task log would be noise in `make run`'s output)."""
    conf = celery_app.conf
    previous = conf.task_always_eager
    loggers = [logging.getLogger(name) for name in ("celery.app.trace", "maturasi.tasks")]
    levels = [logger.level for logger in loggers]
    conf.task_always_eager = True
    for logger in loggers:
        logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        conf.task_always_eager = previous
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


# --- People, cycle and regions ----------------------------------------------------------------


def demo_people(story: DemoStory) -> dict[str, User]:
    """The demo accounts the story needs, by username (made by create_demo_accounts)."""
    wanted = story.accounts()
    people = {u.username: u for u in User.objects.filter(username__in=wanted)}
    if missing := [name for name in wanted if name not in people]:
        raise DemoPrerequisiteMissing(
            f"Akun demo belum ada ({', '.join(missing)}); jalankan create_demo_accounts "
            f"dulu. / Demo accounts missing; run create_demo_accounts first."
        )
    return people


def open_cycle(story: DemoStory, framework: Framework, admin: User) -> AssessmentCycle:
    """The admin opens the cycle: opened some weeks ago, closing in some weeks."""
    today = timezone.localdate()
    return cycles_services.create_cycle(
        user=admin,
        name=story.name,
        year=story.year,
        framework=framework,
        opens_on=today - datetime.timedelta(days=story.opens_days_ago),
        closes_on=today + datetime.timedelta(days=story.closes_in_days),
    )


def demo_regions(story: DemoStory) -> dict[str, Region]:
    codes = [demo.code for demo in story.regions]
    regions = {r.code: r for r in Region.objects.filter(code__in=codes)}
    if unknown := sorted(set(codes) - set(regions)):
        raise DemoPrerequisiteMissing(
            f"Wilayah belum dimuat / regions not loaded: {', '.join(unknown)} (load_defaults)."
        )
    return regions


def region_csco(demo: DemoRegion, region: Region, people: dict[str, User]) -> User:
    """The region's CSCO: a demo account, or one created here when missing (able to sign in
    only with ``can_sign_in``)."""
    if demo.existing_account:
        return people[demo.csco]
    user = User.objects.filter(username=demo.csco).first()
    membership = MembershipInput(role=Role.CSCO, region_code=region.code)
    if user is None:
        return create_member(
            username=demo.csco,
            password=DEMO_PASSWORD if demo.can_sign_in else None,
            email=f"{demo.csco}@example.go.id",
            first_name=f"CSCO {region.name}",
            memberships=[membership],
        )
    add_membership(user=user, membership=membership)
    return user


# --- Assessments ------------------------------------------------------------------------------


def draft_assessment(
    story: DemoStory,
    demo: DemoRegion,
    cycle: AssessmentCycle,
    indicators: list[Indicator],
    region: Region,
    people: dict[str, User],
) -> Assessment:
    """A draft answered as far as its plan says: the CSCO and the contributor share the work."""
    assert demo.draft is not None
    plan = demo.draft
    csco, contributor = region_csco(demo, region, people), people[plan.contributor]
    assessment = lifecycle.create_assessment(user=csco, cycle=cycle, region=region)
    answered = {i.code for i in indicators if i.theme.code in plan.answered_themes}
    answered.update(plan.answered_indicators)
    items, _levels = answers_for(
        indicators, region, demo, story.answers, story.rng(demo.code), only=answered
    )
    theirs = {i.code for i in indicators if i.theme.element.code == plan.contributor_element}
    by_csco = [item for item in items if item["indicator"] not in theirs]
    by_contributor = [item for item in items if item["indicator"] in theirs]
    services_answers.save_answers_bulk(user=csco, assessment=assessment, items=by_csco)
    services_answers.save_answers_bulk(
        user=contributor, assessment=assessment, items=by_contributor
    )
    attach_evidence(story, assessment, indicators, items, contributor, skip=plan.evidence_missing)
    cite_programmes(demo, assessment, items, contributor)
    date_the_work(story, assessment, demo.status, cycle.opens_on)
    return assessment


def answered_assessment(
    story: DemoStory,
    demo: DemoRegion,
    cycle: AssessmentCycle,
    indicators: list[Indicator],
    region: Region,
    people: dict[str, User],
) -> Assessment:
    """The whole questionnaire answered and submitted, reviewed as far as its status says,
    scored and dated."""
    csco = region_csco(demo, region, people)
    assessment = lifecycle.create_assessment(user=csco, cycle=cycle, region=region)
    items, levels = answers_for(indicators, region, demo, story.answers, story.rng(demo.code))
    services_answers.save_answers_bulk(user=csco, assessment=assessment, items=items)
    attach_evidence(story, assessment, indicators, items, csco)
    cite_programmes(demo, assessment, items, csco)
    lifecycle.submit(user=csco, assessment=assessment)
    review(story, demo, assessment, indicators, levels, people[story.reviewer])
    refresh_snapshots(assessment_id=assessment.pk)
    date_the_work(story, assessment, demo.status, cycle.opens_on)
    return assessment


def attach_evidence(
    story: DemoStory,
    assessment: Assessment,
    indicators: list[Indicator],
    items: list[dict[str, Any]],
    user: User,
    skip: Sequence[str] = (),
) -> None:
    """A PDF for every answered indicator that requires evidence (but those in ``skip``)."""
    answered = {item["indicator"] for item in items if item["status"] == "answered"}
    label = region_label(assessment.region)
    for indicator in indicators:
        if indicator.evidence_required and indicator.code in answered - set(skip):
            title = story.evidence_titles.get(indicator.code, f"Data dukung {indicator.code}")
            upload = evidence_file(
                title=title,
                region_label=label,
                code=indicator.code,
                indicator_title=indicator.title_id,
                data_year=story.answers.data_year,
            )
            services_evidence.add_evidence(
                user=user, assessment=assessment, indicator_code=indicator.code, upload=upload
            )


def cite_programmes(
    demo: DemoRegion, assessment: Assessment, items: list[dict[str, Any]], user: User
) -> None:
    """The region's demo programmes cited where they apply (when load_demo_programmes ran)."""
    answered = {item["indicator"] for item in items if item["status"] == "answered"}
    for name, codes in demo.cites.items():
        programme = Programme.objects.filter(region=assessment.region, name=name).first()
        if programme is None or programme.status == ProgrammeStatus.PLANNED:
            continue  # load_demo_programmes has not run: nothing to cite
        for code in codes:
            if code in answered:
                cite_programme(
                    user=user, assessment=assessment, indicator_code=code, programme=programme
                )


def review(
    story: DemoStory,
    demo: DemoRegion,
    assessment: Assessment,
    indicators: list[Indicator],
    levels: dict[str, int],
    reviewer: User,
) -> None:
    """The reviewer's work on a submitted assessment, by where it should end up."""
    if demo.status == AssessmentStatus.SUBMITTED and not demo.review_started:
        return
    by_code = {i.code: i for i in indicators}
    if demo.status == AssessmentStatus.RETURNED:
        for code, comment in demo.review_comments.items():
            services_review.set_review(
                user=reviewer,
                assessment=assessment,
                indicator=by_code[code],
                verified_level=None,
                comment=comment,
            )
        lifecycle.return_assessment(
            user=reviewer, assessment=assessment, comment=demo.return_comment
        )
        return
    rng = story.rng("review", demo.code)
    for code, level, comment in review_decisions(levels, rng, story.review):
        services_review.set_review(
            user=reviewer,
            assessment=assessment,
            indicator=by_code[code],
            verified_level=level,
            comment=comment,
        )
    if demo.status == AssessmentStatus.APPROVED:
        lifecycle.approve(user=reviewer, assessment=assessment)


# --- Dates ------------------------------------------------------------------------------------


def date_the_work(
    story: DemoStory, assessment: Assessment, status: str, opened: datetime.date
) -> None:
    """Date the work as if it had been done over the weeks since the cycle opened.

    The services stamp everything "now"; a review queue where every region waits 0 days shows
    nothing. Only timestamps move (when it started, was answered, submitted, reviewed, decided);
    no value, status or score does, and the scoring mark (``inputs_changed_at``) is left as is.
    """
    dates = work_dates(
        story.rng("dates", assessment.region_id),
        story.dates,
        status=status,
        now=timezone.localtime(),
        earliest=timezone.make_aware(datetime.datetime.combine(opened, datetime.time(9))),
    )
    decided = dates.decided
    Assessment.objects.filter(pk=assessment.pk).update(
        created_at=dates.started,
        submitted_at=dates.submitted,
        returned_at=decided if status == AssessmentStatus.RETURNED else None,
        approved_at=decided if status == AssessmentStatus.APPROVED else None,
        updated_at=decided or dates.submitted or dates.answered,
    )
    history = HistoryEntry.objects.filter(assessment=assessment)
    history.filter(action=services_history.CREATED).update(at=dates.started)
    history.exclude(action__in=(*TRANSITIONS, services_history.REVIEW_SET)).update(
        at=dates.answered
    )
    history.filter(action=services_history.SUBMITTED).update(at=dates.submitted)
    history.filter(action=services_history.REVIEW_SET).update(at=dates.reviewed)
    history.filter(action__in=(services_history.RETURNED, services_history.APPROVED)).update(
        at=decided
    )
    Answer.objects.filter(assessment=assessment).update(updated_at=dates.answered)
    Evidence.objects.filter(assessment=assessment).update(uploaded_at=dates.answered)
    Review.objects.filter(assessment=assessment).update(updated_at=dates.reviewed)
