"""Verification activities through the HTTP API: a reviewer plans an interview, the region's CSCO
confirms attendance, the reviewer records it; its findings become reviews citing the activity,
appear in history and change the verified score, in one transaction. Scope, the province stage,
uploads checked by content and the minutes PDF."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from cities.models import Role
from maturity.assessments.models import Assessment, HistoryEntry, Review
from maturity.scores.models import ScoreSnapshot, ScoreTrack
from maturity.scores.services import refresh_snapshots
from maturity.verification.models import ActivityFile, VerificationActivity
from reports.context.minutes import minutes_report_context
from reports.models import Report
from reports.rendering import render_html
from tests.conftest import api_client_for as api_client
from tests.factories import (
    REGION_A,
    REGION_B,
    TINY_PDF,
    answer_everything,
    make_assessment,
    make_open_cycle,
    make_small_framework,
    member,
)
from tests.reports.conftest import assert_parsed_alike, download, pdf_text
from tests.reports.test_archival import assert_archival, associated_data, structure


def report_title(content: bytes) -> str:
    """The document title a PDF carries (checked against its XMP by assert_archival)."""
    import io

    import pikepdf

    with pikepdf.open(io.BytesIO(content)) as pdf:
        return str(pdf.docinfo["/Title"])


pytestmark = pytest.mark.django_db

PLAN = {
    "method": "interview",
    "scheduled_at": "2026-03-04T09:00:00+07:00",
    "place": "Kantor Diskominfo Kota Makassar",
    "indicators": ["I-1", "I-2", "I-3"],
    "participants": [
        {"name": "Andi Rahman", "role": "Kepala Bidang", "agency": "Diskominfo Kota Makassar"},
        {"name": "Sri Wahyuni", "role": "Verifikator", "agency": "Kemendagri"},
    ],
}
MINUTES = "Wawancara dengan Kepala Bidang; data layanan daring diperiksa langsung di dasbor."
FINDINGS = [
    {"indicator": "I-1", "verified_level": 1, "comment": "SK belum ditandatangani."},
    {"indicator": "I-2", "verified_level": 1, "comment": "Cakupan baru 25%."},
    {"indicator": "I-3", "not_applicable": True, "comment": "Layanan tidak ada di kota ini."},
]


def submitted(region: str, csco: Any, cycle: Any) -> Assessment:
    assessment = answer_everything(make_assessment(region, cycle), csco, level=3)
    response = api_client(csco).post(f"/api/v1/assessments/{assessment.pk}/submit/")
    assert response.status_code == 200, response.json()
    assessment.refresh_from_db()
    return assessment


@pytest.fixture
def world(cast: Any) -> dict[str, Any]:
    """Makassar (A) and Banyuwangi (B) submitted in a cycle without the province stage."""
    cycle = make_open_cycle(framework=make_small_framework(code="act"), name="Kegiatan 2026")
    return {
        "a": submitted(REGION_A, cast.csco_a, cycle),
        "b": submitted(REGION_B, cast.csco_b, cycle),
    }


def activities(assessment: Assessment, rest: str = "") -> str:
    return f"/api/v1/assessments/{assessment.pk}/activities/{rest}"


def plan(client: Any, assessment: Assessment, **changes: Any) -> dict[str, Any]:
    response = client.post(activities(assessment), {**PLAN, **changes}, format="json")
    assert response.status_code == 201, response.json()
    return response.json()  # type: ignore[no-any-return]


def verified_index(assessment: Assessment) -> Decimal:
    """The verified index after scoring now (the self index while no reviewer decided)."""
    refresh_snapshots(assessment_id=assessment.pk)
    snapshots = ScoreSnapshot.objects.filter(assessment=assessment).order_by("-computed_at", "-id")
    verified = snapshots.filter(track=ScoreTrack.VERIFIED).first()
    chosen = verified or snapshots.filter(track=ScoreTrack.SELF).first()
    assert chosen is not None and chosen.index is not None
    return chosen.index


def test_plan_confirm_record_makes_reviews_that_cite_the_activity_and_change_the_score(
    world: dict[str, Any], api: Any
) -> None:
    a = world["a"]
    before = verified_index(a)

    created = plan(api.reviewer, a)
    assert created["status"] == "planned"
    assert created["method"] == "interview" and created["indicators"] == ["I-1", "I-2", "I-3"]
    assert created["participants"][0] == PLAN["participants"][0]
    assert created["planned_by"] == "reviewer" and created["confirmed_at"] is None
    aid = created["id"]

    # The region's CSCO sees it and confirms attendance; a contributor may not.
    listed = api.csco_a.get(activities(a))
    assert listed.status_code == 200 and [row["id"] for row in listed.json()["results"]] == [aid]
    assert api.contributor_a.post(activities(a, f"{aid}/confirm/")).status_code == 403
    assert api.reviewer.post(activities(a, f"{aid}/confirm/")).status_code == 403
    confirmed = api.csco_a.post(activities(a, f"{aid}/confirm/"))
    assert confirmed.status_code == 200, confirmed.json()
    assert confirmed.json()["confirmed_by"] == "csco_a" and confirmed.json()["confirmed_at"]

    recorded = api.reviewer.post(
        activities(a, f"{aid}/record/"),
        {"held_at": "2026-03-04T09:30:00+07:00", "minutes": MINUTES, "findings": FINDINGS},
        format="json",
    )
    assert recorded.status_code == 200, recorded.json()
    body = recorded.json()
    assert body["status"] == "done" and body["minutes"] == MINUTES
    assert body["recorded_by"] == "reviewer"
    assert [f["indicator"] for f in body["findings"]] == ["I-1", "I-2", "I-3"]

    reviews = {r.indicator.code: r for r in Review.objects.filter(assessment=a)}
    cite = f"[Wawancara 2026-03-04 #{aid}]"
    assert reviews["I-1"].verified_level == 1
    assert reviews["I-1"].comment == f"{cite} SK belum ditandatangani."
    assert reviews["I-3"].not_applicable and reviews["I-3"].verified_level is None

    history = api.csco_a.get(f"/api/v1/assessments/{a.pk}/history/?page_size=100").json()
    review_entries = [e for e in history["results"] if e["action"] == "review.set"]
    assert {e["indicator_code"] for e in review_entries} == {"I-1", "I-2", "I-3"}
    assert all(e["after"]["comment"].startswith(cite) for e in review_entries)
    assert any(e["action"] == "activity.recorded" for e in history["results"])

    after = verified_index(a)
    assert after < before

    # Recorded once: a second record is a conflict.
    again = api.reviewer.post(
        activities(a, f"{aid}/record/"),
        {"held_at": "2026-03-04T09:30:00+07:00", "minutes": MINUTES, "findings": []},
        format="json",
    )
    assert again.status_code == 409 and again.json()["code"] == "activity_recorded"


def test_every_planning_problem_is_named_at_once(world: dict[str, Any], api: Any) -> None:
    response = api.reviewer.post(
        activities(world["a"]),
        {
            "method": "telepathy",
            "scheduled_at": "besok pagi",
            "indicators": ["I-1", "X-9", "Z-1"],
            "participants": [{"name": "Andi", "role": "Kabid"}, {"role": "Staf"}, "Budi"],
        },
        format="json",
    )
    assert response.status_code == 400
    body = response.json()
    assert set(body) >= {
        "method",
        "scheduled_at",
        "place",
        "indicators",
        "participants[1].name",
        "participants[2]",
    }
    assert "X-9" in body["indicators"][0] and "Z-1" in body["indicators"][0]
    assert "I-1" not in body["indicators"][0]
    assert not VerificationActivity.objects.exists()


def test_a_meeting_link_is_enough_without_a_place(world: dict[str, Any], api: Any) -> None:
    created = plan(
        api.reviewer,
        world["a"],
        method="remote_evaluation",
        place="",
        meeting_link="https://meet.example.go.id/verifikasi-7371",
    )
    assert created["meeting_link"].startswith("https://") and created["place"] == ""
    bad = api.reviewer.post(
        activities(world["a"]),
        {**PLAN, "place": "", "meeting_link": "javascript:alert(1)"},
        format="json",
    )
    assert bad.status_code == 400 and "meeting_link" in bad.json()


def test_a_bad_finding_saves_nothing(world: dict[str, Any], api: Any) -> None:
    a = world["a"]
    aid = plan(api.reviewer, a)["id"]
    history_before = HistoryEntry.objects.filter(assessment=a).count()
    findings = [
        {"indicator": "I-1", "verified_level": 2, "comment": "Baik."},
        {"indicator": "I-9", "verified_level": 2},
        {"indicator": "I-2", "verified_level": 7, "comment": "Terlalu tinggi."},
        {"indicator": "I-3"},
    ]
    response = api.reviewer.post(
        activities(a, f"{aid}/record/"),
        {"held_at": "2026-03-04T09:30:00+07:00", "minutes": "", "findings": findings},
        format="json",
    )
    assert response.status_code == 400
    body = response.json()
    assert set(body) >= {
        "minutes",
        "findings[1].indicator",
        "findings[2].verified_level",
        "findings[3].verified_level",
    }
    assert "findings[0].indicator" not in body
    assert not Review.objects.filter(assessment=a).exists()
    assert VerificationActivity.objects.get(pk=aid).status == "planned"
    assert HistoryEntry.objects.filter(assessment=a).count() == history_before


def test_a_reviewer_moves_a_planned_activity_and_the_region_confirms_again(
    world: dict[str, Any], api: Any
) -> None:
    a = world["a"]
    aid = plan(api.reviewer, a)["id"]
    assert api.csco_a.post(activities(a, f"{aid}/confirm/")).status_code == 200

    # Only the place changes: the confirmation stands, everything else as planned.
    moved = api.reviewer.patch(
        activities(a, f"{aid}/"), {"place": "Aula Balai Kota"}, format="json"
    )
    assert moved.status_code == 200, moved.json()
    body = moved.json()
    assert body["place"] == "Aula Balai Kota" and body["confirmed_at"] is not None
    assert body["indicators"] == PLAN["indicators"] and body["method"] == "interview"
    assert body["participants"] == PLAN["participants"]

    # A new time asks the region to confirm again; history keeps before and after.
    later = api.reviewer.patch(
        activities(a, f"{aid}/"),
        {"scheduled_at": "2026-03-11T13:00:00+07:00", "indicators": ["I-2"]},
        format="json",
    )
    assert later.status_code == 200
    assert later.json()["scheduled_at"].startswith("2026-03-11T")
    assert later.json()["confirmed_at"] is None and later.json()["confirmed_by"] is None
    entry = HistoryEntry.objects.filter(assessment=a, action="activity.rescheduled").latest("id")
    assert entry.before["scheduled_at"].startswith("2026-03-04")
    assert entry.after["changed"] == ["scheduled_at", "indicators"]
    assert entry.after["indicators"] == ["I-2"]

    # Asking for nothing new changes nothing and writes no history.
    count = HistoryEntry.objects.filter(assessment=a).count()
    same = api.reviewer.patch(activities(a, f"{aid}/"), {"indicators": ["I-2"]}, format="json")
    assert same.status_code == 200
    assert HistoryEntry.objects.filter(assessment=a).count() == count


def test_moving_an_activity_names_every_problem_and_saves_nothing(
    world: dict[str, Any], api: Any
) -> None:
    a = world["a"]
    aid = plan(api.reviewer, a)["id"]
    response = api.reviewer.patch(
        activities(a, f"{aid}/"),
        {
            "scheduled_at": "minggu depan",
            "place": "",
            "meeting_link": "ftp://x",
            "indicators": ["X-1"],
            "participants": [{"role": "Staf"}],
        },
        format="json",
    )
    assert response.status_code == 400
    assert set(response.json()) >= {
        "scheduled_at",
        "meeting_link",
        "indicators",
        "participants[0].name",
    }
    activity = VerificationActivity.objects.get(pk=aid)
    assert activity.place == PLAN["place"] and activity.indicators == PLAN["indicators"]
    # Region people may not move it; another region's do not see it.
    assert (
        api.csco_a.patch(activities(a, f"{aid}/"), {"place": "X"}, format="json").status_code == 403
    )
    assert (
        api.csco_b.patch(activities(a, f"{aid}/"), {"place": "X"}, format="json").status_code == 404
    )


def test_a_cancelled_activity_keeps_its_reason_and_takes_nothing_more(
    world: dict[str, Any], api: Any
) -> None:
    a = world["a"]
    aid = plan(api.reviewer, a)["id"]
    cancel = activities(a, f"{aid}/cancel/")
    assert api.csco_a.post(cancel, {"reason": "Tidak bisa."}, format="json").status_code == 403
    assert api.csco_b.post(cancel, {"reason": "Tidak bisa."}, format="json").status_code == 404
    missing = api.reviewer.post(cancel, {"reason": "  "}, format="json")
    assert missing.status_code == 400 and "reason" in missing.json()
    assert VerificationActivity.objects.get(pk=aid).status == "planned"

    done = api.reviewer.post(
        cancel, {"reason": "Narasumber berhalangan; dijadwalkan ulang."}, format="json"
    )
    assert done.status_code == 200, done.json()
    body = done.json()
    assert body["status"] == "cancelled" and body["cancelled_by"] == "reviewer"
    assert body["cancel_reason"] == "Narasumber berhalangan; dijadwalkan ulang."
    assert body["cancelled_at"] is not None
    entry = HistoryEntry.objects.filter(assessment=a, action="activity.cancelled").get()
    assert entry.comment == body["cancel_reason"]

    # Nothing more happens to it: confirm, move, record, cancel again, minutes.
    for client, url, data in (
        (api.csco_a, activities(a, f"{aid}/confirm/"), None),
        (
            api.reviewer,
            activities(a, f"{aid}/record/"),
            {"held_at": "2026-03-04T09:00", "minutes": "x", "findings": []},
        ),
        (api.reviewer, cancel, {"reason": "Lagi."}),
    ):
        refused = client.post(url, data, format="json")
        assert refused.status_code == 409 and refused.json()["code"] == "activity_cancelled", url
    moved = api.reviewer.patch(activities(a, f"{aid}/"), {"place": "X"}, format="json")
    assert moved.status_code == 409 and moved.json()["code"] == "activity_cancelled"
    minutes = api.reviewer.post(activities(a, f"{aid}/minutes/"), {"language": "id"}, format="json")
    assert minutes.status_code == 409
    # It stays listed, marked, for everyone who reads the assessment.
    listed = api.csco_a.get(activities(a)).json()["results"]
    assert [(row["id"], row["status"]) for row in listed] == [(aid, "cancelled")]


def test_a_recorded_activity_can_be_neither_moved_nor_cancelled(
    world: dict[str, Any], api: Any
) -> None:
    a = world["a"]
    aid = plan(api.reviewer, a)["id"]
    recorded = api.reviewer.post(
        activities(a, f"{aid}/record/"),
        {"held_at": "2026-03-04T09:30:00+07:00", "minutes": MINUTES, "findings": []},
        format="json",
    )
    assert recorded.status_code == 200
    for response in (
        api.reviewer.patch(activities(a, f"{aid}/"), {"place": "X"}, format="json"),
        api.reviewer.post(activities(a, f"{aid}/cancel/"), {"reason": "Batal."}, format="json"),
    ):
        assert response.status_code == 409 and response.json()["code"] == "activity_recorded"


def test_activities_outside_scope_are_not_found(world: dict[str, Any], api: Any) -> None:
    a, b = world["a"], world["b"]
    aid = plan(api.reviewer, a)["id"]
    assert api.csco_b.get(activities(a)).status_code == 404
    assert api.csco_b.get(activities(a, f"{aid}/")).status_code == 404
    assert api.csco_b.post(activities(a, f"{aid}/confirm/")).status_code == 404
    # An activity is found only under its own assessment.
    assert api.reviewer.get(activities(b, f"{aid}/")).status_code == 404
    assert api.csco_a.get(activities(a, f"{aid}/")).status_code == 200
    # Region people read but do not plan.
    assert api.csco_a.post(activities(a), PLAN, format="json").status_code == 403
    assert api.observer.post(activities(a), PLAN, format="json").status_code == 403


def test_planning_needs_an_assessment_under_review(cast: Any, api: Any) -> None:
    cycle = make_open_cycle(framework=make_small_framework(code="draft"), name="Draf 2026")
    draft = make_assessment(REGION_A, cycle)
    response = api.reviewer.post(activities(draft), PLAN, format="json")
    assert response.status_code == 409 and response.json()["code"] == "transition_not_allowed"


def test_a_province_reviewer_plans_and_records_only_in_a_cycle_with_the_province_stage(
    cast: Any, world: dict[str, Any], api: Any
) -> None:
    province = api_client(member("prov_73", Role.PROVINCE_REVIEWER, "73"))
    # Without the stage the ministry verifies alone.
    refused = province.post(activities(world["a"]), PLAN, format="json")
    assert refused.status_code == 409 and refused.json()["code"] == "no_province_stage"

    cycle = make_open_cycle(
        framework=make_small_framework(code="actp"), name="Provinsi 2026", province_review=True
    )
    staged = submitted(REGION_A, cast.csco_a, cycle)
    other = submitted(REGION_B, cast.csco_b, cycle)
    assert province.post(activities(other), PLAN, format="json").status_code == 404
    aid = plan(province, staged, method="field_visit")["id"]
    recorded = province.post(
        activities(staged, f"{aid}/record/"),
        {"held_at": "2026-03-04T10:00:00+07:00", "minutes": MINUTES, "findings": FINDINGS[:1]},
        format="json",
    )
    assert recorded.status_code == 200, recorded.json()
    review = Review.objects.get(assessment=staged, indicator__code="I-1")
    assert review.comment.startswith(f"[Kunjungan lapangan 2026-03-04 #{aid}]")

    # The ministry's activity in the cycle without the stage: its minutes are not the province's.
    done = plan(api.reviewer, world["a"])["id"]
    api.reviewer.post(
        activities(world["a"], f"{done}/record/"),
        {"held_at": "2026-03-04T10:00:00+07:00", "minutes": MINUTES, "findings": FINDINGS[:1]},
        format="json",
    )
    minutes = province.post(activities(world["a"], f"{done}/minutes/"), {}, format="json")
    assert minutes.status_code == 409 and minutes.json()["code"] == "no_province_stage"

    # Once recommended to the ministry, the province plans no more.
    assert province.post(f"/api/v1/assessments/{staged.pk}/province-verify/").status_code == 200
    late = province.post(activities(staged), PLAN, format="json")
    assert late.status_code == 409


def test_files_are_checked_by_content_and_downloaded_by_readers(
    world: dict[str, Any], api: Any
) -> None:
    a = world["a"]
    aid = plan(api.reviewer, a)["id"]
    fake = SimpleUploadedFile(
        "berita-acara.pdf", b"<html><script>x</script></html>", "application/pdf"
    )
    refused = api.reviewer.post(activities(a, f"{aid}/files/"), {"file": fake}, format="multipart")
    assert refused.status_code == 400 and refused.json()["code"] == "file_not_accepted"
    assert "file" in refused.json()
    csv = SimpleUploadedFile("daftar.csv", b"nama,instansi\nAndi,Diskominfo\n", "text/csv")
    not_a_photo = api.reviewer.post(
        activities(a, f"{aid}/files/"), {"file": csv}, format="multipart"
    )
    assert not_a_photo.status_code == 400
    assert not ActivityFile.objects.exists()

    signed = SimpleUploadedFile("ba-ttd.pdf", TINY_PDF, "application/pdf")
    by_csco = api.csco_a.post(activities(a, f"{aid}/files/"), {"file": signed}, format="multipart")
    assert by_csco.status_code == 403
    signed.seek(0)
    created = api.reviewer.post(
        activities(a, f"{aid}/files/"), {"file": signed}, format="multipart"
    )
    assert created.status_code == 201, created.json()
    item = created.json()
    assert item["kind"] == "signed_minutes" and item["content_type"] == "application/pdf"

    got = api.csco_a.get(item["download_url"])
    assert got.status_code == 200
    assert b"".join(got.streaming_content) == TINY_PDF
    assert got["X-Content-Type-Options"] == "nosniff"
    assert api.csco_b.get(item["download_url"]).status_code == 404
    detail = api.csco_a.get(activities(a, f"{aid}/")).json()
    assert [f["id"] for f in detail["files"]] == [item["id"]]


def test_the_minutes_pdf_holds_the_minutes_the_method_and_every_indicator(
    world: dict[str, Any], api: Any, django_capture_on_commit_callbacks: Any
) -> None:
    a = world["a"]
    aid = plan(api.reviewer, a)["id"]
    early = api.reviewer.post(activities(a, f"{aid}/minutes/"), {}, format="json")
    assert early.status_code == 409 and early.json()["code"] == "activity_not_recorded"
    api.csco_a.post(activities(a, f"{aid}/confirm/"))
    recorded = api.reviewer.post(
        activities(a, f"{aid}/record/"),
        {"held_at": "2026-03-04T09:30:00+07:00", "minutes": MINUTES, "findings": FINDINGS},
        format="json",
    )
    assert recorded.status_code == 200
    assert api.csco_a.post(activities(a, f"{aid}/minutes/"), {}, format="json").status_code == 403

    with django_capture_on_commit_callbacks(execute=True):
        response = api.reviewer.post(
            activities(a, f"{aid}/minutes/"), {"language": "id"}, format="json"
        )
    assert response.status_code == 202, response.json()
    report = Report.objects.get(pk=response.json()["id"])
    assert report.kind == "minutes" and report.activity_id == aid
    assert report.status == "done", report.error
    content = download(api.csco_a, report.pk)
    text = pdf_text(content)
    assert MINUTES in text
    assert "Wawancara" in text
    for code in PLAN["indicators"]:
        assert code in text
    assert "Berita Acara Verifikasi" in text and "Perwakilan daerah" in text

    # Its HTML takes the rendering's fast path, the tree WeasyPrint's own parser would build.
    with translation.override(report.language):
        assert_parsed_alike(render_html("minutes", minutes_report_context(report)))

    # Archival and tagged like every PDF: PDF/A-3b, a tag tree with headings and tables, the
    # activity's data embedded as an associated file (relationship Data).
    title = report_title(content)
    assert "Berita Acara" in title
    pdf = assert_archival(content, language="id", title=title)
    kinds, _figures = structure(pdf)
    assert kinds["/H1"] >= 1 and kinds["/Table"] >= 1 and kinds["/TH"] >= 1
    (data,) = associated_data(pdf).values()
    embedded = json.loads(data)
    assert embedded["minutes"] == MINUTES
    assert [f["indicator"] for f in embedded["findings"]] == PLAN["indicators"]

    # Asking again with the same inputs reuses the finished job.
    again = api.reviewer.post(activities(a, f"{aid}/minutes/"), {"language": "id"}, format="json")
    assert again.status_code == 200 and again.json()["id"] == report.pk
    # The region's other side never sees it.
    assert api.csco_b.get(f"/api/v1/reports/{report.pk}/").status_code == 404

    with django_capture_on_commit_callbacks(execute=True):
        english = api.reviewer.post(
            activities(a, f"{aid}/minutes/"), {"language": "en"}, format="json"
        )
    text_en = pdf_text(download(api.reviewer, english.json()["id"]))
    assert "Verification Minutes" in text_en and "Interview" in text_en
