"""Celery tasks of the maturity app: thin ways in that take ids, re-read rows and call a service."""

from __future__ import annotations

import logging

from celery import shared_task
from django.db import InterfaceError, OperationalError

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
    from maturity.models import Assessment
    from maturity.scores import refresh_snapshots

    try:
        return len(refresh_snapshots(assessment_id=assessment_id))
    except Assessment.DoesNotExist:
        logger.info("assessment %s no longer exists; nothing to score", assessment_id)
        return 0


@shared_task(name="maturity.tasks.sweep_stale_scores", acks_late=True)
def sweep_stale_scores() -> int:
    """Re-send scoring for every assessment whose snapshots lag behind its inputs (or are missing),
    so that a broker outage delays scoring but loses none. Returns how many were sent."""
    from maturity.scores import SWEEP_GRACE, enqueue_scoring, stale_assessment_ids

    stale = stale_assessment_ids(grace=SWEEP_GRACE)
    for assessment_id in stale:
        enqueue_scoring(assessment_id)
    if stale:
        logger.info("sweep re-sent scoring for %d assessments", len(stale))
    return len(stale)


@shared_task(name="maturity.tasks.send_deadline_reminders", acks_late=True)
def send_deadline_reminders() -> object:
    """Remind regions whose assessment deadline is near (see maturity.notifications)."""
    from maturity.notifications import send_deadline_reminders as send

    return send()


@shared_task(name="maturity.tasks.remove_orphan_files", acks_late=True)
def remove_orphan_files() -> int:
    """Delete stored uploads that no row points to (see the service); returns how many."""
    from maturity.services import remove_orphan_files as remove

    return remove()
