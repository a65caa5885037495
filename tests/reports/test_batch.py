"""Batch rendering: `render_cycle_reports` and the admin actions fan out one job per assessment
(tasks run eagerly)."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.test import Client

from reports.management.commands.render_cycle_reports import progress_bar
from reports.models import CycleReports, Report
from tests.reports.conftest import Scenario

pytestmark = pytest.mark.django_db


def test_the_command_renders_one_report_per_assessment_and_shows_progress(
    scenario: Scenario, django_capture_on_commit_callbacks: Any
) -> None:
    cycle = scenario.assessment.cycle
    with django_capture_on_commit_callbacks(execute=True):
        call_command("render_cycle_reports", cycle.name, "--no-wait", stdout=StringIO())
    jobs = Report.objects.filter(cycle=cycle, kind="region")
    assert sorted(jobs.values_list("assessment_id", flat=True)) == sorted(
        [scenario.assessment.pk, scenario.peer.pk]
    )
    assert set(jobs.values_list("status", flat=True)) == {"done"}

    out = StringIO()
    call_command("render_cycle_reports", str(cycle.pk), "--language", "id", stdout=out)
    text = out.getvalue()
    assert "2 laporan/reports (2 sudah ada/already current)" in text
    assert "[" + "#" * 30 + "] 2/2 selesai/done, 0 gagal/failed" in text
    assert jobs.count() == 2


def test_the_command_refuses_an_unknown_cycle(cast: Any) -> None:
    with pytest.raises(CommandError):
        call_command("render_cycle_reports", "no-such-cycle", stdout=StringIO())


def test_the_progress_bar_counts_finished_jobs_and_partial_progress() -> None:
    assert progress_bar(0, 0, 4, 0.0) == "[" + "." * 30 + "] 0/4 selesai/done, 0 gagal/failed"
    assert progress_bar(1, 1, 4, 1.0).startswith("[" + "#" * 22 + "." * 8 + "] 2/4")


def test_the_admin_action_queues_every_regions_report_of_a_cycle(
    scenario: Scenario, django_capture_on_commit_callbacks: Any
) -> None:
    admin = User.objects.create_superuser("root", "root@example.go.id", "pw-root-2026")
    client = Client()
    client.force_login(admin)
    url = "/admin/reports/cyclereports/"
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url,
            {
                "action": "region_reports_en",
                "_selected_action": [scenario.assessment.cycle_id],
            },
        )
    assert response.status_code == 302
    assert Report.objects.filter(kind="region", language="en", status="done").count() == 2
    assert CycleReports.objects.count() >= 1
    listing = client.get("/admin/reports/report/")
    assert listing.status_code == 200
    assert "Kota Makassar" in listing.content.decode()
