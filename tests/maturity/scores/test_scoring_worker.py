"""SCORING.md's worked example end to end: through the HTTP API, with a real Celery worker
scoring on the real broker and database (integration)."""

from __future__ import annotations

import datetime
import os
import time
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from maturity.frameworks.services import import_framework
from maturity.scores import selectors, tasks
from tests.maturity.scores.score_helpers import (
    WORKED_ANSWER_BODIES,
    WORKED_REVIEW_BODIES,
    WORKED_SELF,
    WORKED_VERIFIED,
    by_code,
    worked_example_yaml,
)

pytestmark = pytest.mark.integration

WAIT_SECONDS = 60


@pytest.fixture
def reference_data(live_worker):  # type: ignore[no-untyped-def]
    """Regions and the default framework: an earlier transactional test may have flushed them."""
    with open(os.devnull, "w") as quiet:
        call_command("load_defaults", verbosity=0, stdout=quiet)


def wait_for_score(client, url: str, ready: Any) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """Poll the score endpoint until ``ready(body)`` holds, for at most WAIT_SECONDS."""
    deadline = time.monotonic() + WAIT_SECONDS
    body: dict[str, Any] = {}
    while time.monotonic() < deadline:
        response = client.get(url)
        assert response.status_code == 200, response.content
        body = response.json()
        if ready(body):
            return body
        time.sleep(0.2)
    raise AssertionError(f"the worker did not score within {WAIT_SECONDS}s; last reply: {body}")


def assert_track(track: dict[str, Any], expected: dict[str, Any]) -> None:
    assert track["index"] == expected["index"]
    assert track["level"] == expected["level"]
    assert by_code(track["elements"], "score") == expected["elements"]
    assert by_code(track["themes"], "score") == expected["themes"]
    assert by_code(track["indicators"], "level") == expected["indicators"]


def test_the_worked_example_is_scored_by_a_worker_and_verified_on_approval(
    live_worker, reference_data, api
):
    framework = import_framework(text=worked_example_yaml("contoh-worker"), publish=True)
    today = timezone.localdate()
    cycle = api.admin.post(
        "/api/v1/cycles/",
        {
            "name": "Contoh SCORING.md",
            "year": today.year,
            "framework": framework.pk,
            "opens_on": str(today - datetime.timedelta(days=1)),
            "closes_on": str(today + datetime.timedelta(days=30)),
            "status": "open",
        },
        format="json",
    )
    assert cycle.status_code == 201, cycle.content
    created = api.csco_a.post(
        "/api/v1/assessments/", {"cycle": cycle.json()["id"], "region": "73.71"}, format="json"
    )
    assert created.status_code == 201, created.content
    base = f"/api/v1/assessments/{created.json()['id']}"
    answers = [
        {**body, "indicator": code, "version": 0} for code, body in WORKED_ANSWER_BODIES.items()
    ]
    saved = api.contributor_a.post(f"{base}/answers/bulk/", answers, format="json")
    assert saved.status_code == 200, saved.content
    assert api.csco_a.get(f"{base}/score/").json()["status"] == "not_submitted"

    submitted = api.csco_a.post(f"{base}/submit/")
    assert submitted.status_code == 200, submitted.content

    body = wait_for_score(api.csco_a, f"{base}/score/", lambda b: b["status"] == "ready")
    assert body["completeness"] == "100.0"
    assert body["self"]["level_name"] == "M3 Madya (Emas)"
    assert_track(body["self"], WORKED_SELF)
    assert body["verified"] is None

    for code, review in WORKED_REVIEW_BODIES.items():
        decided = api.reviewer.put(f"{base}/reviews/{code}/", review, format="json")
        assert decided.status_code == 200, decided.content
    body = wait_for_score(api.reviewer, f"{base}/score/", lambda b: b["status"] == "ready")
    assert body["verified"] is None  # provisional while reviewing: pages only, not the API
    provisional = selectors.latest_snapshot(created.json()["id"], "verified")
    assert provisional is not None and provisional.provisional
    assert str(provisional.index) == WORKED_VERIFIED["index"]

    approved = api.reviewer.post(f"{base}/approve/")
    assert approved.status_code == 200, approved.content

    body = wait_for_score(
        api.observer,
        f"{base}/score/?lang=en",
        lambda b: b["status"] == "ready" and b["verified"] is not None,
    )
    assert_track(body["self"], WORKED_SELF)
    assert_track(body["verified"], WORKED_VERIFIED)
    assert body["verified"]["level_name"] == "M3 Intermediate (Gold)"
    assert body["gap"]["index"] == "-0.11"


def wait_until(condition: Any, what: str) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"{what} did not happen within {WAIT_SECONDS}s")


def test_a_worker_keeps_scoring_after_the_database_dropped_its_connections(
    live_worker, reference_data
):
    """Workers keep their database connection between tasks; one the server has closed (a
    restart, a failover) is noticed and replaced rather than failing every later task."""
    from django.db import connection

    from tests.maturity.scores.score_helpers import (
        import_worked_example,
        make_assessment,
        make_cycle,
        mark_changed,
        write_answers,
    )

    assessment = make_assessment(make_cycle(import_worked_example()), "73.71")
    write_answers(assessment, WORKED_ANSWER_BODIES)
    tasks.enqueue_scoring(assessment.pk)
    wait_until(lambda: selectors.latest_snapshot(assessment.pk, "self"), "the first scoring")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        assert cursor.fetchone()[0] >= 1  # the worker's kept connection was there to drop

    write_answers(assessment, {"GOV-2": {"status": "answered", "value": True}})
    mark_changed(assessment)
    tasks.enqueue_scoring(assessment.pk)

    wait_until(
        lambda: str(selectors.latest_snapshot(assessment.pk, "self").index) == "3.72",
        "scoring after the connections were dropped",
    )
