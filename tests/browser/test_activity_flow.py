"""Recording a verification activity in a real browser: a reviewer plans an interview from a
prefilled link, the region's CSCO confirms attendance, the reviewer records the findings on the
activity's page, and the review page then shows the verified level with the activity cited."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser]


def test_a_reviewer_plans_and_records_an_interview_in_the_browser(browser_world, open_page, shoot):
    cast, cycle = browser_world
    from maturity.assessments.models import Assessment, Review
    from maturity.assessments.services import lifecycle
    from tests.factories import answer_everything

    assessment = Assessment.objects.create(cycle=cycle, region=cast.region_a)
    answer_everything(assessment, cast.csco_a, level=3)
    lifecycle.submit(user=cast.csco_a, assessment=assessment)

    # --- The reviewer plans an interview from a link that fills the form in --------------------
    reviewer = open_page()
    sign_in(reviewer, "reviewer")
    reviewer.goto(
        f"/assessments/{assessment.pk}/activities/new/?method=interview&indicators=EDU-1,HEA-2"
    )
    expect(reviewer.locator("h1")).to_have_text("Rencanakan kegiatan verifikasi")
    expect(reviewer.locator("#id_method")).to_have_value("interview")
    expect(reviewer.locator("input[name=indicators][value='EDU-1']")).to_be_checked()
    expect(reviewer.locator("input[name=indicators][value='HEA-2']")).to_be_checked()
    expect(reviewer.locator("input[name=indicators][value='EDU-2']")).not_to_be_checked()

    # Everything wrong at once: no time, no place, a participant without a name.
    reviewer.fill("#id_participants", "; Staf; Diskominfo")
    reviewer.click("button:has-text('Simpan rencana')")
    expect(reviewer.locator("#id_scheduled_at_error")).to_contain_text("Wajib diisi")
    expect(reviewer.locator("#id_place_error")).to_be_visible()
    expect(reviewer.locator("#id_participants_error")).to_contain_text("Baris 1")

    when = timezone.localtime() - datetime.timedelta(days=1)
    reviewer.fill("#id_scheduled_at", when.strftime("%Y-%m-%dT09:00"))
    reviewer.fill("#id_place", "Kantor Diskominfo Kota Makassar")
    reviewer.fill(
        "#id_participants",
        "Andi Rahman; Kepala Bidang; Diskominfo Kota Makassar\n"
        "Sri Wahyuni; Verifikator; Kemendagri",
    )
    shoot(reviewer, "activity-plan", full_page=True)
    reviewer.click("button:has-text('Simpan rencana')")
    expect(reviewer.locator(".alert--success")).to_contain_text("Kegiatan verifikasi direncanakan")
    expect(reviewer.locator("h1")).to_contain_text("Wawancara")
    activity_url = reviewer.url

    # --- The region's CSCO sees it and confirms attendance --------------------------------------
    csco = open_page()
    sign_in(csco, "csco_a")
    csco.goto(activity_url)
    expect(csco.locator("#record")).to_have_count(0)
    csco.click("button:has-text('Konfirmasi kehadiran')")
    expect(csco.locator(".alert--success")).to_contain_text("Kehadiran dikonfirmasi")
    expect(csco.locator(".facts")).to_contain_text("Dikonfirmasi oleh csco_a")

    # --- The reviewer records the findings, one row per indicator --------------------------------
    reviewer.goto(activity_url)
    reviewer.fill("#id_held_at", when.strftime("%Y-%m-%dT09:30"))
    reviewer.fill("#id_minutes", "Wawancara dengan Kepala Bidang; dasbor layanan diperiksa.")
    reviewer.select_option("#id_level_EDU-1", "2")
    reviewer.fill("#id_comment_EDU-1", "Cakupan baru separuh sekolah.")
    reviewer.select_option("#id_level_HEA-2", "na")
    shoot(reviewer, "activity-record", full_page=True)
    reviewer.click("button:has-text('Simpan hasil')")
    expect(reviewer.locator(".alert--success")).to_contain_text("Kegiatan dicatat")
    findings = reviewer.locator("#findings-table")
    expect(findings).to_contain_text("EDU-1")
    expect(findings).to_contain_text("Tidak berlaku")
    shoot(reviewer, "activity-recorded", full_page=True)

    # --- The review shows the level, citing the activity -----------------------------------------
    reviewer.click("a:has-text('Lihat tinjauan penilaian')")
    expect(reviewer.locator("#id_EDU-1_review_verified_level")).to_have_value("2")
    expect(reviewer.locator("#id_EDU-1_review_comment")).to_have_value(
        f"[Wawancara {when.date().isoformat()} #{activity_url.rstrip('/').rsplit('/', 1)[-1]}] "
        "Cakupan baru separuh sekolah."
    )
    review = Review.objects.get(assessment=assessment, indicator__code="EDU-1")
    assert review.verified_level == 2
