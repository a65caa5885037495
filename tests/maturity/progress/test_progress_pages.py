"""The region's progress page: the index by year over the level bands, change and ranks, the
roadmap as a checklist, and the improvement plan the CSCO keeps."""

from __future__ import annotations

import pytest
from django.test import Client

from maturity.frameworks.models import Indicator
from maturity.progress.models import PlannedStep
from tests.factories import REGION_A, REGION_B
from tests.maturity.progress.test_progress_api import PAREPARE, cycle_of, scored, small_framework

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def two_years():  # type: ignore[no-untyped-def]
    framework = small_framework()
    last_year, this_year = cycle_of(framework, 2025), cycle_of(framework, 2026)
    scored(last_year, REGION_A, 2)
    scored(this_year, REGION_A, 3)
    scored(this_year, PAREPARE, 4)
    return framework, this_year


def test_the_csco_sees_the_years_the_ranks_and_the_roadmap(cast, two_years):
    html = signed_in(cast.csco_a).get(f"/regions/{REGION_A}/progress/").content.decode()
    assert "Perkembangan Kota Makassar" in html
    assert "<svg" in html and "M3 Madya" in html  # the chart over the level bands
    assert "2025" in html and "2026" in html
    assert "1.00" in html or "1,00" in html  # the change since 2025
    assert "Menuju M4 Utama (Platinum)" in html
    assert "Masukkan ke rencana" in html  # the CSCO may plan


def test_the_page_speaks_english_when_asked(cast, two_years):
    html = signed_in(cast.csco_a).get(f"/regions/{REGION_A}/progress/?lang=en").content.decode()
    assert "Progress of Kota Makassar" in html and "Towards M4 Advanced (Platinum)" in html


def test_a_reviewer_reads_any_region_in_scope_but_does_not_plan(cast, two_years):
    html = signed_in(cast.reviewer).get(f"/regions/{REGION_A}/progress/").content.decode()
    assert "Perkembangan Kota Makassar" in html and "Masukkan ke rencana" not in html
    assert signed_in(cast.csco_b).get(f"/regions/{REGION_A}/progress/").status_code == 404
    assert Client().get(f"/regions/{REGION_A}/progress/").status_code == 302


def test_the_home_loads_the_summary(cast, two_years):
    home = signed_in(cast.csco_a).get("/").content.decode()
    assert f"/regions/{REGION_A}/progress/?part=summary" in home
    summary = signed_in(cast.csco_a).get(f"/regions/{REGION_A}/progress/?part=summary")
    assert "<svg" in summary.content.decode() and "<html" not in summary.content.decode()


def test_the_csco_adopts_and_removes_a_step(cast, two_years):
    framework, this_year = two_years
    code = Indicator.objects.filter(framework=framework).order_by("position").first().code
    step = {
        "cycle": this_year.pk,
        "indicator": code,
        "to_level": 4,
        "agency": "Dinas Kominfo",
        "due_on": "2099-03-31",
    }
    client = signed_in(cast.csco_a)
    response = client.post(f"/regions/{REGION_A}/plan/adopt/", step, follow=True)
    assert "Langkah masuk ke rencana perbaikan." in response.content.decode()
    planned = PlannedStep.objects.get()
    assert (planned.indicator_code, planned.to_level, planned.agency) == (code, 4, "Dinas Kominfo")
    assert "Dinas Kominfo" in client.get(f"/regions/{REGION_A}/progress/").content.decode()

    refused = client.post(
        f"/regions/{REGION_A}/plan/adopt/", {**step, "due_on": "2001-01-01"}, follow=True
    )
    assert "Tanggal jatuh tempo harus setelah hari ini." in refused.content.decode()
    assert (
        signed_in(cast.contributor_a).post(f"/regions/{REGION_A}/plan/adopt/", step).status_code
        == 403
    )
    assert signed_in(cast.csco_b).post(f"/regions/{REGION_A}/plan/adopt/", step).status_code == 404
    removed = client.post(f"/regions/{REGION_A}/plan/{planned.pk}/remove/", follow=True)
    assert "Langkah dihapus dari rencana." in removed.content.decode()
    assert not PlannedStep.objects.exists()


def test_a_region_without_scores_says_so(cast):
    small_framework()
    html = signed_in(cast.csco_b).get(f"/regions/{REGION_B}/progress/").content.decode()
    assert "Belum ada siklus dengan skor untuk wilayah ini." in html


def test_the_board_links_each_region_to_its_progress(cast, two_years):
    html = signed_in(cast.reviewer).get("/board/?province=73").content.decode()
    assert f'href="/regions/{REGION_A}/progress/"' in html
