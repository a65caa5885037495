"""The Celery application: `celery -A config worker` finds it here."""

from __future__ import annotations

import logging
import os

from celery import Celery, signals

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")

app = Celery("maturasi")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

task_logger = logging.getLogger("maturasi.tasks")


@signals.task_prerun.connect
def _log_task_start(task_id=None, task=None, **_kwargs):  # type: ignore[no-untyped-def]
    task_logger.info("task %s %s started", task.name if task else "?", task_id)


@signals.task_postrun.connect
def _log_task_end(task_id=None, task=None, state=None, **_kwargs):  # type: ignore[no-untyped-def]
    task_logger.info("task %s %s finished %s", task.name if task else "?", task_id, state)


@signals.task_prerun.connect
@signals.task_postrun.connect
def _close_old_connections(task=None, **_kwargs):  # type: ignore[no-untyped-def]
    """What Django does around a request: drop connections that broke or outlived CONN_MAX_AGE
    (connections are otherwise kept across tasks: CELERY_DB_REUSE_MAX). Not for eager tasks,
    which run inside the caller's transaction."""
    if task is not None and getattr(task.request, "is_eager", False):
        return
    from django.db import close_old_connections

    close_old_connections()
