"""Playwright against a live server, driving Debian's chromium headless (no browser download).

Screenshots of the main pages are written only when MATURASI_SCREENSHOTS names a directory
(``MATURASI_SCREENSHOTS=docs/screenshots``), so a test run never changes the tree by default.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; Django would otherwise refuse the ORM.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def chromium() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def open_page(chromium, live_server):  # type: ignore[no-untyped-def]
    """A function giving a fresh browser page (its own cookies) on the live server."""
    contexts = []

    def make(*, locale: str = "id-ID"):  # type: ignore[no-untyped-def]
        # An Indonesian official's browser; one set to English gets English pages (Accept-Language).
        context = chromium.new_context(  # type: ignore[attr-defined]
            base_url=live_server.url,
            locale=locale,
            accept_downloads=True,
            viewport={"width": 1280, "height": 860},
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def shoot():  # type: ignore[no-untyped-def]
    """``shoot(page, "home")`` saves <MATURASI_SCREENSHOTS>/pages-home.png when asked."""
    target = os.environ.get("MATURASI_SCREENSHOTS")

    def save(page, name: str, *, full_page: bool = False) -> None:  # type: ignore[no-untyped-def]
        if target:
            Path(target).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(Path(target) / f"pages-{name}.png"), full_page=full_page)

    return save


@pytest.fixture
def browser_world(transactional_db):  # type: ignore[no-untyped-def]
    """The cast (who sign in with the test password), a small framework and an open cycle.

    The regions are there: tests/conftest.py reloads them before every transactional test.
    """
    from tests.factories import make_cast
    from tests.maturity.assessments.pages.conftest import build_framework, open_cycle

    cast = make_cast()
    framework = build_framework(code="peramban")
    return cast, open_cycle(framework, name="2026-peramban")


@pytest.fixture
def walked_world(browser_world):  # type: ignore[no-untyped-def]
    """The world the pages of :mod:`tests.browser.walk` are walked in (described there)."""
    import datetime

    from django.utils import timezone

    from cities.models import Role
    from maturity.assessments.models import Assessment
    from maturity.assessments.services import lifecycle
    from maturity.cycles.models import CycleStatus
    from maturity.programmes.models import Programme
    from maturity.scores.services import refresh_snapshots
    from reports.models import Report, ReportKind, ReportStatus
    from tests.browser.walk import World
    from tests.factories import answer_everything, member, submit_and_approve
    from tests.maturity.assessments.pages.conftest import open_cycle

    cast, cycle = browser_world
    today = timezone.localdate()
    previous = open_cycle(cycle.framework, name="2025-peramban", year=today.year - 1)
    approved = Assessment.objects.create(cycle=previous, region=cast.region_a)
    answer_everything(approved, cast.csco_a, level=3)
    submit_and_approve(approved, cast.csco_a, cast.reviewer)
    refresh_snapshots(assessment_id=approved.pk)
    previous.opens_on = today - datetime.timedelta(days=400)
    previous.closes_on = today - datetime.timedelta(days=300)
    previous.status = CycleStatus.CLOSED
    previous.save()
    draft = Assessment.objects.create(cycle=cycle, region=cast.region_a)
    answer_everything(draft, cast.contributor_a, level=2)
    # This year's cycle has the province stage: Banyuwangi waits for Jawa Timur's reviewer.
    cycle.province_review = True
    cycle.save(update_fields=["province_review"])
    member("provinsi_35", Role.PROVINCE_REVIEWER, "35")
    waiting = Assessment.objects.create(cycle=cycle, region=cast.region_b)
    answer_everything(waiting, cast.csco_b, level=2)
    lifecycle.submit(user=cast.csco_b, assessment=waiting)
    programme = Programme.objects.create(
        region=cast.region_a,
        name="Dottorota Teammu (HomeCare)",
        element_code="E1",
        indicator_codes=["HEA-1"],
        shared=True,
        agency="Dinas Kesehatan",
        description_id="Kunjungan kesehatan ke rumah warga melalui panggilan 112.",
        description_en="Home health-care visits booked through the 112 call centre.",
        url="https://makassarkota.go.id",
        launch_year=2017,
    )
    report = Report.objects.create(
        kind=ReportKind.REGION,
        assessment=approved,
        cycle=previous,
        status=ReportStatus.DONE,
        progress=100,
        inputs_key="0" * 64,
        report_id="0123456789abcdef",
        finished_at=timezone.now(),
    )
    from maturity.verification.services.activities import plan_activity

    activity = plan_activity(
        user=cast.reviewer,
        assessment=waiting,
        data={
            "method": "field_visit",
            "scheduled_at": "2026-03-04T09:00",
            "place": "Mal Pelayanan Publik Banyuwangi",
            "indicators": ["EDU-1", "HEA-2"],
            "participants": [{"name": "Dewi Lestari", "role": "Kabid", "agency": "Diskominfo"}],
        },
    )
    return World(
        cast=cast,
        cycle=cycle,
        previous=previous,
        approved=approved,
        draft=draft,
        waiting=waiting,
        programme=programme,
        report_id=report.report_id,
        activity=activity,
    )


def sign_in(page, username: str) -> None:  # type: ignore[no-untyped-def]
    from tests.factories import PASSWORD

    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click(".auth__form button[type=submit]")
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
