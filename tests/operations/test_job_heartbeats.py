"""The heal sweep's decision, a pure function of a running job, its worker's heartbeat and a fixed
clock: a worker silent for longer than JOB_WORKER_STALE_SECONDS, without a heartbeat, or restarted
since the job started has lost the job; a fresh heartbeat keeps it; no worker recorded leaves it
to the time-limit sweep."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from operations.jobs import Beat, stale_after, worker_lost

NOW = datetime(2026, 11, 22, 9, 0, 0, tzinfo=UTC)
STALE = timedelta(seconds=45)
BOOTED = NOW - timedelta(hours=1)


def lost(*, worker: str = "w1@host", started: float = 60, beat: Beat | None) -> bool:
    """``started`` seconds before NOW."""
    return worker_lost(
        worker=worker,
        started_at=NOW - timedelta(seconds=started),
        beat=beat,
        now=NOW,
        stale=STALE,
    )


def seen(seconds_ago: float, booted: datetime = BOOTED) -> Beat:
    return Beat(last_seen=NOW - timedelta(seconds=seconds_ago), started_at=booted)


@pytest.mark.parametrize("seconds_ago", [0, 10, 44.9, 45])
def test_a_fresh_heartbeat_keeps_the_job(seconds_ago: float) -> None:
    assert not lost(beat=seen(seconds_ago))


@pytest.mark.parametrize("seconds_ago", [45.001, 60, 3600])
def test_a_stale_heartbeat_loses_the_job(seconds_ago: float) -> None:
    assert lost(beat=seen(seconds_ago))


def test_no_heartbeat_row_loses_the_job_once_it_is_older_than_the_stale_limit() -> None:
    assert lost(started=46, beat=None)
    # A worker writes its first beat as it starts: a young job is given that time.
    assert not lost(started=5, beat=None)


def test_a_worker_restarted_under_the_same_name_since_the_job_started_lost_it() -> None:
    restarted = NOW - timedelta(seconds=20)
    assert lost(started=60, beat=seen(1, booted=restarted))
    # A job the new worker started itself is its own.
    assert not lost(started=10, beat=seen(1, booted=restarted))


def test_no_worker_recorded_is_left_to_the_time_limit_sweep() -> None:
    assert not lost(worker="", beat=None, started=10_000)
    assert not worker_lost(worker="w1@host", started_at=None, beat=None, now=NOW, stale=STALE)


def test_the_stale_limit_is_a_setting(settings) -> None:  # type: ignore[no-untyped-def]
    settings.JOB_WORKER_STALE_SECONDS = 90
    assert stale_after() == timedelta(seconds=90)
