"""The questionnaire: element → theme → indicator, answers that save themselves through the
lifecycle service, errors beside their fields in the user's language, conflicts, evidence."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from maturity.assessments.models import Answer, Evidence
from maturity.assessments.services import answers as services_answers
from maturity.assessments.services import evidence as services_evidence
from tests.factories import TINY_PDF
from tests.maturity.assessments.pages.conftest import complete

HTMX = {"HTTP_HX_REQUEST": "true"}


def url(assessment, tail: str = "") -> str:  # type: ignore[no-untyped-def]
    return f"/assessments/{assessment.pk}/{tail}"


def errors_beside(html: str, code: str, field: str) -> str:
    match = re.search(
        rf'<ul class="field__errors" id="err-{code}-{field}"[^>]*>(.*?)</ul>', html, re.S
    )
    assert match, f"no error list for {code} {field}"
    return match.group(1)


def test_questionnaire_shows_themes_indicators_guidance_unit_and_thresholds(pages, assessment_a):
    response = pages.csco_a.get(url(assessment_a))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Pendidikan" in html and "Kesehatan" in html  # the first element's themes
    assert "Indikator EDU-1 (Pendidikan)" in html
    assert "Petunjuk pengisian EDU-1." in html
    assert "M2 ≥ 20" in html and "M5 ≥ 80" in html
    assert "Deskripsi tingkat 3" in html  # rubric descriptors beside the levels
    assert f'hx-post="/assessments/{assessment_a.pk}/answers/EDU-1/"' in html


def test_second_element_page_lists_only_its_own_themes(pages, assessment_a):
    html = pages.csco_a.get(url(assessment_a, "elements/E2/")).content.decode()
    assert "Indikator WAT-1 (Air)" in html
    assert "Indikator EDU-1" not in html


def test_unknown_element_is_not_found(pages, assessment_a):
    response = pages.csco_a.get(url(assessment_a, "elements/E9/"))
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.content.decode()


def test_questionnaire_renders_in_a_constant_number_of_queries(pages, cast, assessment_a):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert pages.csco_a.get(url(assessment_a)).status_code == 200
        return len(queries)

    empty = count()
    complete(assessment_a, cast.csco_a)
    for code in ("EDU-2", "HEA-1"):
        services_evidence.add_evidence(
            user=cast.csco_a,
            assessment=assessment_a,
            indicator_code=code,
            upload=SimpleUploadedFile(f"{code}.pdf", TINY_PDF, "application/pdf"),
        )
    assert count() == empty
    assert empty <= 25


def test_autosave_saves_through_the_service_and_says_saved(pages, assessment_a):
    response = pages.contributor_a.post(
        url(assessment_a, "answers/EDU-1/"),
        {
            "status": "answered",
            "value": "72,5",
            "source": "Dapodik",
            "year": "2025",
            "version": "0",
        },
        **HTMX,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tersimpan" in html
    assert 'id="ver-EDU-1" value="1" hx-swap-oob="true"' in html
    answer = Answer.objects.get(assessment=assessment_a, indicator__code="EDU-1")
    assert str(answer.value_decimal.normalize()) == "72.5"
    assert answer.source == "Dapodik" and answer.version == 1


def test_a_value_typed_without_a_status_counts_as_an_answer(pages, assessment_a):
    response = pages.csco_a.post(
        url(assessment_a, "answers/EDU-2/"), {"value": "4", "version": "0"}, **HTMX
    )
    assert response.status_code == 200
    assert Answer.objects.get(assessment=assessment_a, indicator__code="EDU-2").value_level == 4


def test_bad_value_gets_its_error_beside_the_field_in_indonesian_and_saves_nothing(
    pages, assessment_a
):
    response = pages.csco_a.post(
        url(assessment_a, "answers/EDU-1/"), {"status": "answered", "value": "120"}, **HTMX
    )
    assert response.status_code == 400
    assert "Persentase harus antara 0 dan 100." in errors_beside(
        response.content.decode(), "EDU-1", "value"
    )
    assert not Answer.objects.filter(assessment=assessment_a).exists()


def test_errors_come_in_english_when_english_is_chosen(pages, assessment_a):
    pages.csco_a.post("/i18n/setlang/", {"language": "en", "next": "/"})
    response = pages.csco_a.post(
        url(assessment_a, "answers/EDU-1/"), {"status": "not_applicable"}, **HTMX
    )
    assert response.status_code == 400
    errors = errors_beside(response.content.decode(), "EDU-1", "justification")
    assert "A justification is required" in errors
    assert "Alasan wajib" not in errors


def test_without_javascript_an_error_re_renders_the_page_keeping_what_was_typed(
    pages, assessment_a
):
    response = pages.csco_a.post(
        url(assessment_a, "answers/EDU-1/"),
        {"status": "answered", "value": "abc", "source": "Survei dinas pendidikan"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="abc"' in html
    assert 'value="Survei dinas pendidikan"' in html
    assert "Harus berupa angka." in errors_beside(html, "EDU-1", "value")


def test_without_javascript_a_saved_answer_returns_to_its_indicator(pages, assessment_a):
    response = pages.csco_a.post(
        url(assessment_a, "answers/WAT-1/"), {"status": "answered", "value": "true"}
    )
    assert response.status_code == 302
    assert response.url == url(assessment_a, "elements/E2/#ind-WAT-1")


def test_a_stale_version_is_a_409_showing_the_other_value(pages, cast, assessment_a):
    services_answers.save_answer(
        user=cast.contributor_a,
        assessment=assessment_a,
        indicator=assessment_a.cycle.framework.indicators.get(code="EDU-1"),
        data={"status": "answered", "value": "55", "source": "BPS"},
    )
    response = pages.csco_a.post(
        url(assessment_a, "answers/EDU-1/"),
        {"status": "answered", "value": "60", "version": "0"},
        **HTMX,
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Orang lain sudah menyimpan jawaban ini lebih dulu." in html
    assert re.search(r"data-conflict-value>\s*55 %", html)
    assert 'name="overwrite" value="1"' in html
    assert Answer.objects.get(assessment=assessment_a, indicator__code="EDU-1").source == "BPS"


def test_overwriting_after_a_conflict_saves_my_value(pages, cast, assessment_a):
    services_answers.save_answer(
        user=cast.contributor_a,
        assessment=assessment_a,
        indicator=assessment_a.cycle.framework.indicators.get(code="EDU-1"),
        data={"status": "answered", "value": "55"},
    )
    response = pages.csco_a.post(
        url(assessment_a, "answers/EDU-1/"),
        {"status": "answered", "value": "60", "version": "0", "overwrite": "1"},
        **HTMX,
    )
    assert response.status_code == 200
    answer = Answer.objects.get(assessment=assessment_a, indicator__code="EDU-1")
    assert answer.value_decimal == 60 and answer.version == 2


def test_reloading_a_card_shows_the_saved_answer(pages, cast, assessment_a):
    services_answers.save_answer(
        user=cast.contributor_a,
        assessment=assessment_a,
        indicator=assessment_a.cycle.framework.indicators.get(code="EDU-1"),
        data={"status": "answered", "value": "55.25"},
    )
    response = pages.csco_a.get(url(assessment_a, "answers/EDU-1/"), **HTMX)
    assert response.status_code == 200
    assert 'value="55,25"' in response.content.decode()


def test_observer_may_read_but_not_save_answers(pages, assessment_a):
    assert pages.observer.get(url(assessment_a)).status_code == 200
    response = pages.observer.post(
        url(assessment_a, "answers/EDU-1/"), {"status": "no_data"}, **HTMX
    )
    assert response.status_code == 403
    assert not Answer.objects.exists()


@pytest.mark.parametrize(
    "tail",
    ["", "elements/E2/", "answers/EDU-1/", "submit/", "score/", "review/"],
)
def test_another_regions_csco_gets_404_for_every_page_of_the_assessment(pages, assessment_a, tail):
    assert pages.csco_b.get(url(assessment_a, tail)).status_code == 404


def test_another_regions_csco_cannot_post_to_the_assessment(pages, assessment_a):
    for tail in (
        "answers/EDU-1/",
        "answers/EDU-1/evidence/",
        "submit/",
        "reports/",
        "return/",
        "approve/",
    ):
        assert pages.csco_b.post(url(assessment_a, tail), {"status": "no_data"}).status_code == 404


def test_answer_form_refuses_a_post_without_csrf_token(cast, assessment_a):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.csco_a)
    response = client.post(url(assessment_a, "answers/EDU-1/"), {"status": "no_data"})
    assert response.status_code == 403
    assert not Answer.objects.exists()


def test_every_form_on_the_questionnaire_carries_a_csrf_token(pages, assessment_a):
    html = pages.csco_a.get(url(assessment_a)).content.decode()
    forms = re.findall(r'<form[^>]*method="post"[^>]*>(.*?)</form>', html, re.S)
    assert len(forms) >= 8
    assert all("csrfmiddlewaretoken" in form for form in forms)


# --- Evidence ---------------------------------------------------------------------------------


def upload(client, assessment, code="EDU-1", name="sk-walikota.pdf", content=TINY_PDF):  # type: ignore[no-untyped-def]
    return client.post(
        url(assessment, f"answers/{code}/evidence/"),
        {"file": SimpleUploadedFile(name, content, "application/pdf")},
        **HTMX,
    )


def test_evidence_upload_lists_the_file_with_download_and_delete(pages, assessment_a):
    response = upload(pages.contributor_a, assessment_a)
    assert response.status_code == 200
    evidence = Evidence.objects.get(assessment=assessment_a)
    html = response.content.decode()
    assert "sk-walikota.pdf" in html
    assert url(assessment_a, f"evidence/{evidence.pk}/download/") in html
    assert url(assessment_a, f"evidence/{evidence.pk}/delete/") in html


def test_evidence_of_a_type_not_accepted_is_refused_beside_the_file_field(pages, assessment_a):
    response = upload(pages.csco_a, assessment_a, name="run.exe", content=b"MZ\x90\x00binary")
    assert response.status_code == 400
    assert errors_beside(response.content.decode(), "EDU-1", "file").strip()
    assert not Evidence.objects.exists()


def test_evidence_download_gives_the_file_to_the_region_and_the_reviewer(pages, assessment_a):
    upload(pages.csco_a, assessment_a)
    evidence = Evidence.objects.get()
    for client in (pages.csco_a, pages.reviewer):
        response = client.get(url(assessment_a, f"evidence/{evidence.pk}/download/"))
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert b"".join(response.streaming_content) == TINY_PDF
    assert (
        pages.csco_b.get(url(assessment_a, f"evidence/{evidence.pk}/download/")).status_code == 404
    )


def test_evidence_delete_removes_it(pages, assessment_a):
    upload(pages.csco_a, assessment_a)
    evidence = Evidence.objects.get()
    response = pages.contributor_a.post(
        url(assessment_a, f"evidence/{evidence.pk}/delete/"), **HTMX
    )
    assert response.status_code == 200
    assert not Evidence.objects.exists()
    assert (
        pages.csco_b.post(url(assessment_a, f"evidence/{evidence.pk}/delete/")).status_code == 404
    )
