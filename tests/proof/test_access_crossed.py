"""Other regions' ids tried everywhere, beyond the access matrix (tests/test_access_matrix.py,
which tries each URL with one region's objects at a time, on pages and downloads alike):

* crossed ids in a URL — a region's own assessment or programme with another region's evidence
  or file id (API, pages and downloads): never found;
* another region's ids in a body — citing another region's programme, or citing into another
  region's assessment: refused, nothing written;
* another region's codes in a query string — lists and exports (JSON, CSV, XLSX) filtered by
  another region or province show nothing of it; a reviewer limited to a province never sees
  another province's regions in the cycle's score exports or on the board.
"""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from rest_framework.test import APIClient

from cities.models import Role
from maturity.assessments.models import Evidence
from tests.factories import member
from tests.test_access_matrix import (
    CAST,
    KINDS,
    MATRIX,
    Rule,
    World,
    build_url,
    build_world,
    expected,
)

pytestmark = pytest.mark.django_db

CHILD_IDS = ("eid", "evidence_id", "fid")
CROSSED = [rule for rule in MATRIX if any(f"<int:{name}>" in rule.route for name in CHILD_IDS)]
REGION_A_CODE, REGION_B_CODE = "73.71", "35.10"


@pytest.fixture
def world(cast: Any) -> World:
    from django.core.cache import cache

    cache.clear()
    return build_world(cast)


@pytest.fixture
def people(cast: Any) -> dict[str, Any]:
    found = {actor: getattr(cast, actor, None) for actor in CAST}
    found["reviewer_73"] = member("reviewer_73", Role.REVIEWER, provinces=["73"])
    found["province_73"] = member("province_73", Role.PROVINCE_REVIEWER, "73")
    return found


def clients_for(person: Any) -> dict[str, Any]:
    api, browser = APIClient(), Client()
    api.force_authenticate(person)
    browser.force_login(person)
    return {"api": api, "page": browser}


def body_text(response: Any) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return bytes(response.content)


def send(client: Any, rule: Rule, url: str) -> Any:
    method = rule.method.lower()
    savepoint = transaction.savepoint()
    try:
        if rule.surface == "api" and method != "get":
            return getattr(client, method)(url, {}, format="json")
        return getattr(client, method)(url)
    finally:
        transaction.savepoint_rollback(savepoint)


@pytest.mark.parametrize("rule", CROSSED, ids=lambda r: f"{r.surface} {r.method} /{r.route}")
def test_an_own_object_with_another_regions_child_id_is_never_found(rule, world, people):
    kind = KINDS[rule.on]
    problems = []
    for parent, child in (("A", "B"), ("B", "A")):
        values = kind.kwargs(world, world.sides[parent])
        other = kind.kwargs(world, world.sides[child])
        values.update({name: other[name] for name in CHILD_IDS if name in other})
        url = build_url(rule.route, values)
        for actor, person in people.items():
            response = send(clients_for(person)[rule.surface], rule, url)
            content = body_text(response)
            # Whoever may act on the parent must find no such child there (404); whoever may
            # not is refused (403) or does not see the parent at all (404).
            may_act = expected(rule, actor, world.sides[parent]) == rule.expected_ok
            allowed = {404} if may_act else {403, 404}
            if response.status_code not in allowed:
                problems.append(f"{rule.method} {url} as {actor}: {response.status_code}")
            for side in world.sides.values():
                if side.marker.encode() in content:
                    problems.append(f"{rule.method} {url} as {actor}: shows {side.marker}")
    assert not problems, "\n".join(problems)


# --- Ids in bodies ------------------------------------------------------------------------------


def test_citing_another_regions_programme_is_refused_and_writes_nothing(world, cast):
    a, b = world.sides["A"], world.sides["B"]
    client = APIClient()
    client.force_authenticate(cast.csco_a)
    before = Evidence.objects.count()
    response = client.post(
        f"/api/v1/assessments/{a.assessment.pk}/citations/",
        {"programme": b.programme.pk, "indicator": "I-1"},
        format="json",
    )
    assert response.status_code in (400, 404), response.content
    assert b.marker.encode() not in response.content
    assert Evidence.objects.count() == before


def test_citing_into_another_regions_assessment_from_a_page_is_refused(world, cast):
    a, b = world.sides["A"], world.sides["B"]
    browser = Client()
    browser.force_login(cast.csco_a)
    before = Evidence.objects.count()
    response = browser.post(
        f"/programmes/{a.programme.pk}/cite/",
        {"assessment": b.assessment.pk, "indicator": "I-1"},
    )
    assert response.status_code in (400, 404), response.status_code
    assert b.marker.encode() not in body_text(response)
    assert Evidence.objects.count() == before
    assert not Evidence.objects.filter(assessment=b.assessment, programme=a.programme).exists()


# --- Ids in query strings -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [f"region={REGION_B_CODE}", "province=35", f"cycle={{cycle}}&region={REGION_B_CODE}"],
)
def test_filtering_assessments_by_another_region_finds_nothing(world, cast, query):
    client = APIClient()
    client.force_authenticate(cast.csco_a)
    response = client.get("/api/v1/assessments/?" + query.format(cycle=world.cycle.pk))
    assert response.status_code in (200, 400)
    if response.status_code == 200:
        ids = {row["id"] for row in response.json()["results"]}
        assert world.sides["B"].assessment.pk not in ids


def test_filtering_programmes_by_another_region_finds_nothing_private(world, cast):
    client = APIClient()
    client.force_authenticate(cast.csco_a)
    response = client.get(f"/api/v1/programmes/?region={REGION_B_CODE}")
    assert response.status_code == 200
    assert world.sides["B"].programme.pk not in {row["id"] for row in response.json()["results"]}
    assert world.sides["B"].marker.encode() not in response.content


def export_text(response: Any, fmt: str) -> str:
    content = body_text(response)
    if fmt == "xlsx":
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(content), read_only=True)
        return "\n".join(
            " ".join(str(cell) for cell in row if cell is not None)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
        )
    if fmt == "json":
        return json.dumps(json.loads(content))
    return content.decode("utf-8-sig")


@pytest.mark.parametrize("fmt", ["json", "csv", "xlsx"])
def test_a_province_reviewer_never_sees_another_province_in_score_exports(world, people, fmt):
    url = f"/api/v1/cycles/{world.cycle.pk}/scores/"
    if fmt != "json":
        url += f"?format={fmt}"
    seen = {}
    for actor in ("reviewer", "reviewer_73"):
        response = clients_for(people[actor])["api"].get(
            url + ("&" if "?" in url else "?") + "province=35"
        )
        whole = clients_for(people[actor])["api"].get(url)
        assert (response.status_code, whole.status_code) == (200, 200)
        seen[actor] = (export_text(response, fmt), export_text(whole, fmt))
    # The control: a reviewer of every region sees region B, filtered or not.
    assert REGION_B_CODE in seen["reviewer"][0] and REGION_B_CODE in seen["reviewer"][1]
    # The reviewer of province 73 sees region A, and never region B, even when asking for it.
    assert REGION_A_CODE in seen["reviewer_73"][1]
    assert REGION_B_CODE not in seen["reviewer_73"][0]
    assert REGION_B_CODE not in seen["reviewer_73"][1]


def test_a_province_reviewer_never_sees_another_province_on_the_board(world, people):
    for query in ("", "?province=35"):
        board = clients_for(people["reviewer_73"])["page"].get(f"/board/{query}")
        assert board.status_code == 200
        assert "Banyuwangi" not in board.content.decode()
    control = clients_for(people["reviewer"])["page"].get("/board/?province=35")
    assert "Banyuwangi" in control.content.decode()
