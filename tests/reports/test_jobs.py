"""The life of a report job (tasks run eagerly): failures leave a readable reason, a finished job
is never redone, a broker outage or a lost worker delays a report but loses none, old files are
removed while their rows stay."""

from __future__ import annotations

import datetime
from typing import Any
from unittest import mock

import pytest
import weasyprint
from celery.exceptions import SoftTimeLimitExceeded
from django.core.files.storage import default_storage
from django.db import OperationalError
from django.utils import timezone, translation
from kombu.exceptions import OperationalError as BrokerError

from reports import jobs, selectors
from reports.models import Report
from reports.tasks import clean_old_report_files, render_report, sweep_reports
from tests.reports.conftest import Scenario, download

pytestmark = pytest.mark.django_db


@pytest.fixture
def eager_retries() -> Any:
    """Eagerly run tasks retry only when their exceptions are not propagated (as on a worker)."""
    from config.celery_app import app

    previous = app.conf.task_eager_propagates
    app.conf.task_eager_propagates = False
    yield
    app.conf.task_eager_propagates = previous


def ask(api: Any, scenario: Scenario, capture: Any, **body: Any) -> Report:
    with capture(execute=True):
        response = api.csco_a.post(
            f"/api/v1/assessments/{scenario.assessment.pk}/reports/", body, format="json"
        )
    assert response.status_code in (200, 202), response.content
    return Report.objects.get(pk=response.data["id"])


def test_a_broken_template_leaves_the_job_failed_with_a_readable_reason(
    api: Any,
    scenario: Scenario,
    django_capture_on_commit_callbacks: Any,
    settings: Any,
    tmp_path: Any,
) -> None:
    (tmp_path / "broken_report.html").write_text("{% extends %}{% if %}")
    templates = [dict(engine) for engine in settings.TEMPLATES]
    templates[0]["DIRS"] = [*templates[0]["DIRS"], tmp_path]
    settings.TEMPLATES = templates
    settings.REPORT_TEMPLATE_OVERRIDE = {"region": "broken_report.html"}

    report = ask(api, scenario, django_capture_on_commit_callbacks)
    status = api.csco_a.get(f"/api/v1/reports/{report.pk}/").json()
    assert status["status"] == "failed"
    assert "Templat laporan" in status["error"]
    assert "Traceback" not in status["error"]
    assert status["download_url"] is None
    in_english = api.csco_a.get(f"/api/v1/reports/{report.pk}/?lang=en").json()
    assert "The report template could not be used" in in_english["error"]
    report.refresh_from_db()
    assert report.error_code == "template_unusable"
    assert "Templat laporan" in report.error  # the row keeps the Indonesian text


def test_a_render_that_runs_out_of_time_fails_with_the_time_limit_as_reason(
    api: Any, scenario: Scenario, django_capture_on_commit_callbacks: Any
) -> None:
    with mock.patch.object(weasyprint.HTML, "write_pdf", side_effect=SoftTimeLimitExceeded()):
        report = ask(api, scenario, django_capture_on_commit_callbacks)
    report.refresh_from_db()
    assert report.status == "failed"
    assert "batas waktu" in report.error
    assert "/" not in report.error  # one language stored, not two
    with translation.override("en"):
        assert "second limit" in selectors.failure_text(report)
    assert "batas waktu" in selectors.failure_text(report)


def test_a_second_delivery_of_a_finished_job_does_nothing(
    api: Any, scenario: Scenario, django_capture_on_commit_callbacks: Any
) -> None:
    report = ask(api, scenario, django_capture_on_commit_callbacks)
    assert report.status == "done"
    before = (report.file.name, report.sha256, report.finished_at, report.attempts)

    for task_id in (report.task_id, "another-delivery"):
        outcome = render_report.apply(args=[report.pk], task_id=task_id).get()
        assert outcome == "skipped"
    report.refresh_from_db()
    assert (report.file.name, report.sha256, report.finished_at, report.attempts) == before
    assert default_storage.exists(report.file.name)


def test_a_job_being_rendered_by_another_worker_is_left_alone(api: Any, scenario: Scenario) -> None:
    response = api.csco_a.post(
        f"/api/v1/assessments/{scenario.assessment.pk}/reports/", {}, format="json"
    )
    report = Report.objects.get(pk=response.data["id"])
    Report.objects.filter(pk=report.pk).update(
        status="running", task_id="first-worker", started_at=timezone.now()
    )
    assert render_report.apply(args=[report.pk], task_id="second-worker").get() == "skipped"
    report.refresh_from_db()
    assert (report.status, report.task_id) == ("running", "first-worker")


def test_a_broker_outage_keeps_the_job_queued_until_the_sweep_sends_it_again(
    api: Any, scenario: Scenario, django_capture_on_commit_callbacks: Any
) -> None:
    with mock.patch.object(render_report, "apply_async", side_effect=BrokerError("down")):
        report = ask(api, scenario, django_capture_on_commit_callbacks)
    report.refresh_from_db()
    assert report.status == "queued"
    assert report.enqueued_at is None

    assert sweep_reports.apply().get()["resent"] == 0  # too fresh: its message may be on its way
    Report.objects.filter(pk=report.pk).update(
        created_at=timezone.now() - datetime.timedelta(minutes=2)
    )
    assert sweep_reports.apply().get()["resent"] == 1
    report.refresh_from_db()
    assert report.status == "done"
    assert download(api.csco_a, report.pk).startswith(b"%PDF-")


def test_the_sweep_takes_back_a_job_abandoned_past_the_hard_time_limit(
    api: Any, scenario: Scenario
) -> None:
    response = api.csco_a.post(
        f"/api/v1/assessments/{scenario.assessment.pk}/reports/", {}, format="json"
    )
    long_ago = timezone.now() - datetime.timedelta(seconds=jobs.hard_time_limit() + 5)
    Report.objects.filter(pk=response.data["id"]).update(
        status="running", task_id="lost-worker", started_at=long_ago, attempts=1, progress=40
    )
    result = sweep_reports.apply().get()
    assert result["requeued"] == 1
    assert result["resent"] == 1
    report = Report.objects.get(pk=response.data["id"])
    assert report.status == "done"
    assert report.attempts == 2


def test_a_job_abandoned_too_often_is_failed_not_retried_forever(
    api: Any, scenario: Scenario
) -> None:
    response = api.csco_a.post(
        f"/api/v1/assessments/{scenario.assessment.pk}/reports/", {}, format="json"
    )
    long_ago = timezone.now() - datetime.timedelta(seconds=jobs.hard_time_limit() + 5)
    Report.objects.filter(pk=response.data["id"]).update(
        status="running", started_at=long_ago, attempts=jobs.max_attempts()
    )
    assert sweep_reports.apply().get()["failed"] == 1
    report = Report.objects.get(pk=response.data["id"])
    assert report.status == "failed"
    assert str(jobs.max_attempts()) in report.error
    assert report.error_code == "too_many_attempts"
    with translation.override("en"):
        assert f"after {jobs.max_attempts()} attempts" in selectors.failure_text(report)


def test_a_lost_database_connection_is_retried_and_the_report_still_finishes(
    api: Any,
    scenario: Scenario,
    django_capture_on_commit_callbacks: Any,
    eager_retries: None,
) -> None:
    real = weasyprint.HTML.write_pdf
    calls = []

    def flaky(self: Any, *args: Any, **kwargs: Any) -> bytes:
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("server closed the connection unexpectedly")
        return real(self, *args, **kwargs)

    with mock.patch.object(weasyprint.HTML, "write_pdf", flaky):
        report = ask(api, scenario, django_capture_on_commit_callbacks)
    report.refresh_from_db()
    assert len(calls) == 2
    assert report.status == "done"
    assert report.attempts == 1


def test_old_files_are_removed_but_their_rows_and_verification_stay(
    api: Any, scenario: Scenario, django_capture_on_commit_callbacks: Any, settings: Any
) -> None:
    report = ask(api, scenario, django_capture_on_commit_callbacks)
    name = report.file.name
    Report.objects.filter(pk=report.pk).update(
        finished_at=timezone.now()
        - datetime.timedelta(days=settings.REPORT_FILE_RETENTION_DAYS + 1)
    )
    assert clean_old_report_files.apply().get() == 1
    report.refresh_from_db()
    assert report.file_removed_at is not None
    assert not default_storage.exists(name)
    assert report.sha256 and report.report_id

    status = api.csco_a.get(f"/api/v1/reports/{report.pk}/").json()
    assert status["download_url"] is None
    assert api.csco_a.get(f"/api/v1/reports/{report.pk}/download/").status_code == 410
    assert api.anon.get(f"/verify/{report.report_id}").status_code == 200

    again = ask(api, scenario, django_capture_on_commit_callbacks)
    assert again.pk != report.pk
    assert again.status == "done"


def test_recent_files_are_kept(
    api: Any, scenario: Scenario, django_capture_on_commit_callbacks: Any
) -> None:
    report = ask(api, scenario, django_capture_on_commit_callbacks)
    assert clean_old_report_files.apply().get() == 0
    assert default_storage.exists(report.file.name)
