"""Scoring on workers: the tasks, and the calls that send them.

Tasks take ids, re-read rows and call :mod:`maturity.scores.services`. Assessments sit below
scores, so they do not call here: they announce changed inputs
(:data:`maturity.assessments.signals.scoring_inputs_changed`, after commit) and
:func:`score_after_change` answers by sending the task.
"""

from __future__ import annotations

import logging
from typing import Any

from celery import shared_task
from django.db import InterfaceError, OperationalError
from django.dispatch import receiver

from maturity.assessments.models import Assessment
from maturity.assessments.signals import scoring_inputs_changed
from maturity.scores import services

logger = logging.getLogger(__name__)

#: Database errors worth retrying: a restart, a lost connection, a failover.
TRANSIENT_DATABASE_ERRORS = (OperationalError, InterfaceError)


@shared_task(
    name="maturity.tasks.score_assessment",
    acks_late=True,
    autoretry_for=TRANSIENT_DATABASE_ERRORS,
    max_retries=5,
    retry_backoff=2,  # 2, 4, 8, 16, 32 s (with jitter) before giving up
    retry_backoff_max=120,
    retry_jitter=True,
)
def score_assessment(assessment_id: int) -> int:
    """Score one assessment and store its snapshots; safe to run any number of times.

    Returns how many snapshots were written or refreshed (0 for a draft or a deleted assessment).
    """
    try:
        return len(services.refresh_snapshots(assessment_id=assessment_id))
    except Assessment.DoesNotExist:
        logger.info("assessment %s no longer exists; nothing to score", assessment_id)
        return 0


@shared_task(name="maturity.tasks.sweep_stale_scores", acks_late=True)
def sweep_stale_scores() -> int:
    """Re-send scoring for every assessment whose snapshots lag behind its inputs (or are missing),
    so that a broker outage delays scoring but loses none. Returns how many were sent."""
    stale = services.stale_assessment_ids(grace=services.SWEEP_GRACE)
    for assessment_id in stale:
        enqueue_scoring(assessment_id)
    if stale:
        logger.info("sweep re-sent scoring for %d assessments", len(stale))
    return len(stale)


def enqueue_scoring(assessment_id: int) -> bool:
    """Send the scoring task; a broker outage is logged, not raised (the sweep will resend)."""
    try:
        score_assessment.delay(assessment_id)
        return True
    except Exception:
        logger.warning(
            "scoring of assessment %s not queued; the sweep will retry",
            assessment_id,
            exc_info=True,
        )
        return False


def enqueue_cycle_scoring(*, cycle_id: int, force: bool = False) -> list[int]:
    """Send one scoring task per assessment of a cycle to the workers.

    Only the stale ones unless ``force``, which sends every assessment that has scores (their
    snapshots are recomputed and, where nothing changed, refreshed in place). Returns the ids sent.
    """
    ids = (
        services.scorable_assessment_ids(cycle_id=cycle_id)
        if force
        else services.stale_assessment_ids(cycle_id=cycle_id)
    )
    for assessment_id in ids:
        enqueue_scoring(assessment_id)
    return ids


@receiver(scoring_inputs_changed, dispatch_uid="maturity.scores.score_after_change")
def score_after_change(sender: Any, *, assessment_id: int, **kwargs: Any) -> None:
    """An assessment's scoring inputs changed and that change committed: score it on a worker."""
    enqueue_scoring(assessment_id)
