"""The region report through the HTTP API (tasks run eagerly): asked for, rendered, downloaded and
read back — region, index and level, every indicator, the reviewer's comments and the embedded
score snapshot, in both languages."""

from __future__ import annotations

import hashlib
import io
from decimal import Decimal
from typing import Any

import pytest
from pypdf import PdfReader

from maturity.scores.models import ScoreTrack
from reports.labels import decimal_text, labels_for, value_text
from reports.models import Report
from tests.reports.conftest import (
    Scenario,
    download,
    latest,
    pdf_attachment_json,
    pdf_text,
)

pytestmark = pytest.mark.django_db


def ask(client: Any, assessment_id: int, capture: Any, **body: Any) -> Any:
    with capture(execute=True):
        return client.post(f"/api/v1/assessments/{assessment_id}/reports/", body, format="json")


@pytest.mark.parametrize("language", ["id", "en"])
def test_region_report_shows_region_scores_indicators_comments_and_embeds_the_snapshot(
    api: Any, scenario: Scenario, django_capture_on_commit_callbacks: Any, language: str
) -> None:
    response = ask(
        api.csco_a, scenario.assessment.pk, django_capture_on_commit_callbacks, language=language
    )
    assert response.status_code in (200, 202)
    status = api.csco_a.get(response.data["url"]).json()
    assert status["status"] == "done", status["error"]
    assert status["progress"] == 100

    content = download(api.csco_a, response.data["id"])
    text = pdf_text(content)
    verified = latest(scenario.assessment, ScoreTrack.VERIFIED)
    track = verified.result["verified"]
    assert "Kota Makassar" in text
    assert decimal_text(track["index"], language) in text
    assert framework_level_name(scenario, track["level"], language) in text
    for indicator in scenario.indicators:
        assert indicator.code in text
    for comment in scenario.comments.values():
        assert comment in text
    # Each indicator's rule stands under its name (the annex no longer lists them again).
    t = labels_for(language)
    quantitative = [i for i in scenario.indicators if i.kind == "quantitative"]
    assert quantitative
    for indicator in quantitative:
        direction = t["higher_short"] if indicator.direction == "higher" else t["lower_short"]
        thresholds = " · ".join(value_text(Decimal(str(x)), language) for x in indicator.thresholds)
        assert f"{direction}: {thresholds}" in text, indicator.code
    assert t["rules_in_rows"].split(":")[0] in text
    progress, roadmap = (
        ("Perkembangan", "Peta jalan ke tingkat berikutnya")
        if language == "id"
        else ("Progress", "Roadmap to the next level")
    )
    assert progress in text and roadmap in text

    attached = pdf_attachment_json(content, "maturasi-score-snapshot.json")
    assert attached["snapshots"]["verified"]["result"] == verified.result
    own = latest(scenario.assessment, ScoreTrack.SELF)
    assert attached["snapshots"]["self"]["result"] == own.result
    assert attached["snapshots"]["self"]["inputs_hash"] == own.inputs_hash
    # The progress and the roadmap in the API's shapes.
    api_progress = api.csco_a.get(f"/api/v1/regions/{scenario.assessment.region.code}/progress/")
    assert attached["progress"] == api_progress.json()
    roadmap_url = f"/api/v1/assessments/{scenario.assessment.pk}/roadmap/?lang={language}"
    assert attached["roadmap"] == api.csco_a.get(roadmap_url).json()


def framework_level_name(scenario: Scenario, level: int, language: str) -> str:
    return scenario.assessment.cycle.framework.level_name(level, language)


def test_download_is_a_pdf_with_a_readable_file_name(
    api: Any, scenario: Scenario, django_capture_on_commit_callbacks: Any
) -> None:
    response = ask(api.csco_a, scenario.assessment.pk, django_capture_on_commit_callbacks)
    download_response = api.csco_a.get(f"/api/v1/reports/{response.data['id']}/download/")
    year = scenario.assessment.cycle.year
    assert download_response.status_code == 200
    assert download_response["Content-Type"] == "application/pdf"
    assert (
        f'filename="maturasi-{year}-kota-makassar-id.pdf"'
        in download_response["Content-Disposition"]
    )
    body = b"".join(download_response.streaming_content)
    assert body.startswith(b"%PDF-")
    status = api.csco_a.get(f"/api/v1/reports/{response.data['id']}/").json()
    assert status["size"] == len(body)
    assert status["sha256"] == hashlib.sha256(body).hexdigest()
    assert status["download_url"].endswith(f"/api/v1/reports/{response.data['id']}/download/")


def test_pdf_metadata_names_the_report_the_ministry_and_the_language(
    api: Any, scenario: Scenario, django_capture_on_commit_callbacks: Any
) -> None:
    response = ask(
        api.csco_a, scenario.assessment.pk, django_capture_on_commit_callbacks, language="en"
    )
    reader = PdfReader(io.BytesIO(download(api.csco_a, response.data["id"])))
    assert "Kota Makassar" in reader.metadata.title
    assert reader.metadata.author == "Kementerian Dalam Negeri — Maturasi"
    assert reader.trailer["/Root"]["/Lang"] == "en"


def test_every_page_carries_the_verification_id_and_address(
    api: Any, scenario: Scenario, django_capture_on_commit_callbacks: Any, settings: Any
) -> None:
    response = ask(api.csco_a, scenario.assessment.pk, django_capture_on_commit_callbacks)
    report = Report.objects.get(pk=response.data["id"])
    assert len(report.report_id) == 16
    reader = PdfReader(io.BytesIO(download(api.csco_a, report.pk)))
    for page in reader.pages:
        text = " ".join((page.extract_text() or "").split())
        assert report.report_id in text
        assert f"{settings.SITE_URL}/verify/{report.report_id}" in text


def test_asking_again_with_unchanged_inputs_returns_the_same_finished_report(
    api: Any, scenario: Scenario, django_capture_on_commit_callbacks: Any
) -> None:
    first = ask(api.csco_a, scenario.assessment.pk, django_capture_on_commit_callbacks)
    again = ask(api.reviewer, scenario.assessment.pk, django_capture_on_commit_callbacks)
    assert again.status_code == 200
    assert again.data["id"] == first.data["id"]
    assert again.data["status"] == "done"
    assert Report.objects.count() == 1


def test_another_language_is_another_report(
    api: Any, scenario: Scenario, django_capture_on_commit_callbacks: Any
) -> None:
    first = ask(api.csco_a, scenario.assessment.pk, django_capture_on_commit_callbacks)
    english = ask(
        api.csco_a, scenario.assessment.pk, django_capture_on_commit_callbacks, language="en"
    )
    assert english.data["id"] != first.data["id"]


def test_a_changed_answer_renders_a_new_report(
    api: Any, cast: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from tests.factories import answer_everything, make_assessment

    draft = answer_everything(make_assessment("73.71"), cast.csco_a, level=2)
    first = ask(api.csco_a, draft.pk, django_capture_on_commit_callbacks)
    answer_everything(draft, cast.csco_a, level=4)
    second = ask(api.csco_a, draft.pk, django_capture_on_commit_callbacks)
    assert second.data["id"] != first.data["id"]
    assert Report.objects.filter(status="done").count() == 2


def test_language_must_be_indonesian_or_english(api: Any, scenario: Scenario) -> None:
    response = api.csco_a.post(
        f"/api/v1/assessments/{scenario.assessment.pk}/reports/",
        {"language": "fr"},
        format="json",
    )
    assert response.status_code == 400
    assert "language" in response.json()
    assert not Report.objects.exists()


def test_another_regions_csco_cannot_see_or_download_the_report(
    api: Any, scenario: Scenario, django_capture_on_commit_callbacks: Any
) -> None:
    response = ask(api.csco_a, scenario.assessment.pk, django_capture_on_commit_callbacks)
    report_id = response.data["id"]
    assert api.csco_b.get(f"/api/v1/reports/{report_id}/").status_code == 404
    assert api.csco_b.get(f"/api/v1/reports/{report_id}/download/").status_code == 404
    assert api.contributor_a.get(f"/api/v1/reports/{report_id}/").status_code == 200
    assert api.observer.get(f"/api/v1/reports/{report_id}/download/").status_code == 200


def test_another_regions_csco_cannot_ask_for_the_report(api: Any, scenario: Scenario) -> None:
    response = api.csco_b.post(
        f"/api/v1/assessments/{scenario.assessment.pk}/reports/", {}, format="json"
    )
    assert response.status_code == 404
    assert not Report.objects.exists()


def test_signed_out_people_get_401(api: Any, scenario: Scenario) -> None:
    url = f"/api/v1/assessments/{scenario.assessment.pk}/reports/"
    assert api.anon.post(url, {}, format="json").status_code == 401


def test_download_of_an_unfinished_report_is_a_conflict(api: Any, scenario: Scenario) -> None:
    response = api.csco_a.post(
        f"/api/v1/assessments/{scenario.assessment.pk}/reports/", {}, format="json"
    )  # no commit: the job stays queued
    assert response.status_code == 202
    assert response.data["status"] == "queued"
    refused = api.csco_a.get(f"/api/v1/reports/{response.data['id']}/download/")
    assert refused.status_code == 409
    assert refused.json() == {
        "detail": "Laporan belum selesai (status: queued).",
        "code": "report_not_ready",
    }
    in_english = api.csco_a.get(f"/api/v1/reports/{response.data['id']}/download/?lang=en")
    assert in_english.json()["detail"] == "The report is not ready (status: queued)."


def test_an_invalid_report_language_is_refused_in_the_requests_language(
    api: Any, scenario: Scenario
) -> None:
    url = f"/api/v1/assessments/{scenario.assessment.pk}/reports/"

    refused = api.csco_a.post(url, {"language": "fr"}, format="json")
    in_english = api.csco_a.post(f"{url}?lang=en", {"language": "fr"}, format="json")

    assert refused.status_code == 400
    assert refused.json()["language"] == ['Bahasa harus "id" atau "en".']
    assert in_english.json()["language"] == ['Language must be "id" or "en".']


def test_report_status_reads_in_constant_queries(
    api: Any,
    scenario: Scenario,
    django_capture_on_commit_callbacks: Any,
    django_assert_max_num_queries: Any,
) -> None:
    response = ask(api.csco_a, scenario.assessment.pk, django_capture_on_commit_callbacks)
    with django_assert_max_num_queries(3):
        assert api.csco_a.get(f"/api/v1/reports/{response.data['id']}/").status_code == 200


def test_region_report_context_reads_in_a_handful_of_queries(
    scenario: Scenario, django_assert_max_num_queries: Any
) -> None:
    from reports import services
    from reports.context.region import region_report_context

    requested = services.request_region_report(
        user=scenario.assessment.created_by or _anonymous(),
        assessment=scenario.assessment,
        language="id",
    )
    report = Report.objects.select_related(
        "assessment__region", "assessment__cycle__framework", "cycle__framework"
    ).get(pk=requested.report.pk)
    # About ten for the assessment and its peers' medians, about six for the progress across
    # cycles (scored cycles, their snapshots, ranks, plan) and the roadmap (snapshot, indicators,
    # peers' latest approved levels, their programmes): none grows with the framework's size.
    with django_assert_max_num_queries(18):
        context = region_report_context(report)
    assert len([i for e in context.elements for th in e.themes for i in th.indicators]) == len(
        scenario.indicators
    )


def _anonymous() -> Any:
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()
