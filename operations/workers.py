"""A heartbeat thread in every worker process that writes its last sign of life."""

from __future__ import annotations

import logging
import os
import threading
from datetime import timedelta

from celery import signals
from django.conf import settings
from django.db import close_old_connections, connection
from django.utils import timezone

from operations.models import WorkerHeartbeat

logger = logging.getLogger(__name__)
_stop = threading.Event()
_hostname: str | None = None


def _beat(hostname: str, started_at) -> None:  # type: ignore[no-untyped-def]
    while not _stop.is_set():
        try:
            close_old_connections()
            WorkerHeartbeat.objects.update_or_create(
                hostname=hostname,
                defaults={
                    "pid": os.getpid(),
                    "last_seen": timezone.now(),
                    "started_at": started_at,
                },
            )
        except Exception:  # the database may be restarting; the next beat tries again
            logger.warning("worker heartbeat could not be written", exc_info=True)
        finally:
            connection.close()
        _stop.wait(settings.WORKER_HEARTBEAT_SECONDS)


def start_heartbeat(hostname: str) -> None:
    """Start writing heartbeats for this worker every WORKER_HEARTBEAT_SECONDS."""
    global _hostname
    _hostname = hostname
    _stop.clear()
    thread = threading.Thread(
        target=_beat, args=(hostname, timezone.now()), name="heartbeat", daemon=True
    )
    thread.start()


def stop_heartbeat() -> None:
    """Stop the heartbeat and remove this worker's row, so health stops counting it at once."""
    _stop.set()
    if _hostname:
        try:
            WorkerHeartbeat.objects.filter(hostname=_hostname).delete()
        except Exception:
            logger.warning("worker heartbeat could not be removed", exc_info=True)


def live_worker_count() -> int:
    """Workers whose last heartbeat is recent (three beats)."""
    cutoff = timezone.now() - timedelta(seconds=3 * settings.WORKER_HEARTBEAT_SECONDS)
    return WorkerHeartbeat.objects.filter(last_seen__gte=cutoff).count()


# Connected when the operations app is ready (OperationsConfig.ready): a worker sets Django up on
# worker_init, before it is ready, so the heartbeat starts with every worker and stops with it.
@signals.worker_ready.connect(weak=False)
def _start_with_the_worker(sender: object = None, **_kwargs: object) -> None:
    start_heartbeat(getattr(sender, "hostname", None) or "worker")


@signals.worker_shutdown.connect(weak=False)
def _stop_with_the_worker(**_kwargs: object) -> None:
    stop_heartbeat()
