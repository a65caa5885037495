"""A region report rendered by a real Celery worker process, through the broker."""

from __future__ import annotations

import os
import time
from typing import Any

import pytest
from django.core.management import call_command

from reports.models import Report
from tests.reports.conftest import download, pdf_text

pytestmark = [pytest.mark.integration]


@pytest.fixture
def reference_data(live_worker: Any) -> None:
    """Regions and the default framework: an earlier transactional test may have flushed them."""
    with open(os.devnull, "w") as quiet:
        call_command("load_defaults", verbosity=0, stdout=quiet)


def test_a_real_worker_renders_the_region_report(
    live_worker: Any, reference_data: None, cast: Any, api: Any
) -> None:
    from maturity.assessments.services import lifecycle
    from maturity.scores.services import refresh_snapshots
    from tests.factories import answer_everything, make_assessment

    assessment = answer_everything(make_assessment("73.71"), cast.csco_a, level=4)
    lifecycle.submit(user=cast.csco_a, assessment=assessment)
    refresh_snapshots(assessment_id=assessment.pk)

    response = api.csco_a.post(
        f"/api/v1/assessments/{assessment.pk}/reports/", {"language": "en"}, format="json"
    )
    assert response.status_code == 202
    report_id = response.data["id"]
    deadline = time.monotonic() + 120
    status = {}
    while time.monotonic() < deadline:
        status = api.csco_a.get(f"/api/v1/reports/{report_id}/").json()
        if status["status"] in ("done", "failed"):
            break
        time.sleep(0.3)
    assert status["status"] == "done", (status, live_worker.output()[-3000:])
    report = Report.objects.get(pk=report_id)
    assert report.attempts == 1
    text = pdf_text(download(api.csco_a, report_id))
    assert "Kota Makassar" in text
    assert "Smart City Maturity Assessment Report" in text
