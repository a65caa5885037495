"""Settings for the processes the fault tests start (workers, a web server): the test settings,
with tasks sent through the broker, plus fault-injection hooks driven by the environment. Only
these processes load this module (DJANGO_SETTINGS_MODULE=tests.proof.fault_settings); the
product's own code never reads these variables.

MATURASI_TEST_SLOW_CALLS="reports.rendering.html_to_pdf=3,maturity.scores.services.compute_score=3"
    In each pool process of a worker, these functions pause that many seconds when a task calls
    them (on the task's first try; a retry after an error does not pause): a report is then
    held in the middle of its rendering (running, its HTML made, its PDF not yet), a scoring in
    the middle of its work (inputs read, nothing written), so that a test can kill the process
    or cut its database connection right there.
MATURASI_TEST_MARKERS=/some/dir
    Before pausing, the process writes ``<function>.<task id>.<pid>.<ns>`` into that folder: the
    test learns that the task got there, and which pool process runs it.
MATURASI_TEST_SWEEP_SECONDS=2
    The beat schedule (``celery worker -B``) runs the sweeps (stale scores, reports with their
    heal, the scoring heal) that often, and nothing else.
MATURASI_TEST_SWEEP_GRACE_SECONDS=1
    How long the sweeps leave a fresh change (scoring) or an unpublished report alone.
"""

from __future__ import annotations

import functools
import importlib
import os
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from celery import signals

from config.settings.test import *  # noqa: F403

CELERY_TASK_ALWAYS_EAGER = False

_PAUSES = {
    name.strip(): float(seconds)
    for name, seconds in (
        item.split("=", 1)
        for item in os.environ.get("MATURASI_TEST_SLOW_CALLS", "").split(",")
        if "=" in item
    )
}
_MARKERS = os.environ.get("MATURASI_TEST_MARKERS", "")
_SWEEP_SECONDS = float(os.environ.get("MATURASI_TEST_SWEEP_SECONDS", "0") or 0)
_GRACE_SECONDS = os.environ.get("MATURASI_TEST_SWEEP_GRACE_SECONDS", "")

if _SWEEP_SECONDS:
    CELERY_BEAT_SCHEDULE = {
        "sweep-stale-scores": {
            "task": "maturity.tasks.sweep_stale_scores",
            "schedule": _SWEEP_SECONDS,
        },
        "sweep-stuck-reports": {"task": "reports.tasks.sweep_reports", "schedule": _SWEEP_SECONDS},
        "heal-scoring": {"task": "maturity.tasks.heal_scoring", "schedule": _SWEEP_SECONDS},
    }


def _paused(dotted: str, function: Callable[..., Any], seconds: float) -> Callable[..., Any]:
    @functools.wraps(function)
    def paused(*args: Any, **kwargs: Any) -> Any:
        from celery import current_task

        request = current_task.request if current_task else None
        if request is not None and request.id and not request.retries:
            if _MARKERS:
                Path(_MARKERS, f"{dotted}.{request.id}.{os.getpid()}.{time.time_ns()}").touch()
            time.sleep(seconds)
        return function(*args, **kwargs)

    return paused


@signals.worker_process_init.connect(weak=False)
def _slow_down_calls(**_kwargs):  # type: ignore[no-untyped-def]
    for dotted, seconds in _PAUSES.items():
        module_name, name = dotted.rsplit(".", 1)
        module = importlib.import_module(module_name)
        setattr(module, name, _paused(dotted, getattr(module, name), seconds))


@signals.worker_process_init.connect(weak=False)
def _short_sweep_grace(**_kwargs):  # type: ignore[no-untyped-def]
    if not _GRACE_SECONDS:
        return
    from maturity.scores import services as scores
    from reports import tasks as report_tasks

    scores.SWEEP_GRACE = timedelta(seconds=float(_GRACE_SECONDS))
    report_tasks.RESEND_UNPUBLISHED_AFTER = timedelta(seconds=float(_GRACE_SECONDS))
