"""A region's progress across cycles and an assessment's roadmap, through the API
(GET /api/v1/regions/{code}/progress/, GET /api/v1/assessments/{id}/roadmap/)."""

from __future__ import annotations

import io
from typing import Any

import pytest
import yaml
from openpyxl import load_workbook

from cities.models import Region
from maturity.assessments.models import Assessment, AssessmentStatus
from maturity.cycles.models import AssessmentCycle
from maturity.frameworks.models import Framework, Indicator
from maturity.frameworks.services import import_framework
from maturity.programmes.models import Programme
from maturity.scores.services import refresh_snapshots
from tests.factories import REGION_A, REGION_B
from tests.maturity.scores.score_helpers import (
    answer_all_rubric,
    large_framework_yaml,
    make_assessment,
    make_cycle,
)

pytestmark = pytest.mark.django_db

PAREPARE = "73.72"  # a kota in REGION_A's province (Sulawesi Selatan)
SULSEL = "73"  # the province itself


def small_framework(code: str = "naik", renamed: bool = False) -> Framework:
    """Three elements of one theme with two rubric indicators each (every coefficient 1/6).

    With ``renamed``, version 2: every indicator gets a new code that ``continues`` the old one,
    and one new indicator continues nothing.
    """
    document = yaml.safe_load(large_framework_yaml(code, themes=1, indicators_per_theme=2))
    if renamed:
        document["version"] = "2"
        for element in document["elements"]:
            for theme in element["themes"]:
                for indicator in theme["indicators"]:
                    indicator["continues"] = indicator["code"]
                    indicator["code"] = f"{indicator['code']}b"
        extra = dict(document["elements"][0]["themes"][0]["indicators"][0])
        extra.pop("continues")
        extra["code"] = "BARU-1"
        document["elements"][0]["themes"][0]["indicators"].append(extra)
    return import_framework(text=yaml.safe_dump(document, allow_unicode=True), publish=True)


def cycle_of(framework: Framework, year: int) -> AssessmentCycle:
    cycle = make_cycle(framework, name=f"Siklus {year} {framework.version}")
    AssessmentCycle.objects.filter(pk=cycle.pk).update(year=year)
    cycle.refresh_from_db()
    return cycle


def scored(
    cycle: AssessmentCycle, region: str, level: int, status: str = AssessmentStatus.APPROVED
) -> Assessment:
    assessment = make_assessment(cycle, region, status=status)
    answer_all_rubric(assessment, level)
    refresh_snapshots(assessment_id=assessment.pk)
    return assessment


def progress(client: Any, region: str = REGION_A) -> Any:
    return client.get(f"/api/v1/regions/{region}/progress/")


def roadmap(client: Any, assessment: Assessment, query: str = "") -> Any:
    return client.get(f"/api/v1/assessments/{assessment.pk}/roadmap/{query}")


# --- Progress -----------------------------------------------------------------------------------


def test_two_cycles_give_the_change_the_ranks_and_what_moved(api):
    framework = small_framework()
    last_year, this_year = cycle_of(framework, 2025), cycle_of(framework, 2026)
    scored(last_year, REGION_A, 2)
    scored(this_year, REGION_A, 3)
    scored(this_year, PAREPARE, 3)  # ties with REGION_A
    scored(this_year, REGION_B, 4)
    scored(this_year, SULSEL, 5)  # a province: ranked among provinces only
    scored(this_year, "73.01", 5, status=AssessmentStatus.SUBMITTED)  # not approved: not ranked

    response = progress(api.csco_a)
    assert response.status_code == 200
    now, before = response.json()
    assert [now["cycle"], before["cycle"]] == [this_year.pk, last_year.pk]
    assert now["year"] == 2026 and now["framework"] == {"code": framework.code, "version": "1"}
    assert now["framework_changed"] is False
    assert now["self"] == {"index": "3.00", "level": 3}
    assert now["verified"] == {"index": "3.00", "level": 3}
    assert now["change"] == {
        "track": "verified",
        "index": "1.00",
        "level": 1,
        "previous_cycle": last_year.pk,
    }
    # REGION_B 4.00 first; REGION_A and Parepare tie at 3.00 and share 2nd; 73.01 is unranked.
    assert now["rank"] == {"national": 2, "national_of": 3, "province": 1, "province_of": 2}
    assert [e["change"] for e in now["elements"]] == ["1.00", "1.00", "1.00"]
    assert {i["from"] for i in now["indicators_changed"]} == {2}
    assert {i["to"] for i in now["indicators_changed"]} == {3}
    assert len(now["indicators_changed"]) == 6
    assert before["change"] is None and before["indicators_changed"] == []
    assert before["rank"] == {"national": 1, "national_of": 1, "province": 1, "province_of": 1}

    province = progress(api.reviewer, SULSEL).json()[0]
    assert province["rank"] == {
        "national": 1,
        "national_of": 1,
        "province": None,
        "province_of": None,
    }


def test_three_cycles_across_a_framework_change_compare_through_continues(api):
    first, second = small_framework("tiga"), None
    cycle_2024 = cycle_of(first, 2024)
    cycle_2025 = cycle_of(first, 2025)
    second = small_framework("tiga", renamed=True)
    cycle_2026 = cycle_of(second, 2026)
    scored(cycle_2024, REGION_A, 2)
    scored(cycle_2025, REGION_A, 4)
    scored(cycle_2026, REGION_A, 3, status=AssessmentStatus.SUBMITTED)

    entries = progress(api.csco_a).json()
    assert [e["year"] for e in entries] == [2026, 2025, 2024]
    newest, middle, oldest = entries
    assert newest["framework_changed"] is True and middle["framework_changed"] is False
    # 2026 is only submitted: the change compares the self track, and shows the fall.
    assert newest["verified"] is None and newest["rank"] is None
    assert newest["change"] == {
        "track": "self",
        "index": "-1.00",
        "level": -1,
        "previous_cycle": cycle_2025.pk,
    }
    changed = {i["indicator"]: (i["from"], i["to"]) for i in newest["indicators_changed"]}
    renamed = set(
        Indicator.objects.filter(framework=second)
        .exclude(code="BARU-1")
        .values_list("code", flat=True)
    )
    assert set(changed) == renamed  # BARU-1 continues nothing, so it is not compared
    assert set(changed.values()) == {(4, 3)}
    assert middle["change"]["index"] == "2.00" and middle["change"]["track"] == "verified"
    assert oldest["change"] is None


def test_a_region_outside_the_callers_scope_is_not_found(api):
    framework = small_framework()
    scored(cycle_of(framework, 2026), REGION_A, 3)
    assert progress(api.csco_b).status_code == 404
    assert progress(api.csco_a, "99.99").status_code == 404
    assert progress(api.csco_b, REGION_B).json() == []
    for role in ("csco_a", "contributor_a", "reviewer", "admin", "observer"):
        assert progress(api[role]).status_code == 200
    assert progress(api.anon).status_code in (401, 403)


def test_progress_reads_a_constant_number_of_queries_whatever_the_regions(
    api, django_assert_max_num_queries
):
    framework = small_framework()
    cycles = [cycle_of(framework, year) for year in (2024, 2025, 2026)]
    for cycle in cycles:
        scored(cycle, REGION_A, 3)
    with django_assert_max_num_queries(20) as few:
        progress(api.csco_a)
    for code in Region.objects.exclude(code=REGION_A).values_list("code", flat=True)[:30]:
        scored(cycles[-1], code, 2)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert progress(api.csco_a).status_code == 200


# --- Roadmap ------------------------------------------------------------------------------------


def test_the_roadmap_lists_the_fewest_steps_to_each_higher_level(api):
    framework = small_framework()
    cycle = cycle_of(framework, 2026)
    assessment = scored(cycle, REGION_A, 3)
    body = roadmap(api.csco_a, assessment).json()
    assert body["track"] == "verified" and body["index"] == "3.00" and body["level"] == 3
    m4, m5 = body["targets"]
    # Every indicator weighs 1/6 of the index: M4 (3.50) takes three steps, M5 (4.20) eight.
    assert (m4["level"], m4["index_needed"], m4["reachable"]) == (4, "3.50", True)
    assert m4["level_name"] == "M4 Utama (Platinum)"
    assert sum(s["to_level"] - s["from_level"] for s in m4["steps"]) == 3
    assert m4["index_after"] == "3.50"
    assert sum(s["to_level"] - s["from_level"] for s in m5["steps"]) == 8
    assert m5["index_after"] == "4.33"
    first = m4["steps"][0]
    assert (first["from_level"], first["to_level"], first["gain"]) == (3, 5, "0.3333")
    assert first["needs"] == "Tingkat 5"
    english = roadmap(api.csco_a, assessment, "?lang=en").json()
    assert english["targets"][0]["steps"][0]["needs"] == "Level 5"
    assert english["targets"][0]["level_name"] == "M4 Advanced (Platinum)"


def test_peers_are_regions_that_reached_the_level_with_their_programmes(api):
    framework = small_framework()
    cycle = cycle_of(framework, 2026)
    assessment = scored(cycle, REGION_A, 3)
    scored(cycle, REGION_B, 5)
    scored(cycle, PAREPARE, 4)
    code = Indicator.objects.filter(framework=framework).order_by("position").first().code
    programme = Programme.objects.create(
        region=Region.objects.get(code=REGION_B),
        name="Layanan Banyuwangi Pintar",
        element_code="E1",
        indicator_codes=[code],
        shared=True,
    )
    step = roadmap(api.csco_a, assessment).json()["targets"][0]["steps"][0]
    assert step["indicator"] == code and step["to_level"] == 5
    assert [p["region"] for p in step["peers"]] == [REGION_B]  # Parepare reached only 4
    assert step["peers"][0]["programmes"] == [{"id": programme.pk, "name": programme.name}]
    lower = roadmap(api.csco_a, assessment).json()["targets"][0]["steps"][1]
    assert lower["to_level"] == 4
    assert [p["region"] for p in lower["peers"]] == [REGION_B, PAREPARE]


def test_the_roadmap_track_is_chosen_and_checked(api):
    framework = small_framework()
    cycle = cycle_of(framework, 2026)
    submitted = scored(cycle, REGION_A, 2, status=AssessmentStatus.SUBMITTED)
    assert roadmap(api.csco_a, submitted).json()["track"] == "self"
    refused = roadmap(api.csco_a, submitted, "?track=verified")
    assert refused.status_code == 400
    assert "track" in refused.json() and refused.json()["code"] == "not_verified"
    assert roadmap(api.csco_a, submitted, "?track=sideways").status_code == 400
    approved = scored(cycle, REGION_B, 2)
    assert roadmap(api.csco_b, approved, "?track=self").json()["track"] == "self"


def test_a_draft_has_no_roadmap_yet_and_others_regions_are_not_found(api):
    framework = small_framework()
    cycle = cycle_of(framework, 2026)
    draft = make_assessment(cycle, REGION_A, status=AssessmentStatus.DRAFT)
    response = roadmap(api.csco_a, draft)
    assert response.status_code == 409 and response.json()["code"] == "not_scored"
    assert roadmap(api.csco_b, draft).status_code == 404


def test_a_region_at_the_top_level_has_no_target(api):
    framework = small_framework()
    top = scored(cycle_of(framework, 2026), REGION_A, 5)
    assert roadmap(api.csco_a, top).json()["targets"] == []


# --- The improvement plan -----------------------------------------------------------------------


def plan_url(region: str = REGION_A) -> str:
    return f"/api/v1/regions/{region}/plan/"


def two_steps(framework: Framework) -> list[dict[str, Any]]:
    first, second = Indicator.objects.filter(framework=framework).order_by("position")[:2]
    return [
        {"indicator": first.code, "to_level": 4, "agency": "Dinas Kominfo", "due_on": "2099-06-30"},
        {"indicator": second.code, "to_level": 5, "agency": "Bappeda", "due_on": "2099-09-30"},
    ]


def test_a_csco_adopts_steps_and_the_next_cycle_says_which_were_met(api):
    framework = small_framework()
    last_year, this_year = cycle_of(framework, 2025), cycle_of(framework, 2026)
    scored(last_year, REGION_A, 3)
    steps = two_steps(framework)
    created = api.csco_a.post(plan_url(), {"cycle": last_year.pk, "steps": steps}, format="json")
    assert created.status_code == 201
    assert [(s["indicator"], s["to_level"], s["agency"]) for s in created.json()] == [
        (steps[0]["indicator"], 4, "Dinas Kominfo"),
        (steps[1]["indicator"], 5, "Bappeda"),
    ]
    for role in ("csco_a", "contributor_a", "reviewer", "observer", "admin"):
        listed = api[role].get(plan_url())
        assert listed.status_code == 200 and len(listed.json()) == 2
    assert api.csco_b.get(plan_url()).status_code == 404

    scored(this_year, REGION_A, 4)  # every indicator at 4: the first step met, the second not
    entry = progress(api.csco_a).json()[0]
    assert [(s["indicator"], s["met"]) for s in entry["planned_steps"]] == [
        (steps[0]["indicator"], True),
        (steps[1]["indicator"], False),
    ]


def test_a_bad_plan_names_every_problem_and_saves_nothing(api):
    framework = small_framework()
    cycle = cycle_of(framework, 2025)
    scored(cycle, REGION_A, 3)
    steps = [
        {"indicator": "TIDAK-ADA", "to_level": 7, "agency": " ", "due_on": "2001-01-01"},
        {"indicator": two_steps(framework)[0]["indicator"], "to_level": 4, "agency": "Dinas"},
    ]
    response = api.csco_a.post(plan_url(), {"cycle": cycle.pk, "steps": steps}, format="json")
    assert response.status_code == 400
    body = response.json()
    assert {
        "steps[0].indicator",
        "steps[0].to_level",
        "steps[0].agency",
        "steps[0].due_on",
        "steps[1].due_on",
    } <= set(body)
    assert body["code"] == "invalid"
    assert body["steps[0].agency"] == ["Sebutkan perangkat daerah (OPD) yang bertanggung jawab."]
    english = api.csco_a.post(
        plan_url() + "?lang=en", {"cycle": cycle.pk, "steps": steps}, format="json"
    ).json()
    assert english["steps[0].agency"] == ["Name the regional agency (OPD) in charge."]
    assert api.csco_a.get(plan_url()).json() == []
    no_cycle = api.csco_a.post(plan_url(), {"cycle": 999999, "steps": steps}, format="json")
    assert no_cycle.status_code == 400 and "cycle" in no_cycle.json()
    not_assessed = cycle_of(framework, 2024)
    response = api.csco_a.post(
        plan_url(), {"cycle": not_assessed.pk, "steps": two_steps(framework)}, format="json"
    )
    assert response.status_code == 400 and "cycle" in response.json()


def test_only_the_regions_csco_plans_and_removes_steps(api):
    framework = small_framework()
    cycle = cycle_of(framework, 2025)
    scored(cycle, REGION_A, 3)
    body = {"cycle": cycle.pk, "steps": two_steps(framework)}
    assert api.contributor_a.post(plan_url(), body, format="json").status_code == 403
    assert api.reviewer.post(plan_url(), body, format="json").status_code == 403
    assert api.csco_b.post(plan_url(), body, format="json").status_code == 404
    step = api.csco_a.post(plan_url(), body, format="json").json()[0]
    assert api.csco_b.delete(f"{plan_url()}{step['id']}/").status_code == 404
    assert api.contributor_a.delete(f"{plan_url()}{step['id']}/").status_code == 403
    assert api.csco_a.delete(f"{plan_url()}{step['id']}/").status_code == 204
    assert len(api.csco_a.get(plan_url()).json()) == 1


# --- Ranks and changes in the cycle table and the open data -------------------------------------


def test_the_cycle_table_and_open_data_carry_rank_previous_index_and_change(api):
    framework = small_framework()
    last_year, this_year = cycle_of(framework, 2025), cycle_of(framework, 2026)
    scored(last_year, REGION_A, 2)
    scored(last_year, REGION_B, 3, status=AssessmentStatus.SUBMITTED)
    scored(this_year, REGION_A, 3)
    scored(this_year, PAREPARE, 3)
    scored(this_year, REGION_B, 4, status=AssessmentStatus.SUBMITTED)

    rows = api.admin.get(f"/api/v1/cycles/{this_year.pk}/scores/").json()["results"]
    by_region = {row["region"]: row for row in rows}
    makassar, parepare, banyuwangi = (by_region[c] for c in (REGION_A, PAREPARE, REGION_B))
    assert (makassar["rank_national"], makassar["rank_province"]) == (1, 1)  # a tie at 3.00
    assert (parepare["rank_national"], parepare["rank_province"]) == (1, 1)
    assert (makassar["previous_index"], makassar["change"]) == ("2.00", "1.00")  # verified
    assert (parepare["previous_index"], parepare["change"]) == (None, None)
    # Not approved: no rank; the change compares the self track.
    assert (banyuwangi["rank_national"], banyuwangi["change"]) == (None, "1.00")

    csv_text = api.admin.get(f"/api/v1/cycles/{this_year.pk}/scores/?format=csv").content
    header, *lines = csv_text.decode().splitlines()
    columns = header.split(",")
    assert {"rank_national", "rank_province", "previous_index", "change"} <= set(columns)
    makassar_line = next(line.split(",") for line in lines if line.startswith(REGION_A))
    assert makassar_line[columns.index("change")] == "1.00"

    xlsx = api.admin.get(f"/api/v1/cycles/{this_year.pk}/scores/?format=xlsx").content
    sheet = load_workbook(io.BytesIO(xlsx), read_only=True)["indeks"]
    headings = [cell.value for cell in next(sheet.iter_rows(max_row=1))]
    assert {"Peringkat nasional", "Perubahan indeks"} <= set(headings)

    published = api.anon.get(f"/open/cycles/{this_year.pk}/scores.json").json()["results"]
    makassar_open = next(r for r in published if r["region"]["code"] == REGION_A)
    assert (makassar_open["rank_national"], makassar_open["change"]) == (1, "1.00")
    assert all(r["region"]["code"] != REGION_B for r in published)  # only approved results
    open_csv = api.anon.get(f"/open/cycles/{this_year.pk}/scores.csv").content.decode()
    assert "rank_national,rank_province,previous_index,change" in open_csv.splitlines()[0]
