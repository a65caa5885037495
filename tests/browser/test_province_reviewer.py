"""The province stage in Chromium: the province reviewer of Sulawesi Selatan finds Kota Makassar
in their queue, records a verified level, recommends it to the ministry, and the ministry's
reviewer then approves it."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser]


@pytest.fixture
def staged(browser_world):  # type: ignore[no-untyped-def]
    """Kota Makassar submitted in a cycle with the province stage; a province reviewer of 73."""
    from cities.models import Role
    from maturity.assessments.models import Assessment
    from maturity.assessments.services import lifecycle
    from tests.factories import answer_everything, member

    cast, cycle = browser_world
    cycle.province_review = True
    cycle.save(update_fields=["province_review"])
    assessment = Assessment.objects.create(cycle=cycle, region=cast.region_a)
    answer_everything(assessment, cast.csco_a)
    lifecycle.submit(user=cast.csco_a, assessment=assessment)
    member("provinsi_73", Role.PROVINCE_REVIEWER, "73")
    return assessment


def test_the_province_reviewer_verifies_and_the_ministry_approves(staged, open_page, shoot):
    assessment = staged
    province = open_page()
    sign_in(province, "provinsi_73")
    expect(province.locator("h1")).to_have_text("Antrean tinjauan")
    row = province.locator("tr", has_text="Kota Makassar")
    expect(row).to_contain_text("Diajukan")
    shoot(province, "province-queue")
    row.locator("a:has-text('Tinjau')").click()
    expect(province.locator("h1")).to_contain_text("Tinjauan Kota Makassar")
    # The province reviewer records and recommends; approving is the ministry's.
    expect(province.locator("button:has-text('Setujui penilaian')")).to_have_count(0)
    card = province.locator("#rev-EDU-1")
    card.locator("select[name=verified_level]").select_option("2")
    card.locator("textarea[name=comment]").fill("Dicek saat kunjungan lapangan.")
    card.locator("select[name=verified_level]").focus()
    expect(card.locator("[data-savestate]")).to_contain_text("Tersimpan")
    province.fill("#id_province-comment", "Direkomendasikan dengan catatan EDU-1.")
    shoot(province, "province-review", full_page=True)
    province.click("button:has-text('Rekomendasikan ke kementerian')")
    expect(province.locator(".alert--success")).to_contain_text("diverifikasi provinsi")
    assessment.refresh_from_db()
    assert assessment.status == "province_verified"

    ministry = open_page()
    sign_in(ministry, "reviewer")
    ministry.goto(f"/assessments/{assessment.pk}/review/")
    expect(ministry.locator(".alert--info").first).to_contain_text(
        "Direkomendasikan dengan catatan EDU-1."
    )
    expect(ministry.locator(".badge--province_verified")).to_have_text("Diverifikasi provinsi")
    ministry.once("dialog", lambda dialog: dialog.accept())
    ministry.click("button:has-text('Setujui penilaian')")
    expect(ministry.locator(".alert--success")).to_contain_text("disetujui")
    assessment.refresh_from_db()
    assert assessment.status == "approved"
