"""Every page a role reaches fits a 390 px wide phone screen: tables scroll inside their own
container and charts scale, so the page itself never scrolls sideways."""

from __future__ import annotations

import pytest

from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser]

PHONE = {"width": 390, "height": 844}

# The elements sticking out of the screen, to name them when a page is too wide.
WIDER_THAN_SCREEN = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (el.closest('.table-wrap, .chart')) continue;  // these scroll inside themselves
    const box = el.getBoundingClientRect();
    if (box.width && box.right > width + 1) {
      const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '');
      wide.push(`${name}.${el.className} ${Math.round(box.right)}px`);
    }
  }
  return {scrollWidth: document.documentElement.scrollWidth, width, wide: wide.slice(0, 5)};
}"""


def fits(page, path: str) -> None:  # type: ignore[no-untyped-def]
    response = page.goto(path)
    assert response is not None and response.status == 200, path
    measured = page.evaluate(WIDER_THAN_SCREEN)
    assert measured["scrollWidth"] <= PHONE["width"], (path, measured)


@pytest.fixture
def scored_world(browser_world):  # type: ignore[no-untyped-def]
    """Kota Makassar approved and scored, the other region waiting in the review queue."""
    from maturity.assessments.models import Assessment
    from maturity.assessments.services import lifecycle
    from maturity.scores.services import refresh_snapshots
    from tests.factories import answer_everything, submit_and_approve

    cast, cycle = browser_world
    approved = Assessment.objects.create(cycle=cycle, region=cast.region_a)
    answer_everything(approved, cast.csco_a, level=3)
    submit_and_approve(approved, cast.csco_a, cast.reviewer)
    refresh_snapshots(assessment_id=approved.pk)
    waiting = Assessment.objects.create(cycle=cycle, region=cast.region_b)
    answer_everything(waiting, cast.csco_b, level=2)
    lifecycle.submit(user=cast.csco_b, assessment=waiting)
    return cast, cycle, approved, waiting


def test_the_pages_each_role_reaches_fit_a_390_px_screen(scored_world, chromium, live_server):  # type: ignore[no-untyped-def]
    cast, cycle, approved, waiting = scored_world
    region = cast.region_a.code
    pages = {
        None: ["/accounts/login/", "/open/", "/open/data-dictionary/", "/open/programmes/"],
        "reviewer": [
            "/",
            "/review/",
            f"/board/?cycle={cycle.pk}",
            f"/board/?cycle={cycle.pk}&province=73",
            f"/assessments/{approved.pk}/score/",
            f"/assessments/{waiting.pk}/review/",
            f"/regions/{region}/progress/",
            "/programmes/",
            "/accounts/profile/",
        ],
        "csco_a": [
            "/",
            f"/assessments/{approved.pk}/",
            f"/assessments/{approved.pk}/score/",
            f"/regions/{region}/progress/",
            "/accounts/profile/",
        ],
    }
    for username, paths in pages.items():
        for locale in ("id-ID", "en-US"):
            context = chromium.new_context(base_url=live_server.url, locale=locale, viewport=PHONE)
            try:
                page = context.new_page()
                if username:
                    sign_in(page, username)
                for path in paths:
                    fits(page, path)
            finally:
                context.close()
