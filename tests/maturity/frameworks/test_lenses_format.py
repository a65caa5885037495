"""Lenses in the framework file (FRAMEWORK_FORMAT.md extended in docs/FRAMEWORK_FORMAT.md): read,
checked with paths, stored with the version, exported byte for byte, and scored in the score API."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from maturity.frameworks.export import export_framework
from maturity.frameworks.format import dump_framework, parse_framework
from maturity.frameworks.format.spec import lenses_to_data
from maturity.frameworks.models import Framework
from maturity.frameworks.services import import_framework
from maturity.scores import services as score_services
from tests.factories import REGION_A
from tests.maturity.frameworks.test_frameworks_api import IMPORT, upload
from tests.maturity.scores.score_helpers import (
    WORKED_ANSWER_BODIES,
    make_assessment,
    make_cycle,
    worked_example_yaml,
    write_answers,
)

pytestmark = pytest.mark.django_db

LENS = {
    "code": "ASCN",
    "title": {"id": "Bidang fokus ASCN", "en": "ASCN focus areas"},
    "groups": [
        {
            "code": "CS",
            "title": {"id": "Sipil dan sosial", "en": "Civic and Social"},
            "themes": ["EDU"],
            "indicators": ["GOV-1"],
        },
        {
            "code": "HW",
            "title": {"id": "Kesehatan", "en": "Health and Well-Being"},
            "weight": 2,
            "themes": ["HEA", "WAT"],
        },
    ],
}


def with_lenses(lenses: list[dict[str, Any]], code: str = "lensa") -> str:
    document = yaml.safe_load(worked_example_yaml(code))
    document["lenses"] = lenses
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False)


def test_lenses_are_stored_with_the_version_and_exported_byte_for_byte():
    framework = import_framework(text=with_lenses([LENS]), publish=True)
    assert [lens["code"] for lens in framework.lenses] == ["ASCN"]
    assert framework.lenses[0]["groups"][1]["weight"] == "2"
    exported = export_framework(framework)
    assert "lenses:" in exported and "themes: [HEA, WAT]" in exported
    assert dump_framework(parse_framework(exported)) == exported
    framework.delete()
    again = import_framework(text=exported, publish=True)
    assert again.lenses == lenses_to_data(parse_framework(exported).lenses)
    assert export_framework(again) == exported


BAD_LENSES = [
    (
        {**LENS, "groups": [{**LENS["groups"][0], "themes": ["TIDAK"]}]},
        "lenses[0].groups[0].themes[0]",
    ),
    (
        {**LENS, "groups": [{**LENS["groups"][0], "indicators": ["X-9"]}]},
        "lenses[0].groups[0].indicators[0]",
    ),
    ({**LENS, "groups": [LENS["groups"][0], LENS["groups"][0]]}, "lenses[0].groups[1].code"),
    (
        {**LENS, "groups": [{"code": "E", "title": {"id": "Kosong", "en": "Empty"}}]},
        "lenses[0].groups[0]",
    ),
    ({**LENS, "groups": [{**LENS["groups"][0], "weight": 0}]}, "lenses[0].groups[0].weight"),
    (
        {**LENS, "groups": [{**LENS["groups"][0], "title": {"id": "Saja"}}]},
        "lenses[0].groups[0].title.en",
    ),
    ({"code": "ASCN", "groups": LENS["groups"]}, "lenses[0].title"),
    ({**LENS, "groups": []}, "lenses[0].groups"),
]


@pytest.mark.parametrize(("lens", "path"), BAD_LENSES)
def test_a_bad_lens_is_refused_whole_naming_its_path(api, lens, path):
    before = Framework.objects.count()
    response = api.admin.post(IMPORT, upload(with_lenses([lens])), format="multipart")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid_framework_file"
    assert path in [problem["path"] for problem in body["problems"]], body["problems"]
    assert Framework.objects.count() == before


def test_two_lenses_of_one_code_are_refused(api):
    response = api.admin.post(IMPORT, upload(with_lenses([LENS, LENS])), format="multipart")
    assert response.status_code == 400
    assert "lenses[1].code" in [p["path"] for p in response.json()["problems"]]


def test_every_problem_of_the_lenses_comes_at_once(api):
    broken = [{**LENS, "groups": [{**LENS["groups"][0], "themes": ["TIDAK"], "weight": -1}]}, {}]
    response = api.admin.post(IMPORT, upload(with_lenses(broken)), format="multipart")
    paths = [p["path"] for p in response.json()["problems"]]
    assert {"lenses[0].groups[0].themes[0]", "lenses[0].groups[0].weight"} <= set(paths)
    assert {"lenses[1].code", "lenses[1].title", "lenses[1].groups"} <= set(paths)


def scored_on(framework: Framework):  # type: ignore[no-untyped-def]
    assessment = make_assessment(make_cycle(framework), REGION_A)
    write_answers(assessment, WORKED_ANSWER_BODIES)
    score_services.refresh_snapshots(assessment_id=assessment.pk)
    return assessment


def test_the_score_api_gives_each_lens_of_the_version(api):
    assessment = scored_on(import_framework(text=with_lenses([LENS]), publish=True))
    body = api.csco_a.get(f"/api/v1/assessments/{assessment.pk}/score/").json()
    (lens,) = body["self"]["lenses"]
    # CS: EDU-1 4, EDU-2 3 (weight 2), GOV-1 4 → (4 + 6 + 4) / 4 = 3.50.
    # HW: HEA-1 3, HEA-2 5, WAT-1 5 (WAT-2 not applicable) → 13 / 3 = 4.33.
    # Index: (1 · 3.5 + 2 · 13/3) / 3 = 4.0555… → 4.06.
    assert lens == {
        "code": "ASCN",
        "title": "Bidang fokus ASCN",
        "index": "4.06",
        "groups": [
            {"code": "CS", "title": "Sipil dan sosial", "score": "3.50"},
            {"code": "HW", "title": "Kesehatan", "score": "4.33"},
        ],
    }
    english = api.csco_a.get(f"/api/v1/assessments/{assessment.pk}/score/?lang=en").json()
    assert english["self"]["lenses"][0]["groups"][1]["title"] == "Health and Well-Being"


def test_a_version_without_lenses_scores_none(api):
    assessment = scored_on(import_framework(text=worked_example_yaml("tanpa"), publish=True))
    body = api.csco_a.get(f"/api/v1/assessments/{assessment.pk}/score/").json()
    assert body["self"]["lenses"] == []


def test_the_cycle_table_its_files_and_the_open_data_carry_the_lens_groups(api):
    from maturity.assessments.models import AssessmentStatus
    from tests.maturity.scores.score_helpers import set_status

    assessment = scored_on(import_framework(text=with_lenses([LENS]), publish=True))
    set_status(assessment, AssessmentStatus.APPROVED)
    score_services.refresh_snapshots(assessment_id=assessment.pk)
    cycle_url = f"/api/v1/cycles/{assessment.cycle_id}/scores/"

    (row,) = api.admin.get(cycle_url).json()["results"]
    (lens,) = row["lenses"]
    assert (lens["code"], lens["self"], lens["verified"]) == ("ASCN", "4.06", "4.06")
    assert [(g["code"], g["self"]) for g in lens["groups"]] == [("CS", "3.50"), ("HW", "4.33")]

    header, line = api.admin.get(cycle_url + "?format=csv").content.decode().splitlines()[:2]
    columns, values = header.split(","), line.split(",")
    assert values[columns.index("self_ASCN_CS")] == "3.50"
    assert values[columns.index("verified_ASCN_HW")] == "4.33"

    published = api.anon.get(f"/open/cycles/{assessment.cycle_id}/scores.json").json()
    (result,) = published["results"]
    assert result["lenses"][0]["groups"][0] == {"code": "CS", "score": "3.50"}
    open_csv = api.anon.get(f"/open/cycles/{assessment.cycle_id}/scores.csv").content.decode()
    open_header, open_line = open_csv.splitlines()[:2]
    assert open_line.split(",")[open_header.split(",").index("lens_ASCN_HW")] == "4.33"
    dictionary = api.anon.get("/open/data-dictionary/").content.decode()
    assert "lens_ASCN_CS" in dictionary


def test_the_score_page_switches_between_the_elements_and_each_lens(cast):
    from django.test import Client

    assessment = scored_on(import_framework(text=with_lenses([LENS]), publish=True))
    client = Client()
    client.force_login(cast.csco_a)
    page = client.get(f"/assessments/{assessment.pk}/score/").content.decode()
    assert "Bidang fokus ASCN" in page and "?lens=ASCN" in page
    assert "Sipil dan sosial" not in page  # the elements are shown until a lens is chosen
    chosen = client.get(f"/assessments/{assessment.pk}/score/?lens=ASCN").content.decode()
    assert "Sipil dan sosial" in chosen and "3,50" in chosen and "4,33" in chosen
    english = client.get(f"/assessments/{assessment.pk}/score/?lens=ASCN&lang=en").content
    assert "Civic and Social" in english.decode() and "3.50" in english.decode()
