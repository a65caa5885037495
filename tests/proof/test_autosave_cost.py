"""The autosave is the hottest path under load (benchmarks/load.py): its cost in queries is
fixed, whatever the framework's size; a change to an existing answer (the common autosave)
neither reads the answer back nor recomputes the completeness, which only a new answer moves;
the answer it returns carries the evidence count read with the answer."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from maturity.assessments.models import Assessment
from maturity.frameworks.models import Indicator
from tests.factories import (
    REGION_A,
    TINY_PDF,
    make_assessment,
    make_open_cycle,
    make_small_framework,
)

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


def token_client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


@pytest.mark.parametrize("framework", ["small", "default"])
def test_an_autosave_costs_the_same_few_queries_on_any_framework(cast, framework):
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
    client = token_client(cast.csco_a)  # signed in as the API's callers are, with a token
    autosave_queries(client, assessment, warm_up, 0)  # the framework's rules get cached
    first = autosave_queries(client, assessment, code, 0)
    change = autosave_queries(client, assessment, code, 1)
    again = autosave_queries(client, assessment, code, 2)
    # The token's user with their memberships; then, in the transaction (a savepoint here), the
    # assessment in scope with its row locked, the current answer with its evidence count, the
    # answer's UPDATE and its history INSERT. The indicator comes from the published framework's
    # cache.
    assert change == again == 7
    # A new answer: an INSERT (in a savepoint of its own, for a racing twin), the completeness
    # recomputed and stored, and its evidence counted (a file may come before the answer).
    assert first == change + 5


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


def test_the_autosave_returns_the_evidence_count_before_and_after_the_answer_exists(api):
    cycle = make_open_cycle(framework=make_small_framework(code="bukti"), name="Bukti")
    assessment = make_assessment(REGION_A, cycle)
    for name in ("perda.pdf", "sk.pdf"):
        uploaded = api.csco_a.post(
            f"/api/v1/assessments/{assessment.pk}/evidence/",
            {"indicator": "I-1", "file": SimpleUploadedFile(name, TINY_PDF)},
            format="multipart",
        )
        assert uploaded.status_code == 201, uploaded.content
    url = f"/api/v1/assessments/{assessment.pk}/answers/"
    first = api.csco_a.put(url + "I-1/", {"status": "answered", "value": 3}, format="json")
    assert first.json()["evidence_count"] == 2
    changed = api.csco_a.put(
        url + "I-1/", {"status": "answered", "value": 4, "version": 1}, format="json"
    )
    assert changed.json()["evidence_count"] == 2
    other = api.csco_a.put(url + "I-3/", {"status": "answered", "value": True}, format="json")
    assert other.json()["evidence_count"] == 0
    listed = {r["indicator"]: r["evidence_count"] for r in api.csco_a.get(url).json()["results"]}
    assert (listed["I-1"], listed["I-3"]) == (2, 0)
