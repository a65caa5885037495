"""Contract fuzzing: schemathesis generates requests for every operation of the project's own
OpenAPI schema (/api/schema/) and sends each one as every member of the cast (and anonymously)
through the WSGI application. No response may be a 5xx, and every response must match what the
schema says (status code documented, content type, body shape, headers).

Path parameters name real objects of region A (its assessment, evidence, report, programme and
file, the cycle, the framework, an indicator code), so bodies and query strings are fuzzed against
objects that exist; CSCO B meets them as another region's objects. Bounded: a few examples per
operation, explicit and generate phases only, no example database.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.proof.world import World, build_world

MAX_EXAMPLES = 8
ACTORS = ("csco_a", "contributor_a", "csco_b", "reviewer", "admin", "observer", None)
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
]

APPLICATION = get_wsgi_application()
SCHEMA = schemathesis.openapi.from_wsgi("/api/schema/", APPLICATION)
OPERATIONS = {result.ok().label: result.ok() for result in SCHEMA.get_all_operations()}


def real_path_parameters(operation: Any, world: World) -> dict[str, Any]:
    """The path parameters of ``operation`` naming region A's objects."""
    path = operation.path
    a = world.a
    values: dict[str, Any] = {}
    names = {parameter.name for parameter in operation.path_parameters}
    if "id" in names:
        if path.startswith("/api/v1/assessments/"):
            values["id"] = a.assessment.pk
        elif path.startswith("/api/v1/cycles/"):
            values["id"] = world.cycle.pk
        elif path.startswith("/api/v1/frameworks/"):
            values["id"] = world.framework.pk
        elif path.startswith("/api/v1/programmes/"):
            values["id"] = a.programme.pk
        elif path.startswith("/api/v1/reports/"):
            values["id"] = a.report.pk
        elif path.startswith("/api/v1/users/"):
            values["id"] = a.assessment.created_by_id
    if "eid" in names:
        values["eid"] = a.evidence.pk
    if "aid" in names:
        values["aid"] = a.activity.pk
    if "fid" in names:
        values["fid"] = a.activity_file.pk if "/activities/" in path else a.programme_file.pk
    if "step_id" in names:
        values["step_id"] = a.planned_step.pk
    if "code" in names:
        values["code"] = a.region.code if path.startswith("/api/v1/regions/") else "I-1"
    return values


def cases(operation: Any) -> st.SearchStrategy[Any]:
    """Valid and invalid requests for the operation (invalid ones where the operation takes
    anything that can be made invalid)."""
    positive = operation.as_strategy(generation_mode=GenerationMode.POSITIVE)
    try:
        negative = operation.as_strategy(generation_mode=GenerationMode.NEGATIVE)
    except Exception:  # nothing to negate (no parameters and no body)
        return positive
    return st.one_of(positive, negative)


@pytest.fixture
def connections_kept() -> Iterator[None]:
    """Like Django's test client: the WSGI handler must not close the test's connection (and
    with it the transaction the test runs in) at the end of each request."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def world(cast: Any, connections_kept: None) -> World:
    from django.core.cache import cache

    cache.clear()  # the sign-in rate limit counts per address across tests
    return build_world(cast)


@pytest.mark.django_db
@pytest.mark.parametrize("label", sorted(OPERATIONS))
def test_every_operation_answers_every_role_within_its_schema(label: str, world: World):
    operation = OPERATIONS[label]
    fixed = real_path_parameters(operation, world)

    @settings(
        max_examples=MAX_EXAMPLES,
        phases=[Phase.explicit, Phase.generate],
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=cases(operation))
    def fuzz(case: Any) -> None:
        if case.path_parameters is not None:
            case.path_parameters.update(fixed)
        for actor in ACTORS:
            headers = {"Authorization": f"Token {world.tokens[actor]}"} if actor else {}
            # Every actor meets the same world: each request's writes are rolled back.
            savepoint = transaction.savepoint()
            try:
                response = case.call(headers=headers)
            finally:
                transaction.savepoint_rollback(savepoint)
            try:
                case.validate_response(response, checks=CHECKS, headers=headers)
            except Exception as failure:
                failure.add_note(f"as {actor or 'anonymous'}")
                raise

    fuzz()
