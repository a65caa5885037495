"""The pages each role reaches, walked by the Chromium checks of the whole product (small screens,
accessibility): a page added to :func:`pages_each_role_reaches` is checked by every one of them.

The world they walk is the ``walked_world`` fixture (tests/browser/conftest.py): Kota Makassar
approved and scored in last year's cycle and drafting this year's, Kabupaten Banyuwangi waiting
for review, a programme of Kota Makassar's and an issued report to verify.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

#: Anonymous visitors, then the cast of tests/factories.py by username.
ROLES = (None, "csco_a", "contributor_a", "reviewer", "admin", "observer", "provinsi_35")
LOCALES = ("id-ID", "en-US")


@dataclass(frozen=True)
class Stop:
    """One page on the walk and the status it answers with (the 403 and 404 pages are pages
    too, and people reach them)."""

    path: str
    status: int = 200


@dataclass(frozen=True)
class World:
    cast: Any
    cycle: Any  # this year's, open
    previous: Any  # last year's, closed
    approved: Any  # Kota Makassar, last year, approved and scored
    draft: Any  # Kota Makassar, this year, partly answered
    waiting: Any  # Kabupaten Banyuwangi, this year, submitted (the cycle has the province stage)
    programme: Any  # Kota Makassar's, shared
    report_id: str  # an issued report's verification id
    activity: Any  # a field visit planned on Banyuwangi's assessment


def pages_each_role_reaches(world: World) -> dict[str | None, list[Stop]]:
    """Every page each role reaches from the menu and the links of its pages, by username."""
    region = world.cast.region_a.code
    approved, draft, waiting = world.approved.pk, world.draft.pk, world.waiting.pk
    activity = f"/assessments/{waiting}/activities/{world.activity.pk}/"
    board = f"/board/?cycle={world.previous.pk}"
    national = [
        Stop("/"),  # to the board
        Stop(board),
        Stop(f"{board}&province=73"),
        Stop(f"/board/?cycle={world.cycle.pk}"),
        Stop(f"/cycles/{world.cycle.pk}/priorities/"),
        Stop(f"/cycles/{world.cycle.pk}/calibration/"),
        Stop(f"/cycles/{world.cycle.pk}/activities/"),
        Stop(f"/assessments/{approved}/score/"),
        Stop(f"/regions/{region}/progress/"),
        Stop("/programmes/"),
        Stop(f"/programmes/{world.programme.pk}/"),
        Stop("/accounts/profile/"),
        Stop("/accounts/password/change/"),
    ]
    region_pages = [
        Stop("/"),
        Stop(f"/assessments/{draft}/"),
        Stop(f"/assessments/{draft}/elements/E2/"),
        Stop(f"/assessments/{draft}/spreadsheet/"),
        Stop(f"/cycles/{world.cycle.pk}/activities/"),
        Stop(f"/assessments/{approved}/"),
        Stop(f"/assessments/{approved}/score/"),
        Stop(f"/regions/{region}/progress/"),
        Stop("/programmes/"),
        Stop(f"/programmes/{world.programme.pk}/"),
        Stop("/accounts/profile/"),
        Stop("/accounts/password/change/"),
        Stop("/board/", status=403),
        Stop(f"/assessments/{waiting}/", status=404),  # another region's
    ]
    return {
        None: [
            Stop("/accounts/login/"),
            Stop("/accounts/password/reset/"),
            Stop("/open/"),
            Stop("/open/data-dictionary/"),
            Stop("/open/programmes/"),
            Stop(f"/open/programmes/{world.programme.pk}/"),
            Stop(f"/verify/{world.report_id}"),
            Stop("/verify/TIDAK-ADA", status=404),
            Stop("/no-such-page/", status=404),
        ],
        "csco_a": [
            *region_pages,
            Stop(f"/assessments/{draft}/submit/"),
            Stop("/programmes/new/"),
            Stop(f"/programmes/{world.programme.pk}/edit/"),
        ],
        "contributor_a": region_pages,
        "reviewer": [
            *national,
            Stop("/review/"),
            Stop(f"/assessments/{waiting}/review/"),
            Stop(f"/assessments/{waiting}/review/elements/E2/"),
            Stop(f"/assessments/{waiting}/"),
            Stop(f"/assessments/{waiting}/activities/new/?method=interview&indicators=EDU-1"),
            Stop(activity),
            Stop(f"{activity}edit/"),
        ],
        "admin": national,
        "observer": national,
        # The province reviewer of Jawa Timur (35): Banyuwangi is theirs, Makassar is not.
        "provinsi_35": [
            Stop("/"),  # to the review queue
            Stop("/review/"),
            Stop(f"/assessments/{waiting}/review/"),
            Stop(f"/assessments/{waiting}/review/elements/E2/"),
            Stop(f"/assessments/{waiting}/"),
            Stop(f"/assessments/{waiting}/score/"),
            Stop(f"/cycles/{world.cycle.pk}/priorities/"),
            Stop(f"/cycles/{world.cycle.pk}/activities/"),
            Stop(f"/assessments/{waiting}/activities/new/"),
            Stop(activity),
            Stop(f"{activity}edit/"),
            Stop("/programmes/"),
            Stop("/accounts/profile/"),
            Stop(f"/cycles/{world.cycle.pk}/calibration/", status=403),
            Stop("/board/", status=403),
            Stop(f"/assessments/{approved}/", status=404),
        ],
    }


def walk(world: World) -> Iterator[tuple[str | None, str, list[Stop]]]:
    """(username, locale, stops) for each role in each language."""
    pages = pages_each_role_reaches(world)
    for username in ROLES:
        for locale in LOCALES:
            yield username, locale, pages[username]
