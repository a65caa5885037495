"""The product as people use it, in a real browser, with a real worker: a contributor fills the
questionnaire (autosave seen) and uploads evidence, the CSCO submits, a reviewer (in English)
returns it with a comment, the CSCO fixes and resubmits, the reviewer approves, the CSCO downloads
the PDF; the other region's CSCO can open none of it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from tests.factories import TINY_PDF

pytestmark = [pytest.mark.browser, pytest.mark.integration]


def answer_quantitative(page, code: str, value: str, saved: str = "Tersimpan") -> None:  # type: ignore[no-untyped-def]
    card = page.locator(f"#ind-{code}")
    card.locator("input[name=value]").fill(value)
    card.locator("input[name=source]").fill("Dinas terkait")
    card.locator("input[name=year]").focus()  # leaving the field fires "change": autosave
    expect(card.locator("[data-savestate]")).to_contain_text(saved)


def answer_choice(page, code: str, label: str) -> None:  # type: ignore[no-untyped-def]
    card = page.locator(f"#ind-{code}")
    card.locator("label.choice", has_text=label).first.click()
    expect(card.locator("[data-savestate]")).to_contain_text("Tersimpan")


def neighbours_reviewed(cycle, reviewer) -> None:  # type: ignore[no-untyped-def]
    """Three more regions of the province, approved at different levels (through the services),
    so that the national board has something to compare."""
    from maturity.assessments.models import Assessment
    from maturity.assessments.services import lifecycle
    from tests.factories import answer_everything, member

    for code, level in (("73.72", 2), ("73.73", 4), ("73.02", 3)):
        csco = member(f"csco_{code}", "csco", code)
        region_id = csco.memberships.get().region_id
        assessment = Assessment.objects.create(cycle=cycle, region_id=region_id)
        answer_everything(assessment, csco, level=level)
        lifecycle.submit(user=csco, assessment=assessment)
        if code != "73.02":
            lifecycle.approve(user=reviewer, assessment=assessment)


def test_assessment_goes_from_answers_to_approved_pdf_in_the_browser(
    live_worker, browser_world, open_page, shoot
):
    cast, cycle = browser_world
    from maturity.assessments.models import Assessment, AssessmentStatus

    assessment = Assessment.objects.create(cycle=cycle, region=cast.region_a)
    base = f"/assessments/{assessment.pk}/"

    # --- The contributor fills the questionnaire (in Indonesian: the default) -------------------
    contributor = open_page()
    contributor.goto("/accounts/login/")
    expect(contributor.locator("html")).to_have_attribute("lang", "id")
    shoot(contributor, "login")
    sign_in(contributor, "contributor_a")
    expect(contributor.locator("h1")).to_have_text("Kota Makassar")
    shoot(contributor, "home")
    contributor.click("text=Isi kuesioner")
    expect(contributor).to_have_url(re.compile(base + "$"))
    answer_quantitative(contributor, "EDU-1", "150", saved="Belum tersimpan")  # over 100 %
    expect(contributor.locator("#err-EDU-1-value")).to_contain_text(
        "Persentase harus antara 0 dan 100."
    )
    answer_quantitative(contributor, "EDU-1", "72,5")
    expect(contributor.locator("#err-EDU-1-value")).to_be_empty()
    expect(contributor.locator("#overall-completeness")).to_have_text(re.compile(r"16[,.]7%"))
    answer_choice(contributor, "EDU-2", "M4")
    answer_quantitative(contributor, "HEA-1", "45")
    answer_choice(contributor, "HEA-2", "M3")
    evidence = contributor.locator("#evidence-EDU-1")
    evidence.locator("input[type=file]").set_input_files(
        {"name": "sk-wali-kota.pdf", "mimeType": "application/pdf", "buffer": TINY_PDF}
    )
    evidence.locator("button", has_text="Unggah").click()
    expect(contributor.locator("#evidence-EDU-1 .evidence__list")).to_contain_text(
        "sk-wali-kota.pdf"
    )
    contributor.locator("#ind-EDU-1").scroll_into_view_if_needed()
    shoot(contributor, "questionnaire")
    contributor.click("#element-nav a:has-text('Kota hijau dan aman')")
    answer_choice(contributor, "WAT-1", "Ya")
    answer_quantitative(contributor, "WAT-2", "88")
    expect(contributor.locator("#overall-completeness")).to_have_text(re.compile(r"100[,.]0%"))

    # --- The CSCO submits -------------------------------------------------------------------------
    csco = open_page()
    sign_in(csco, "csco_a")
    csco.goto(base + "submit/")
    expect(csco.locator("h2", has_text="Siap diajukan")).to_be_visible()
    shoot(csco, "submit")
    csco.once("dialog", lambda dialog: dialog.accept())
    csco.click("button:has-text('Ajukan penilaian')")
    expect(csco.locator(".alert--success")).to_contain_text("Penilaian diajukan")

    # --- The reviewer works in English, returns with a comment -----------------------------------
    reviewer = open_page()
    sign_in(reviewer, "reviewer")
    reviewer.click(".langswitch button[value=en]")
    expect(reviewer.locator("h1")).to_have_text("Review queue")
    expect(reviewer.locator("table")).to_contain_text("Kota Makassar")
    shoot(reviewer, "review-queue")
    reviewer.click("a:has-text('Review')  >> nth=-1")
    expect(reviewer.locator("h1")).to_contain_text("Review of Kota Makassar")
    card = reviewer.locator("#rev-EDU-1")
    expect(card).to_contain_text("72.5 %")
    expect(card).to_contain_text("sk-wali-kota.pdf")
    card.locator("select[name=verified_level]").select_option("2")
    card.locator("textarea[name=comment]").fill("Data Dapodik 2025 belum dilampirkan.")
    card.locator("select[name=verified_level]").focus()
    expect(card.locator("[data-savestate]")).to_contain_text("Saved")
    shoot(reviewer, "review")
    reviewer.click("button:has-text('Return to the region')")  # no comment yet
    expect(reviewer.locator("#id_comment_error")).to_contain_text("This field is required.")
    reviewer.fill("#id_comment", "Lengkapi data dukung pendidikan.")
    reviewer.click("button:has-text('Return to the region')")
    expect(reviewer.locator(".alert--success")).to_contain_text("was returned to the region")
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.RETURNED

    # --- The CSCO sees the comments, fixes and resubmits ----------------------------------------
    csco.goto("/")
    expect(csco.locator(".alert--warning")).to_contain_text("Lengkapi data dukung pendidikan.")
    csco.click("text=Isi kuesioner")
    expect(csco.locator("#ind-EDU-1 .review-note")).to_contain_text(
        "Data Dapodik 2025 belum dilampirkan."
    )
    shoot(csco, "returned")
    answer_quantitative(csco, "EDU-1", "68")
    csco.goto(base + "submit/")
    csco.once("dialog", lambda dialog: dialog.accept())
    csco.click("button:has-text('Ajukan kembali')")
    expect(csco.locator(".alert--success")).to_contain_text("Penilaian diajukan")

    # --- The reviewer approves ---------------------------------------------------------------
    reviewer.goto(base + "review/")
    reviewer.once("dialog", lambda dialog: dialog.accept())
    reviewer.click("button:has-text('Approve the assessment')")
    expect(reviewer.locator(".alert--success")).to_contain_text("was approved")
    neighbours_reviewed(cycle, cast.reviewer)
    reviewer.goto(f"/board/?cycle={cycle.pk}&province=73")
    expect(reviewer.locator("#region-table")).to_contain_text("Kota Makassar")
    expect(reviewer.locator(".stat", has_text="Approved").locator(".stat__value")).to_have_text("3")
    shoot(reviewer, "board")

    # --- The CSCO reads the score and downloads the PDF made by the worker ------------------------
    csco.goto(base + "score/")
    for _ in range(60):  # the worker computes the verified score
        if (
            csco.locator(".bigscore").count()
            and "—" not in csco.locator(".scorehead .stat >> nth=1").inner_text()
        ):
            break
        csco.wait_for_timeout(500)
        csco.reload()
    expect(csco.locator(".scorehead")).to_contain_text("Indeks terverifikasi")
    csco.click("button:has-text('Buat laporan (Bahasa Indonesia)')")
    download_link = csco.locator("#report-jobs [data-report-download]").first
    expect(download_link).to_be_visible(timeout=120_000)
    csco.evaluate("window.scrollTo(0, 0)")
    shoot(csco, "score")
    href = download_link.get_attribute("href")
    response = csco.request.get(href)
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")
    with csco.expect_download() as download:
        download_link.click()
    assert download.value.suggested_filename.endswith(".pdf")

    # --- The other region's CSCO can open none of it -------------------------------------------
    other = open_page()
    sign_in(other, "csco_b")
    from maturity.assessments.models import Evidence

    evidence_id = Evidence.objects.get(assessment=assessment).pk
    for path in (
        "",
        "elements/E2/",
        "submit/",
        "score/",
        "review/",
        f"evidence/{evidence_id}/download/",
    ):
        assert other.goto(base + path).status == 404, path
    assert other.request.get(href).status == 404
    assert "Kota Makassar" not in other.goto("/").text()


def test_a_browser_set_to_english_gets_english_pages_and_can_switch_back(open_page):
    page = open_page(locale="en-US")
    page.goto("/accounts/login/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_text("Forgot your password?")).to_be_visible()
    page.goto("/accounts/login/?lang=id")
    expect(page.locator("html")).to_have_attribute("lang", "id")
    expect(page.get_by_text("Lupa kata sandi?")).to_be_visible()
