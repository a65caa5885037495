"""Score snapshots: computing them from an assessment, and asking workers to do so."""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone

from maturity.models import Assessment

logger = logging.getLogger(__name__)


def schedule_scoring(*, assessment_id: int) -> None:
    """Mark the assessment's scoring inputs as changed and enqueue scoring once committed.

    The mark is written in the caller's transaction, so even if the broker is down when the
    transaction commits, the periodic sweep finds the assessment stale and rescoring happens.
    """
    Assessment.objects.filter(pk=assessment_id).update(inputs_changed_at=timezone.now())
    transaction.on_commit(lambda: enqueue_scoring(assessment_id))


def enqueue_scoring(assessment_id: int) -> bool:
    """Send the scoring task; a broker outage is logged, not raised (the sweep will resend)."""
    from maturity.tasks import score_assessment

    try:
        score_assessment.delay(assessment_id)
        return True
    except Exception:
        logger.warning("scoring of assessment %s not queued; the sweep will retry", assessment_id,
                       exc_info=True)
        return False
