"""Rescore a whole cycle — all 514 kabupaten/kota on the default framework — through real workers.

    .venv/bin/python benchmarks/score_cycle.py [--regions N] [--concurrency 2]

Uses its own PostgreSQL database (``BENCH_DATABASE_URL``, default
postgres://postgres@127.0.0.1:5432/maturasi_bench, created if missing, migrated and loaded with
the default data) and Redis (``CELERY_BROKER_URL``, default redis://127.0.0.1:6379/0) on a queue of
its own, so it never takes anyone else's tasks. It builds the cycle with answers and reviews by
bulk insert (a benchmark fixture, not the workflow), starts ``celery -A config worker
--concurrency 2`` itself, fans out one task per assessment exactly as ``manage.py score_cycle
--force`` does and waits for every snapshot. Then it prints:

- wall time for all assessments through the workers;
- time per assessment through the workers ÷ the pure scoring function's time on the same inputs;
- queries per assessment of ``refresh_snapshots`` (cold and warm framework cache);
- the workers' peak memory (VmHWM of the worker and each pool process).

Targets (issue #6): 514 in under 15 s with 2 worker processes; queries per assessment constant
and ≤ 10; the pure function under 2 ms for one default-framework assessment; workers under 250 MB.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/maturasi_bench"
DEFAULT_BROKER_URL = "redis://127.0.0.1:6379/0"
CYCLE_NAME = "Benchmark 514"
SEED = 37122


def configure_environment(database_url: str, broker_url: str, queue: str) -> dict[str, str]:
    """The environment for this process and the worker: its own database and queue, no DEBUG
    (Django would keep every query in memory), quiet logs."""
    env = {
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "DEBUG": "0",
        "SECRET_KEY": "benchmark-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        "DATABASE_URL": database_url,
        "CELERY_BROKER_URL": broker_url,
        "CELERY_TASK_ALWAYS_EAGER": "0",
        "LOG_LEVEL": "WARNING",
        "MATURASI_BENCH_QUEUE": queue,
    }
    os.environ.update(env)
    return {**os.environ, **env}


def ensure_database(database_url: str) -> None:
    """Create the benchmark database if it does not exist (connecting to ``postgres``)."""
    import psycopg

    parts = urlsplit(database_url)
    name = parts.path.lstrip("/")
    admin_url = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin_url, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')  # name from our own URL


def setup_django(queue: str) -> None:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from config.celery_app import app

    # Tasks this process sends go to the benchmark's own queue (set before the first send).
    app.conf.task_default_queue = queue
    app.conf.task_always_eager = False


def prepare_data(region_limit: int | None) -> int:
    """Migrate, load the default data and build a fresh cycle of approved assessments."""
    from django.core.management import call_command
    from django.utils import timezone

    from cities.models import Region, RegionKind
    from maturity.assessments.models import Answer, Assessment, AssessmentStatus, Review
    from maturity.cycles.models import AssessmentCycle
    from maturity.frameworks.services import load_default_framework

    with open(os.devnull, "w") as quiet:
        call_command("migrate", verbosity=0, stdout=quiet)
        call_command("load_defaults", verbosity=0, stdout=quiet)
    framework, _ = load_default_framework()
    old = AssessmentCycle.objects.filter(name=CYCLE_NAME).first()
    if old is not None:
        Assessment.objects.filter(cycle=old).delete()
        old.delete()
    today = timezone.localdate()
    cycle = AssessmentCycle.objects.create(
        name=CYCLE_NAME,
        year=today.year,
        framework=framework,
        opens_on=today - datetime.timedelta(days=60),
        closes_on=today,
    )
    regions = list(
        Region.objects.filter(kind__in=[RegionKind.KABUPATEN, RegionKind.KOTA]).order_by("code")
    )[:region_limit]
    now = timezone.now()
    assessments = Assessment.objects.bulk_create(
        Assessment(
            cycle=cycle,
            region=region,
            status=AssessmentStatus.APPROVED,
            completeness=100,
            submitted_at=now,
            approved_at=now,
            inputs_changed_at=now,
        )
        for region in regions
    )
    indicators = list(framework.indicators.order_by("position"))
    rng = random.Random(SEED)
    answers: list[Answer] = []
    reviews: list[Review] = []
    for assessment in assessments:
        for indicator in indicators:
            answers.append(random_answer(rng, assessment, indicator))
            if rng.random() < 0.15:
                reviews.append(
                    Review(
                        assessment=assessment,
                        indicator=indicator,
                        verified_level=rng.randint(0, 5),
                        comment="benchmark",
                    )
                )
    Answer.objects.bulk_create(answers, batch_size=5000)
    Review.objects.bulk_create(reviews, batch_size=5000)
    return cycle.pk


def random_answer(rng: random.Random, assessment, indicator):  # type: ignore[no-untyped-def]
    from maturity.assessments.models import Answer

    roll = rng.random()
    if not indicator.required or roll < 0.04:
        return Answer(
            assessment=assessment,
            indicator=indicator,
            status="not_applicable",
            justification="benchmark",
        )
    if roll < 0.08:
        return Answer(assessment=assessment, indicator=indicator, status="no_data")
    answer = Answer(assessment=assessment, indicator=indicator, status="answered")
    if indicator.kind == "rubric":
        answer.value_level = rng.randint(1, 5)
    elif indicator.kind == "binary":
        answer.value_bool = rng.random() < 0.6
    else:
        low, high = Decimal(indicator.thresholds[0]), Decimal(indicator.thresholds[-1])
        span = max(high - low, Decimal(1))
        value = low - span / 4 + span * Decimal(rng.random()) * Decimal("1.5")
        if indicator.unit.startswith("%"):
            value = min(max(value, Decimal(0)), Decimal(100))
        answer.value_decimal = value.quantize(Decimal("0.01"))
    return answer


class Worker:
    """``celery -A config worker --concurrency N`` on the benchmark's queue."""

    def __init__(self, env: dict[str, str], queue: str, concurrency: int) -> None:
        self.log = tempfile.NamedTemporaryFile(  # noqa: SIM115
            prefix="maturasi-bench-worker-", suffix=".log", delete=False
        )
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                "--concurrency",
                str(concurrency),
                "--pool",
                "prefork",
                "--queues",
                queue,
                "--hostname",
                f"bench-{os.getpid()}@%h",
                "--loglevel",
                "WARNING",
                "--without-mingle",
                "--without-gossip",
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def wait_until_ready(self, timeout: float = 60) -> None:
        """Until a ping sent through the broker has been run by a pool process."""
        from operations.models import WorkerHeartbeat
        from operations.tasks import ping

        token = f"bench-ping-{os.getpid()}-{time.monotonic_ns()}"
        ping.delay(token)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("worker exited:\n" + Path(self.log.name).read_text())
            if WorkerHeartbeat.objects.filter(hostname=token).exists():
                WorkerHeartbeat.objects.filter(hostname=token).delete()
                return
            time.sleep(0.1)
        raise RuntimeError("worker not ready:\n" + Path(self.log.name).read_text())

    def pids(self) -> list[int]:
        out = subprocess.run(
            ["pgrep", "-P", str(self.process.pid)], capture_output=True, text=True, check=False
        )
        return [self.process.pid, *(int(pid) for pid in out.stdout.split())]

    def peak_memory_mb(self) -> dict[int, float]:
        """VmHWM (peak resident set) of the worker and each pool process, in MB."""
        peaks = {}
        for pid in self.pids():
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peaks[pid] = int(line.split()[1]) / 1024
        return peaks

    def cpu_seconds(self) -> float:
        """CPU time (user + system) used so far by the worker and its pool processes."""
        ticks = os.sysconf("SC_CLK_TCK")
        total = 0
        for pid in self.pids():
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
        return total / ticks

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)


def rescore_through_workers(cycle_id: int, timeout: float) -> tuple[int, float]:
    """Fan out as ``score_cycle --force`` does and wait until every assessment has a snapshot
    written since the start. Returns (count, wall seconds)."""
    from django.utils import timezone

    from maturity.scores import services
    from maturity.scores import tasks as score_tasks

    started = timezone.now()
    clock = time.perf_counter()
    ids = score_tasks.enqueue_cycle_scoring(cycle_id=cycle_id, force=True)
    deadline = time.monotonic() + timeout
    while services.count_scored_since(ids, started) < len(ids):
        if time.monotonic() > deadline:
            raise RuntimeError(f"not all {len(ids)} assessments were scored within {timeout} s")
        time.sleep(0.1)
    return len(ids), time.perf_counter() - clock


def pure_function_seconds(cycle_id: int) -> tuple[float, float]:
    """Mean and median time of the pure scoring function (both tracks) per assessment, on the
    very inputs the workers scored."""
    from maturity.assessments.models import Assessment
    from maturity.scores import inputs as scores_inputs
    from maturity.scores import services

    inputs = [
        scores_inputs.load_inputs(pk)
        for pk in Assessment.objects.filter(cycle_id=cycle_id).values_list("pk", flat=True)
    ]
    timings = []
    for _ in range(3):
        for one in inputs:
            start = time.perf_counter()
            services.compute_score(one)
            timings.append(time.perf_counter() - start)
    return statistics.fmean(timings), statistics.median(timings)


def queries_per_assessment(cycle_id: int, sample: int = 25) -> tuple[int, list[int]]:
    """Queries of refresh_snapshots: once with a cold framework cache, then warm for a sample.
    Counted as CaptureQueriesContext counts them, BEGIN and COMMIT around the upsert included."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from maturity.assessments.models import Assessment
    from maturity.frameworks import rules
    from maturity.scores import services

    ids = list(
        Assessment.objects.filter(cycle_id=cycle_id).order_by("pk").values_list("pk", flat=True)
    )
    step = max(1, len(ids) // sample)
    counts = []
    rules.clear_rules_cache()
    for pk in ids[::step]:
        with CaptureQueriesContext(connection) as captured:
            services.refresh_snapshots(assessment_id=pk)
        counts.append(len(captured))
    return counts[0], counts[1:]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--regions", type=int, default=None, help="limit (default: all 514)")
    parser.add_argument("--concurrency", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=300)
    args = parser.parse_args()

    database_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL)
    broker_url = os.environ.get("CELERY_BROKER_URL", DEFAULT_BROKER_URL)
    queue = f"maturasi-bench-{os.getpid()}"
    env = configure_environment(database_url, broker_url, queue)
    ensure_database(database_url)
    setup_django(queue)

    print(f"database {database_url}, broker {broker_url}, queue {queue}")
    clock = time.perf_counter()
    cycle_id = prepare_data(args.regions)
    from maturity.assessments.models import Answer, Assessment, Review

    count = Assessment.objects.filter(cycle_id=cycle_id).count()
    print(
        f"fixture: {count} assessments, "
        f"{Answer.objects.filter(assessment__cycle_id=cycle_id).count()} answers, "
        f"{Review.objects.filter(assessment__cycle_id=cycle_id).count()} reviews "
        f"({time.perf_counter() - clock:.1f} s)"
    )

    worker = Worker(env, queue, args.concurrency)
    try:
        worker.wait_until_ready()
        load_before = os.getloadavg()[0]
        cpu_before = worker.cpu_seconds()
        scored, wall = rescore_through_workers(cycle_id, args.timeout)
        worker_cpu = worker.cpu_seconds() - cpu_before
        load_after = os.getloadavg()[0]
        memory = worker.peak_memory_mb()
    finally:
        worker.stop()

    mean, median = pure_function_seconds(cycle_id)
    cold, warm = queries_per_assessment(cycle_id)
    per_assessment = wall / scored
    main_pid = worker.process.pid
    pool = {pid: mb for pid, mb in memory.items() if pid != main_pid}

    print()
    print(
        f"wall time, {scored} assessments through {args.concurrency} worker processes: "
        f"{wall:.2f} s  (target < 15 s)"
    )
    print(
        f"time per assessment through the workers: {per_assessment * 1000:.2f} ms; "
        f"worker CPU per assessment {worker_cpu / scored * 1000:.2f} ms "
        f"(machine load average {load_before:.1f} before, {load_after:.1f} after, "
        f"{os.cpu_count()} CPUs)"
    )
    print(
        f"pure scoring function per assessment (self + verified): mean {mean * 1000:.3f} ms, "
        f"median {median * 1000:.3f} ms  (target < 2 ms)"
    )
    print(
        f"ratio, time per assessment through the workers ÷ pure function (median): "
        f"{per_assessment / median:.0f}×"
    )
    print(
        f"queries per assessment in refresh_snapshots: cold cache {cold}, warm "
        f"{min(warm)}–{max(warm)} over {len(warm)} assessments  (target constant, ≤ 10)"
    )
    print(
        f"worker peak memory (VmHWM): main {memory.get(main_pid, 0):.1f} MB, pool "
        + ", ".join(f"{mb:.1f} MB" for mb in pool.values())
        + f"; largest {max(memory.values()):.1f} MB  (target < 250 MB)"
    )


if __name__ == "__main__":
    main()
