"""Operational tasks."""

from celery import shared_task
from django.utils import timezone

from operations.models import WorkerHeartbeat


@shared_task(name="operations.tasks.ping")
def ping(token: str) -> None:
    """Write a row named ``token``: proof that a task went through the broker to a worker."""
    now = timezone.now()
    WorkerHeartbeat.objects.update_or_create(
        hostname=token, defaults={"last_seen": now, "started_at": now, "pid": 0}
    )
