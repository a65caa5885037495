"""Two people writing one answer at the same time: exactly one wins, the other gets 409.

The threaded tests need committed data that other connections can see, so they use
``transactional_db`` (run on PostgreSQL in CI); the flush at their end empties every table, so
the session's reference data (regions, default framework) is loaded again afterwards.
"""

from __future__ import annotations

import os
import threading
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from rest_framework.test import APIClient

from cities import errors
from maturity.assessments import validation
from maturity.assessments.models import Answer, HistoryEntry
from maturity.assessments.services import answers as services_answers
from maturity.frameworks.models import Indicator
from tests.factories import REGION_A, make_assessment, make_cast, make_open_cycle


def load_defaults() -> None:
    with open(os.devnull, "w") as quiet:
        call_command("load_defaults", verbosity=0, stdout=quiet)


@pytest.fixture
def defaults_reloaded_after_flush(django_db_blocker):  # type: ignore[no-untyped-def]
    """Set up before ``transactional_db`` so that its teardown runs after the flush."""
    yield
    with django_db_blocker.unblock():
        load_defaults()


@pytest.fixture
def shared(defaults_reloaded_after_flush, transactional_db):  # type: ignore[no-untyped-def]
    load_defaults()  # in case an earlier transactional test flushed them
    cast = make_cast()
    assessment = make_assessment(REGION_A, make_open_cycle())
    indicator = (
        Indicator.objects.filter(framework_id=assessment.cycle.framework_id, kind="rubric")
        .order_by("position")
        .first()
    )
    assert indicator is not None
    return cast, assessment, indicator


def race(requests: list[tuple[Any, str, dict[str, Any]]]) -> list[int]:
    """Send the requests from as many threads, released together; their status codes."""
    barrier = threading.Barrier(len(requests))
    results: list[int] = []
    errors: list[BaseException] = []

    def run(user: Any, path: str, body: dict[str, Any]) -> None:
        client = APIClient()
        client.force_authenticate(user=user)
        try:
            barrier.wait(timeout=30)
            results.append(client.put(path, body, format="json").status_code)
        except BaseException as error:  # reported in the main thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=request) for request in requests]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    return sorted(results)


def test_two_changes_from_the_same_version_one_succeeds_one_is_409(shared):
    cast, assessment, indicator = shared
    services_answers.save_answer(
        user=cast.csco_a,
        assessment=assessment,
        indicator=indicator,
        data={"status": "answered", "value": 1},
    )
    path = f"/api/v1/assessments/{assessment.pk}/answers/{indicator.code}/"
    statuses = race(
        [
            (cast.csco_a, path, {"status": "answered", "value": 2, "version": 1}),
            (cast.contributor_a, path, {"status": "answered", "value": 4, "version": 1}),
        ]
    )
    assert statuses == [200, 409]
    answer = Answer.objects.get(assessment=assessment, indicator=indicator)
    assert answer.version == 2
    assert answer.value_level in (2, 4)
    assert HistoryEntry.objects.filter(assessment=assessment, action="answer.changed").count() == 1


def test_two_first_answers_at_once_create_one_and_the_other_is_409(shared):
    cast, assessment, indicator = shared
    path = f"/api/v1/assessments/{assessment.pk}/answers/{indicator.code}/"
    statuses = race(
        [
            (cast.csco_a, path, {"status": "answered", "value": 2}),
            (cast.contributor_a, path, {"status": "answered", "value": 4, "version": 0}),
        ]
    )
    assert statuses == [200, 409]
    assert Answer.objects.filter(assessment=assessment, indicator=indicator).count() == 1
    assert HistoryEntry.objects.filter(assessment=assessment, action="answer.created").count() == 1


def test_the_write_is_a_conditional_update_on_the_version(db):
    """Even with a stale copy in hand that claims the expected version, the UPDATE … WHERE
    version = expected touches no row once the stored version moved on: 409, nothing written."""
    cast = make_cast()
    assessment = make_assessment(REGION_A, make_open_cycle())
    indicator = Indicator.objects.filter(
        framework_id=assessment.cycle.framework_id, kind="rubric"
    ).first()
    first = services_answers.save_answer(
        user=cast.csco_a,
        assessment=assessment,
        indicator=indicator,
        data={"status": "answered", "value": 1},
    )
    stale_copy = Answer.objects.get(pk=first.pk)  # version 1, read before the next change
    services_answers.save_answer(
        user=cast.contributor_a,
        assessment=assessment,
        indicator=indicator,
        data={"status": "answered", "value": 3, "version": 1},
    )
    clean = validation.validate_answer(indicator=indicator, data={"status": "answered", "value": 5})
    with pytest.raises(errors.Conflict) as conflict:
        services_answers._write_answer(
            user=cast.csco_a,
            assessment=assessment,
            indicator=indicator,
            clean=clean,
            expected_version=1,
            current=stale_copy,
            change_set=None,
        )
    assert conflict.value.code == "stale_version"
    assert conflict.value.body["current"]["version"] == 2
    assert conflict.value.body["current"]["value"] == 3
    stored = Answer.objects.get(pk=first.pk)
    assert (stored.version, stored.value_level) == (2, 3)
