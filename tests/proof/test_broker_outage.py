"""Broker outage: with Redis stopped, a CSCO submits an assessment and asks for a report. Both
requests are saved and acknowledged at once (2xx, no 500), health says the broker is down; when
Redis comes back, the worker reconnects by itself and its beat's sweeps re-send what could not be
published: the assessment is scored and the report rendered without anyone acting.

Played on a private redis-server (never the machine's shared one), with gunicorn and a worker
(with its embedded beat, sweeps every second) pointed at it."""

from __future__ import annotations

import time

import pytest

from maturity.assessments.models import Assessment
from reports.models import Report
from tests.proof.processes import wait_for
from tests.proof.test_worker_faults import assert_rendered, complete, finished, scored
from tests.proof.world import build_world

pytestmark = pytest.mark.integration


def test_work_asked_for_while_the_broker_is_down_is_saved_and_done_when_it_returns(
    private_redis, web, start_worker, cast
):
    worker = start_worker(
        name="outage",
        broker_url=private_redis.url,
        beat=True,
        MATURASI_TEST_SWEEP_SECONDS="1",
        MATURASI_TEST_SWEEP_GRACE_SECONDS="1",
    )
    world = build_world(cast)
    complete(world, cast.csco_a)
    assessment = world.a.assessment

    private_redis.stop()
    status, health = web.request("GET", "/healthz")
    assert status == 503
    assert health["broker"] == "down" and "broker" in health["down"]

    started = time.monotonic()
    status, submitted = web.request(
        "POST", f"/api/v1/assessments/{assessment.pk}/submit/", token=world.tokens["csco_a"]
    )
    submit_seconds = time.monotonic() - started
    assert status == 200, submitted
    assert submitted["status"] == "submitted"
    started = time.monotonic()
    status, asked = web.request(
        "POST",
        f"/api/v1/assessments/{world.b.assessment.pk}/reports/",
        {"language": "en"},
        token=world.tokens["csco_b"],
    )
    report_seconds = time.monotonic() - started
    assert status == 202, asked
    print(
        f"during the outage: submit answered in {submit_seconds:.2f} s, "
        f"report request in {report_seconds:.2f} s"
    )
    assert Assessment.objects.get(pk=assessment.pk).status == "submitted"
    report = Report.objects.get(pk=asked["id"])
    assert (report.status, report.enqueued_at) == ("queued", None)
    assert not scored(assessment.pk)

    private_redis.start()  # the same port: the broker is back

    wait_for(lambda: scored(assessment.pk), 90, "the assessment scored after the outage")
    report = wait_for(lambda: finished(asked["id"]), 90, "the report rendered after the outage")
    assert_rendered(report)
    assert worker.process is not None and worker.process.poll() is None  # it rode it out

    def healthy() -> dict | None:
        status, health = web.request("GET", "/healthz")
        return health if status == 200 else None

    assert wait_for(healthy, 60, "health back to 200")["broker"] == "ok"
