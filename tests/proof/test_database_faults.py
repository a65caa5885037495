"""Database faults: a worker whose database connection is cut (pg_terminate_backend) in the
middle of a scoring or a rendering retries and completes; a request that meets a database that
is down, or a connection that was cut, gets a clean 503 with a short message in both languages
and Retry-After (API and pages alike), never a stack trace; and once the database is back the
next request is served normally."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from django.db import close_old_connections, connection
from django.test import Client
from rest_framework.test import APIClient

from tests.proof.conftest import SLOW_CALLS
from tests.proof.processes import free_port, wait_for
from tests.proof.test_worker_faults import (
    RENDERING,
    SCORING,
    assert_rendered,
    complete,
    finished,
    scored,
)
from tests.proof.world import build_world

STACK_TRACE_SIGNS = (b"Traceback", b'File "/', b"OperationalError", b"psycopg")


def terminate_other_backends() -> int:
    """Cut every connection to the test database but this process's own, from the outside
    (a separate superuser session): what a database restart or a failover does to them."""
    own = connection.connection.info.backend_pid
    params = connection.get_connection_params()
    params["dbname"] = "postgres"
    with psycopg.connect(**params, autocommit=True) as admin:
        rows = admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> %s AND pid <> pg_backend_pid()",
            [connection.settings_dict["NAME"], own],
        ).fetchall()
    return len(rows)


def terminate_own_backend() -> None:
    own = connection.connection.info.backend_pid
    params = connection.get_connection_params()
    params["dbname"] = "postgres"
    with psycopg.connect(**params, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", [own])


@pytest.mark.integration
def test_a_scoring_whose_connection_is_cut_retries_and_completes(
    start_worker, through_the_broker, markers, cast
):
    worker = start_worker(
        name="db-cut-score",
        MATURASI_TEST_SLOW_CALLS=SLOW_CALLS,
        MATURASI_TEST_MARKERS=str(markers.folder),
    )
    world = build_world(cast)
    complete(world, cast.csco_a)
    client = APIClient()
    client.force_authenticate(cast.csco_a)
    assert client.post(f"/api/v1/assessments/{world.a.assessment.pk}/submit/").status_code == 200

    markers.wait(SCORING)
    assert terminate_other_backends() >= 1

    wait_for(lambda: scored(world.a.assessment.pk), 90, "the assessment scored after a retry")
    assert "maturity.tasks.score_assessment" in worker.output()
    assert "Retry in" in worker.output()
    assert len(markers.started(SCORING)) == 1  # the same task, retried; not a second delivery


@pytest.mark.integration
def test_a_report_whose_connection_is_cut_mid_render_retries_and_completes(
    start_worker, through_the_broker, markers, cast
):
    worker = start_worker(
        name="db-cut-render",
        MATURASI_TEST_SLOW_CALLS=SLOW_CALLS,
        MATURASI_TEST_MARKERS=str(markers.folder),
    )
    world = build_world(cast)
    client = APIClient()
    client.force_authenticate(cast.csco_a)
    asked = client.post(
        f"/api/v1/assessments/{world.a.assessment.pk}/reports/", {"language": "id"}, format="json"
    )
    assert asked.status_code == 202
    report_pk = asked.json()["id"]

    markers.wait(RENDERING)
    assert terminate_other_backends() >= 1

    report = wait_for(lambda: finished(report_pk), 90, "the report finished after a retry")
    assert_rendered(report)
    assert report.attempts == 1  # a retry after a transient error is not a new attempt
    assert "Retry in" in worker.output()


# --- Requests -----------------------------------------------------------------------------


@pytest.fixture
def database_down(transactional_db: None) -> Iterator[None]:
    """The database unreachable (nothing listens on its port) for the requests of the test;
    back again afterwards."""
    settings_dict = connection.settings_dict
    original = (settings_dict["HOST"], settings_dict["PORT"])
    connection.close()
    settings_dict["HOST"], settings_dict["PORT"] = "127.0.0.1", str(free_port())
    try:
        yield
    finally:
        connection.close()
        settings_dict["HOST"], settings_dict["PORT"] = original


def assert_clean_503(response: Any, *, json_body: bool, english: bool = False) -> None:
    assert response.status_code == 503, (response.status_code, response.content[:300])
    assert response["Retry-After"] == "5"
    content = response.content
    assert not any(sign in content for sign in STACK_TRACE_SIGNS), content[:500]
    if json_body:
        expected = "The database is unavailable" if english else "Basis data sedang tidak tersedia"
        assert expected in response.json()["detail"]


@pytest.fixture
def signed_in(transactional_db: None, cast: Any) -> dict[str, Any]:
    from rest_framework.authtoken.models import Token

    world = build_world(cast)
    browser = Client()
    browser.force_login(cast.csco_a)
    return {
        "world": world,
        "token": Token.objects.get(user=cast.csco_a).key,
        "browser": browser,
    }


def test_an_api_request_while_the_database_is_down_gets_a_503_json(signed_in, database_down):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {signed_in['token']}")
    pk = signed_in["world"].a.assessment.pk
    assert_clean_503(client.get(f"/api/v1/assessments/{pk}/"), json_body=True)
    english = client.get(f"/api/v1/assessments/{pk}/?lang=en")
    assert_clean_503(english, json_body=True, english=True)
    assert_clean_503(
        client.put(
            f"/api/v1/assessments/{pk}/answers/I-1/",
            {"status": "answered", "value": 4, "version": 1},
            format="json",
        ),
        json_body=True,
    )


def test_a_page_while_the_database_is_down_gets_a_503_without_a_trace(signed_in, database_down):
    pk = signed_in["world"].a.assessment.pk
    assert_clean_503(signed_in["browser"].get(f"/assessments/{pk}/"), json_body=False)


def test_health_names_the_database_while_it_is_down(database_down):
    response = Client().get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "down"
    assert "database" in response.json()["down"]


def test_a_request_on_a_cut_connection_gets_a_503_and_the_next_one_reconnects(signed_in):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {signed_in['token']}")
    url = f"/api/v1/assessments/{signed_in['world'].a.assessment.pk}/"
    assert client.get(url).status_code == 200
    terminate_own_backend()

    assert_clean_503(client.get(url), json_body=True)
    close_old_connections()  # what the server does as each request starts
    assert client.get(url).status_code == 200
