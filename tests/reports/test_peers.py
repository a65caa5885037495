"""The cycle's peers behind a region report's medians: read once per process for every report of
a cycle, and read again as soon as a snapshot is added or a status changes."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from maturity.assessments.models import Assessment, AssessmentStatus
from maturity.scores.models import ScoreTrack
from maturity.scores.services import refresh_snapshots
from reports.context.region import region_report_context
from reports.context.region_source import cycle_peers, read_peers, read_region_source
from reports.models import Report
from tests.factories import answer_everything
from tests.reports.conftest import Scenario, latest

pytestmark = pytest.mark.django_db


def report_of(assessment: Assessment) -> Report:
    return Report(
        kind="region",
        assessment=Assessment.objects.select_related("region", "cycle__framework").get(
            pk=assessment.pk
        ),
        cycle=assessment.cycle,
        language="id",
        report_id="PEERS",
        created_at=timezone.now(),
    )


def peers_of(assessment: Assessment) -> Any:
    return read_peers(read_region_source(report_of(assessment)))


def test_each_report_of_a_cycle_reads_the_others_once(
    scenario: Scenario, django_assert_max_num_queries: Any
) -> None:
    a, b = scenario.assessment, scenario.peer
    first = cycle_peers(a.cycle)
    assert {row.assessment_id for row in first.rows} == {a.pk, b.pk}
    with django_assert_max_num_queries(1):  # the version: unchanged, so nothing else is read
        assert cycle_peers(a.cycle) is first

    # Each report's peers are the others: A's medians are B's figures and B's are A's.
    for own, other, track in ((a, b, ScoreTrack.SELF), (b, a, ScoreTrack.VERIFIED)):
        peers = peers_of(own)
        assert peers.national_count == 1
        assert peers.national_index == latest(other, track).index
    assert cycle_peers(a.cycle) is first

    # A report's lens medians come from the peers' lens scores, kept with the cycle.
    context = region_report_context(report_of(a))
    assert context.lenses and all(row.lens_groups for row in cycle_peers(a.cycle).rows)


def test_a_new_score_gives_the_next_report_the_new_figures(scenario: Scenario, cast: Any) -> None:
    a, b = scenario.assessment, scenario.peer
    before = peers_of(a).national_index
    Assessment.objects.filter(pk=b.pk).update(status=AssessmentStatus.DRAFT)
    answer_everything(b, cast.csco_b, level=4)
    Assessment.objects.filter(pk=b.pk).update(status=AssessmentStatus.SUBMITTED)
    refresh_snapshots(assessment_id=b.pk)
    after = peers_of(a).national_index
    assert after == latest(b, ScoreTrack.SELF).index
    assert after is not None and before is not None and after > before


def test_a_status_change_alone_gives_the_next_report_the_new_peers(scenario: Scenario) -> None:
    a, b = scenario.assessment, scenario.peer
    assert peers_of(a).national_count == 1
    # Back to draft without a new snapshot: no longer a submitted peer.
    Assessment.objects.filter(pk=b.pk).update(status=AssessmentStatus.DRAFT)
    assert peers_of(a).national_count == 0


def test_scoring_inputs_seen_before_again_reads_the_peers_again(scenario: Scenario) -> None:
    """Scoring answers a snapshot already has updates that snapshot's time (it is the latest
    again) rather than adding one: the version follows the time too."""
    a, b = scenario.assessment, scenario.peer
    first = cycle_peers(a.cycle)
    count = b.snapshots.count()
    refresh_snapshots(assessment_id=b.pk)
    assert b.snapshots.count() == count  # updated in place, none added
    assert cycle_peers(a.cycle) is not first
