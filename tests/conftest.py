"""Shared fixtures: the fixed cast (CSCO and contributor of region A, CSCO of region B, a reviewer,
an admin, an observer), API clients for each, and a real Celery worker for integration tests."""

from __future__ import annotations

import os

import pytest
from django.conf import settings
from django.test import Client
from rest_framework.test import APIClient

from tests.worker import CeleryWorker

REGION_A = "73.71"  # Kota Makassar
REGION_B = "35.10"  # Kabupaten Banyuwangi


def pytest_configure(config: pytest.Config) -> None:
    if os.environ.get("MATURASI_REQUIRE_SERVICES") == "1":
        engine = settings.DATABASES["default"]["ENGINE"]
        if "postgresql" not in engine:
            raise pytest.UsageError("CI must run on PostgreSQL (DATABASE_URL), not " + engine)
        if not settings.CELERY_BROKER_URL.startswith("redis"):
            raise pytest.UsageError("CI must run on Redis (CELERY_BROKER_URL)")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    """Regions and the default framework are loaded once for the whole session."""
    from django.core.management import call_command

    with django_db_blocker.unblock():
        call_command("load_defaults", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    yield


@pytest.fixture(autouse=True)
def _no_cycle_read_before() -> None:
    """What the report context keeps of a cycle between reports of one process: each test reads
    its own database afresh."""
    from reports.context.region_source import forget_cycle_peers

    forget_cycle_peers()


@pytest.fixture(autouse=True)
def _reference_data_in_transactional_tests(request):  # type: ignore[no-untyped-def]
    """Transactional tests (live server, real worker) flush the database after each test, which
    also removes the session's regions and default framework: put them back before each one."""
    marker = request.node.get_closest_marker("django_db")
    transactional = marker is not None and (
        marker.kwargs.get("transaction") or (marker.args and marker.args[0])
    )
    if not transactional and not {"transactional_db", "live_server", "live_worker"} & set(
        request.fixturenames
    ):
        return
    request.getfixturevalue("transactional_db")
    from django.core.management import call_command

    from cities.models import Region

    if not Region.objects.exists():
        call_command("load_defaults", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115


@pytest.fixture
def cast(db):  # type: ignore[no-untyped-def]
    """The fixed cast of people, as a namespace of users."""
    from tests.factories import make_cast

    return make_cast()


def api_client_for(user) -> APIClient:  # type: ignore[no-untyped-def]
    client = APIClient()
    if user is not None:
        client.force_authenticate(user=user)
    return client


@pytest.fixture
def api(cast):  # type: ignore[no-untyped-def]
    """API clients signed in as each member of the cast: api.csco_a, api.reviewer, ..."""
    from tests.factories import Clients

    return Clients(cast)


@pytest.fixture(scope="session")
def celery_worker_process(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    """A real `celery -A config worker` process on the configured broker and test database."""
    from config.celery_app import app

    worker = CeleryWorker()
    # The readiness ping must go through the broker (not run eagerly here) and its proof is read
    # from the database outside any test.
    eager, app.conf.task_always_eager = app.conf.task_always_eager, False
    try:
        with django_db_blocker.unblock():
            worker.start()
    except BaseException:
        worker.stop()  # never leave a worker behind that writes into the next run's database
        raise
    finally:
        app.conf.task_always_eager = eager
    try:
        yield worker
    finally:
        worker.stop()


@pytest.fixture
def live_worker(celery_worker_process, transactional_db, settings):  # type: ignore[no-untyped-def]
    """For `integration` tests: tasks go through the broker to the real worker, not eagerly."""
    from config.celery_app import app

    settings.CELERY_TASK_ALWAYS_EAGER = False
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = False
    try:
        yield celery_worker_process
    finally:
        app.conf.task_always_eager = previous


class Browsers:
    """A signed-in Django test client per member of the cast (CSRF checks on), plus anon."""

    def __init__(self, cast) -> None:  # type: ignore[no-untyped-def]
        self.anon = Client(enforce_csrf_checks=True)
        for role in ("csco_a", "contributor_a", "csco_b", "reviewer", "admin", "observer"):
            client = Client()
            client.force_login(getattr(cast, role))
            setattr(self, role, client)


@pytest.fixture
def pages(cast):  # type: ignore[no-untyped-def]
    return Browsers(cast)
