"""The province stage through the HTTP API: a cycle that requires it goes submitted → province
verified → approved; approving earlier is 409, a province reviewer never approves, reaches only
its own province's kabupaten and kota, and a cycle without the stage behaves as before."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from cities.models import Role
from maturity.assessments.models import Assessment, HistoryEntry
from maturity.scores.models import ScoreSnapshot, ScoreTrack
from tests.conftest import api_client_for as api_client
from tests.factories import (
    REGION_A,
    REGION_B,
    answer_everything,
    make_assessment,
    make_open_cycle,
    make_small_framework,
    member,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staged(cast):  # type: ignore[no-untyped-def]
    """A cycle with the province stage; Makassar (73.71) and Banyuwangi (35.10) submitted, and
    the province of Sulawesi Selatan (73) too; a province reviewer for each of 73 and 35."""
    cycle = make_open_cycle(
        framework=make_small_framework(code="prov"), name="Provinsi 2026", province_review=True
    )
    south_sulawesi = member("prov_73", Role.PROVINCE_REVIEWER, "73")
    east_java = member("prov_35", Role.PROVINCE_REVIEWER, "35")
    csco_province = member("csco_73", Role.CSCO, "73")
    found = {}
    for code, csco in ((REGION_A, cast.csco_a), (REGION_B, cast.csco_b), ("73", csco_province)):
        assessment = make_assessment(code, cycle)
        answer_everything(assessment, csco)
        response = api_client(csco).post(f"/api/v1/assessments/{assessment.pk}/submit/")
        assert response.status_code == 200, response.json()
        found[code] = assessment
    return {
        "cycle": cycle,
        "a": found[REGION_A],
        "b": found[REGION_B],
        "province": found["73"],
        "prov_73": api_client(south_sulawesi),
        "prov_35": api_client(east_java),
    }


def url(assessment: Assessment, action: str = "") -> str:
    return f"/api/v1/assessments/{assessment.pk}/{action}"


def test_a_cycle_is_opened_with_the_province_stage(api):
    framework = make_small_framework(code="open")
    today = timezone.localdate()
    body = {
        "name": "Dengan provinsi",
        "year": today.year,
        "framework": framework.pk,
        "opens_on": today.isoformat(),
        "closes_on": (today + datetime.timedelta(days=9)).isoformat(),
    }
    created = api.admin.post("/api/v1/cycles/", {**body, "province_review": True}, format="json")
    plain = api.admin.post("/api/v1/cycles/", {**body, "name": "Tanpa"}, format="json")

    assert created.status_code == 201 and created.json()["province_review"] is True
    assert plain.status_code == 201 and plain.json()["province_review"] is False


def test_submitted_then_province_verified_then_approved(staged, api, cast):
    a = staged["a"]
    early = api.reviewer.post(url(a, "approve/"))
    assert early.status_code == 409
    assert early.json()["code"] == "province_stage_missing"
    assert "provinsi" in early.json()["detail"]

    review = staged["prov_73"].put(
        url(a, "reviews/I-1/"),
        {"verified_level": 2, "comment": "Dicek di lapangan."},
        format="json",
    )
    assert review.status_code == 200, review.json()
    verified = staged["prov_73"].post(
        url(a, "province-verify/"), {"comment": "Direkomendasikan."}, format="json"
    )
    assert verified.status_code == 200, verified.json()
    body = verified.json()
    assert body["status"] == "province_verified"
    assert body["province_comment"] == "Direkomendasikan."
    assert body["province_verified_at"] and body["province_review"] is True

    # The province reviewer may never approve; once recommended, it is the ministry's.
    assert staged["prov_73"].post(url(a, "approve/")).status_code == 403
    again = staged["prov_73"].put(url(a, "reviews/I-1/"), {"verified_level": 4}, format="json")
    assert again.status_code == 409

    # The ministry may still review and then approves.
    assert (
        api.reviewer.put(url(a, "reviews/I-2/"), {"verified_level": 1}, format="json").status_code
        == 200
    )
    approved = api.reviewer.post(url(a, "approve/"))
    assert approved.status_code == 200, approved.json()
    assert approved.json()["status"] == "approved"

    actions = list(
        HistoryEntry.objects.filter(assessment=a)
        .exclude(action__startswith="answer")
        .exclude(action__startswith="evidence")
        .values_list("action", flat=True)
    )
    assert actions[-5:] == [
        "assessment.submitted",
        "review.set",
        "assessment.province_verified",
        "review.set",
        "assessment.approved",
    ]
    entry = HistoryEntry.objects.get(assessment=a, action="assessment.province_verified")
    assert entry.comment == "Direkomendasikan."
    assert entry.before == {"status": "submitted"}
    assert entry.after == {"status": "province_verified"}


def test_the_ministry_may_return_a_province_verified_assessment(staged, api):
    a = staged["a"]
    staged["prov_73"].post(url(a, "province-verify/"), {}, format="json")
    returned = api.reviewer.post(url(a, "return/"), {"comment": "Bukti kurang."}, format="json")
    assert returned.status_code == 200, returned.json()
    assert returned.json()["status"] == "returned"


def test_the_province_reviewer_returns_with_a_comment(staged, cast):
    a = staged["a"]
    empty = staged["prov_73"].post(url(a, "return/"), {"comment": " "}, format="json")
    assert empty.status_code == 400 and "comment" in empty.json()
    returned = staged["prov_73"].post(url(a, "return/"), {"comment": "Lengkapi."}, format="json")
    assert returned.status_code == 200
    a.refresh_from_db()
    assert a.status == "returned" and a.return_comment == "Lengkapi."


def test_the_province_reviewer_sees_only_its_kabupaten_and_kota(staged):
    prov = staged["prov_73"]
    assert prov.get(url(staged["a"])).status_code == 200
    # Another province's kota, and the province's own assessment (the ministry's): not found.
    for other in (staged["b"], staged["province"]):
        assert prov.get(url(other)).status_code == 404
        assert prov.post(url(other, "province-verify/"), {}, format="json").status_code == 404
        assert prov.get(url(other, "history/")).status_code == 404
    listed = {row["id"] for row in prov.get("/api/v1/assessments/").json()["results"]}
    assert listed == {staged["a"].pk}
    # The other province's reviewer verifies its own.
    assert staged["prov_35"].get(url(staged["a"])).status_code == 404
    verified = staged["prov_35"].post(url(staged["b"], "province-verify/"), {}, format="json")
    assert verified.status_code == 200


def test_the_ministry_verifies_the_province_itself_without_the_province_stage(staged, api):
    approved = api.reviewer.post(url(staged["province"], "approve/"))
    assert approved.status_code == 200, approved.json()


def test_only_a_province_reviewer_may_recommend(staged, api):
    a = staged["a"]
    for client in (api.reviewer, api.admin, api.observer, api.csco_a):
        assert client.post(url(a, "province-verify/"), {}, format="json").status_code == 403
    assert api.csco_b.post(url(a, "province-verify/"), {}, format="json").status_code == 404


def test_province_verify_needs_a_submitted_assessment(staged, cast):
    a = staged["a"]
    staged["prov_73"].post(url(a, "return/"), {"comment": "Lengkapi."}, format="json")
    refused = staged["prov_73"].post(url(a, "province-verify/"), {}, format="json")
    assert refused.status_code == 409
    assert refused.json()["code"] == "transition_not_allowed"


def test_province_verify_checks_the_comment(staged):
    refused = staged["prov_73"].post(
        url(staged["a"], "province-verify/"), {"comment": 7}, format="json"
    )
    assert refused.status_code == 400 and "comment" in refused.json()
    staged["a"].refresh_from_db()
    assert staged["a"].status == "submitted"


def test_a_cycle_without_the_stage_behaves_as_before(cast, api):
    cycle = make_open_cycle(framework=make_small_framework(code="plain"), name="Biasa 2026")
    prov = api_client(member("prov_73b", Role.PROVINCE_REVIEWER, "73"))
    a = make_assessment(REGION_A, cycle)
    answer_everything(a, cast.csco_a)
    assert api.csco_a.post(url(a, "submit/")).status_code == 200

    # The province reviewer reads it but has no stage to act in.
    assert prov.get(url(a)).status_code == 200
    refused = prov.post(url(a, "province-verify/"), {}, format="json")
    assert refused.status_code == 409 and refused.json()["code"] == "no_province_stage"
    review = prov.put(url(a, "reviews/I-1/"), {"verified_level": 3}, format="json")
    assert review.status_code == 409 and review.json()["code"] == "no_province_stage"
    assert prov.post(url(a, "approve/")).status_code == 403

    approved = api.reviewer.post(url(a, "approve/"))
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    assert approved.json()["province_review"] is False


def test_mail_goes_to_the_province_then_to_the_ministry(
    cast, django_capture_on_commit_callbacks, settings
):
    cycle = make_open_cycle(
        framework=make_small_framework(code="mail"), name="Surat 2026", province_review=True
    )
    prov = member("prov_mail", Role.PROVINCE_REVIEWER, "73")
    prov.email, cast.reviewer.email = "provinsi@example.test", "kementerian@example.test"
    prov.save()
    cast.reviewer.save()
    a = make_assessment(REGION_A, cycle)
    answer_everything(a, cast.csco_a)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert api_client(cast.csco_a).post(url(a, "submit/")).status_code == 200
    assert [m.to for m in mail.outbox] == [["provinsi@example.test"]]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = api_client(prov).post(
            url(a, "province-verify/"), {"comment": "Ok"}, format="json"
        )
        assert response.status_code == 200
    assert [m.to for m in mail.outbox] == [["kementerian@example.test"]]
    assert "Penilaian diverifikasi provinsi" in mail.outbox[0].subject
    assert "Assessment verified by the province" in mail.outbox[0].subject


def test_a_province_verified_assessment_keeps_its_provisional_verified_score(staged, api):
    from maturity.scores.services import refresh_snapshots

    a = staged["a"]
    staged["prov_73"].put(url(a, "reviews/I-1/"), {"verified_level": 1}, format="json")
    staged["prov_73"].post(url(a, "province-verify/"), {}, format="json")
    refresh_snapshots(assessment_id=a.pk)
    tracks = set(ScoreSnapshot.objects.filter(assessment=a).values_list("track", flat=True))
    assert tracks == {ScoreTrack.SELF, ScoreTrack.VERIFIED}


def test_a_province_reviewer_membership_names_a_province(api):
    body = {
        "username": "peninjau.baru",
        "password": "kata-sandi-yang-panjang-2026",
        "memberships": [
            {"role": "province_reviewer", "region": "73.71"},
            {"role": "province_reviewer"},
            {"role": "province_reviewer", "region": "73"},
        ],
    }
    refused = api.admin.post("/api/v1/users/", body, format="json")
    assert refused.status_code == 400
    problems = refused.json()["memberships"]
    assert any(p.startswith("memberships[0].region") and "provinsi" in p for p in problems)
    assert any(p.startswith("memberships[1].region") for p in problems)
    assert not any(p.startswith("memberships[2]") for p in problems)
    body["memberships"] = [{"role": "province_reviewer", "region": "73"}]
    created = api.admin.post("/api/v1/users/", body, format="json")
    assert created.status_code == 201, created.json()
