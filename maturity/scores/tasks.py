"""Scoring on workers: the tasks, and the calls that send them.

Tasks take ids, re-read rows and call :mod:`maturity.scores.services`; each scoring is tracked as a
job (:mod:`maturity.scores.jobs`: queued, running on a named worker, done or failed), which the
heal sweep takes back from lost workers and a worker shutting down hands back. Assessments sit below
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
from django.utils import timezone

from maturity.assessments.models import Assessment
from maturity.assessments.signals import scoring_inputs_changed
from maturity.scores import jobs, services
from maturity.scores.failures import failure_reason
from operations.workers import worker_stopping

logger = logging.getLogger(__name__)

#: Database errors worth retrying: a restart, a lost connection, a failover.
TRANSIENT_DATABASE_ERRORS = (OperationalError, InterfaceError)


@shared_task(
    bind=True,
    name="maturity.tasks.score_assessment",
    acks_late=True,
    autoretry_for=TRANSIENT_DATABASE_ERRORS,
    max_retries=5,
    retry_backoff=2,  # 2, 4, 8, 16, 32 s (with jitter) before giving up
    retry_backoff_max=120,
    retry_jitter=True,
)
def score_assessment(self, assessment_id: int) -> int:  # type: ignore[no-untyped-def]
    """Score one assessment and store its snapshots; safe to run any number of times.

    The scoring job is claimed first (running on this worker): a task whose scoring another task
    runs, or has finished, does nothing. Returns how many snapshots were written or refreshed (0
    for a draft, a deleted assessment or a task with nothing to do). A transient database error
    is retried; any other error fails the job with a readable reason, and is raised.
    """
    task_id = self.request.id or ""
    if not jobs.claim(
        assessment_id=assessment_id,
        task_id=task_id,
        worker=self.request.hostname or "",
        retry=bool(self.request.retries),
    ):
        return 0
    try:
        written = len(services.refresh_snapshots(assessment_id=assessment_id))
    except Assessment.DoesNotExist:
        logger.info("assessment %s no longer exists; nothing to score", assessment_id)
        return 0
    except TRANSIENT_DATABASE_ERRORS:
        raise
    except Exception as exc:
        jobs.fail(assessment_id=assessment_id, task_id=task_id, reason=failure_reason(exc))
        raise
    jobs.finish(assessment_id=assessment_id, task_id=task_id)
    return written


@shared_task(name="maturity.tasks.sweep_stale_scores", acks_late=True)
def sweep_stale_scores() -> int:
    """Re-send scoring for every assessment whose snapshots lag behind its inputs (or are missing),
    so that a broker outage delays scoring but loses none; not while its scoring runs (the heal
    sweep watches it) nor after it failed (until its inputs change). Returns how many were sent."""
    stale = services.stale_assessment_ids(grace=services.SWEEP_GRACE)
    skipped = jobs.left_alone(stale, now=timezone.now())
    stale = [assessment_id for assessment_id in stale if assessment_id not in skipped]
    for assessment_id in stale:
        enqueue_scoring(assessment_id)
    if stale:
        logger.info("sweep re-sent scoring for %d assessments", len(stale))
    return len(stale)


@shared_task(name="maturity.tasks.heal_scoring", acks_late=True)
def heal_scoring() -> dict[str, int]:
    """Take back the scorings of lost workers (every JOB_HEAL_SECONDS): each is sent again under
    a new task id, or failed once started JOB_MAX_ATTEMPTS times."""
    to_send, failed = jobs.heal(now=timezone.now())
    sent = sum(1 for assessment_id, task_id in to_send if _send(assessment_id, task_id))
    if to_send or failed:
        logger.info("scoring heal: %d of lost workers re-sent, %d failed", sent, failed)
    return {"requeued": len(to_send), "sent": sent, "failed": failed}


@receiver(worker_stopping, dispatch_uid="maturity.scores.tasks.hand_back")
def hand_back(sender: str, **_kwargs: object) -> list[str]:
    """A worker shuts down: its scorings go back to the queue and are sent again at once;
    returns the task ids it was running, for it to stop them."""
    handed = jobs.hand_back(worker=sender)
    for assessment_id, _old, new in handed:
        _send(assessment_id, new)
    return [old for _, old, _ in handed]


def _send(assessment_id: int, task_id: str) -> bool:
    """Publish the scoring task under ``task_id``; a broker outage is logged, not raised (the
    job stays queued and the stale sweep sends it again)."""
    try:
        score_assessment.apply_async(args=[assessment_id], task_id=task_id)
        return True
    except Exception:
        logger.warning(
            "scoring of assessment %s not queued; the sweep will retry",
            assessment_id,
            exc_info=True,
        )
        return False


def enqueue_scoring(assessment_id: int) -> bool:
    """Queue a new scoring of the assessment and send its task; a broker outage is logged, not
    raised (the sweep will resend)."""
    task_id = jobs.new_task_id()
    try:
        jobs.queue(assessment_id, task_id)
    except Exception:  # the assessment was deleted meanwhile, or the database is away
        logger.warning("scoring of assessment %s not queued", assessment_id, exc_info=True)
        return False
    return _send(assessment_id, task_id)


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
