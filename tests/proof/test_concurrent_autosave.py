"""Concurrency: 50 autosaves at once on one assessment, from the CSCO and three contributors,
each in its own thread with its own client and database connection (PostgreSQL, committed
data). Every autosave sends the version it last read; on a 409 it takes the current version
from the answer and tries again, as the questionnaire page does. Afterwards: every accepted
write is in the database, every refused one got a 409, and nothing was lost or written twice —
each answer's version is 1 + its accepted writes, its history holds exactly those writes, in an
unbroken chain of before → after."""

from __future__ import annotations

import threading
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import connection
from rest_framework.test import APIClient

from cities.models import Role
from maturity.assessments.models import Answer, HistoryEntry
from maturity.assessments.services import answers as services
from maturity.frameworks.models import Indicator
from tests.factories import REGION_A, make_open_cycle, make_small_framework, member

pytestmark = pytest.mark.django_db(transaction=True)

AUTOSAVES = 50
ATTEMPTS = 4  # per autosave: the first try and up to three after a 409


@dataclass(frozen=True)
class Sent:
    autosave: int
    indicator: str
    marker: str  # a comment no other write carries
    version: int  # the version the write was based on
    status: int
    body: Any


@pytest.fixture
def scene(cast: Any) -> dict[str, Any]:
    from maturity.assessments.models import Assessment

    framework = make_small_framework(code="race", indicators=9)
    cycle = make_open_cycle(framework=framework, name="Balapan")
    assessment = Assessment.objects.create(cycle=cycle, region=cast.region_a)
    codes = list(
        Indicator.objects.filter(framework=framework, kind="rubric")
        .order_by("position")
        .values_list("code", flat=True)
    )
    for code in codes:
        services.save_answer(
            user=cast.csco_a,
            assessment=assessment,
            indicator=Indicator.objects.get(framework=framework, code=code),
            data={"status": "answered", "value": 3, "comment": "awal"},
        )
    people = [
        cast.csco_a,
        cast.contributor_a,
        member("contributor_a2", Role.CONTRIBUTOR, REGION_A),
        member("contributor_a3", Role.CONTRIBUTOR, REGION_A),
    ]
    return {"assessment": assessment, "codes": codes, "people": people}


def autosave_all(assessment: Any, codes: list[str], people: list[Any]) -> list[Sent]:
    barrier = threading.Barrier(AUTOSAVES)
    sent: list[Sent] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def autosave(n: int) -> None:
        code = codes[n % len(codes)]
        client = APIClient()
        client.force_authenticate(people[n % len(people)])
        url = f"/api/v1/assessments/{assessment.pk}/answers/{code}/"
        try:
            version = client.get(url).json()["version"]
            barrier.wait(timeout=60)
            for attempt in range(ATTEMPTS):
                marker = f"autosave-{n}-{attempt}"
                body = {
                    "status": "answered",
                    "value": 1 + (n + attempt) % 5,
                    "comment": marker,
                    "version": version,
                }
                response = client.put(url, body, format="json")
                with lock:
                    sent.append(
                        Sent(n, code, marker, version, response.status_code, response.json())
                    )
                if response.status_code != 409:
                    break
                version = response.json()["current"]["version"]
        except BaseException as error:  # reported in the main thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=autosave, args=(n,)) for n in range(AUTOSAVES)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    return sent


def test_fifty_concurrent_autosaves_lose_nothing_and_duplicate_nothing(scene):
    assessment, codes = scene["assessment"], scene["codes"]
    sent = autosave_all(assessment, codes, scene["people"])

    assert {s.status for s in sent} <= {200, 409}, sorted({s.status for s in sent})
    accepted = [s for s in sent if s.status == 200]
    refused = [s for s in sent if s.status == 409]
    assert len({s.autosave for s in sent}) == AUTOSAVES
    assert accepted and refused  # both happened: the race was real
    print(f"{len(sent)} writes: {len(accepted)} accepted, {len(refused)} answered 409")
    for s in refused:  # a 409 says why: the answer had moved past the version sent
        assert s.body["current"]["version"] > s.version

    by_code: dict[str, list[Sent]] = defaultdict(list)
    for s in accepted:
        by_code[s.indicator].append(s)
    for code in codes:
        answer = Answer.objects.get(assessment=assessment, indicator__code=code)
        mine = sorted(by_code[code], key=lambda s: s.body["version"])
        assert answer.version == 1 + len(mine)
        assert [s.body["version"] for s in mine] == list(range(2, answer.version + 1))
        assert [s.version for s in mine] == list(range(1, answer.version))
        assert answer.comment == (mine[-1].marker if mine else "awal")

        history = list(
            HistoryEntry.objects.filter(
                assessment=assessment, indicator_code=code, action="answer.changed"
            ).order_by("after__version")
        )
        assert [entry.after["comment"] for entry in history] == [s.marker for s in mine]
        for earlier, later in zip(history, history[1:], strict=False):
            assert later.before == earlier.after
        for entry in history:
            assert entry.before["version"] + 1 == entry.after["version"]
    assert HistoryEntry.objects.filter(
        assessment=assessment, action="answer.changed"
    ).count() == len(accepted)
