"""Processes the fault tests start and stop themselves: a Celery worker with fault hooks (and
optionally its embedded beat), a private redis-server on its own port, and a gunicorn web
server. Each is stopped by its own process id (group); nothing shared is ever touched: the
machine's Redis on 6379 is never stopped, a broker outage is played on a private one."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings

from tests.worker import ROOT, CeleryWorker, database_url_for_tests

FAULT_SETTINGS = "tests.proof.fault_settings"


def proof_queue() -> str:
    """The queue of the proof tests' own workers: not the run's shared test queue, so that the
    session's worker (tests/conftest.py) never takes a task a fault test is waiting for."""
    return f"{settings.CELERY_TASK_DEFAULT_QUEUE}-proof"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for(condition: Callable[[], Any], timeout: float, what: str, interval: float = 0.2) -> Any:
    """Poll ``condition`` until it returns something truthy; fail naming ``what``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"{what}: not within {timeout} s")


def stop_group(process: subprocess.Popen[bytes] | None, sig: int = signal.SIGTERM) -> None:
    """Stop a process we started (in its own session) and its children, by its group id."""
    if process is None or process.poll() is not None:
        return
    os.killpg(process.pid, sig)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


class FaultWorker(CeleryWorker):
    """A worker loading :mod:`tests.proof.fault_settings`, with extra environment (the fault
    hooks, a broker of its own) and optionally its embedded beat. Ready when its heartbeat is
    in the database (so this works whatever broker it listens to)."""

    def __init__(
        self,
        *,
        name: str,
        concurrency: int = 2,
        beat: bool = False,
        broker_url: str | None = None,
        **env: str,
    ) -> None:
        super().__init__(concurrency=concurrency, name=name)
        self.beat = beat
        self.broker_url = broker_url or settings.CELERY_BROKER_URL
        self.extra_env = env
        self.folder = Path(tempfile.mkdtemp(prefix=f"maturasi-{name}-"))

    @property
    def nodename(self) -> str:
        return self.name.replace("%h", socket.gethostname())

    def environment(self) -> dict[str, str]:
        env = super().environment()
        env.update(
            DJANGO_SETTINGS_MODULE=FAULT_SETTINGS,
            CELERY_BROKER_URL=self.broker_url,
            MATURASI_TEST_QUEUE=proof_queue(),
        )
        env.update(self.extra_env)
        return env

    def start(self, timeout: float = 60) -> None:
        from operations.models import WorkerHeartbeat

        WorkerHeartbeat.objects.filter(hostname=self.nodename).delete()
        command = [
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
            proof_queue(),
            "--without-mingle",
            "--without-gossip",
        ]
        if self.beat:
            command += ["--beat", "--schedule", str(self.folder / "beat-schedule")]
        self.process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=self.environment(),
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

        def ready() -> bool:
            if self.process is not None and self.process.poll() is not None:
                raise AssertionError(f"worker exited early:\n{self.output()}")
            return WorkerHeartbeat.objects.filter(hostname=self.nodename).exists()

        wait_for(ready, timeout, f"worker {self.nodename} ready")

    def kill(self) -> None:
        """SIGKILL the whole worker (main process, pool and beat): a machine lost."""
        stop_group(self.process, signal.SIGKILL)

    def stop(self) -> None:
        super().stop()
        shutil.rmtree(self.folder, ignore_errors=True)
        Path(self.log.name).unlink(missing_ok=True)


class Markers:
    """The folder where a fault worker notes each slow task it starts."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="maturasi-markers-"))

    def started(self, task_name: str) -> list[tuple[str, int]]:
        """(task id, pool pid) of each start of ``task_name``, oldest first."""
        found = []
        for path in self.folder.iterdir():
            name, task_id, pid, ns = path.name.rsplit(".", 3)
            if name == task_name:
                found.append((int(ns), task_id, int(pid)))
        return [(task_id, pid) for _, task_id, pid in sorted(found)]

    def wait(self, task_name: str, count: int = 1, timeout: float = 60) -> tuple[str, int]:
        starts = wait_for(
            lambda: len(self.started(task_name)) >= count and self.started(task_name),
            timeout,
            f"start #{count} of {task_name}",
        )
        return starts[count - 1]  # type: ignore[no-any-return]

    def remove(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


class RedisServer:
    """A private redis-server on 127.0.0.1:<port>, no persistence: stopped and started again
    to play a broker outage without touching the machine's Redis."""

    def __init__(self, port: int | None = None) -> None:
        self.port = port or free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--bind",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--save",
                "",
                "--appendonly",
                "no",
                "--loglevel",
                "warning",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        wait_for(self.answers, 20, f"redis on {self.port}")

    def answers(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1) as conn:
                conn.sendall(b"PING\r\n")
                return conn.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def stop(self) -> None:
        stop_group(self.process)
        self.process = None


class WebServer:
    """gunicorn serving the project on 127.0.0.1 with the fault settings and the test database."""

    def __init__(self, *, broker_url: str, workers: int = 1, threads: int = 4) -> None:
        self.port = free_port()
        self.broker_url = broker_url
        self.workers = workers
        self.threads = threads
        self.process: subprocess.Popen[bytes] | None = None
        self.log = tempfile.NamedTemporaryFile(  # noqa: SIM115
            prefix="maturasi-web-", suffix=".log", delete=False
        )

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        env = dict(os.environ)
        env.update(
            DJANGO_SETTINGS_MODULE=FAULT_SETTINGS,
            DATABASE_URL=database_url_for_tests(),
            CELERY_BROKER_URL=self.broker_url,
            MEDIA_ROOT=str(settings.MEDIA_ROOT),
            MATURASI_TEST_QUEUE=proof_queue(),
        )
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.workers),
                "--threads",
                str(self.threads),
                "--timeout",
                "60",
                "config.wsgi:application",
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

        def up() -> bool:
            if self.process is not None and self.process.poll() is not None:
                raise AssertionError(f"web server exited early:\n{self.output()}")
            try:
                self.request("GET", "/accounts/login/")
                return True
            except OSError:
                return False

        wait_for(up, 60, "web server up")

    def request(
        self,
        method: str,
        path: str,
        body: Any = None,
        token: str | None = None,
        timeout: float = 30,
    ) -> tuple[int, Any]:
        """(status, parsed JSON or raw bytes)."""
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(  # noqa: S310 (always http://127.0.0.1)
            self.base + path, data=data, method=method
        )
        if data is not None:
            request.add_header("Content-Type", "application/json")
        if token:
            request.add_header("Authorization", f"Token {token}")
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
                status, content = response.status, response.read()
        except urllib.error.HTTPError as error:
            status, content = error.code, error.read()
        try:
            return status, json.loads(content)
        except ValueError:
            return status, content

    def output(self) -> str:
        return Path(self.log.name).read_text(errors="replace")

    def stop(self) -> None:
        stop_group(self.process)
        Path(self.log.name).unlink(missing_ok=True)
