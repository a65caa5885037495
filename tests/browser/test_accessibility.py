"""axe-core on every page each role reaches (tests/browser/walk.py), in Indonesian and English:
no violation of any impact (minor and moderate included), and no text whose contrast axe cannot
measure (text over a gradient, an image or another element): every text sits on a solid
background. The charts' SVG text, which axe cannot measure, is measured by
tests/maturity/test_charts.py.

axe-core is vendored (tests/browser/vendor/axe.min.js, MPL-2.0, its licence beside it) so the
suite needs no network. It runs its default rules: WCAG 2.0–2.2 A and AA, and best practices.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from tests.browser.conftest import sign_in
from tests.browser.walk import walk

pytestmark = [pytest.mark.browser]

AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"

# Each problem as "rule (impact): target — summary"; the contrast axe could not measure is kept
# apart from the violations (axe calls it "incomplete").
RUN_AXE = """async () => {
  const results = await axe.run(document, {resultTypes: ['violations', 'incomplete']});
  // axe takes an SVG for an image and never measures the text inside it; the charts' text is
  // measured against what lies under it by tests/maturity/test_charts.py instead.
  const inChart = (node) => Boolean(document.querySelector(node.target[0])?.closest('svg'));
  const named = (result) => result.nodes.map(
    (node) => `${result.id} (${result.impact || node.impact}): ${node.target.join(' ')}`
      + ` — ${(node.failureSummary || '').split('\\n').slice(0, 2).join(' ')}`
      + node.any.map(measured).join(' '));
  const measured = (check) => {
    const data = check.data || {};
    const ratio = data.contrastRatio
      ? ` ${data.fgColor} on ${data.bgColor} = ${data.contrastRatio}` : '';
    return `${data.messageKey || ''}${ratio}`;
  };
  return {
    violations: results.violations.flatMap(named),
    unmeasured: results.incomplete.filter((r) => r.id === 'color-contrast')
      .map((r) => ({...r, nodes: r.nodes.filter((node) => !inChart(node))})).flatMap(named),
  };
}"""


def audit(page, path: str, status: int) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    response = page.goto(path)
    assert response is not None and response.status == status, (path, response and response.status)
    return page.evaluate(RUN_AXE)  # type: ignore[no-any-return]


def test_axe_finds_no_violation_on_the_pages_each_role_reaches(walked_world, chromium, live_server):  # type: ignore[no-untyped-def]
    violations: list[str] = []
    unmeasured: list[str] = []
    pages = 0
    for username, locale, stops in walk(walked_world):
        context = chromium.new_context(base_url=live_server.url, locale=locale)
        try:
            page = context.new_page()
            if username:
                sign_in(page, username)
            context.add_init_script(path=str(AXE))
            for stop in stops:
                found = audit(page, stop.path, stop.status)
                where = f"{username or 'anonymous'} {locale} {stop.path}"
                violations += [f"{where}: {problem}" for problem in found["violations"]]
                unmeasured += [f"{where}: {problem}" for problem in found["unmeasured"]]
                pages += 1
        finally:
            context.close()

    assert pages > 100
    assert (violations, unmeasured) == ([], []), (
        f"{len(violations)} violations, {len(unmeasured)} unmeasured contrasts on {pages} pages "
        f"({by_rule(violations + unmeasured)}):\n" + "\n".join(violations + unmeasured)
    )


def by_rule(problems: list[str]) -> str:
    """'color-contrast (serious): 12, region (moderate): 3' from the problems' lines."""
    counts = Counter(problem.split(": ", 2)[1] for problem in problems)
    return ", ".join(f"{rule}: {count}" for rule, count in counts.most_common())
