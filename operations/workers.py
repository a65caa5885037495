"""A heartbeat thread in every worker process that writes its last sign of life, and the hand-back
of a worker's jobs when it shuts down gracefully."""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

from celery import signals
from django.conf import settings
from django.db import close_old_connections, connection
from django.dispatch import Signal
from django.utils import timezone

from operations.models import WorkerHeartbeat

logger = logging.getLogger(__name__)
_stop = threading.Event()
_hostname: str | None = None
_consumer: Any = None

#: When this process started (Django is set up before a worker consumes anything): the heartbeat's
#: ``started_at``, so a job started before it belongs to an earlier worker of the same name.
PROCESS_STARTED = datetime.now(tz=UTC)

#: Sent in a worker's main process as it shuts down gracefully (``sender`` is its hostname). Each
#: app hands the jobs this worker runs back to the queue and returns the ids of the tasks it
#: handed back; those tasks are then stopped in the pool, since another worker takes them over.
worker_stopping = Signal()


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
        target=_beat, args=(hostname, PROCESS_STARTED), name="heartbeat", daemon=True
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
    global _consumer
    _consumer = sender
    start_heartbeat(getattr(sender, "hostname", None) or "worker")


def hand_back(hostname: str) -> list[str]:
    """Give every job this worker runs back to the queue (each app's receiver of
    :data:`worker_stopping` requeues and re-sends its own); the ids of the tasks handed back."""
    handed: list[str] = []
    for receiver, answer in worker_stopping.send_robust(sender=hostname):
        if isinstance(answer, BaseException):
            logger.warning("jobs not handed back by %s: %r", receiver, answer)
        elif answer:
            handed.extend(answer)
    return handed


def _stop_tasks(task_ids: Iterable[str]) -> int:
    """Stop the pool's run of these tasks: another worker has them now."""
    from celery.worker import state

    ids = set(task_ids)
    pool = getattr(_consumer, "pool", None)
    if not ids or pool is None:
        return 0
    stopped = 0
    for request in list(state.active_requests):
        if request.id in ids:
            request.cancel(pool, emit_retry=False)
            stopped += 1
    return stopped


@signals.worker_shutting_down.connect(weak=False)
def _hand_back_on_shutdown(sender: object = None, **_kwargs: object) -> None:
    """A graceful (warm) or cold shutdown: the worker's jobs go back to the queue at once, rather
    than after the heartbeat goes stale, and their runs here are stopped."""
    hostname = str(sender or _hostname or "")
    if not hostname:
        return
    try:
        handed = hand_back(hostname)
        stopped = _stop_tasks(handed)
    except Exception:  # the heartbeat sweep takes the jobs back instead
        logger.warning("jobs of %s not handed back", hostname, exc_info=True)
        return
    finally:
        connection.close()
    if handed:
        logger.info("%s handed back %d jobs (%d stopped here)", hostname, len(handed), stopped)


@signals.worker_shutdown.connect(weak=False)
def _stop_with_the_worker(**_kwargs: object) -> None:
    stop_heartbeat()
