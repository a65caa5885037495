"""The programmes registry pages: the list with search and filters, the form (errors beside the
fields, in the person's language), the detail page with files and citing, the reviewer seeing the
cited programme beside the answer, and the public list of verified regions' shared programmes."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from maturity.assessments.models import Assessment, AssessmentStatus, Evidence
from maturity.assessments.services import lifecycle
from maturity.programmes.models import Programme
from tests.factories import (
    REGION_A,
    REGION_B,
    TINY_PDF,
    answer_everything,
    make_assessment,
    make_open_cycle,
)

pytestmark = pytest.mark.django_db

ROLES = ("csco_a", "contributor_a", "csco_b", "reviewer", "admin", "observer")


class Pages:
    """A browser client signed in as each member of the cast, plus an anonymous one."""

    def __init__(self, cast: Any) -> None:
        self.anon = Client()
        for role in ROLES:
            client = Client()
            client.force_login(getattr(cast, role))
            setattr(self, role, client)

    def __getitem__(self, role: str) -> Client:
        return getattr(self, role)  # type: ignore[no-any-return]


@pytest.fixture
def pages(cast: Any) -> Pages:
    return Pages(cast)


@pytest.fixture
def homecare(cast: Any) -> Programme:
    return Programme.objects.create(
        region=cast.region_a,
        name="Dottorota Teammu (HomeCare)",
        element_code="E1",
        indicator_codes=["HEA-1", "HEA-2"],
        shared=True,
        agency="Dinas Kesehatan",
        description_id="Kunjungan kesehatan ke rumah warga melalui panggilan 112.",
        description_en="Home health-care visits booked through the 112 call centre.",
        url="https://makassarkota.go.id",
        launch_year=2017,
    )


@pytest.fixture
def draft(cast: Any) -> Programme:
    return Programme.objects.create(
        region=cast.region_a,
        name="Lorong Wisata Digital",
        element_code="E3",
        indicator_codes=["GOV-2"],
        shared=False,
        description_id="Rancangan layanan lorong.",
        description_en="Alley services draft.",
    )


def text(response: Any) -> str:
    return response.content.decode()


FORM = {
    "region": REGION_A,
    "name": "Makassar Recover",
    "description_id": "Aplikasi pemantauan pemulihan ekonomi warga.",
    "description_en": "An app that follows residents' economic recovery.",
    "element": "E3",
    "indicators": ["GOV-2", "TEL-K1"],
    "status": "running",
    "launch_year": "2020",
    "agency": "Dinas Komunikasi dan Informatika",
    "url": "https://makassarkota.go.id",
    "users_count": "",
    "users_year": "",
    "transactions_count": "",
    "transactions_year": "",
    "shared": "on",
}


# --- The registry list ------------------------------------------------------------------------


def test_another_region_finds_a_shared_programme_by_words_in_either_language(
    pages: Pages, homecare: Programme
) -> None:
    for words in ("kunjungan kesehatan", "home health-care"):
        page = pages.csco_b.get("/programmes/", {"q": words})
        assert page.status_code == 200
        assert homecare.name in text(page)
    nothing = pages.csco_b.get("/programmes/", {"q": "irigasi"})
    assert homecare.name not in text(nothing)


def test_a_draft_programme_is_listed_for_its_region_only(
    pages: Pages, homecare: Programme, draft: Programme
) -> None:
    assert draft.name not in text(pages.csco_b.get("/programmes/"))
    assert pages.csco_b.get(f"/programmes/{draft.pk}/").status_code == 404
    assert draft.name in text(pages.contributor_a.get("/programmes/"))
    assert draft.name in text(pages.reviewer.get("/programmes/"))
    assert homecare.name in text(pages.csco_b.get("/programmes/"))


def test_the_list_filters_by_element_indicator_province_kind_and_status(
    pages: Pages, homecare: Programme
) -> None:
    shown = {
        "element": "E1",
        "indicator": "HEA-2",
        "province": "73",
        "kind": "kota",
        "status": "running",
    }
    hidden = {
        "element": "E2",
        "indicator": "TRA-6",
        "province": "35",
        "kind": "kabupaten",
        "status": "planned",
    }
    for name, value in shown.items():
        assert homecare.name in text(pages.csco_b.get("/programmes/", {name: value})), name
    for name, value in hidden.items():
        assert homecare.name not in text(pages.csco_b.get("/programmes/", {name: value})), name


def test_the_list_needs_a_sign_in(pages: Pages) -> None:
    response = pages.anon.get("/programmes/")

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_list_page_runs_in_constant_queries(
    pages: Pages, cast: Any, django_assert_max_num_queries: Any
) -> None:
    for n in range(8):
        Programme.objects.create(
            region=cast.region_a if n % 2 else cast.region_b,
            name=f"Program {n}",
            element_code="E3",
            shared=True,
        )
    with django_assert_max_num_queries(12):
        response = pages.csco_b.get("/programmes/", {"indicator": "", "q": "Program"})
    assert text(response).count("Program 7") == 1


# --- The form ---------------------------------------------------------------------------------


def test_csco_registers_a_programme_through_the_form(pages: Pages) -> None:
    response = pages.csco_a.post("/programmes/new/", FORM)

    programme = Programme.objects.get(name="Makassar Recover")
    assert response.status_code == 302
    assert response["Location"] == f"/programmes/{programme.pk}/"
    assert programme.region.code == REGION_A
    assert programme.indicator_codes == ["GOV-2", "TEL-K1"]
    assert programme.shared and programme.launch_year == 2020
    detail = text(pages.csco_a.get(response["Location"]))
    assert "An app that follows residents" in detail
    assert "Aplikasi pemantauan pemulihan" in detail


def test_form_errors_stand_beside_their_fields_in_indonesian(pages: Pages) -> None:
    future = str(timezone.localdate().year + 1)
    bad = {
        **FORM,
        "indicators": ["GOV-2", "XYZ-9"],
        "launch_year": future,
        "url": "ftp://makassarkota.go.id",
        "users_count": "5000",
    }

    response = pages.csco_a.post("/programmes/new/", bad)

    assert response.status_code == 400
    body = text(response)
    assert "Indikator tidak ada dalam kerangka yang berlaku: XYZ-9" in body
    assert "Tahun tidak boleh di masa depan" in body
    assert "Harus alamat web http:// atau https://" in body
    assert "Tahun angka ini wajib diisi" in body
    assert "Must be a web address" not in body
    assert 'id="id_url_error"' in body
    assert not Programme.objects.exists()


def test_form_errors_come_in_english_when_english_is_chosen(pages: Pages) -> None:
    pages.csco_a.post("/i18n/setlang/", {"language": "en", "next": "/"})

    response = pages.csco_a.post("/programmes/new/", {**FORM, "element": "E9"})

    assert response.status_code == 400
    assert "Element &#x27;E9&#x27; is not in the current framework." in text(response)


@pytest.mark.parametrize("role", ["reviewer", "observer", "admin"])
def test_ministry_staff_have_no_registration_form(pages: Pages, role: str) -> None:
    assert pages[role].get("/programmes/new/").status_code == 403


def test_contributor_edits_the_regions_programme(pages: Pages, homecare: Programme) -> None:
    form = pages.contributor_a.get(f"/programmes/{homecare.pk}/edit/")
    assert form.status_code == 200
    assert 'value="2017"' in text(form)

    body = {
        **FORM,
        "name": homecare.name,
        "element": "E1",
        "indicators": ["HEA-1"],
        "status": "retired",
    }
    body.pop("region")
    response = pages.contributor_a.post(f"/programmes/{homecare.pk}/edit/", body)

    assert response.status_code == 302
    homecare.refresh_from_db()
    assert homecare.status == "retired" and homecare.indicator_codes == ["HEA-1"]


def test_another_region_cannot_reach_a_programmes_edit_form_or_delete_it(
    pages: Pages, homecare: Programme
) -> None:
    assert pages.csco_b.get(f"/programmes/{homecare.pk}/edit/").status_code == 404
    assert pages.csco_b.post(f"/programmes/{homecare.pk}/delete/").status_code == 404
    assert pages.reviewer.get(f"/programmes/{homecare.pk}/edit/").status_code == 403
    assert Programme.objects.filter(pk=homecare.pk).exists()


# --- Files and citing on the detail page ------------------------------------------------------


def test_csco_uploads_a_brochure_that_another_region_can_download(
    pages: Pages, homecare: Programme
) -> None:
    upload = SimpleUploadedFile("brosur.pdf", TINY_PDF, "application/pdf")
    response = pages.csco_a.post(f"/programmes/{homecare.pk}/files/", {"file": upload})
    assert response.status_code == 302
    item = homecare.files.get()

    detail = text(pages.csco_b.get(f"/programmes/{homecare.pk}/"))
    assert "brosur.pdf" in detail
    download = pages.csco_b.get(f"/programmes/{homecare.pk}/files/{item.pk}/download/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == TINY_PDF


def test_a_file_of_a_refused_type_is_shown_as_an_error_beside_the_file_field(
    pages: Pages, homecare: Programme
) -> None:
    upload = SimpleUploadedFile("brosur.pdf", b"MZ\x90\x00" + b"\x00" * 64, "application/pdf")

    response = pages.csco_a.post(f"/programmes/{homecare.pk}/files/", {"file": upload})

    assert response.status_code == 400
    assert "Jenis berkas tidak diterima" in text(response)
    assert not homecare.files.exists()


def test_csco_cites_the_programme_from_its_page_and_the_reviewer_sees_it_beside_the_answer(
    pages: Pages, cast: Any, homecare: Programme
) -> None:
    assessment = make_assessment(REGION_A, make_open_cycle())
    detail = text(pages.csco_a.get(f"/programmes/{homecare.pk}/"))
    assert "Kutip sebagai data dukung" in detail

    response = pages.csco_a.post(
        f"/programmes/{homecare.pk}/cite/", {"assessment": assessment.pk, "indicator": "HEA-2"}
    )

    assert response.status_code == 302
    cited = Evidence.objects.get(assessment=assessment)
    assert cited.programme == homecare and cited.indicator.code == "HEA-2"
    answer_everything(assessment, cast.csco_a)
    lifecycle.submit(user=cast.csco_a, assessment=assessment)
    review = text(pages.reviewer.get(f"/assessments/{assessment.pk}/review/elements/E1/"))
    assert homecare.name in review
    assert f'href="/programmes/{homecare.pk}/"' in review
    programme_page = text(pages.reviewer.get(f"/programmes/{homecare.pk}/"))
    assert "Dikutip sebagai data dukung" in programme_page


def test_citing_another_regions_programme_is_not_offered(pages: Pages, homecare: Programme) -> None:
    banyuwangi = make_assessment(REGION_B, make_open_cycle())

    assert "Kutip sebagai data dukung" not in text(pages.csco_b.get(f"/programmes/{homecare.pk}/"))
    response = pages.csco_b.post(
        f"/programmes/{homecare.pk}/cite/", {"assessment": banyuwangi.pk, "indicator": "HEA-2"}
    )
    assert response.status_code == 403
    assert not Evidence.objects.exists()


def test_citing_an_unknown_indicator_is_shown_beside_the_indicator_field(
    pages: Pages, homecare: Programme
) -> None:
    assessment = make_assessment(REGION_A, make_open_cycle())

    response = pages.csco_a.post(
        f"/programmes/{homecare.pk}/cite/", {"assessment": assessment.pk, "indicator": "NOPE-1"}
    )

    assert response.status_code == 400
    assert "Indikator &#x27;NOPE-1&#x27; tidak ada" in text(response)


# --- The public page --------------------------------------------------------------------------


def test_the_public_page_shows_shared_programmes_of_regions_with_an_approved_assessment(
    pages: Pages, cast: Any, homecare: Programme, draft: Programme
) -> None:
    unverified = Programme.objects.create(
        region=cast.region_b, name="Homestay Naik Kelas", element_code="E1", shared=True
    )
    assert homecare.name not in text(pages.anon.get("/open/programmes/"))

    assessment = make_assessment(REGION_A, make_open_cycle())
    Assessment.objects.filter(pk=assessment.pk).update(status=AssessmentStatus.APPROVED)
    page = pages.anon.get("/open/programmes/")

    assert page.status_code == 200
    assert homecare.name in text(page)
    assert draft.name not in text(page)
    assert unverified.name not in text(page)
    found = pages.anon.get("/open/programmes/", {"q": "home health-care"})
    assert homecare.name in text(found)
    detail = pages.anon.get(f"/open/programmes/{homecare.pk}/")
    assert detail.status_code == 200
    assert "Home health-care visits" in text(detail)
    assert pages.anon.get(f"/open/programmes/{draft.pk}/").status_code == 404
    assert pages.anon.get(f"/open/programmes/{unverified.pk}/").status_code == 404


def test_the_registry_is_in_the_menu_and_speaks_english_when_chosen(
    pages: Pages, homecare: Programme
) -> None:
    assert 'href="/programmes/"' in text(pages.csco_b.get("/programmes/"))
    pages.csco_b.post("/i18n/setlang/", {"language": "en", "next": "/"})

    page = text(pages.csco_b.get("/programmes/"))

    assert "Smart-city programmes" in page
    assert "Register a programme" in page  # CSCO of Banyuwangi may register its own
    assert "Home health-care visits" in page  # the English description in English
    detail = text(pages.csco_b.get(f"/programmes/{homecare.pk}/"))
    assert "Description (English)" in detail
    assert "Kutip sebagai data dukung" not in detail and "Cite as evidence" not in detail
