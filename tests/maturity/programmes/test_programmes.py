"""The smart-city programmes registry through the HTTP API: register a programme, find it from
another region by searching in Indonesian and in English, keep drafts to the region, cite a
programme as an assessment's evidence, see it in the reviewer's evidence list and in both reports
(read back from the PDF), and refuse bad input by field."""

from __future__ import annotations

import datetime
import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from cities.models import Region
from maturity.assessments.models import Evidence, HistoryEntry
from maturity.assessments.services import lifecycle
from maturity.frameworks.models import Indicator
from maturity.programmes.models import Programme
from maturity.scores.services import refresh_snapshots
from tests.factories import (
    REGION_A,
    REGION_B,
    TINY_PDF,
    answer_everything,
    make_assessment,
    make_open_cycle,
)
from tests.reports.conftest import download, pdf_text

pytestmark = pytest.mark.django_db

URL = "/api/v1/programmes/"

HOMECARE = {
    "name": "Dottorota Teammu (HomeCare)",
    "description_id": "Layanan kunjungan kesehatan ke rumah warga melalui panggilan darurat 112, "
    "dengan mobil yang membawa dokter, perawat dan alat telemedisin.",
    "description_en": "Home health-care visits booked through the 112 call centre: a car brings "
    "a doctor, a nurse and telemedicine equipment to the patient's door.",
    "element": "E1",
    "indicators": ["HEA-1", "HEA-2"],
    "status": "running",
    "launch_year": 2017,
    "agency": "Dinas Kesehatan Kota Makassar",
    "url": "https://makassarkota.go.id",
    "users_count": 125000,
    "users_year": 2025,
    "shared": True,
}


def register(client: Any, **changes: Any) -> Any:
    return client.post(URL, {**HOMECARE, **changes}, format="json")


def names(response: Any) -> list[str]:
    assert response.status_code == 200, response.content[:300]
    return [row["name"] for row in response.json()["results"]]


# --- Registering ------------------------------------------------------------------------------


def test_csco_registers_a_programme_with_both_descriptions_indicators_and_figures(
    api: Any,
) -> None:
    response = register(api.csco_a, region=REGION_A)

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["region"] == REGION_A
    assert body["region_name"] == "Kota Makassar"
    assert body["element"] == "E1"
    assert body["indicators"] == ["HEA-1", "HEA-2"]
    assert body["users_count"] == 125000 and body["users_year"] == 2025
    assert body["description_en"].startswith("Home health-care visits")
    assert body["shared"] is True
    assert body["editable"] is True
    assert api.csco_a.get(f"{URL}{body['id']}/").json()["name"] == HOMECARE["name"]


def test_contributor_registers_for_their_only_region_without_naming_it(api: Any) -> None:
    response = register(api.contributor_a)

    assert response.status_code == 201, response.content
    assert response.json()["region"] == REGION_A


def test_indicator_codes_are_matched_without_regard_to_case_and_kept_once(api: Any) -> None:
    response = register(api.csco_a, indicators=["hea-1", "HEA-1", "tel-k1"])

    assert response.json()["indicators"] == ["HEA-1", "TEL-K1"]


@pytest.mark.parametrize("role", ["reviewer", "admin", "observer"])
def test_ministry_staff_cannot_register_a_regions_programme(api: Any, role: str) -> None:
    response = register(api[role], region=REGION_A)

    assert response.status_code == 403
    assert not Programme.objects.exists()


def test_csco_cannot_register_a_programme_for_another_region(api: Any) -> None:
    response = register(api.csco_a, region=REGION_B)

    assert response.status_code == 403
    assert not Programme.objects.exists()


def test_a_region_cannot_have_two_programmes_of_the_same_name(api: Any) -> None:
    register(api.csco_a)

    response = register(api.contributor_a, name=HOMECARE["name"].upper())

    assert response.status_code == 400
    assert "name" in response.json()


def test_a_taken_name_is_named_together_with_the_other_bad_fields(api: Any) -> None:
    register(api.csco_a)

    response = register(api.contributor_a, name=HOMECARE["name"], url="ftp://x.example")

    assert response.status_code == 400
    assert set(response.json()) == {"name", "url", "code"}
    assert Programme.objects.count() == 1


def test_an_update_names_a_taken_name_a_bad_field_and_a_new_region_at_once(api: Any) -> None:
    register(api.csco_a)
    pk = register(api.csco_a, name="Lorong Wisata").json()["id"]

    response = api.csco_a.patch(
        f"{URL}{pk}/",
        {"name": HOMECARE["name"], "url": "ftp://x.example", "region": REGION_B},
        format="json",
    )

    assert response.status_code == 400
    assert set(response.json()) == {"name", "url", "region", "code"}
    assert Programme.objects.get(pk=pk).name == "Lorong Wisata"


NEXT_YEAR = timezone.localdate().year + 1


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"indicators": ["HEA-1", "XYZ-9"]}, "indicators"),
        ({"indicators": "HEA-1 NOPE-1"}, "indicators"),
        ({"indicators": [1, 2]}, "indicators"),
        ({"element": "E9"}, "element"),
        ({"element": ""}, "element"),
        ({"url": "ftp://makassarkota.go.id/brosur.pdf"}, "url"),
        ({"url": "javascript:alert(1)"}, "url"),
        ({"url": "makassarkota.go.id"}, "url"),
        ({"launch_year": NEXT_YEAR}, "launch_year"),
        ({"launch_year": "dua ribu"}, "launch_year"),
        ({"launch_year": 1800}, "launch_year"),
        ({"users_count": 5000, "users_year": None}, "users_year"),
        ({"transactions_count": 90000}, "transactions_year"),
        ({"transactions_year": 2024}, "transactions_count"),
        ({"users_count": -1}, "users_count"),
        ({"users_year": NEXT_YEAR}, "users_year"),
        ({"status": "dreaming"}, "status"),
        ({"name": "   "}, "name"),
        ({"name": "x" * 201}, "name"),
        ({"shared": "maybe"}, "shared"),
        ({"region": "99.99"}, "region"),
    ],
)
def test_bad_input_is_400_naming_the_field_and_saves_nothing(
    api: Any, changes: dict[str, Any], field: str
) -> None:
    response = register(api.csco_a, **changes)

    assert response.status_code == 400, response.content
    assert field in response.json(), response.json()
    message = response.json()[field][0]
    assert " / " not in message  # one language: the request's
    assert not Programme.objects.exists()


def test_a_bad_field_is_named_in_english_when_asked(api: Any) -> None:
    api.csco_a.credentials(HTTP_ACCEPT_LANGUAGE="en")
    response = register(api.csco_a, url="ftp://x.example")

    assert response.status_code == 400
    assert response.json()["url"] == ["Must be a web address starting with http:// or https://."]


def test_every_bad_field_is_named_at_once(api: Any) -> None:
    response = register(
        api.csco_a, element="E9", url="ftp://x.example", launch_year=NEXT_YEAR, users_year=None
    )

    assert set(response.json()) == {"element", "url", "launch_year", "users_year", "code"}
    assert response.json()["code"] == "invalid"


def test_this_years_launch_is_accepted(api: Any) -> None:
    response = register(api.csco_a, launch_year=timezone.localdate().year)

    assert response.status_code == 201


# --- Editing ----------------------------------------------------------------------------------


def test_csco_updates_a_programme_partially_and_wholly(api: Any) -> None:
    pk = register(api.csco_a).json()["id"]

    patched = api.contributor_a.patch(f"{URL}{pk}/", {"status": "retired"}, format="json")
    assert patched.status_code == 200, patched.content
    assert patched.json()["status"] == "retired"
    assert patched.json()["indicators"] == ["HEA-1", "HEA-2"]

    replaced = api.csco_a.put(f"{URL}{pk}/", {"name": "HomeCare", "element": "E1"}, format="json")
    assert replaced.status_code == 200, replaced.content
    assert replaced.json()["indicators"] == []
    assert replaced.json()["users_count"] is None
    assert replaced.json()["status"] == "running"


def test_an_update_with_bad_input_changes_nothing(api: Any) -> None:
    pk = register(api.csco_a).json()["id"]

    response = api.csco_a.patch(
        f"{URL}{pk}/", {"name": "Baru", "url": "file:///etc/passwd"}, format="json"
    )

    assert response.status_code == 400
    assert "url" in response.json()
    assert Programme.objects.get(pk=pk).name == HOMECARE["name"]


def test_a_programmes_region_cannot_change(api: Any) -> None:
    pk = register(api.csco_a).json()["id"]

    response = api.csco_a.patch(f"{URL}{pk}/", {"region": REGION_B}, format="json")

    assert response.status_code == 400
    assert "region" in response.json()


@pytest.mark.parametrize("shared", [True, False])
def test_a_region_cannot_edit_delete_or_add_files_to_another_regions_programme(
    api: Any, shared: bool
) -> None:
    pk = register(api.csco_a, shared=shared).json()["id"]
    upload = SimpleUploadedFile("brosur.pdf", TINY_PDF, "application/pdf")

    assert api.csco_b.patch(f"{URL}{pk}/", {"name": "Milik B"}, format="json").status_code == 404
    assert api.csco_b.put(f"{URL}{pk}/", HOMECARE, format="json").status_code == 404
    assert api.csco_b.delete(f"{URL}{pk}/").status_code == 404
    assert api.csco_b.post(f"{URL}{pk}/files/", {"file": upload}).status_code == 404
    assert Programme.objects.get(pk=pk).name == HOMECARE["name"]


@pytest.mark.parametrize("role", ["reviewer", "observer", "admin"])
def test_ministry_staff_read_a_regions_programme_but_may_not_change_it(api: Any, role: str) -> None:
    pk = register(api.csco_a, shared=False).json()["id"]

    assert api[role].get(f"{URL}{pk}/").json()["editable"] is False
    assert api[role].patch(f"{URL}{pk}/", {"name": "X"}, format="json").status_code == 403
    assert api[role].delete(f"{URL}{pk}/").status_code == 403


def test_csco_deletes_an_uncited_programme_with_its_files(api: Any) -> None:
    pk = register(api.csco_a).json()["id"]
    upload = SimpleUploadedFile("brosur.pdf", TINY_PDF, "application/pdf")
    assert api.csco_a.post(f"{URL}{pk}/files/", {"file": upload}).status_code == 201

    assert api.csco_a.delete(f"{URL}{pk}/").status_code == 204
    assert not Programme.objects.filter(pk=pk).exists()


# --- Files ------------------------------------------------------------------------------------


def test_programme_files_are_checked_by_content_and_downloaded_by_those_who_see_it(
    api: Any,
) -> None:
    pk = register(api.csco_a).json()["id"]
    brochure = SimpleUploadedFile("../../brosur HomeCare.exe", TINY_PDF, "application/x-msdos")

    response = api.csco_a.post(f"{URL}{pk}/files/", {"file": brochure})

    assert response.status_code == 201, response.content
    item = response.json()
    assert item["name"] == "brosur HomeCare.pdf"
    assert item["content_type"] == "application/pdf"
    downloaded = api.csco_b.get(item["download_url"])  # shared: another region reads it
    assert downloaded.status_code == 200
    assert b"".join(downloaded.streaming_content) == TINY_PDF
    assert downloaded["X-Content-Type-Options"] == "nosniff"
    listed = api.csco_b.get(f"{URL}{pk}/files/").json()
    assert [f["name"] for f in listed["results"]] == ["brosur HomeCare.pdf"]


def test_a_file_that_is_not_an_accepted_type_is_400_naming_file(api: Any) -> None:
    pk = register(api.csco_a).json()["id"]
    program = SimpleUploadedFile("brosur.pdf", b"MZ\x90\x00" + b"\x00" * 64, "application/pdf")

    response = api.csco_a.post(f"{URL}{pk}/files/", {"file": program})

    assert response.status_code == 400
    assert "file" in response.json()
    missing = api.csco_a.post(f"{URL}{pk}/files/", {})
    assert missing.status_code == 400 and "file" in missing.json()


def test_a_draft_programmes_files_are_not_found_by_other_regions(api: Any) -> None:
    pk = register(api.csco_a, shared=False).json()["id"]
    upload = SimpleUploadedFile("sk.pdf", TINY_PDF, "application/pdf")
    item = api.csco_a.post(f"{URL}{pk}/files/", {"file": upload}).json()

    assert api.csco_b.get(item["download_url"]).status_code == 404
    assert api.csco_b.get(f"{URL}{pk}/files/").status_code == 404
    assert api.reviewer.get(item["download_url"]).status_code == 200


# --- Visibility and search --------------------------------------------------------------------


def test_a_draft_programme_is_invisible_to_other_regions(api: Any) -> None:
    pk = register(api.csco_a, shared=False).json()["id"]

    assert HOMECARE["name"] not in names(api.csco_b.get(URL))
    assert names(api.csco_b.get(URL, {"q": "HomeCare"})) == []
    assert api.csco_b.get(f"{URL}{pk}/").status_code == 404
    assert HOMECARE["name"] in names(api.csco_a.get(URL))
    assert HOMECARE["name"] in names(api.contributor_a.get(URL))
    for role in ("reviewer", "admin", "observer"):
        assert HOMECARE["name"] in names(api[role].get(URL))


def test_anonymous_callers_get_no_programmes(api: Any) -> None:
    pk = register(api.csco_a).json()["id"]

    assert api.anon.get(URL).status_code in (401, 403)
    assert api.anon.get(f"{URL}{pk}/").status_code in (401, 403)


@pytest.mark.parametrize(
    "words", ["kunjungan kesehatan", "KUNJUNGAN", "home health-care", "telemedicine", "dottorota"]
)
def test_another_region_finds_a_shared_programme_by_searching_in_either_language(
    api: Any, words: str
) -> None:
    register(api.csco_a)

    assert names(api.csco_b.get(URL, {"q": words})) == [HOMECARE["name"]]


def test_search_finds_nothing_for_words_in_neither_language(api: Any) -> None:
    register(api.csco_a)

    assert names(api.csco_b.get(URL, {"q": "irigasi sawah"})) == []


@pytest.mark.parametrize(
    ("params", "found"),
    [
        ({"element": "E1"}, True),
        ({"element": "e1"}, True),
        ({"element": "E3"}, False),
        ({"indicator": "HEA-2"}, True),
        ({"indicator": "hea-2"}, True),
        ({"indicator": "GOV-K3"}, False),
        ({"province": "73"}, True),
        ({"province": "35"}, False),
        ({"kind": "kota"}, True),
        ({"kind": "kabupaten"}, False),
        ({"status": "running"}, True),
        ({"status": "planned"}, False),
        ({"region": REGION_A}, True),
        ({"element": "E1", "indicator": "HEA-1", "q": "rumah"}, True),
    ],
)
def test_the_registry_filters_by_element_indicator_province_kind_and_status(
    api: Any, params: dict[str, str], found: bool
) -> None:
    register(api.csco_a)

    assert names(api.csco_b.get(URL, params)) == ([HOMECARE["name"]] if found else [])


def test_registry_list_and_detail_run_in_constant_queries(
    api: Any, cast: Any, django_assert_max_num_queries: Any
) -> None:
    for n in range(6):
        programme = Programme.objects.create(
            region=cast.region_a if n % 2 else cast.region_b,
            name=f"Program {n}",
            element_code="E3",
            indicator_codes=["GOV-K3"],
            shared=True,
        )
        for m in range(2):
            programme.files.create(
                name=f"f{m}.pdf",
                size=1,
                sha256="0" * 64,
                content_type="application/pdf",
                file=f"programmes/x/{m}",
            )
    api.csco_b.get(URL)  # warm the membership cache of this client's user

    with django_assert_max_num_queries(5):
        response = api.csco_b.get(URL, {"indicator": "GOV-K3", "q": "Program"})
    assert len(response.json()["results"]) == 6
    with django_assert_max_num_queries(4):
        assert api.csco_b.get(f"{URL}{programme.pk}/").status_code == 200


# --- Citing a programme as evidence -----------------------------------------------------------


@pytest.fixture
def assessment(cast: Any) -> Any:
    return make_assessment(REGION_A, make_open_cycle())


def cite(client: Any, assessment_id: int, **body: Any) -> Any:
    return client.post(f"/api/v1/assessments/{assessment_id}/citations/", body, format="json")


def test_csco_cites_a_programme_as_evidence_and_the_reviewer_sees_it_beside_the_answer(
    api: Any, cast: Any, assessment: Any
) -> None:
    programme = register(api.csco_a).json()

    response = cite(api.contributor_a, assessment.pk, indicator="HEA-2", programme=programme["id"])

    assert response.status_code == 201, response.content
    cited = response.json()
    assert cited["indicator"] == "HEA-2"
    assert cited["name"] == HOMECARE["name"]
    assert cited["sha256"] == "" and cited["download_url"] is None
    assert cited["programme"] == {
        "id": programme["id"],
        "name": HOMECARE["name"],
        "url": HOMECARE["url"],
    }
    listed = api.reviewer.get(f"/api/v1/assessments/{assessment.pk}/evidence/").json()
    assert [e["programme"] for e in listed["results"]] == [cited["programme"]]
    row = api.reviewer.get(f"/api/v1/assessments/{assessment.pk}/answers/HEA-2/").json()
    assert row["evidence_count"] == 1
    entry = HistoryEntry.objects.get(assessment=assessment, action="evidence.cited")
    assert entry.indicator_code == "HEA-2"
    assert entry.after["programme"] == programme["id"]
    assert entry.actor == cast.contributor_a


def test_a_cited_programme_counts_as_the_evidence_an_indicator_requires(
    api: Any, cast: Any, assessment: Any
) -> None:
    needs = (
        Indicator.objects.filter(framework_id=assessment.cycle.framework_id, evidence_required=True)
        .order_by("position")
        .first()
    )
    assert needs is not None
    programme = register(api.csco_a, indicators=[needs.code]).json()
    response = cite(api.csco_a, assessment.pk, indicator=needs.code, programme=programme["id"])
    assert response.status_code == 201

    answer_everything(assessment, cast.csco_a)  # uploads files only where none is attached

    assert not Evidence.objects.filter(
        assessment=assessment, indicator=needs, programme__isnull=True
    ).exists()
    lifecycle.submit(user=cast.csco_a, assessment=assessment)
    assessment.refresh_from_db()
    assert assessment.status == "submitted"


def test_a_citation_is_deleted_like_evidence_and_has_no_file_to_download(
    api: Any, assessment: Any
) -> None:
    programme = register(api.csco_a).json()
    cited = cite(api.csco_a, assessment.pk, indicator="HEA-2", programme=programme["id"]).json()
    base = f"/api/v1/assessments/{assessment.pk}/evidence/{cited['id']}/"

    assert api.csco_a.get(f"{base}download/").status_code == 404
    assert api.csco_a.delete(base).status_code == 204
    assert Programme.objects.filter(pk=programme["id"]).exists()


def test_another_regions_shared_programme_is_not_evidence_for_this_region(
    api: Any, cast: Any
) -> None:
    theirs = register(api.csco_a).json()  # Makassar's, shared
    banyuwangi = make_assessment(REGION_B, make_open_cycle())

    response = cite(api.csco_b, banyuwangi.pk, indicator="HEA-2", programme=theirs["id"])

    assert response.status_code == 400
    assert "programme" in response.json()
    assert not Evidence.objects.exists()


def test_another_regions_draft_programme_is_not_even_found(api: Any) -> None:
    theirs = register(api.csco_a, shared=False).json()
    banyuwangi = make_assessment(REGION_B, make_open_cycle())

    response = cite(api.csco_b, banyuwangi.pk, indicator="HEA-2", programme=theirs["id"])

    assert response.status_code == 400
    assert "tidak ditemukan" in response.json()["programme"][0]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"indicator": "NOPE-1"}, "indicator"),
        ({"indicator": ""}, "indicator"),
        ({"programme": None}, "programme"),
        ({"programme": 999999}, "programme"),
        ({"programme": "satu"}, "programme"),
    ],
)
def test_citing_with_bad_input_is_400_naming_the_field(
    api: Any, assessment: Any, body: dict[str, Any], field: str
) -> None:
    programme = register(api.csco_a).json()

    response = cite(
        api.csco_a, assessment.pk, **{"indicator": "HEA-2", "programme": programme["id"], **body}
    )

    assert response.status_code == 400
    assert field in response.json()
    assert not Evidence.objects.exists()


def test_a_planned_programme_cannot_be_cited_yet(api: Any, assessment: Any) -> None:
    programme = register(api.csco_a, status="planned").json()

    response = cite(api.csco_a, assessment.pk, indicator="HEA-2", programme=programme["id"])

    assert response.status_code == 400
    assert "programme" in response.json()


def test_citing_the_same_programme_twice_for_one_indicator_is_409(
    api: Any, assessment: Any
) -> None:
    programme = register(api.csco_a).json()
    assert (
        cite(api.csco_a, assessment.pk, indicator="HEA-2", programme=programme["id"]).status_code
        == 201
    )

    again = cite(api.csco_a, assessment.pk, indicator="HEA-2", programme=programme["id"])
    other = cite(api.csco_a, assessment.pk, indicator="HEA-1", programme=programme["id"])

    assert again.status_code == 409
    assert again.json()["code"] == "already_cited"
    assert again.json()["detail"] == "Program ini sudah dikutip untuk indikator ini."
    assert other.status_code == 201


@pytest.mark.parametrize("role", ["reviewer", "observer", "admin"])
def test_ministry_staff_may_not_cite(api: Any, assessment: Any, role: str) -> None:
    programme = register(api.csco_a).json()

    response = cite(api[role], assessment.pk, indicator="HEA-2", programme=programme["id"])

    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"


def test_another_regions_assessment_is_not_found_for_citing(api: Any, assessment: Any) -> None:
    programme = register(api.csco_a).json()

    response = cite(api.csco_b, assessment.pk, indicator="HEA-2", programme=programme["id"])

    assert response.status_code == 404


def test_a_submitted_assessment_cannot_cite_any_more(api: Any, cast: Any, assessment: Any) -> None:
    programme = register(api.csco_a).json()
    answer_everything(assessment, cast.csco_a)
    lifecycle.submit(user=cast.csco_a, assessment=assessment)

    response = cite(api.csco_a, assessment.pk, indicator="HEA-2", programme=programme["id"])

    assert response.status_code == 409
    assert response.json()["code"] == "not_editable"


def test_a_cited_programme_cannot_be_deleted_but_may_be_retired(api: Any, assessment: Any) -> None:
    programme = register(api.csco_a).json()
    cite(api.csco_a, assessment.pk, indicator="HEA-2", programme=programme["id"])

    refused = api.csco_a.delete(f"{URL}{programme['id']}/")
    assert refused.status_code == 409
    assert refused.json()["code"] == "programme_cited"
    in_english = api.csco_a.delete(f"{URL}{programme['id']}/?lang=en")
    assert in_english.json()["detail"].startswith("This programme is cited as evidence (1)")
    retired = api.csco_a.patch(f"{URL}{programme['id']}/", {"status": "retired"}, format="json")
    assert retired.status_code == 200


# --- Reports ----------------------------------------------------------------------------------


def _approved_with_citation(api: Any, cast: Any, level: int) -> tuple[Any, dict[str, Any]]:
    """Makassar answers everything at ``level``, cites its HomeCare for HEA-2, is approved."""
    cycle = make_open_cycle()
    assessment = make_assessment(REGION_A, cycle)
    programme = register(api.csco_a).json()
    assert (
        cite(api.csco_a, assessment.pk, indicator="HEA-2", programme=programme["id"]).status_code
        == 201
    )
    answer_everything(assessment, cast.csco_a, level=level)
    lifecycle.submit(user=cast.csco_a, assessment=assessment)
    lifecycle.approve(user=cast.reviewer, assessment=assessment)
    refresh_snapshots(assessment_id=assessment.pk)  # workers score on commit; tests never commit
    return assessment, programme


def _report(client: Any, url: str, capture: Any, language: str) -> str:
    with capture(execute=True):
        response = client.post(url, {"language": language}, format="json")
    assert response.status_code in (200, 202), response.content
    status = client.get(response.data["url"]).json()
    assert status["status"] == "done", status["error"]
    return pdf_text(download(client, response.data["id"]))


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_region_report_lists_the_regions_programmes_and_the_cited_programme(
    api: Any, cast: Any, django_capture_on_commit_callbacks: Any, language: str
) -> None:
    assessment, programme = _approved_with_citation(api, cast, level=3)

    text = _report(
        api.csco_a,
        f"/api/v1/assessments/{assessment.pk}/reports/",
        django_capture_on_commit_callbacks,
        language,
    )

    heading = "Program kota cerdas wilayah" if language == "id" else "smart-city programmes"
    assert heading in text
    assert programme["name"] in text
    assert programme["agency"] in text


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_national_summary_lists_the_programmes_behind_the_highest_scoring_indicators(
    api: Any, cast: Any, django_capture_on_commit_callbacks: Any, language: str
) -> None:
    assessment, programme = _approved_with_citation(api, cast, level=5)
    Programme.objects.create(  # shared, but its indicator is not among the highest-scoring
        region=cast.region_b,
        name="Homestay Naik Kelas",
        element_code="E1",
        indicator_codes=["SPC-K1"],
        shared=True,
    )
    Programme.objects.create(  # backs a level-5 indicator, but is a draft of the region
        region=cast.region_a,
        name="Draf Rahasia Makassar",
        element_code="E1",
        indicator_codes=["HEA-1"],
        shared=False,
    )

    text = _report(
        api.reviewer,
        f"/api/v1/cycles/{assessment.cycle_id}/reports/",
        django_capture_on_commit_callbacks,
        language,
    )

    assert programme["name"] in text
    assert "HEA-2" in text
    assert "Homestay Naik Kelas" not in text
    assert "Draf Rahasia Makassar" not in text


# --- Demo data --------------------------------------------------------------------------------


def test_demo_programmes_load_once_as_shared_programmes_of_the_pilots(db: Any) -> None:
    out = io.StringIO()
    call_command("load_demo_programmes", stdout=out)
    first = sorted(Programme.objects.values_list("region__code", "name", "updated_at"))
    call_command("load_demo_programmes", stdout=out)

    assert sorted(Programme.objects.values_list("region__code", "name", "updated_at")) == first
    by_name = {p.name: p for p in Programme.objects.select_related("region")}
    assert {"JAKI", "JakLapor", "JakEvo", "JakLingko"} <= set(by_name)
    assert by_name["JAKI"].region.code == "31"
    homecare = next(p for name, p in by_name.items() if "HomeCare" in name)
    assert homecare.region.code == "73.71"
    assert by_name["Homestay Naik Kelas"].region.code == "35.10"
    assert by_name["WA KEPO"].region.code == Region.objects.get(name="Kabupaten Sumedang").code
    codes = set(Indicator.objects.filter(framework__code="smkc").values_list("code", flat=True))
    for programme in by_name.values():
        assert programme.shared
        assert programme.description_id and programme.description_en
        assert programme.indicator_codes and set(programme.indicator_codes) <= codes
        assert programme.launch_year is None or programme.launch_year <= datetime.date.today().year
