"""Every page a role reaches (tests/browser/walk.py) fits a 390 px wide phone screen: tables scroll
inside their own container and charts scale, so the page itself never scrolls sideways."""

from __future__ import annotations

import pytest

from tests.browser.conftest import sign_in
from tests.browser.walk import walk

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


def fits(page, path: str, status: int) -> None:  # type: ignore[no-untyped-def]
    response = page.goto(path)
    assert response is not None and response.status == status, path
    measured = page.evaluate(WIDER_THAN_SCREEN)
    assert measured["scrollWidth"] <= PHONE["width"], (path, measured)


def test_the_pages_each_role_reaches_fit_a_390_px_screen(walked_world, chromium, live_server):  # type: ignore[no-untyped-def]
    for username, locale, stops in walk(walked_world):
        context = chromium.new_context(base_url=live_server.url, locale=locale, viewport=PHONE)
        try:
            page = context.new_page()
            if username:
                sign_in(page, username)
            for stop in stops:
                fits(page, stop.path, stop.status)
        finally:
            context.close()
