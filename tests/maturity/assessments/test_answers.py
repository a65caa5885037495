"""Answers through the HTTP API: typed by the indicator's kind, versioned, all-or-nothing in bulk,
completeness kept up to date, and a constant number of queries whatever the framework's size."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from maturity.assessments.models import Answer, HistoryEntry
from maturity.frameworks.models import Element, Framework, Indicator, Theme
from tests.factories import (
    REGION_A,
    make_assessment,
    make_open_cycle,
    make_small_framework,
    value_for_level,
)


def _indicator(framework, theme, code, kind, position, **extra):  # type: ignore[no-untyped-def]
    defaults = {
        "quantitative": {"direction": "higher", "thresholds": ["20", "40", "60", "80"]},
        "rubric": {"rubric": {str(k): {"id": f"L{k}", "en": f"L{k}"} for k in range(1, 6)}},
        "binary": {"yes_level": 5, "no_level": 1},
    }[kind]
    return Indicator.objects.create(
        framework=framework,
        theme=theme,
        code=code,
        title_id=f"{code} id",
        title_en=f"{code} en",
        kind=kind,
        position=position,
        **{**defaults, **extra},
    )


@pytest.fixture
def framework(db):  # type: ignore[no-untyped-def]
    """A framework with one indicator of each shape the validation cares about."""
    fw = Framework.objects.create(
        code="uji",
        version="1",
        title_id="Uji",
        title_en="Test",
        status="published",
        published_at=timezone.now(),
        levels={str(n): {"id": f"M{n}", "en": f"M{n}"} for n in range(1, 6)},
        index_bands=["1.80", "2.60", "3.50", "4.20"],
    )
    e1 = Element.objects.create(framework=fw, code="E1", title_id="E1", title_en="E1")
    e2 = Element.objects.create(framework=fw, code="E2", title_id="E2", title_en="E2", position=1)
    t1 = Theme.objects.create(framework=fw, element=e1, code="T1", title_id="T1", title_en="T1")
    t2 = Theme.objects.create(
        framework=fw, element=e2, code="T2", title_id="T2", title_en="T2", position=1
    )
    _indicator(fw, t1, "PCT", "quantitative", 0, unit="% of households")
    _indicator(fw, t1, "RATE", "quantitative", 1, unit="number per 100 000 population")
    _indicator(fw, t1, "NET", "quantitative", 2, unit="number", allow_negative=True)
    _indicator(fw, t1, "CNT", "quantitative", 3, unit="days")
    _indicator(fw, t2, "RUB", "rubric", 4)
    _indicator(fw, t2, "BIN", "binary", 5)
    _indicator(fw, t2, "OPT", "rubric", 6, required=False)
    return fw


@pytest.fixture
def assessment(framework):  # type: ignore[no-untyped-def]
    return make_assessment(REGION_A, make_open_cycle(framework=framework, name="uji"))


def url(assessment, suffix=""):  # type: ignore[no-untyped-def]
    return f"/api/v1/assessments/{assessment.pk}/{suffix}"


def put(client, assessment, code, body):  # type: ignore[no-untyped-def]
    return client.put(url(assessment, f"answers/{code}/"), body, format="json")


def assert_nothing_saved(assessment):  # type: ignore[no-untyped-def]
    assert not Answer.objects.filter(assessment=assessment).exists()
    answer_entries = HistoryEntry.objects.filter(assessment=assessment, action__startswith="answer")
    assert not answer_entries.exists()


# --- Each kind's value ------------------------------------------------------------------------


def test_a_percentage_is_saved_and_read_back_as_a_decimal_string(api, assessment):
    response = put(
        api.contributor_a,
        assessment,
        "PCT",
        {
            "status": "answered",
            "value": "65.5",
            "comment": "dari survei",
            "source": "BPS",
            "year": 2025,
            "quality": "estimated",
        },
    )
    assert response.status_code == 200, response.json()
    row = response.json()
    assert row["indicator"] == "PCT"
    assert (row["value"], row["status"], row["version"]) == ("65.5", "answered", 1)
    assert (row["comment"], row["source"], row["year"], row["quality"]) == (
        "dari survei",
        "BPS",
        2025,
        "estimated",
    )
    assert row["updated_by"] == "contributor_a"
    answer = Answer.objects.get(assessment=assessment, indicator__code="PCT")
    assert answer.value_decimal == Decimal("65.5")


@pytest.mark.parametrize(
    ("code", "value"),
    [
        ("PCT", "101"),  # a percentage above 100
        ("PCT", -1),  # a percentage below 0
        ("CNT", "-3"),  # a negative count where negatives are not allowed
        ("PCT", "abc"),  # a string where a number belongs
        ("PCT", True),  # the wrong type for the kind
        ("PCT", None),  # no value for an answer
        ("RUB", 7),  # a level above 5
        ("RUB", 0),  # a level below 1
        ("RUB", 2.5),  # not a whole level
        ("RUB", "tinggi"),  # a word where a level belongs
        ("BIN", 3),  # a number where yes/no belongs
        ("BIN", "mungkin"),  # neither yes nor no
    ],
)
def test_a_value_that_does_not_fit_the_indicator_is_refused_naming_the_value(
    api, assessment, code, value
):
    response = put(api.csco_a, assessment, code, {"status": "answered", "value": value})
    assert response.status_code == 400
    assert list(response.json()) == ["value", "code"]  # the field, and the refusal's code
    message = response.json()["value"][0]
    assert message and " / " not in message  # one language: Indonesian unless asked
    in_english = api.csco_a.put(
        url(assessment, f"answers/{code}/") + "?lang=en",
        {"status": "answered", "value": value},
        format="json",
    )
    assert in_english.status_code == 400
    assert in_english.json()["value"][0] not in ("", message)
    assert_nothing_saved(assessment)


def test_a_negative_value_is_accepted_where_the_indicator_allows_it(api, assessment):
    response = put(api.csco_a, assessment, "NET", {"status": "answered", "value": "-12.25"})
    assert response.status_code == 200
    assert response.json()["value"] == "-12.25"


def test_rubric_and_binary_answers_keep_their_types(api, assessment):
    assert (
        put(api.csco_a, assessment, "RUB", {"status": "answered", "value": 4}).json()["value"] == 4
    )
    assert (
        put(api.csco_a, assessment, "BIN", {"status": "answered", "value": False}).json()["value"]
        is False
    )


def test_a_value_must_match_its_numerator_and_denominator(api, assessment):
    mismatch = put(
        api.csco_a,
        assessment,
        "PCT",
        {
            "status": "answered",
            "value": "40",
            "numerator": 1,
            "denominator": 3,
        },
    )
    assert mismatch.status_code == 400
    assert "value" in mismatch.json()
    rounded = put(
        api.csco_a,
        assessment,
        "PCT",
        {
            "status": "answered",
            "value": "33.33",
            "numerator": 1,
            "denominator": 3,
        },
    )
    assert rounded.status_code == 200, rounded.json()
    assert (rounded.json()["numerator"], rounded.json()["denominator"]) == ("1", "3")


def test_a_rate_per_100000_is_the_ratio_times_100000(api, assessment):
    wrong = put(
        api.csco_a,
        assessment,
        "RATE",
        {
            "status": "answered",
            "value": "0.25",
            "numerator": 50,
            "denominator": 200000,
        },
    )
    assert wrong.status_code == 400
    right = put(
        api.csco_a,
        assessment,
        "RATE",
        {
            "status": "answered",
            "value": "25",
            "numerator": 50,
            "denominator": 200000,
        },
    )
    assert right.status_code == 200, right.json()


def test_the_value_is_computed_when_only_numerator_and_denominator_are_given(api, assessment):
    response = put(
        api.csco_a,
        assessment,
        "PCT",
        {
            "status": "answered",
            "numerator": "30",
            "denominator": "120",
        },
    )
    assert response.status_code == 200, response.json()
    assert response.json()["value"] == "25"


def test_a_zero_denominator_is_refused_naming_it(api, assessment):
    response = put(
        api.csco_a,
        assessment,
        "PCT",
        {
            "status": "answered",
            "numerator": "3",
            "denominator": "0",
        },
    )
    assert response.status_code == 400
    assert list(response.json()) == ["denominator", "code"]


def test_not_applicable_needs_a_justification(api, assessment):
    missing = put(api.csco_a, assessment, "RUB", {"status": "not_applicable"})
    assert missing.status_code == 400
    assert list(missing.json()) == ["justification", "code"]
    assert_nothing_saved(assessment)
    given = put(
        api.csco_a,
        assessment,
        "RUB",
        {
            "status": "not_applicable",
            "justification": "Tidak ada pelabuhan.",
            "value": 3,
        },
    )
    assert given.status_code == 200
    assert (given.json()["status"], given.json()["value"]) == ("not_applicable", None)
    assert given.json()["justification"] == "Tidak ada pelabuhan."


def test_no_data_needs_nothing_more(api, assessment):
    response = put(api.csco_a, assessment, "CNT", {"status": "no_data"})
    assert response.status_code == 200
    assert response.json()["status"] == "no_data"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"status": "maybe", "value": 3}, "status"),
        ({"value": 3}, "status"),
        ({"status": "answered", "value": 3, "quality": "guessed"}, "quality"),
        ({"status": "answered", "value": 3, "year": 1800}, "year"),
        ({"status": "answered", "value": 3, "year": "tahun lalu"}, "year"),
        ({"status": "answered", "value": 3, "comment": ["a"]}, "comment"),
        ({"status": "answered", "value": 3, "version": "satu"}, "version"),
    ],
)
def test_bad_fields_are_named_in_the_400(api, assessment, body, field):
    response = put(api.csco_a, assessment, "RUB", body)
    assert response.status_code == 400
    assert field in response.json()
    assert_nothing_saved(assessment)


def test_a_body_that_is_not_an_object_is_a_400(api, assessment):
    response = put(api.csco_a, assessment, "RUB", [1, 2])
    assert response.status_code == 400
    assert_nothing_saved(assessment)


def test_an_unknown_indicator_code_is_a_404_on_the_single_put(api, assessment):
    response = put(api.csco_a, assessment, "NOPE-1", {"status": "answered", "value": 3})
    assert response.status_code == 404
    assert_nothing_saved(assessment)


# --- Versions ---------------------------------------------------------------------------------


def test_each_change_needs_the_version_last_read_and_moves_it_on(api, assessment):
    first = put(api.csco_a, assessment, "RUB", {"status": "answered", "value": 2})
    assert first.json()["version"] == 1
    second = put(
        api.contributor_a, assessment, "RUB", {"status": "answered", "value": 3, "version": 1}
    )
    assert second.status_code == 200
    assert second.json()["version"] == 2
    entry = HistoryEntry.objects.filter(assessment=assessment, action="answer.changed").get()
    assert (entry.before["value"], entry.after["value"]) == (2, 3)
    assert entry.actor.username == "contributor_a"


def test_a_stale_version_is_a_409_with_the_current_answer(api, assessment):
    put(api.csco_a, assessment, "RUB", {"status": "answered", "value": 2})
    put(api.csco_a, assessment, "RUB", {"status": "answered", "value": 4, "version": 1})
    stale = put(
        api.contributor_a, assessment, "RUB", {"status": "answered", "value": 5, "version": 1}
    )
    assert stale.status_code == 409
    body = stale.json()
    assert "detail" in body
    assert body["current"]["value"] == 4
    assert body["current"]["version"] == 2
    assert Answer.objects.get(assessment=assessment, indicator__code="RUB").value_level == 4


def test_a_stale_write_says_so_by_its_code_in_either_language(api, assessment):
    put(api.csco_a, assessment, "RUB", {"status": "answered", "value": 2})
    put(api.csco_a, assessment, "RUB", {"status": "answered", "value": 4, "version": 1})
    body = {"status": "answered", "value": 5, "version": 1}
    indonesian = put(api.contributor_a, assessment, "RUB", body).json()
    english = api.contributor_a.put(
        url(assessment, "answers/RUB/"), body, format="json", HTTP_ACCEPT_LANGUAGE="en"
    ).json()
    assert indonesian["code"] == english["code"] == "stale_version"
    assert indonesian["detail"] == "Jawaban sudah diubah orang lain; muat ulang dan coba lagi."
    assert english["detail"] == "The answer was changed by someone else; reload and try again."
    assert list(english) == ["detail", "current", "code"]


def test_a_change_to_a_submitted_assessment_is_a_409_not_editable(api, assessment):
    type(assessment).objects.filter(pk=assessment.pk).update(status="submitted")
    response = put(api.csco_a, assessment, "RUB", {"status": "answered", "value": 2})
    assert response.status_code == 409
    assert response.json()["code"] == "not_editable"
    assert response.json()["detail"] == "Penilaian berstatus 'submitted' tidak dapat diubah."
    assert_nothing_saved(assessment)


def test_a_change_after_the_deadline_is_a_409_cycle_closed(api, assessment):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    type(assessment).objects.filter(pk=assessment.pk).update(deadline_override=yesterday)
    response = put(api.csco_a, assessment, "RUB", {"status": "answered", "value": 2})
    assert response.status_code == 409
    assert response.json()["code"] == "cycle_closed"
    assert yesterday.isoformat() in response.json()["detail"]


def test_an_unknown_indicator_is_a_404_with_its_code(api, assessment):
    response = api.csco_a.get(url(assessment, "answers/NOPE-9/") + "?lang=en")
    assert response.status_code == 404
    assert response.json() == {
        "detail": "Indicator 'NOPE-9' is not in this assessment's framework.",
        "code": "not_found",
    }


def test_creating_over_an_existing_answer_without_its_version_is_a_409(api, assessment):
    put(api.csco_a, assessment, "RUB", {"status": "answered", "value": 2})
    again = put(api.contributor_a, assessment, "RUB", {"status": "answered", "value": 5})
    assert again.status_code == 409
    assert again.json()["current"]["value"] == 2


def test_a_version_for_an_answer_that_does_not_exist_is_a_409(api, assessment):
    response = put(api.csco_a, assessment, "RUB", {"status": "answered", "value": 2, "version": 3})
    assert response.status_code == 409
    assert response.json()["current"] is None
    assert_nothing_saved(assessment)


# --- Bulk -------------------------------------------------------------------------------------


def bulk(client, assessment, items):  # type: ignore[no-untyped-def]
    return client.post(url(assessment, "answers/bulk/"), items, format="json")


def test_bulk_saves_every_item_in_one_go(api, assessment):
    items = [
        {"indicator": "PCT", "status": "answered", "value": "50"},
        {"indicator": "RUB", "status": "answered", "value": 3},
        {"indicator": "BIN", "status": "answered", "value": True},
    ]
    response = bulk(api.contributor_a, assessment, items)
    assert response.status_code == 200, response.json()
    assert [r["indicator"] for r in response.json()["results"]] == ["PCT", "RUB", "BIN"]
    assert Answer.objects.filter(assessment=assessment).count() == 3
    entries = HistoryEntry.objects.filter(assessment=assessment, action="answer.created")
    assert entries.count() == 3
    assert len({e.change_set for e in entries}) == 1


def test_bulk_with_bad_items_saves_nothing_and_names_each_by_index(api, assessment):
    items = [
        {"indicator": "PCT", "status": "answered", "value": "50"},
        {"indicator": "RUB", "status": "answered", "value": 7},
        {"indicator": "BIN", "status": "answered", "value": True},
        {"indicator": "NOPE-9", "status": "answered", "value": 1},
        {"indicator": "CNT", "status": "not_applicable"},
    ]
    response = bulk(api.csco_a, assessment, items)
    assert response.status_code == 400
    errors = response.json()["items"]
    assert set(errors) == {"1", "3", "4"}
    assert list(errors["1"]) == ["value"]
    assert list(errors["3"]) == ["indicator"]
    assert list(errors["4"]) == ["justification"]
    assert response.json()["code"] == "invalid"
    assert_nothing_saved(assessment)


def test_bulk_with_one_stale_item_saves_nothing(api, assessment):
    put(api.csco_a, assessment, "RUB", {"status": "answered", "value": 2})
    items = [
        {"indicator": "PCT", "status": "answered", "value": "50"},
        {"indicator": "RUB", "status": "answered", "value": 3, "version": 0},
    ]
    response = bulk(api.csco_a, assessment, items)
    assert response.status_code == 409
    assert response.json()["code"] == "stale_version"
    assert (response.json()["index"], response.json()["indicator"]) == (1, "RUB")
    assert response.json()["current"]["value"] == 2
    assert not Answer.objects.filter(assessment=assessment, indicator__code="PCT").exists()


def test_bulk_refuses_the_same_indicator_twice(api, assessment):
    items = [
        {"indicator": "RUB", "status": "answered", "value": 2},
        {"indicator": "RUB", "status": "answered", "value": 3},
    ]
    response = bulk(api.csco_a, assessment, items)
    assert response.status_code == 400
    assert list(response.json()["items"]) == ["1"]


@pytest.mark.parametrize("body", [{"status": "answered"}, "text", [], ["a"]])
def test_bulk_bodies_that_are_not_lists_of_answers_are_a_400(api, assessment, body):
    response = bulk(api.csco_a, assessment, body)
    assert response.status_code == 400
    assert_nothing_saved(assessment)


# --- Listing and completeness -----------------------------------------------------------------


def test_the_answer_list_has_one_row_per_indicator_answered_or_not(api, assessment):
    put(api.csco_a, assessment, "RUB", {"status": "answered", "value": 4, "comment": "ok"})
    response = api.observer.get(url(assessment, "answers/"))
    assert response.status_code == 200
    rows = response.json()["results"]
    assert [r["indicator"] for r in rows] == ["PCT", "RATE", "NET", "CNT", "RUB", "BIN", "OPT"]
    by_code = {r["indicator"]: r for r in rows}
    assert by_code["RUB"]["value"] == 4
    assert by_code["RUB"]["comment"] == "ok"
    assert (by_code["PCT"]["status"], by_code["PCT"]["version"]) == (None, 0)
    assert by_code["PCT"]["unit"] == "% of households"
    assert by_code["PCT"]["kind"] == "quantitative"
    assert by_code["OPT"]["required"] is False
    assert by_code["RUB"]["element"] == "E2"
    english = api.observer.get(url(assessment, "answers/?lang=en")).json()["results"]
    assert english[0]["title"] == "PCT en"


def test_completeness_follows_every_answer_write_overall_per_element_and_theme(api, assessment):
    # Six required indicators: four in E1/T1, two in E2/T2; OPT is optional.
    put(api.csco_a, assessment, "RUB", {"status": "answered", "value": 4})
    put(api.csco_a, assessment, "OPT", {"status": "answered", "value": 4})
    detail = api.csco_a.get(url(assessment)).json()
    assert detail["completeness"] == "16.7"
    bulk(
        api.csco_a,
        assessment,
        [
            {"indicator": "PCT", "status": "no_data"},
            {"indicator": "CNT", "status": "not_applicable", "justification": "tidak relevan"},
            {"indicator": "BIN", "status": "answered", "value": True},
        ],
    )
    detail = api.csco_a.get(url(assessment)).json()
    assert detail["completeness"] == "66.7"
    assessment.refresh_from_db()
    assert assessment.completeness == Decimal("66.7")
    elements = {e["code"]: e["completeness"] for e in detail["completeness_by_element"]}
    themes = {t["code"]: t["completeness"] for t in detail["completeness_by_theme"]}
    assert elements == {"E1": "50.0", "E2": "100.0"}
    assert themes == {"T1": "50.0", "T2": "100.0"}


# --- Query counts -----------------------------------------------------------------------------


def _queries_for(client, assessment, suffix, django_assert_max_num_queries, limit):  # type: ignore[no-untyped-def]
    with django_assert_max_num_queries(limit) as captured:
        response = client.get(url(assessment, suffix))
    assert response.status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("suffix", ["", "answers/?page_size=200"])
def test_detail_and_answer_list_queries_do_not_grow_with_the_framework(
    api, cast, suffix, django_assert_max_num_queries
):
    from maturity.assessments.services import answers as services

    small = make_assessment(
        REGION_A, make_open_cycle(framework=make_small_framework(indicators=2), name="kecil")
    )
    large = make_assessment(REGION_A, make_open_cycle(name="2026"))
    for target in (small, large):
        indicators = Indicator.objects.filter(framework_id=target.cycle.framework_id)
        services.save_answers_bulk(
            user=cast.csco_a,
            assessment=target,
            items=[{**value_for_level(i, 3), "indicator": i.code} for i in indicators],
        )
    assert Indicator.objects.filter(framework_id=large.cycle.framework_id).count() > 20
    small_count = _queries_for(api.csco_a, small, suffix, django_assert_max_num_queries, 15)
    large_count = _queries_for(api.csco_a, large, suffix, django_assert_max_num_queries, 15)
    assert large_count == small_count
