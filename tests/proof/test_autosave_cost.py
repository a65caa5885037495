"""The autosave is the hottest path under load (benchmarks/load.py): its cost in queries is
fixed, whatever the framework's size; a change to an existing answer (the common autosave)
neither reads the answer back nor recomputes the completeness, which only a new answer moves."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from maturity.models import Assessment, Indicator
from tests.factories import REGION_A, make_assessment, make_open_cycle, make_small_framework

pytestmark = pytest.mark.django_db


def autosave_queries(client, assessment: Assessment, code: str, version: int) -> int:
    url = f"/api/v1/assessments/{assessment.pk}/answers/{code}/"
    with CaptureQueriesContext(connection) as queries:
        response = client.put(
            url,
            {"status": "answered", "value": 2 + version % 3, "version": version},
            format="json",
        )
    assert response.status_code == 200, response.content
    return len(queries)


@pytest.mark.parametrize("framework", ["small", "default"])
def test_an_autosave_costs_the_same_few_queries_on_any_framework(api, framework):
    if framework == "small":
        cycle = make_open_cycle(
            framework=make_small_framework(code="cost", indicators=6), name="Biaya"
        )
    else:
        cycle = make_open_cycle()
    assessment = make_assessment(REGION_A, cycle)
    warm_up, code = (
        Indicator.objects.filter(framework_id=cycle.framework_id, kind="rubric")
        .order_by("position")
        .values_list("code", flat=True)[:2]
    )
    autosave_queries(api.csco_a, assessment, warm_up, 0)  # the framework's rules get cached
    first = autosave_queries(api.csco_a, assessment, code, 0)
    change = autosave_queries(api.csco_a, assessment, code, 1)
    again = autosave_queries(api.csco_a, assessment, code, 2)
    # Reads: the assessment in scope, the locked row, the current answer, the evidence count (the
    # indicator comes from the published framework's cache; this client's memberships were read
    # with its first request); writes: the answer and its history; the savepoint around them.
    assert change == again <= 8
    assert first <= change + 4  # a new answer also recomputes and stores the completeness


def test_the_completeness_still_follows_new_answers_and_not_changes(api):
    cycle = make_open_cycle(framework=make_small_framework(code="lengkap"), name="Lengkap")
    assessment = make_assessment(REGION_A, cycle)
    url = f"/api/v1/assessments/{assessment.pk}/answers/"
    assert (
        api.csco_a.put(url + "I-1/", {"status": "answered", "value": 3}, format="json").status_code
        == 200
    )
    assessment.refresh_from_db()
    assert str(assessment.completeness) == "33.3"
    assert (
        api.csco_a.put(url + "I-1/", {"status": "no_data", "version": 1}, format="json").status_code
        == 200
    )
    assessment.refresh_from_db()
    assert str(assessment.completeness) == "33.3"
    assert (
        api.csco_a.put(
            url + "I-3/", {"status": "answered", "value": True}, format="json"
        ).status_code
        == 200
    )
    assessment.refresh_from_db()
    assert str(assessment.completeness) == "66.7"
