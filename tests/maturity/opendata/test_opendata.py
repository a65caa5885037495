"""Open data (issue #9, API.md "Open data"): a cycle's approved results as CSV and JSON for anyone,
with only the region, the verified scores and the framework version; the index and the data
dictionary pages; cache-friendly responses."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from django.test import Client
from django.utils.html import escape

from maturity.assessments.models import Answer, Assessment, AssessmentStatus, Evidence
from maturity.frameworks.models import Indicator
from maturity.opendata import datasets
from maturity.scores import services
from tests.maturity.scores.score_helpers import (
    WORKED_ANSWER_BODIES,
    WORKED_REVIEW_BODIES,
    WORKED_VERIFIED,
    import_worked_example,
    make_assessment,
    make_cycle,
    set_status,
    write_answers,
    write_reviews,
)

pytestmark = pytest.mark.django_db

REGION_A = "73.71"  # Kota Makassar: approved
REGION_B = "35.10"  # Kabupaten Banyuwangi: submitted, not yet approved
SECRETS = (
    "RAHASIA-KOMENTAR",
    "RAHASIA-SUMBER",
    "RAHASIA-BUKTI",
    "RAHASIA-ALASAN",
    "Data 2024 kurang.",
    "csco_a",
    "reviewer",
)


@pytest.fixture
def cycle(cast):
    return make_cycle(import_worked_example(), name="Siklus Terbuka")


def approve(assessment: Assessment) -> None:
    write_reviews(assessment, WORKED_REVIEW_BODIES)
    set_status(assessment, AssessmentStatus.APPROVED)
    services.refresh_snapshots(assessment_id=assessment.pk)


@pytest.fixture
def published(cycle, cast):
    """Makassar approved and scored, with private text everywhere; Banyuwangi only submitted."""
    makassar = make_assessment(cycle, REGION_A)
    write_answers(makassar, WORKED_ANSWER_BODIES)
    Answer.objects.filter(assessment=makassar).update(
        comment="RAHASIA-KOMENTAR",
        source="RAHASIA-SUMBER",
        justification="RAHASIA-ALASAN",
        updated_by=cast.csco_a,
    )
    Evidence.objects.create(
        assessment=makassar,
        indicator=Indicator.objects.get(framework=cycle.framework, code="EDU-1"),
        name="RAHASIA-BUKTI.pdf",
        uploaded_by=cast.csco_a,
    )
    Assessment.objects.filter(pk=makassar.pk).update(created_by=cast.csco_a)
    approve(makassar)
    banyuwangi = make_assessment(cycle, REGION_B)
    write_answers(banyuwangi, WORKED_ANSWER_BODIES)
    services.refresh_snapshots(assessment_id=banyuwangi.pk)
    return makassar, banyuwangi


def csv_rows(response: Any) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))


def test_the_csv_lists_only_approved_assessments_with_their_verified_scores(cycle, published):
    response = Client().get(f"/open/cycles/{cycle.pk}/scores.csv")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    (row,) = csv_rows(response)
    assert row["region_code"] == REGION_A and row["region_name"] == "Kota Makassar"
    assert row["region_kind"] == "kota" and row["province_code"] == "73"
    assert row["province_name"] == "Sulawesi Selatan"
    assert row["framework_version"] == f"{cycle.framework.code} {cycle.framework.version}"
    assert (row["index"], row["level"]) == (WORKED_VERIFIED["index"], "3")
    assert (row["level_name_id"], row["level_name_en"]) == (
        "M3 Madya (Emas)",
        "M3 Intermediate (Gold)",
    )
    for code, score in WORKED_VERIFIED["elements"].items():
        assert row[f"element_{code}"] == score
    for code, score in WORKED_VERIFIED["themes"].items():
        assert row[f"theme_{code}"] == score


def test_the_csv_columns_are_exactly_the_dictionary_columns(cycle, published):
    response = Client().get(f"/open/cycles/{cycle.pk}/scores.csv")

    heading = next(csv.reader(io.StringIO(response.content.decode("utf-8"))))
    assert heading == [c.name for c in datasets.columns_for(cycle.framework).all]


def test_the_json_has_the_same_rows_decimals_as_strings_and_the_framework_names(cycle, published):
    response = Client().get(f"/open/cycles/{cycle.pk}/scores.json")

    assert response.status_code == 200
    body = response.json()
    assert body["cycle"] == {"id": cycle.pk, "name": "Siklus Terbuka", "year": cycle.year}
    assert body["framework"]["version"] == cycle.framework.version
    assert body["framework"]["levels"]["3"] == {
        "id": "M3 Madya (Emas)",
        "en": "M3 Intermediate (Gold)",
    }
    assert {e["code"] for e in body["framework"]["elements"]} == {"E1", "E2", "E3"}
    assert body["count"] == 1
    (result,) = body["results"]
    assert result["region"] == {
        "code": REGION_A,
        "name": "Kota Makassar",
        "kind": "kota",
        "province_code": "73",
        "province_name": "Sulawesi Selatan",
    }
    assert result["index"] == "3.17" and result["level"] == 3
    assert {e["code"]: e["score"] for e in result["elements"]} == WORKED_VERIFIED["elements"]
    assert {t["code"]: t["score"] for t in result["themes"]} == WORKED_VERIFIED["themes"]
    assert set(result) == {
        "region",
        "framework_version",
        "index",
        "level",
        "level_name_id",
        "level_name_en",
        "rank_national",
        "rank_province",
        "previous_index",
        "change",
        "elements",
        "themes",
        "lenses",
    }
    # The only approved kota of its province this cycle, with no earlier cycle.
    assert (result["rank_national"], result["rank_province"]) == (1, 1)
    assert (result["previous_index"], result["change"]) == (None, None)


def test_the_files_hold_no_answers_comments_evidence_reviews_or_names_of_people(cycle, published):
    for extension in ("csv", "json"):
        text = Client().get(f"/open/cycles/{cycle.pk}/scores.{extension}").content.decode()
        for secret in SECRETS:
            assert secret not in text, (extension, secret)
        assert REGION_B not in text and "Banyuwangi" not in text


def test_a_reopened_assessment_leaves_the_open_data(cycle, published):
    makassar, _ = published
    set_status(makassar, AssessmentStatus.RETURNED)

    response = Client().get(f"/open/cycles/{cycle.pk}/scores.json")

    assert response.json()["count"] == 0


def test_an_approval_not_yet_scored_is_left_out_until_workers_store_it(cycle, published):
    _, banyuwangi = published
    set_status(banyuwangi, AssessmentStatus.APPROVED)  # no verified snapshot yet

    rows = csv_rows(Client().get(f"/open/cycles/{cycle.pk}/scores.csv"))
    assert [row["region_code"] for row in rows] == [REGION_A]

    services.refresh_snapshots(assessment_id=banyuwangi.pk)
    rows = csv_rows(Client().get(f"/open/cycles/{cycle.pk}/scores.csv"))
    assert [row["region_code"] for row in rows] == [REGION_B, REGION_A]


def test_open_data_needs_no_sign_in_and_an_unknown_cycle_is_404(cycle, published):
    anonymous = Client()

    assert anonymous.get(f"/open/cycles/{cycle.pk}/scores.csv").status_code == 200
    assert anonymous.get("/open/cycles/999999/scores.csv").status_code == 404
    assert anonymous.get("/open/cycles/999999/scores.json").status_code == 404
    assert anonymous.post(f"/open/cycles/{cycle.pk}/scores.json").status_code == 405


def test_responses_are_cacheable_and_a_repeat_with_the_etag_gets_304(cycle, published):
    client = Client()
    first = client.get(f"/open/cycles/{cycle.pk}/scores.json")

    assert first["ETag"].startswith('"') and first["Last-Modified"]
    assert "public" in first["Cache-Control"] and "max-age=300" in first["Cache-Control"]
    assert first["Access-Control-Allow-Origin"] == "*"
    again = client.get(f"/open/cycles/{cycle.pk}/scores.json", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""
    since = client.get(
        f"/open/cycles/{cycle.pk}/scores.json", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]
    )
    assert since.status_code == 304


def test_the_etag_changes_when_the_published_data_changes(cycle, published):
    client = Client()
    before = client.get(f"/open/cycles/{cycle.pk}/scores.csv")["ETag"]
    _, banyuwangi = published
    approve(banyuwangi)

    after = client.get(f"/open/cycles/{cycle.pk}/scores.csv", HTTP_IF_NONE_MATCH=before)

    assert after.status_code == 200 and after["ETag"] != before
    assert len(csv_rows(after)) == 2


def test_the_open_index_lists_cycles_with_links_and_approved_counts(cycle, published):
    response = Client().get("/open/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Siklus Terbuka" in html
    assert f"/open/cycles/{cycle.pk}/scores.csv" in html
    assert f"/open/cycles/{cycle.pk}/scores.json" in html
    assert "/open/data-dictionary/" in html
    assert "private" in response["Cache-Control"] and "max-age=300" in response["Cache-Control"]
    row = html[html.index("Siklus Terbuka") :]
    assert '<td class="num">1</td>' in row[: row.index("</tr>")]


def test_the_data_dictionary_describes_every_column_in_both_languages(cycle, published):
    response = Client().get("/open/data-dictionary/")

    assert response.status_code == 200
    html = response.content.decode()
    for column in datasets.columns_for(cycle.framework).all:
        assert f"<code>{column.name}</code>" in html, column.name
        assert escape(column.description_id.split(" (")[0]) in html
        assert escape(column.description_en.split(" (")[0]) in html
    assert "Kota layak huni" in html and "Liveable city" in html  # both languages


def test_open_data_takes_the_same_queries_for_one_or_many_regions(
    cycle, published, django_assert_max_num_queries
):
    Client().get(f"/open/cycles/{cycle.pk}/scores.csv")  # the framework is now cached
    _, banyuwangi = published
    approve(banyuwangi)

    # The cycle, its rows, their snapshots, the ranks, the previous cycles, the newest change.
    with django_assert_max_num_queries(7):
        response = Client().get(f"/open/cycles/{cycle.pk}/scores.json")
    assert json.loads(response.content)["count"] == 2
    with django_assert_max_num_queries(3):
        assert Client().get("/open/").status_code == 200
