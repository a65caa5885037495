"""Tasks of the assessments part: thin ways in that call a service."""

from __future__ import annotations

from celery import shared_task

from maturity.assessments import notifications


@shared_task(name="maturity.tasks.send_deadline_reminders", acks_late=True)
def send_deadline_reminders() -> object:
    """Remind regions whose assessment deadline is near (see :mod:`.notifications`)."""
    return notifications.send_deadline_reminders()
