"""Who may do what in the assessment lifecycle: scope (404), role (403), state (409)."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from maturity.assessments.models import Answer, Assessment, Evidence, HistoryEntry
from maturity.cycles.models import AssessmentCycle
from maturity.frameworks.models import Framework
from tests.factories import (
    REGION_A,
    REGION_B,
    TINY_PDF,
    answer_everything,
    default_framework,
    make_assessment,
    make_open_cycle,
    make_small_framework,
)


@pytest.fixture
def makassar(cast):  # type: ignore[no-untyped-def]
    """Makassar's assessment, filled in, with one evidence file and a history."""
    assessment = make_assessment(REGION_A, make_open_cycle())
    answer_everything(assessment, cast.contributor_a)
    if not Evidence.objects.filter(assessment=assessment).exists():
        from django.core.files.uploadedfile import SimpleUploadedFile

        from maturity.assessments.services import evidence as services

        code = assessment.answers.first().indicator.code
        services.add_evidence(
            user=cast.csco_a,
            assessment=assessment,
            indicator_code=code,
            upload=SimpleUploadedFile("a.pdf", TINY_PDF),
        )
    return assessment


def every_makassar_request(assessment):  # type: ignore[no-untyped-def]
    """(method, path, body) for every endpoint that names the Makassar assessment."""
    base = f"/api/v1/assessments/{assessment.pk}"
    code = assessment.answers.order_by("indicator__position").first().indicator.code
    evidence = Evidence.objects.filter(assessment=assessment).first()
    history = HistoryEntry.objects.filter(assessment=assessment).first()
    assert evidence is not None and history is not None
    return [
        ("get", f"{base}/", None),
        ("get", f"{base}/answers/", None),
        ("get", f"{base}/answers/{code}/", None),
        ("put", f"{base}/answers/{code}/", {"status": "no_data", "version": 1}),
        ("post", f"{base}/answers/bulk/", [{"indicator": code, "status": "no_data", "version": 1}]),
        ("get", f"{base}/evidence/", None),
        ("post", f"{base}/evidence/", {"indicator": code}),
        ("get", f"{base}/evidence/{evidence.pk}/", None),
        ("get", f"{base}/evidence/{evidence.pk}/download/", None),
        ("delete", f"{base}/evidence/{evidence.pk}/", None),
        ("get", f"{base}/history/", None),
        ("post", f"{base}/submit/", None),
        ("post", f"{base}/return/", {"comment": "x"}),
        ("post", f"{base}/approve/", None),
        ("post", f"{base}/reopen/", {"reason": "x"}),
        ("put", f"{base}/reviews/{code}/", {"verified_level": 3}),
        ("post", f"{base}/deadline/", {"deadline": "2030-01-01"}),
    ]


def test_banyuwangi_gets_404_for_everything_of_makassar(api, makassar):
    answers_before = list(Answer.objects.values_list("id", "version"))
    history_before = HistoryEntry.objects.count()
    evidence_before = Evidence.objects.filter(assessment=makassar).count()
    for method, path, body in every_makassar_request(makassar):
        response = getattr(api.csco_b, method)(path, body, format="json")
        assert response.status_code == 404, (method, path, response.status_code)
    assert list(Answer.objects.values_list("id", "version")) == answers_before
    assert HistoryEntry.objects.count() == history_before
    assert Evidence.objects.filter(assessment=makassar).count() == evidence_before
    assert Assessment.objects.get(pk=makassar.pk).status == "draft"


def test_anonymous_callers_are_asked_to_sign_in(api, makassar):
    for method, path, body in every_makassar_request(makassar):
        response = getattr(api.anon, method)(path, body, format="json")
        assert response.status_code == 401, (method, path)


def test_banyuwangi_does_not_see_makassar_in_the_list(api, cast, makassar):
    banyuwangi = make_assessment(REGION_B, makassar.cycle)
    listed = api.csco_b.get("/api/v1/assessments/").json()["results"]
    assert [a["id"] for a in listed] == [banyuwangi.pk]
    assert api.csco_b.get(f"/api/v1/assessments/?region={REGION_A}").json()["count"] == 0
    everyone = api.reviewer.get("/api/v1/assessments/").json()["results"]
    assert {a["region"] for a in everyone} == {REGION_A, REGION_B}


def test_the_assessment_list_filters_by_cycle_region_province_and_status(api, makassar):
    make_assessment(REGION_B, makassar.cycle)
    other_cycle = make_open_cycle(name="2027")
    make_assessment(REGION_A, other_cycle)

    def regions(query: str) -> list[tuple[int, str]]:
        results = api.admin.get(f"/api/v1/assessments/?{query}").json()["results"]
        return sorted((a["cycle"], a["region"]) for a in results)

    assert regions(f"cycle={makassar.cycle_id}") == [
        (makassar.cycle_id, REGION_B),
        (makassar.cycle_id, REGION_A),
    ]
    assert regions(f"region={REGION_B}") == [(makassar.cycle_id, REGION_B)]
    assert regions("province=73") == [(makassar.cycle_id, REGION_A), (other_cycle.pk, REGION_A)]
    Assessment.objects.filter(pk=makassar.pk).update(status="submitted")
    assert regions("status=submitted") == [(makassar.cycle_id, REGION_A)]
    assert regions("cycle=abc") == []


def test_observers_and_reviewers_read_but_do_not_edit(api, makassar):
    code = makassar.answers.first().indicator.code
    for client in (api.observer, api.reviewer):
        assert client.get(f"/api/v1/assessments/{makassar.pk}/").status_code == 200
        assert client.get(f"/api/v1/assessments/{makassar.pk}/history/").status_code == 200
        response = client.put(
            f"/api/v1/assessments/{makassar.pk}/answers/{code}/",
            {"status": "no_data", "version": 1},
            format="json",
        )
        assert response.status_code == 403


def test_a_contributor_fills_in_but_does_not_submit(api, makassar):
    assert api.contributor_a.post(f"/api/v1/assessments/{makassar.pk}/submit/").status_code == 403
    assert Assessment.objects.get(pk=makassar.pk).status == "draft"


# --- Creating cycles and assessments ----------------------------------------------------------


def cycle_body(framework: Framework, name: str = "2031") -> dict[str, object]:
    return {
        "name": name,
        "year": 2031,
        "framework": framework.pk,
        "opens_on": "2031-01-01",
        "closes_on": "2031-06-30",
    }


def test_an_admin_opens_a_cycle_on_a_published_framework(api, cast):
    response = api.admin.post("/api/v1/cycles/", cycle_body(default_framework()), format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["name"], body["year"], body["status"]) == ("2031", 2031, "open")
    assert (body["opens_on"], body["closes_on"]) == ("2031-01-01", "2031-06-30")
    assert api.observer.get(f"/api/v1/cycles/{body['id']}/").json()["framework"] == (
        default_framework().pk
    )
    assert body["id"] in [c["id"] for c in api.csco_b.get("/api/v1/cycles/").json()["results"]]


@pytest.mark.parametrize("role", ["csco_a", "contributor_a", "reviewer", "observer"])
def test_only_admins_open_cycles(api, role):
    response = api[role].post("/api/v1/cycles/", {}, format="json")
    assert response.status_code == 403
    assert not AssessmentCycle.objects.exists()


def test_a_cycle_needs_a_published_framework_and_sane_dates(api, cast):
    draft = make_small_framework(code="draf", published=False)
    response = api.admin.post("/api/v1/cycles/", cycle_body(draft), format="json")
    assert response.status_code == 400
    assert list(response.json()) == ["framework", "code"]
    assert response.json()["code"] == "invalid"
    backwards = {**cycle_body(default_framework()), "closes_on": "2030-12-31"}
    refused = api.admin.post("/api/v1/cycles/", backwards, format="json").json()
    assert list(refused) == ["closes_on", "code"]
    unknown = {**cycle_body(default_framework()), "framework": 999999}
    refused = api.admin.post("/api/v1/cycles/", unknown, format="json").json()
    assert list(refused) == ["framework", "code"]
    assert list(api.admin.post("/api/v1/cycles/", {"name": "x"}, format="json").json()) == [
        "year",
        "framework",
        "opens_on",
        "closes_on",
    ]
    make_open_cycle(name="2031")
    twice = api.admin.post("/api/v1/cycles/", cycle_body(default_framework()), format="json")
    assert list(twice.json()) == ["name", "code"]
    assert AssessmentCycle.objects.count() == 1


def test_the_csco_starts_the_assessment_once(api, cast):
    cycle = make_open_cycle()
    body = {"cycle": cycle.pk, "region": REGION_A}
    response = api.csco_a.post("/api/v1/assessments/", body, format="json")
    assert response.status_code == 201, response.json()
    created = response.json()
    assert (created["status"], created["completeness"], created["region"]) == (
        "draft",
        "0.0",
        REGION_A,
    )
    assert created["framework"] == cycle.framework_id
    assert created["deadline"] == cycle.closes_on.isoformat()
    assert api.csco_a.post("/api/v1/assessments/", body, format="json").status_code == 409
    assert Assessment.objects.filter(cycle=cycle).count() == 1


def test_only_the_regions_csco_or_an_admin_starts_an_assessment(api, cast):
    cycle = make_open_cycle()
    body = {"cycle": cycle.pk, "region": REGION_A}
    for role in ("csco_b", "contributor_a", "reviewer", "observer"):
        assert api[role].post("/api/v1/assessments/", body, format="json").status_code == 403
    assert not Assessment.objects.exists()
    assert api.admin.post("/api/v1/assessments/", body, format="json").status_code == 201


def test_starting_an_assessment_names_unknown_cycles_and_regions(api, cast):
    response = api.admin.post(
        "/api/v1/assessments/", {"cycle": 999999, "region": "99.99"}, format="json"
    )
    assert response.status_code == 400
    assert set(response.json()) == {"cycle", "region"}


# --- Deadlines and closed cycles --------------------------------------------------------------


def test_after_the_deadline_nothing_changes_until_an_admin_extends_it(api, cast):
    today = timezone.localdate()
    cycle = make_open_cycle()
    AssessmentCycle.objects.filter(pk=cycle.pk).update(closes_on=today - datetime.timedelta(days=1))
    assessment = make_assessment(REGION_A, cycle)
    code = cycle.framework.indicators.first().code
    url = f"/api/v1/assessments/{assessment.pk}/answers/{code}/"
    late = api.csco_a.put(url, {"status": "no_data"}, format="json")
    assert late.status_code == 409
    assert api.csco_a.get(f"/api/v1/assessments/{assessment.pk}/").json()["editable"] is False

    new_deadline = (today + datetime.timedelta(days=14)).isoformat()
    deadline_url = f"/api/v1/assessments/{assessment.pk}/deadline/"
    refused = api.csco_a.post(deadline_url, {"deadline": new_deadline}, format="json")
    assert refused.status_code == 403
    bad = api.admin.post(deadline_url, {"deadline": "31-12-2026"}, format="json")
    assert bad.status_code == 400
    assert list(bad.json()) == ["deadline"]
    extended = api.admin.post(deadline_url, {"deadline": new_deadline}, format="json")
    assert extended.status_code == 200
    assert (extended.json()["deadline"], extended.json()["editable"]) == (new_deadline, True)
    assert api.csco_a.put(url, {"status": "no_data"}, format="json").status_code == 200
    entry = HistoryEntry.objects.get(assessment=assessment, action="assessment.deadline_extended")
    assert entry.after == {"deadline": new_deadline}


def test_a_closed_cycle_takes_no_answers(api, cast):
    cycle = make_open_cycle()
    assessment = make_assessment(REGION_A, cycle)
    AssessmentCycle.objects.filter(pk=cycle.pk).update(status="closed")
    code = cycle.framework.indicators.first().code
    response = api.csco_a.put(
        f"/api/v1/assessments/{assessment.pk}/answers/{code}/", {"status": "no_data"}, format="json"
    )
    assert response.status_code == 409
    assert not Answer.objects.exists()
