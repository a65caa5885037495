"""Fixtures of the proof tests: tasks through the broker, and processes they own (a private
Redis, gunicorn, workers with fault hooks), always stopped by their own ids at the end."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.proof.processes import FaultWorker, Markers, RedisServer, WebServer, proof_queue

#: Where fault workers hold a task: mid-render (HTML made, PDF not yet) and mid-scoring.
SLOW_CALLS = "reports.rendering.html_to_pdf=3,maturity.scores.services.compute_score=3"


@pytest.fixture
def through_the_broker(settings: Any, transactional_db: None) -> Iterator[None]:
    """Tasks this process sends go through the broker to the proof tests' own workers (on their
    own queue: the session's worker, if one runs, never takes them), not run eagerly."""
    from config.celery_app import app

    settings.CELERY_TASK_ALWAYS_EAGER = False
    eager, app.conf.task_always_eager = app.conf.task_always_eager, False
    queue, app.conf.task_default_queue = app.conf.task_default_queue, proof_queue()
    try:
        yield
    finally:
        app.conf.task_always_eager = eager
        app.conf.task_default_queue = queue


@pytest.fixture
def markers() -> Iterator[Markers]:
    found = Markers()
    try:
        yield found
    finally:
        found.remove()


@pytest.fixture
def private_redis() -> Iterator[RedisServer]:
    """A redis-server of this test's own on a free port (never the machine's 6379)."""
    server = RedisServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def web(private_redis: RedisServer, transactional_db: None) -> Iterator[WebServer]:
    """gunicorn on the test database, publishing to the private Redis."""
    server = WebServer(broker_url=private_redis.url)
    try:
        server.start()
        yield server
    finally:
        server.stop()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    report = yield
    if report.when == "call":
        item.stash[CALL_FAILED] = report.failed
    return report


CALL_FAILED = pytest.StashKey[bool]()


@pytest.fixture
def start_worker(request: pytest.FixtureRequest, transactional_db: None) -> Iterator[Any]:
    """Start fault workers (stopped at the end; their logs shown if the test failed):
    ``start_worker(name=..., **options)``."""
    started: list[FaultWorker] = []

    def start(**options: Any) -> FaultWorker:
        worker = FaultWorker(**options)
        started.append(worker)
        worker.start()
        return worker

    try:
        yield start
    finally:
        for worker in started:
            if request.node.stash.get(CALL_FAILED, False):
                print(f"--- worker {worker.nodename} ---\n{worker.output()[-20000:]}")
            worker.stop()
