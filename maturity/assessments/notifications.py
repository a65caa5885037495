"""E-mail notifications of the assessment lifecycle, in Bahasa Indonesia with English beside.

Services call :func:`assessment_submitted`, :func:`assessment_returned` and
:func:`assessment_approved` inside their transaction; the mail goes only once it commits.
:func:`send_deadline_reminders` is run daily (``maturity.tasks.send_deadline_reminders``) and
sends each reminder at most once per assessment and day.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import DateField
from django.db.models.functions import Coalesce
from django.utils import timezone

from cities import access
from cities.models import Role
from maturity.assessments.models import EDITABLE_STATUSES, Assessment, HistoryEntry
from maturity.cycles.models import CycleStatus

logger = logging.getLogger(__name__)

REMINDER_DAYS = (7, 1)
REMINDER_ACTION = "assessment.reminder_sent"


def _link(assessment: Assessment) -> str:
    return f"{settings.SITE_URL}/assessments/{assessment.pk}/"


def _addresses(users: Iterable[User]) -> list[str]:
    return sorted({u.email for u in users if u.email and u.is_active})


def _send(subject: str, body: str, recipients: list[str]) -> int:
    """One message per recipient (nobody sees the others' addresses); never raises."""
    if not recipients:
        return 0
    messages = [
        EmailMessage(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[to])
        for to in recipients
    ]
    try:
        return get_connection().send_messages(messages) or 0
    except Exception:
        logger.warning(
            "could not send %r to %d recipients", subject, len(recipients), exc_info=True
        )
        return 0


def _load(assessment_id: int) -> Assessment | None:
    return Assessment.objects.select_related("region", "cycle").filter(pk=assessment_id).first()


def _title(assessment: Assessment) -> str:
    return f"{assessment.region.name} ({assessment.cycle.name})"


def send_submitted(assessment_id: int) -> int:
    """Tell the reviewers in scope that an assessment awaits review."""
    assessment = _load(assessment_id)
    if assessment is None:
        return 0
    subject = f"[Maturasi] Penilaian diajukan / Assessment submitted: {_title(assessment)}"
    body = (
        f"Penilaian {_title(assessment)} telah diajukan dan menunggu peninjauan.\n"
        f"Buka: {_link(assessment)}\n\n"
        f"The assessment of {_title(assessment)} has been submitted and awaits review.\n"
        f"Open: {_link(assessment)}\n"
    )
    return _send(subject, body, _addresses(access.reviewers_in_scope(assessment.region)))


def send_returned(assessment_id: int) -> int:
    """Tell the region's CSCO that the assessment came back, with the reviewer's comment."""
    assessment = _load(assessment_id)
    if assessment is None:
        return 0
    subject = f"[Maturasi] Penilaian dikembalikan / Assessment returned: {_title(assessment)}"
    body = (
        f"Penilaian {_title(assessment)} dikembalikan untuk diperbaiki.\n"
        f"Catatan peninjau:\n{assessment.return_comment}\n"
        f"Tenggat: {assessment.deadline.isoformat()}. Buka: {_link(assessment)}\n\n"
        f"The assessment of {_title(assessment)} was returned for revision.\n"
        f"Reviewer's comment:\n{assessment.return_comment}\n"
        f"Deadline: {assessment.deadline.isoformat()}. Open: {_link(assessment)}\n"
    )
    csco = access.region_members(assessment.region, [Role.CSCO])
    return _send(subject, body, _addresses(csco))


def send_approved(assessment_id: int) -> int:
    """Tell the region's CSCO that the assessment was approved."""
    assessment = _load(assessment_id)
    if assessment is None:
        return 0
    subject = f"[Maturasi] Penilaian disetujui / Assessment approved: {_title(assessment)}"
    body = (
        f"Penilaian {_title(assessment)} telah disetujui. Skor terverifikasi sedang dihitung.\n"
        f"Buka: {_link(assessment)}\n\n"
        f"The assessment of {_title(assessment)} has been approved. The verified score is "
        f"being computed.\nOpen: {_link(assessment)}\n"
    )
    csco = access.region_members(assessment.region, [Role.CSCO])
    return _send(subject, body, _addresses(csco))


def assessment_submitted(*, assessment_id: int) -> None:
    """Once the transaction commits, mail the reviewers in scope."""
    transaction.on_commit(lambda: send_submitted(assessment_id))


def assessment_returned(*, assessment_id: int) -> None:
    """Once the transaction commits, mail the region's CSCO (returned or reopened)."""
    transaction.on_commit(lambda: send_returned(assessment_id))


def assessment_approved(*, assessment_id: int) -> None:
    """Once the transaction commits, mail the region's CSCO."""
    transaction.on_commit(lambda: send_approved(assessment_id))


def _reminder(assessment: Assessment, days: int) -> tuple[str, str]:
    deadline = assessment.deadline.isoformat()
    subject = (
        f"[Maturasi] Tenggat {days} hari lagi / Deadline in {days} day"
        f"{'s' if days != 1 else ''}: {_title(assessment)}"
    )
    body = (
        f"Tenggat penilaian {_title(assessment)} adalah {deadline} ({days} hari lagi). "
        f"Kelengkapan saat ini: {assessment.completeness} %.\n"
        f"Lengkapi jawaban dan data dukung, lalu CSCO mengajukannya. Buka: {_link(assessment)}\n\n"
        f"The deadline of the assessment of {_title(assessment)} is {deadline} (in {days} "
        f"day{'s' if days != 1 else ''}). Current completeness: {assessment.completeness} %.\n"
        f"Complete the answers and evidence; then the CSCO submits it. Open: {_link(assessment)}\n"
    )
    return subject, body


def send_deadline_reminders(today: datetime.date | None = None) -> int:
    """Remind the CSCO and contributors of assessments due in 7 days and in 1 day.

    Only assessments still editable (draft or returned) in open cycles. Idempotent per day: each
    reminder is recorded in the assessment's history under the assessment's row lock, and a
    second run on the same day sends nothing again. Returns the number of reminders recorded.
    """
    today = today or timezone.localdate()
    due_dates = [today + datetime.timedelta(days=d) for d in REMINDER_DAYS]
    candidates = (
        Assessment.objects.filter(
            cycle__status=CycleStatus.OPEN, status__in=list(EDITABLE_STATUSES)
        )
        .annotate(due=Coalesce("deadline_override", "cycle__closes_on", output_field=DateField()))
        .filter(due__in=due_dates)
        .values_list("pk", flat=True)
    )
    sent = 0
    for assessment_id in list(candidates):
        with transaction.atomic():
            assessment = (
                Assessment.objects.select_for_update(of=("self",))
                .select_related("region", "cycle")
                .filter(pk=assessment_id)
                .first()
            )
            if assessment is None:
                continue
            days = (assessment.deadline - today).days
            if days not in REMINDER_DAYS:
                continue
            marker = {"date": today.isoformat(), "days": days}
            if HistoryEntry.objects.filter(
                assessment=assessment, action=REMINDER_ACTION, after=marker
            ).exists():
                continue
            recipients = _addresses(
                access.region_members(assessment.region, [Role.CSCO, Role.CONTRIBUTOR])
            )
            HistoryEntry.objects.create(
                assessment=assessment,
                action=REMINDER_ACTION,
                after=marker,
                comment=f"{len(recipients)} penerima / recipients",
            )
            subject, body = _reminder(assessment, days)
            transaction.on_commit(
                lambda s=subject, b=body, r=recipients: _send(s, b, r)  # type: ignore[misc]
            )
            sent += 1
    return sent
