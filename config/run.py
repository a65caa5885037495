"""`make run`: the web server and a Celery worker (with its beat schedule) together.

Ctrl-C stops both; if either stops on its own, the other is stopped too.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path


def main() -> int:
    root = Path(__file__).resolve().parent.parent
    python = sys.executable
    env = dict(os.environ)
    env.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    host = env.get("MATURASI_HOST", "127.0.0.1:8000")
    (root / "var").mkdir(exist_ok=True)
    web = subprocess.Popen(
        [python, "manage.py", "runserver", host, "--noreload"], cwd=root, env=env
    )
    worker = subprocess.Popen(
        [
            python,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--beat",
            "--loglevel",
            "INFO",
            "--concurrency",
            env.get("MATURASI_WORKER_CONCURRENCY", "2"),
            "--schedule",
            str(root / "var" / "celerybeat-schedule"),
        ],
        cwd=root,
        env=env,
    )
    print(f"Maturasi berjalan di / runs at http://{host}/  (Ctrl-C untuk berhenti / to stop)")
    processes = [web, worker]

    def stop(*_args: object) -> None:
        for process in processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    try:
        while all(p.poll() is None for p in processes):
            time.sleep(0.5)
    finally:
        stop()
        deadline = time.monotonic() + 15
        for process in processes:
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()
    return 0


if __name__ == "__main__":
    sys.exit(main())
