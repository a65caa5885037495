"""E-mail notifications of the assessment lifecycle, in Bahasa Indonesia with English beside.

A mail goes to people whose language the product does not know, so it holds both: each text is
one gettext message rendered once in each language (:func:`_in_both`), Indonesian first.

Services call :func:`assessment_submitted`, :func:`assessment_returned` and
:func:`assessment_approved` inside their transaction; the mail goes only once it commits.
:func:`send_deadline_reminders` is run daily (``maturity.tasks.send_deadline_reminders``) and
sends each reminder at most once per assessment and day.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable, Iterable

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import DateField
from django.db.models.functions import Coalesce
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from cities import access
from cities.models import RegionKind, Role
from maturity.assessments.models import EDITABLE_STATUSES, Assessment, HistoryEntry
from maturity.cycles.models import CycleStatus

logger = logging.getLogger(__name__)

REMINDER_DAYS = (7, 1)
REMINDER_ACTION = "assessment.reminder_sent"


def _link(assessment: Assessment) -> str:
    return f"{settings.SITE_URL}/assessments/{assessment.pk}/"


def _addresses(users: Iterable[User]) -> list[str]:
    return sorted({u.email for u in users if u.email and u.is_active})


def _in_both(render: Callable[[], str]) -> tuple[str, str]:
    """``render()`` (which calls gettext) in Indonesian and in English."""
    with translation.override("id"):
        indonesian = render()
    with translation.override("en"):
        english = render()
    return indonesian, english


def _subject(render: Callable[[], str], assessment: Assessment) -> str:
    indonesian, english = _in_both(render)
    return f"[Maturasi] {indonesian} | {english}: {_title(assessment)}"


def _body(render: Callable[[], str]) -> str:
    indonesian, english = _in_both(render)
    return f"{indonesian}\n\n{english}\n"


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
    subject = _subject(lambda: pgettext("mail", "Penilaian diajukan"), assessment)
    values = {"title": _title(assessment), "link": _link(assessment)}
    body = _body(
        lambda: (
            _("Penilaian %(title)s telah diajukan dan menunggu peninjauan.\nBuka: %(link)s")
            % values
        )
    )
    return _send(subject, body, _addresses(_first_verifiers(assessment)))


def _first_verifiers(assessment: Assessment) -> list[User]:
    """Who verifies a submitted assessment first: its province's reviewers when the cycle has the
    province stage (for a kabupaten or kota), else the ministry's reviewers in scope."""
    if assessment.cycle.province_review and assessment.region.kind != RegionKind.PROVINCE:
        return access.province_reviewers_of(assessment.region)
    return access.reviewers_in_scope(assessment.region)


def send_province_verified(assessment_id: int) -> int:
    """Tell the ministry's reviewers in scope that the province recommends an assessment."""
    assessment = _load(assessment_id)
    if assessment is None:
        return 0
    subject = _subject(lambda: pgettext("mail", "Penilaian diverifikasi provinsi"), assessment)
    values = {
        "title": _title(assessment),
        "comment": assessment.province_comment,
        "link": _link(assessment),
    }
    body = _body(
        lambda: (
            _(
                "Penilaian %(title)s telah diverifikasi provinsi dan menunggu keputusan "
                "kementerian.\nCatatan provinsi:\n%(comment)s\nBuka: %(link)s"
            )
            % values
        )
    )
    return _send(subject, body, _addresses(access.reviewers_in_scope(assessment.region)))


def send_returned(assessment_id: int) -> int:
    """Tell the region's CSCO that the assessment came back, with the reviewer's comment."""
    assessment = _load(assessment_id)
    if assessment is None:
        return 0
    subject = _subject(lambda: pgettext("mail", "Penilaian dikembalikan"), assessment)
    values = {
        "title": _title(assessment),
        "comment": assessment.return_comment,
        "deadline": assessment.deadline.isoformat(),
        "link": _link(assessment),
    }
    body = _body(
        lambda: (
            _(
                "Penilaian %(title)s dikembalikan untuk diperbaiki.\n"
                "Catatan peninjau:\n%(comment)s\n"
                "Tenggat: %(deadline)s. Buka: %(link)s"
            )
            % values
        )
    )
    csco = access.region_members(assessment.region, [Role.CSCO])
    return _send(subject, body, _addresses(csco))


def send_approved(assessment_id: int) -> int:
    """Tell the region's CSCO that the assessment was approved."""
    assessment = _load(assessment_id)
    if assessment is None:
        return 0
    subject = _subject(lambda: pgettext("mail", "Penilaian disetujui"), assessment)
    values = {"title": _title(assessment), "link": _link(assessment)}
    body = _body(
        lambda: (
            _(
                "Penilaian %(title)s telah disetujui. Skor terverifikasi sedang dihitung.\n"
                "Buka: %(link)s"
            )
            % values
        )
    )
    csco = access.region_members(assessment.region, [Role.CSCO])
    return _send(subject, body, _addresses(csco))


def assessment_submitted(*, assessment_id: int) -> None:
    """Once the transaction commits, mail the reviewers in scope."""
    transaction.on_commit(lambda: send_submitted(assessment_id))


def assessment_province_verified(*, assessment_id: int) -> None:
    """Once the transaction commits, mail the ministry's reviewers in scope."""
    transaction.on_commit(lambda: send_province_verified(assessment_id))


def assessment_returned(*, assessment_id: int) -> None:
    """Once the transaction commits, mail the region's CSCO (returned or reopened)."""
    transaction.on_commit(lambda: send_returned(assessment_id))


def assessment_approved(*, assessment_id: int) -> None:
    """Once the transaction commits, mail the region's CSCO."""
    transaction.on_commit(lambda: send_approved(assessment_id))


def _reminder(assessment: Assessment, days: int) -> tuple[str, str]:
    subject = _subject(
        lambda: (
            ngettext("Tenggat %(days)d hari lagi", "Tenggat %(days)d hari lagi", days)
            % {"days": days}
        ),
        assessment,
    )
    values = {
        "title": _title(assessment),
        "deadline": assessment.deadline.isoformat(),
        "days": days,
        "completeness": assessment.completeness,
        "link": _link(assessment),
    }
    body = _body(
        lambda: (
            ngettext(
                "Tenggat penilaian %(title)s adalah %(deadline)s (%(days)d hari lagi). "
                "Kelengkapan saat ini: %(completeness)s %%.\n"
                "Lengkapi jawaban dan data dukung, lalu CSCO mengajukannya. Buka: %(link)s",
                "Tenggat penilaian %(title)s adalah %(deadline)s (%(days)d hari lagi). "
                "Kelengkapan saat ini: %(completeness)s %%.\n"
                "Lengkapi jawaban dan data dukung, lalu CSCO mengajukannya. Buka: %(link)s",
                days,
            )
            % values
        )
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
    return sum(_remind(assessment_id, today) for assessment_id in list(candidates))


def _remind(assessment_id: int, today: datetime.date) -> int:
    """Record and (once committed) mail one assessment's reminder of today; 1 if recorded."""
    with transaction.atomic():
        assessment = (
            Assessment.objects.select_for_update(of=("self",))
            .select_related("region", "cycle")
            .filter(pk=assessment_id)
            .first()
        )
        if assessment is None:
            return 0
        days = (assessment.deadline - today).days
        if days not in REMINDER_DAYS:
            return 0
        already = HistoryEntry.objects.filter(
            assessment=assessment,
            action=REMINDER_ACTION,
            after__date=today.isoformat(),
            after__days=days,
        )
        if already.exists():
            return 0
        recipients = _addresses(
            access.region_members(assessment.region, [Role.CSCO, Role.CONTRIBUTOR])
        )
        HistoryEntry.objects.create(
            assessment=assessment,
            action=REMINDER_ACTION,
            # Data, not a sentence: the history shows it in the reader's language.
            after={"date": today.isoformat(), "days": days, "recipients": len(recipients)},
        )
        subject, body = _reminder(assessment, days)
        transaction.on_commit(
            lambda s=subject, b=body, r=recipients: _send(s, b, r)  # type: ignore[misc]
        )
        return 1
