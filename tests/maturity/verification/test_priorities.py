"""Where to look first (GET /api/v1/cycles/{id}/verification-priorities/ and its page): a crafted
high-risk assessment ranks above a plain one and its reasons are named; a province reviewer sees
only its province's kabupaten and kota; the weights are the setting's; the list reads a fixed
number of queries however many assessments wait."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from cities import access
from cities.models import Region, Role
from maturity.assessments.models import Answer, Assessment, AssessmentStatus, Evidence
from maturity.cycles.models import AssessmentCycle
from maturity.frameworks.models import Indicator
from maturity.scores.services import refresh_snapshots
from maturity.verification.weights import priority_weights
from tests.conftest import api_client_for
from tests.factories import REGION_A, REGION_B, member
from tests.maturity.progress.test_progress_api import cycle_of, small_framework
from tests.maturity.scores.score_helpers import answer_all_rubric, make_assessment, write_reviews

pytestmark = pytest.mark.django_db

PAREPARE = "73.72"  # a kota of Sulawesi Selatan, like Makassar
SURABAYA = "35.78"  # a kota of Jawa Timur
SULSEL = "73"  # the province itself


def url(cycle: AssessmentCycle, query: str = "") -> str:
    return f"/api/v1/cycles/{cycle.pk}/verification-priorities/{query}"


def scored(
    cycle: AssessmentCycle,
    region: str,
    level: int,
    status: str = AssessmentStatus.SUBMITTED,
    reviews: dict[str, int] | None = None,
) -> Assessment:
    assessment = make_assessment(cycle, region, status=status)
    answer_all_rubric(assessment, level)
    if reviews is not None:
        write_reviews(assessment, {code: {"verified_level": v} for code, v in reviews.items()})
    refresh_snapshots(assessment_id=assessment.pk)
    return assessment


def with_evidence(assessment: Assessment, codes: list[str], same_file: bool = False) -> None:
    indicators = Indicator.objects.filter(
        framework_id=assessment.cycle.framework_id, code__in=codes
    )
    for indicator in indicators:
        content = b"one file" if same_file else indicator.code.encode()
        Evidence.objects.create(
            assessment=assessment,
            indicator=indicator,
            name=f"{indicator.code}.pdf",
            size=len(content),
            sha256=hashlib.sha256(content).hexdigest(),
            content_type="application/pdf",
        )


@pytest.fixture
def world(cast: Any) -> dict[str, Any]:
    """Last year Makassar was approved with two indicators verified three levels below its self
    level; this year it claims level 5 everywhere, with estimated answers, three indicators on
    one file and three without evidence. Parepare claims level 2 with measured answers and
    evidence for each indicator; Surabaya (approved, level 2) makes the kota median 2."""
    framework = small_framework("prio")
    codes = list(
        Indicator.objects.filter(framework=framework)
        .order_by("position")
        .values_list("code", flat=True)
    )
    last_year = cycle_of(framework, 2025)
    this_year = cycle_of(framework, 2026)
    scored(
        last_year,
        REGION_A,
        4,
        AssessmentStatus.APPROVED,
        reviews={code: (1 if code in codes[:2] else 4) for code in codes},
    )
    risky = scored(this_year, REGION_A, 5)
    Answer.objects.filter(assessment=risky, indicator__code__in=codes[:4]).update(
        quality="estimated"
    )
    Answer.objects.filter(assessment=risky, indicator__code__in=codes[4:]).update(
        quality="measured"
    )
    with_evidence(risky, codes[:3], same_file=True)
    plain = scored(this_year, PAREPARE, 2)
    Answer.objects.filter(assessment=plain).update(quality="measured")
    with_evidence(plain, codes)
    scored(this_year, SURABAYA, 2, AssessmentStatus.APPROVED, reviews={})
    banyuwangi = scored(this_year, REGION_B, 3)
    with_evidence(banyuwangi, codes)
    province = scored(this_year, SULSEL, 3, AssessmentStatus.PROVINCE_VERIFIED)
    with_evidence(province, codes)
    return {
        "cycle": this_year,
        "codes": codes,
        "risky": risky,
        "plain": plain,
        "banyuwangi": banyuwangi,
        "province": province,
    }


def test_a_crafted_high_risk_assessment_ranks_above_a_plain_one_and_names_its_reasons(
    api: Any, world: dict[str, Any]
) -> None:
    codes = world["codes"]
    response = api.reviewer.get(url(world["cycle"]))
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["cycle"] == world["cycle"].pk
    assert body["weights"]["above_previous"]["weight"] == 30
    assert body["count"] == 4  # submitted or province verified; the approved Surabaya is not
    results = body["results"]
    first = results[0]
    assert first["assessment"] == world["risky"].pk
    assert first["region"] == REGION_A and first["kind"] == "kota"
    assert first["province_code"] == "73" and first["status"] == "submitted"
    reasons = {reason["code"]: reason for reason in first["reasons"]}
    assert set(reasons) == {
        "above_previous",
        "above_peers",
        "estimated",
        "evidence_missing",
        "evidence_shared",
        "previous_gap",
    }
    # 5.00 now against 3.00 verified last year: the whole weight; the two indicators verified
    # at 1 last year now claim 5.
    assert reasons["above_previous"]["points"] == 30
    assert reasons["above_previous"]["indicators"] == codes[:2]
    assert "5,00" in reasons["above_previous"]["text"]
    assert "3,00" in reasons["above_previous"]["text"]
    assert reasons["above_peers"]["points"] == 20  # 3.00 above the kota median of 2.00
    assert "median kota" in reasons["above_peers"]["text"]
    # Every indicator claims 5 where the kota claim 2 (Makassar, Parepare and Surabaya: the
    # median level of each is 2): three levels above, at least the setting's two.
    assert reasons["above_peers"]["indicators"] == codes
    assert reasons["estimated"]["indicators"] == codes[:4]
    assert reasons["estimated"]["text"].startswith("4 dari 6 jawaban")
    assert reasons["evidence_missing"]["indicators"] == codes[3:]
    assert reasons["evidence_shared"]["indicators"] == codes[:3]
    assert reasons["previous_gap"]["indicators"] == codes[:2]
    assert reasons["previous_gap"]["points"] == 8  # 2 of the 5 indicators that give all 20
    assert first["risk"] == pytest.approx(sum(reason["points"] for reason in first["reasons"]))
    points = [reason["points"] for reason in first["reasons"]]
    assert points == sorted(points, reverse=True)
    assert first["plan_url"].startswith(
        f"/assessments/{world['risky'].pk}/activities/new/?method=interview&indicators="
    )
    assert set(first["plan_url"].split("indicators=")[1].split(",")) == set(codes)

    plain = next(row for row in results if row["assessment"] == world["plain"].pk)
    assert plain["risk"] == 0 and plain["reasons"] == []
    risks = [row["risk"] for row in results]
    assert risks == sorted(risks, reverse=True)
    ties = [row["region"] for row in results if row["risk"] == 0]
    assert ties == sorted(ties)


def test_above_peers_names_only_the_indicators_level_gap_above_their_kinds_median(
    api: Any, world: dict[str, Any]
) -> None:
    """Makassar's last indicator claims 3 against the kota median of 2 (one level above, fewer
    than level_gap's two) and its fifth 4 against a median of 4 (Parepare at 4 too): neither is
    named; the index is still far above."""
    codes, risky = world["codes"], world["risky"]
    Answer.objects.filter(assessment=risky, indicator__code=codes[5]).update(value_level=3)
    refresh_snapshots(assessment_id=risky.pk)
    plain = world["plain"]
    Answer.objects.filter(assessment=plain, indicator__code=codes[4]).update(value_level=4)
    refresh_snapshots(assessment_id=plain.pk)
    first = api.reviewer.get(url(world["cycle"])).json()["results"][0]
    assert first["assessment"] == risky.pk
    reasons = {reason["code"]: reason for reason in first["reasons"]}
    # codes[4]: Makassar 5, Parepare 4, Surabaya 2 → median 4, one level below.
    assert reasons["above_peers"]["indicators"] == codes[:4]


def test_reasons_are_worded_in_english_when_asked(api: Any, world: dict[str, Any]) -> None:
    first = api.reviewer.get(url(world["cycle"], "?lang=en")).json()["results"][0]
    texts = {reason["code"]: reason["text"] for reason in first["reasons"]}
    assert texts["estimated"].startswith("4 of 6 numeric answers")
    assert "5.00" in texts["above_previous"]
    assert "city median" in texts["above_peers"]


def test_a_province_reviewer_sees_only_its_provinces_kabupaten_and_kota(
    api: Any, world: dict[str, Any]
) -> None:
    province_73 = api_client_for(member("prov_73", Role.PROVINCE_REVIEWER, SULSEL))
    seen = {row["region"] for row in province_73.get(url(world["cycle"])).json()["results"]}
    assert seen == {REGION_A, PAREPARE}  # not the province's own, not Banyuwangi (35)
    everything = {row["region"] for row in api.observer.get(url(world["cycle"])).json()["results"]}
    assert everything == {REGION_A, PAREPARE, REGION_B, SULSEL}
    limited = api_client_for(member("reviewer_35", Role.REVIEWER, provinces=["35"]))
    assert {row["region"] for row in limited.get(url(world["cycle"])).json()["results"]} == {
        REGION_B
    }


def test_region_people_are_refused_and_an_unknown_cycle_is_not_found(
    api: Any, world: dict[str, Any]
) -> None:
    for role in ("csco_a", "contributor_a", "csco_b"):
        refused = api[role].get(url(world["cycle"]))
        assert refused.status_code == 403 and refused.json()["code"] == "forbidden"
    assert api.reviewer.get("/api/v1/cycles/999999/verification-priorities/").status_code == 404
    assert api.anon.get(url(world["cycle"])).status_code in (401, 403)


def test_the_list_is_paged_like_every_list(api: Any, world: dict[str, Any]) -> None:
    body = api.admin.get(url(world["cycle"], "?page_size=1")).json()
    assert body["count"] == 4 and len(body["results"]) == 1 and body["next"]
    assert body["results"][0]["assessment"] == world["risky"].pk
    second = api.admin.get(url(world["cycle"], "?page_size=1&page=2")).json()
    assert second["results"][0]["assessment"] != world["risky"].pk
    assert second["weights"] == body["weights"]


def test_the_weights_are_the_settings(api: Any, world: dict[str, Any], settings: Any) -> None:
    settings.VERIFICATION_PRIORITY_WEIGHTS = {
        "evidence_missing": {"weight": 40, "threshold": 0.1, "full": 0.5}
    }
    body = api.reviewer.get(url(world["cycle"])).json()
    assert body["weights"] == {"evidence_missing": {"weight": 40, "threshold": 0.1, "full": 0.5}}
    first = body["results"][0]
    assert first["assessment"] == world["risky"].pk and first["risk"] == 40
    assert [reason["code"] for reason in first["reasons"]] == ["evidence_missing"]


@pytest.mark.parametrize(
    ("value", "named"),
    [
        ({"estimated": {"weight": -1, "threshold": 0, "full": 1}}, "['estimated']['weight']"),
        ({"estimated": {"weight": 1, "threshold": 0.5}}, "lacks ['full']"),
        ({"estimated": {"weight": 1, "threshold": 0.5, "full": 0.2}}, "'full' must not"),
        ({"guesswork": {"weight": 1, "threshold": 0, "full": 1}}, "unknown factors"),
        (
            {"previous_gap": {"weight": 1, "threshold": 0, "full": 1, "level_gap": 0}},
            "['level_gap']",
        ),
    ],
)
def test_a_wrong_weight_is_refused_by_name(settings: Any, value: Any, named: str) -> None:
    settings.VERIFICATION_PRIORITY_WEIGHTS = value
    with pytest.raises(ImproperlyConfigured, match=named.replace("[", r"\[").replace("]", r"\]")):
        priority_weights()


def _waiting(cycle: AssessmentCycle, regions: list[str]) -> None:
    codes = list(
        Indicator.objects.filter(framework_id=cycle.framework_id).values_list("code", flat=True)
    )
    for n, code in enumerate(regions):
        assessment = scored(cycle, code, 2 + n % 4)
        Answer.objects.filter(assessment=assessment, indicator__code=codes[0]).update(
            quality="estimated"
        )
        with_evidence(assessment, codes[: 1 + n % 3], same_file=n % 2 == 0)


def test_the_list_reads_a_fixed_number_of_queries_whatever_the_assessments(
    api: Any, world: dict[str, Any], django_assert_max_num_queries: Any
) -> None:
    cycle = world["cycle"]
    reviewer = api.cast.reviewer
    access.forget(reviewer)  # each request below reads the grants, as a new request does
    with CaptureQueriesContext(connection) as few:
        assert api.reviewer.get(url(cycle)).json()["count"] == 4
    others = list(
        Region.objects.exclude(code__in=[REGION_A, PAREPARE, REGION_B, SULSEL, SURABAYA])
        .filter(kind__in=["kota", "kabupaten"])
        .order_by("code")
        .values_list("code", flat=True)[:20]
    )
    _waiting(cycle, others)
    access.forget(reviewer)
    with CaptureQueriesContext(connection) as many:
        assert api.reviewer.get(url(cycle)).json()["count"] == 24
    assert len(many.captured_queries) == len(few.captured_queries)
    # The grants, the cycle, the assessments, the previous approved assessments, their
    # snapshots, the indicators, the answers and the evidence, the kinds' medians.
    access.forget(reviewer)
    with django_assert_max_num_queries(9):
        api.reviewer.get(url(cycle))


# --- The page -----------------------------------------------------------------------------------


def browser(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_page_lists_reasons_and_links_to_plan_an_interview(
    cast: Any, world: dict[str, Any]
) -> None:
    page = browser(cast.reviewer).get(f"/cycles/{world['cycle'].pk}/priorities/")
    assert page.status_code == 200
    html = page.content.decode()
    assert '<div class="table-wrap"><table class="table" id="priority-table">' in html
    assert "Rencanakan wawancara / kunjungan" in html
    assert f'href="/assessments/{world["risky"].pk}/activities/new/?method=interview' in html
    assert "4 dari 6 jawaban berangka" in html
    assert html.index("Kota Makassar") < html.index("Kota Parepare")
    english = browser(cast.reviewer).get(f"/cycles/{world['cycle'].pk}/priorities/?lang=en")
    assert "Plan an interview / visit" in english.content.decode()


def test_the_province_reviewers_page_holds_only_its_province(
    cast: Any, world: dict[str, Any]
) -> None:
    province_73 = member("prov_73", Role.PROVINCE_REVIEWER, SULSEL)
    html = browser(province_73).get(f"/cycles/{world['cycle'].pk}/priorities/").content.decode()
    assert "Kota Makassar" in html and "Kota Parepare" in html
    assert "Kabupaten Banyuwangi" not in html
    assert f"/assessments/{world['province'].pk}/" not in html
    assert browser(cast.csco_a).get(f"/cycles/{world['cycle'].pk}/priorities/").status_code == 403


def test_the_board_links_to_priorities_and_calibration_of_its_cycle(
    cast: Any, world: dict[str, Any]
) -> None:
    cycle = world["cycle"]
    html = browser(cast.observer).get(f"/board/?cycle={cycle.pk}").content.decode()
    assert f'href="/cycles/{cycle.pk}/priorities/"' in html
    assert f'href="/cycles/{cycle.pk}/calibration/"' in html
