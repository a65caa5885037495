"""Regions: loading the ministry's code table, and the regions API."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from cities.models import Region
from cities.services import REGIONS_CSV, load_regions

pytestmark = pytest.mark.django_db


def _write_regions(path: Path, rename: dict[str, str] | None = None) -> Path:
    rename = rename or {}
    with REGIONS_CSV.open(encoding="utf-8", newline="") as source:
        rows = list(csv.DictReader(source))
    with path.open("w", encoding="utf-8", newline="") as target:
        writer = csv.DictWriter(target, fieldnames=list(rows[0]))
        writer.writeheader()
        for row in rows:
            writer.writerow({**row, "name": rename.get(row["code"], row["name"])})
    return path


# --- Loading ------------------------------------------------------------------------------------


def test_the_code_table_holds_38_provinces_416_kabupaten_and_98_kota():
    assert Region.objects.filter(kind="province").count() == 38
    assert Region.objects.filter(kind="kabupaten").count() == 416
    assert Region.objects.filter(kind="kota").count() == 98


def test_loading_the_regions_again_changes_nothing():
    before = list(Region.objects.order_by("code").values_list("pk", "code", "name"))

    result = load_regions()

    assert (result.created, result.updated, result.unchanged) == (0, 0, 552)
    assert list(Region.objects.order_by("code").values_list("pk", "code", "name")) == before


def test_a_renamed_region_is_updated_in_place_not_duplicated(tmp_path):
    makassar = Region.objects.get(code="73.71")
    renamed = _write_regions(tmp_path / "regions.csv", {"73.71": "Kota Makassar Baru"})

    result = load_regions(path=renamed)

    assert (result.created, result.updated) == (0, 1)
    assert Region.objects.count() == 552
    makassar.refresh_from_db()
    assert makassar.name == "Kota Makassar Baru"
    assert Region.objects.filter(code="73.71").count() == 1


def test_a_region_missing_from_the_table_is_created(tmp_path):
    Region.objects.filter(code="35.10").delete()

    result = load_regions()

    assert (result.created, result.updated) == (1, 0)
    assert Region.objects.get(code="35.10").name == "Kabupaten Banyuwangi"


# --- API ----------------------------------------------------------------------------------------


def test_regions_api_lists_38_provinces_416_kabupaten_and_98_kota(api):
    counts = {
        kind: api.observer.get("/api/v1/regions/", {"kind": kind}).json()["count"]
        for kind in ("province", "kabupaten", "kota")
    }
    assert counts == {"province": 38, "kabupaten": 416, "kota": 98}
    assert api.observer.get("/api/v1/regions/").json()["count"] == 552


def test_kota_makassar_is_73_71(api):
    response = api.csco_b.get("/api/v1/regions/73.71/")

    assert response.status_code == 200
    assert response.json() == {
        "code": "73.71",
        "name": "Kota Makassar",
        "kind": "kota",
        "province_code": "73",
        "province_name": "Sulawesi Selatan",
    }


def test_region_search_is_case_insensitive_and_filters_combine(api):
    found = api.csco_a.get("/api/v1/regions/", {"q": "MAKASSAR"}).json()
    assert [r["code"] for r in found["results"]] == ["73.71"]

    in_province = api.csco_a.get("/api/v1/regions/", {"province": "73", "kind": "kota"}).json()
    assert {r["name"] for r in in_province["results"]} == {
        "Kota Makassar",
        "Kota Parepare",
        "Kota Palopo",
    }


def test_regions_are_paginated_with_a_page_size_capped_at_200(api):
    page = api.reviewer.get("/api/v1/regions/", {"page_size": 1000}).json()

    assert len(page["results"]) == 200
    assert page["next"] is not None
    assert page["previous"] is None


def test_every_signed_in_person_may_read_any_region_because_regions_are_public_reference(api):
    for role in ("csco_a", "contributor_a", "csco_b", "reviewer", "admin", "observer"):
        assert api[role].get("/api/v1/regions/35.10/").status_code == 200, role


def test_regions_need_a_signed_in_person(api):
    assert api.anon.get("/api/v1/regions/").status_code == 401
    assert api.anon.get("/api/v1/regions/73.71/").status_code == 401


def test_an_unknown_region_code_is_404(api):
    assert api.admin.get("/api/v1/regions/99.99/").status_code == 404


def test_an_unknown_kind_is_400_naming_the_filter(api):
    response = api.admin.get("/api/v1/regions/", {"kind": "desa"})

    assert response.status_code == 400
    assert "kind" in response.json()


def test_the_region_list_takes_a_constant_number_of_queries(api, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        response = api.reviewer.get("/api/v1/regions/", {"page_size": 200})
    assert len(response.json()["results"]) == 200


def test_a_region_takes_one_query(api, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        assert api.csco_a.get("/api/v1/regions/35.10/").status_code == 200
