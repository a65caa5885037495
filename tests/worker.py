"""Starts and stops a real Celery worker process for integration tests."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent


def database_url_for_tests() -> str:
    """The URL of the database the test run is using (the test database, not the main one)."""
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{Path(db['NAME']).resolve()}"
    auth = quote(db["USER"] or "")
    if db.get("PASSWORD"):
        auth += ":" + quote(db["PASSWORD"])
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or "5432"
    return f"postgres://{auth}@{host}:{port}/{db['NAME']}"


class CeleryWorker:
    """One worker process (prefork, `concurrency` children) consuming the test run's own queue."""

    def __init__(self, concurrency: int = 2, name: str = "itest") -> None:
        self.concurrency = concurrency
        self.name = f"{name}-{os.getpid()}@%h"
        self.process: subprocess.Popen[bytes] | None = None
        self.log = tempfile.NamedTemporaryFile(  # noqa: SIM115
            prefix="maturasi-worker-", suffix=".log", delete=False
        )

    def environment(self) -> dict[str, str]:
        env = dict(os.environ)
        env.update(
            DJANGO_SETTINGS_MODULE="config.settings.test",
            DATABASE_URL=database_url_for_tests(),
            CELERY_TASK_ALWAYS_EAGER="0",
            CELERY_BROKER_URL=settings.CELERY_BROKER_URL,
            MEDIA_ROOT=str(settings.MEDIA_ROOT),
            MATURASI_TEST_QUEUE=settings.CELERY_TASK_DEFAULT_QUEUE,
            MATURASI_WORKER_PROCESS="1",
        )
        return env

    def start(self, timeout: float = 60) -> None:
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                "--loglevel",
                "INFO",
                "--concurrency",
                str(self.concurrency),
                "--hostname",
                self.name,
                "--queues",
                settings.CELERY_TASK_DEFAULT_QUEUE,
                "--without-mingle",
                "--without-gossip",
            ],
            cwd=ROOT,
            env=self.environment(),
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.wait_until_ready(timeout)

    def wait_until_ready(self, timeout: float) -> None:
        """Wait until a task sent through the broker has been run by this worker."""
        from operations.models import WorkerHeartbeat
        from operations.tasks import ping

        token = f"ping-{os.getpid()}-{time.monotonic_ns()}"
        deadline = time.monotonic() + timeout
        sent = False
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise RuntimeError(f"worker exited early:\n{self.output()}")
            if not sent:
                try:
                    ping.delay(token)
                    sent = True
                except Exception:  # the broker may still be starting
                    time.sleep(0.5)
                    continue
            if WorkerHeartbeat.objects.filter(hostname=token).exists():
                WorkerHeartbeat.objects.filter(hostname=token).delete()
                return
            time.sleep(0.2)
        raise RuntimeError(f"worker not ready within {timeout}s:\n{self.output()}")

    def output(self) -> str:
        return Path(self.log.name).read_text(errors="replace")

    def children(self) -> list[int]:
        """Pids of the pool's child processes (the ones that run tasks)."""
        if self.process is None:
            return []
        out = subprocess.run(
            ["pgrep", "-P", str(self.process.pid)], capture_output=True, text=True, check=False
        )
        return [int(pid) for pid in out.stdout.split()]

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
