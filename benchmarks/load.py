"""Load: 200 CSCOs autosaving answers and 20 reviewers reading the national board at once, for a
minute, against gunicorn (4 workers) on PostgreSQL with Redis and a Celery worker; then the
autosave at saturation against a bare DRF endpoint on the same server. Prints figures.

    .venv/bin/python benchmarks/load.py [--seconds 60] [--cscos 200] [--reviewers 20]

Everything is its own and on 127.0.0.1: a database ``maturasi_load`` (dropped and created, then
migrated and loaded with ``load_defaults``; dropped again at the end unless ``--keep``), a private
redis-server on a free port, gunicorn with production settings over plain HTTP
(benchmarks/load_settings.py, whose URLconf benchmarks/load_urls.py adds the bare endpoint), a
worker with its beat. The people: one CSCO per kabupaten/kota (an open cycle on the default
framework, an assessment each, an API token each) and reviewers of every region (signed-in
sessions). Locust (headless, in a child process) drives them:

1. Mixed load, ``--seconds``: each CSCO autosaves a random indicator of their own assessment
   with the version they last saw (PUT /api/v1/assessments/{id}/answers/{code}/) every 2-6 s
   (``--autosave-every``; a brisk typist — about 50 autosaves a second from 200 CSCOs); each
   reviewer opens /board/ every 4-8 s (``--board-every``).
2. Saturation, ``--saturate-seconds`` each: ``--saturate-users`` clients with no pause, first on
   the autosave, then on ``bench/constant/`` (APIView → constant, no authentication, no
   database). The ratio of their throughputs says what the autosave's work costs.

Afterwards every accepted write is checked in the database (each answer's version and comment are
the last accepted ones; each assessment's history holds exactly the accepted writes), and the
queries of one autosave are counted (CaptureQueriesContext).

Targets (issue #11): no errors; p95 autosave < 150 ms and board < 400 ms in the mixed load; the
saturated autosave at least 0.10 of the bare endpoint's throughput; every write present.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATABASE = "maturasi_load"
ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres"
CYCLE_NAME = "Uji beban 2026"
TARGETS = {"autosave_p95_ms": 150, "board_p95_ms": 400, "ratio": 0.10}


def say(text: str) -> None:
    print(text, flush=True)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


# --- The environment ------------------------------------------------------------------------


def environment(broker_url: str, media: Path, queue: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "MATURASI_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="benchmarks.load_settings",
        DEBUG="0",
        SECRET_KEY="load-benchmark-only-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFGH",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="0",
        DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{DATABASE}",
        CELERY_BROKER_URL=broker_url,
        MEDIA_ROOT=str(media),
        MATURASI_VAR_DIR=str(media.parent),
        MATURASI_BENCH_QUEUE=queue,
        LOG_LEVEL="INFO",
        PYTHONPATH=str(ROOT),
    )
    return env


def recreate_database(*, drop_only: bool = False) -> None:
    import psycopg

    with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s",
            [DATABASE],
        )
        admin.execute(f'DROP DATABASE IF EXISTS "{DATABASE}"')
        if not drop_only:
            admin.execute(f'CREATE DATABASE "{DATABASE}"')


def child(mode: str, env: dict[str, str], *args: str) -> dict[str, Any]:
    """Run this script in ``mode`` in a child process; its JSON answer."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as out:
        answer = Path(out.name)
    subprocess.run(
        [sys.executable, __file__, mode, str(answer), *args],
        cwd=ROOT,
        env={**env, "LOG_LEVEL": "WARNING"},
        check=True,
    )
    try:
        return json.loads(answer.read_text())  # type: ignore[no-any-return]
    finally:
        answer.unlink(missing_ok=True)


class Service:
    """A process of the benchmark's own, stopped by its process group."""

    def __init__(self, name: str, command: list[str], env: dict[str, str], log_dir: Path) -> None:
        self.name = name
        self.log = log_dir / f"{name}.log"
        self.process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdout=self.log.open("wb"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)


def wait_until(condition: Any, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise SystemExit(f"{what}: not within {timeout} s")


def answers_http(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as conn:
            conn.sendall(b"GET /bench/constant/ HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
            return conn.recv(16).startswith(b"HTTP/1.")
    except OSError:
        return False


def answers_redis(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as conn:
            conn.sendall(b"PING\r\n")
            return conn.recv(16).startswith(b"+PONG")
    except OSError:
        return False


# --- Child: preparing the data (Django) -----------------------------------------------------


def prepare(out: Path, cscos: int, reviewers: int) -> None:
    import django

    django.setup()
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone
    from rest_framework.authtoken.models import Token

    from cities.models import Membership, Region, RegionKind, Role
    from maturity.assessments.models import Assessment
    from maturity.cycles.models import AssessmentCycle, CycleStatus
    from maturity.frameworks.models import Indicator
    from maturity.frameworks.services import load_default_framework

    with open(os.devnull, "w") as quiet:
        call_command("migrate", verbosity=0, stdout=quiet)
        call_command("load_defaults", verbosity=0, stdout=quiet)
    framework, _ = load_default_framework()
    today = timezone.localdate()
    cycle = AssessmentCycle.objects.create(
        name=CYCLE_NAME,
        year=today.year,
        framework=framework,
        status=CycleStatus.OPEN,
        opens_on=today - datetime.timedelta(days=1),
        closes_on=today + datetime.timedelta(days=30),
    )
    regions = list(
        Region.objects.filter(kind__in=[RegionKind.KABUPATEN, RegionKind.KOTA]).order_by("code")
    )[: cscos + 1]
    password = make_password("beban-uji-2026")  # one hash for all: sign-in is not measured
    people = []
    for region in regions:
        user = User.objects.create(username=f"csco-{region.code}", password=password)
        Membership.objects.create(user=user, role=Role.CSCO, region=region)
        assessment = Assessment.objects.create(cycle=cycle, region=region, created_by=user)
        token = Token.objects.create(user=user).key
        people.append({"username": user.username, "assessment": assessment.pk, "token": token})
    sessions = []
    for n in range(reviewers):
        user = User.objects.create(username=f"reviewer-{n}", password=password)
        Membership.objects.create(user=user, role=Role.REVIEWER, region=None)
        browser = Client()
        browser.force_login(user)
        sessions.append(browser.cookies["sessionid"].value)
    indicators = list(
        Indicator.objects.filter(framework=framework)
        .order_by("position")
        .values_list("code", "kind")
    )

    # The queries of one autosave (the spare region's assessment, never used under load): the
    # first answer (created) and a change to it.
    spare = people.pop()
    browser = Client(HTTP_HOST="127.0.0.1", HTTP_AUTHORIZATION=f"Token {spare['token']}")
    code = next(code for code, kind in indicators if kind == "rubric")
    url = f"/api/v1/assessments/{spare['assessment']}/answers/{code}/"
    counted = []
    for version, value in ((0, 2), (1, 3)):
        with CaptureQueriesContext(connection) as queries:
            response = browser.put(
                url,
                {"status": "answered", "value": value, "version": version},
                content_type="application/json",
            )
        assert response.status_code == 200, response.content
        counted.append(len(queries))
    out.write_text(
        json.dumps(
            {
                "cscos": people,
                "sessions": sessions,
                "indicators": indicators,
                "queries_per_autosave": counted,
            }
        )
    )


# --- Child: the swarm (locust) ---------------------------------------------------------------


def swarm(out: Path, data_path: Path, base: str, options: dict[str, Any]) -> None:
    import gevent
    from locust import FastHttpUser, between, constant, task
    from locust.env import Environment

    data = json.loads(data_path.read_text())
    indicators = [tuple(item) for item in data["indicators"]]
    state: dict[str, dict[str, Any]] = {
        me["username"]: {"versions": {}, "last": {}, "accepted": 0, "sent": 0, "me": me}
        for me in data["cscos"]
    }
    stopping = {"now": False}
    rng = random.Random(37122)

    def value_for(kind: str) -> Any:
        if kind == "rubric":
            return rng.randint(1, 5)
        if kind == "binary":
            return rng.random() < 0.5
        return f"{rng.uniform(0, 100):.1f}"

    def autosave(client: Any, mine: dict[str, Any], name: str) -> None:
        me = mine["me"]
        code, kind = rng.choice(indicators)
        marker = f"{me['username']}#{mine['sent']}"
        mine["sent"] += 1
        body = {
            "status": "answered",
            "value": value_for(kind),
            "comment": marker,
            "source": "BPS",
            "version": mine["versions"].get(code, 0),
        }
        with client.put(
            f"/api/v1/assessments/{me['assessment']}/answers/{code}/",
            json=body,
            headers={"Authorization": f"Token {me['token']}"},
            name=name,
            catch_response=True,
        ) as response:
            if response.status_code == 200:
                mine["versions"][code] = response.json()["version"]
                mine["last"][code] = [mine["versions"][code], marker]
                mine["accepted"] += 1
                response.success()
            else:
                response.failure(f"{response.status_code}: {(response.text or '')[:200]}")

    cscos = list(state.values())
    sessions = list(data["sessions"])
    signed_in: list[str] = []
    cscos_for_saturation: list[dict[str, Any]] = []

    class Csco(FastHttpUser):
        fixed_count = options["cscos"]
        wait_time = between(*options["autosave_every"])

        def on_start(self) -> None:
            self.mine = cscos.pop(0)

        @task
        def save(self) -> None:
            if not stopping["now"]:
                autosave(self.client, self.mine, "autosave")

    class Reviewer(FastHttpUser):
        fixed_count = options["reviewers"]
        wait_time = between(*options["board_every"])

        def on_start(self) -> None:
            self.cookie = f"sessionid={sessions[len(signed_in) % len(sessions)]}"
            signed_in.append(self.cookie)

        @task
        def board(self) -> None:
            if not stopping["now"]:
                with self.client.get(
                    "/board/", headers={"Cookie": self.cookie}, name="board", catch_response=True
                ) as response:
                    if response.status_code == 200 and b"<table" in (response.content or b""):
                        response.success()
                    else:
                        response.failure(f"{response.status_code}")

    class SaturatedAutosave(FastHttpUser):
        wait_time = constant(0)

        def on_start(self) -> None:
            self.mine = cscos_for_saturation.pop(0)

        @task
        def save(self) -> None:
            if not stopping["now"]:
                autosave(self.client, self.mine, "autosave (saturated)")

    class SaturatedBare(FastHttpUser):
        wait_time = constant(0)

        @task
        def bare(self) -> None:
            if not stopping["now"]:
                self.client.get("/bench/constant/", name="bare endpoint (saturated)")

    def run(user_classes: list[type], users: int, seconds: float) -> dict[str, Any]:
        env = Environment(user_classes=user_classes, host=base)
        runner = env.create_local_runner()
        stopping["now"] = False
        runner.start(users, spawn_rate=max(users / 4, 1))
        gevent.sleep(5)  # everyone spawned and started
        env.stats.reset_all()
        started = time.monotonic()
        gevent.sleep(seconds)
        elapsed = time.monotonic() - started
        stopping["now"] = True
        gevent.sleep(3)  # requests on their way finish (and are recorded) before users stop
        runner.stop()
        runner.quit()
        figures = {}
        for (name, method), entry in env.stats.entries.items():
            figures[name] = {
                "method": method,
                "requests": entry.num_requests,
                "failures": entry.num_failures,
                "rps": entry.num_requests / elapsed,
                "p50_ms": entry.get_response_time_percentile(0.50),
                "p95_ms": entry.get_response_time_percentile(0.95),
                "p99_ms": entry.get_response_time_percentile(0.99),
                "max_ms": round(entry.max_response_time or 0),
            }
        errors = {
            f"{e.method} {e.name}: {e.error}": e.occurrences for e in env.stats.errors.values()
        }
        return {"seconds": elapsed, "figures": figures, "errors": errors}

    results: dict[str, Any] = {}
    results["mixed"] = run(
        [Csco, Reviewer], options["cscos"] + options["reviewers"], options["seconds"]
    )
    cscos_for_saturation.extend(list(state.values())[: options["saturate_users"]])
    results["saturated_autosave"] = run(
        [SaturatedAutosave], options["saturate_users"], options["saturate_seconds"]
    )
    results["saturated_bare"] = run(
        [SaturatedBare], options["saturate_users"], options["saturate_seconds"]
    )
    results["expected"] = {
        str(mine["me"]["assessment"]): {"accepted": mine["accepted"], "last": mine["last"]}
        for mine in state.values()
    }
    out.write_text(json.dumps(results))


# --- Child: checking the writes (Django) ------------------------------------------------------


def verify(out: Path, expected_path: Path) -> None:
    import django

    django.setup()
    from django.db.models import Count

    from maturity.assessments.models import Answer, HistoryEntry

    expected = json.loads(expected_path.read_text())
    ids = [int(pk) for pk in expected]
    answers: dict[int, dict[str, tuple[int, str]]] = {pk: {} for pk in ids}
    for assessment_id, code, version, comment in Answer.objects.filter(
        assessment_id__in=ids
    ).values_list("assessment_id", "indicator__code", "version", "comment"):
        answers[assessment_id][code] = (version, comment)
    history = dict(
        HistoryEntry.objects.filter(
            assessment_id__in=ids, action__in=["answer.created", "answer.changed"]
        )
        .values("assessment_id")
        .annotate(n=Count("id"))
        .values_list("assessment_id", "n")
    )
    problems = []
    writes = 0
    for pk_text, wanted in expected.items():
        pk = int(pk_text)
        writes += wanted["accepted"]
        stored = {code: [version, comment] for code, (version, comment) in answers[pk].items()}
        if stored != wanted["last"]:
            problems.append(f"assessment {pk}: answers {stored} != accepted {wanted['last']}")
        if history.get(pk, 0) != wanted["accepted"]:
            problems.append(
                f"assessment {pk}: {history.get(pk, 0)} history entries, "
                f"{wanted['accepted']} accepted writes"
            )
    out.write_text(
        json.dumps(
            {
                "writes": writes,
                "assessments": len(ids),
                "problems": problems[:20],
                "problem_count": len(problems),
            }
        )
    )


# --- The run ----------------------------------------------------------------------------------


def report(results: dict[str, Any], checked: dict[str, Any], prepared: dict[str, Any]) -> None:
    mixed = results["mixed"]
    say(f"\nMixed load, {mixed['seconds']:.0f} s:")
    for name, f in sorted(mixed["figures"].items()):
        say(
            f"  {name:<12} {f['requests']:>6} requests  {f['rps']:6.1f}/s  failures "
            f"{f['failures']}  p50 {f['p50_ms']} ms  p95 {f['p95_ms']} ms  p99 {f['p99_ms']} ms  "
            f"max {f['max_ms']} ms"
        )
    for error, count in mixed["errors"].items():
        say(f"  error ×{count}: {error}")
    saturated = results["saturated_autosave"]["figures"].get("autosave (saturated)", {})
    bare = results["saturated_bare"]["figures"].get("bare endpoint (saturated)", {})
    ratio = saturated.get("rps", 0) / bare["rps"] if bare.get("rps") else 0.0
    say("\nSaturation (same server, same clients):")
    for label, f in (("autosave", saturated), ("bare DRF endpoint", bare)):
        say(
            f"  {label:<18} {f.get('rps', 0):7.1f}/s  p50 {f.get('p50_ms')} ms  "
            f"p95 {f.get('p95_ms')} ms  failures {f.get('failures')}"
        )
    for phase in ("saturated_autosave", "saturated_bare"):
        for error, count in results[phase]["errors"].items():
            say(f"  error ×{count}: {error}")
    say(f"  ratio autosave ÷ bare endpoint: {ratio:.3f}")
    created, changed = prepared["queries_per_autosave"]
    say(f"\nQueries per autosave: {created} (first answer), {changed} (a change)")
    say(
        f"Writes checked: {checked['writes']} accepted writes on {checked['assessments']} "
        f"assessments, {checked['problem_count']} missing or extra"
    )
    for problem in checked["problems"]:
        say(f"  {problem}")

    autosave = mixed["figures"].get("autosave", {})
    board = mixed["figures"].get("board", {})
    failures = sum(
        f["failures"]
        for phase in ("mixed", "saturated_autosave", "saturated_bare")
        for f in results[phase]["figures"].values()
    )
    verdicts = [
        ("no errors", failures == 0, f"{failures} failed requests"),
        (
            f"autosave p95 < {TARGETS['autosave_p95_ms']} ms",
            autosave.get("p95_ms", 1e9) < TARGETS["autosave_p95_ms"],
            f"{autosave.get('p95_ms')} ms",
        ),
        (
            f"board p95 < {TARGETS['board_p95_ms']} ms",
            board.get("p95_ms", 1e9) < TARGETS["board_p95_ms"],
            f"{board.get('p95_ms')} ms",
        ),
        (
            f"saturated autosave ≥ {TARGETS['ratio']} × bare endpoint",
            ratio >= TARGETS["ratio"],
            f"{ratio:.3f}",
        ),
        (
            "every write present",
            checked["problem_count"] == 0 and checked["writes"] > 0,
            f"{checked['writes']} writes",
        ),
    ]
    say("\nTargets (issue #11):")
    for label, met, figure in verdicts:
        say(f"  [{'met' if met else 'MISSED'}] {label}: {figure}")


def pacing(text: str) -> tuple[float, float]:
    low, high = (float(part) for part in text.split(","))
    return low, high


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--cscos", type=int, default=200)
    parser.add_argument("--reviewers", type=int, default=20)
    parser.add_argument(
        "--autosave-every",
        type=pacing,
        default=(2.0, 6.0),
        metavar="MIN,MAX",
        help="seconds between one CSCO's autosaves (default 2,6)",
    )
    parser.add_argument(
        "--board-every",
        type=pacing,
        default=(4.0, 8.0),
        metavar="MIN,MAX",
        help="seconds between one reviewer's board views (default 4,8)",
    )
    parser.add_argument("--saturate-seconds", type=float, default=15)
    parser.add_argument("--saturate-users", type=int, default=16)
    parser.add_argument("--gunicorn-workers", type=int, default=4)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="maturasi-load-"))
    media = work / "media"
    media.mkdir()
    redis_port, web_port = free_port(), free_port()
    queue = f"maturasi-load-{os.getpid()}"
    env = environment(f"redis://127.0.0.1:{redis_port}/0", media, queue)
    services: list[Service] = []
    say(
        f"database {DATABASE}, redis 127.0.0.1:{redis_port}, web 127.0.0.1:{web_port}, "
        f"logs in {work}"
    )
    try:
        recreate_database()
        started = time.monotonic()
        prepared = child("--prepare", env, str(args.cscos), str(args.reviewers))
        say(
            f"prepared {len(prepared['cscos'])} CSCOs with an assessment each and "
            f"{len(prepared['sessions'])} reviewers in {time.monotonic() - started:.0f} s"
        )
        data_path = work / "people.json"
        data_path.write_text(json.dumps(prepared))

        services.append(
            Service(
                "redis",
                [
                    "redis-server",
                    "--bind",
                    "127.0.0.1",
                    "--port",
                    str(redis_port),
                    "--save",
                    "",
                    "--appendonly",
                    "no",
                ],
                env,
                work,
            )
        )
        wait_until(lambda: answers_redis(redis_port), 20, "redis")
        services.append(
            Service(
                "web",
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "--bind",
                    f"127.0.0.1:{web_port}",
                    "--workers",
                    str(args.gunicorn_workers),
                    "--timeout",
                    "60",
                    "--backlog",
                    "2048",
                    "config.wsgi:application",
                ],
                env,
                work,
            )
        )
        services.append(
            Service(
                "worker",
                [
                    sys.executable,
                    "-m",
                    "celery",
                    "-A",
                    "config",
                    "worker",
                    "--beat",
                    "--concurrency",
                    "1",
                    "--queues",
                    queue,
                    "--loglevel",
                    "WARNING",
                    "--schedule",
                    str(work / "beat-schedule"),
                ],
                env,
                work,
            )
        )
        wait_until(lambda: answers_http(web_port), 60, "gunicorn")
        say(
            f"gunicorn ({args.gunicorn_workers} workers) and a worker started; swarming "
            f"{args.cscos} CSCOs (an autosave every {args.autosave_every[0]:g}-"
            f"{args.autosave_every[1]:g} s each) and {args.reviewers} reviewers (the board every "
            f"{args.board_every[0]:g}-{args.board_every[1]:g} s each) for {args.seconds:.0f} s"
        )
        say(
            f"machine: {os.cpu_count()} CPUs, load average before the run "
            f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}"
        )

        options = {
            "cscos": len(prepared["cscos"]),
            "reviewers": args.reviewers,
            "autosave_every": args.autosave_every,
            "board_every": args.board_every,
            "seconds": args.seconds,
            "saturate_seconds": args.saturate_seconds,
            "saturate_users": args.saturate_users,
        }
        results = child(
            "--swarm", env, str(data_path), f"http://127.0.0.1:{web_port}", json.dumps(options)
        )
        for service in services:
            if not service.alive():
                say(f"!! {service.name} stopped during the run; see {service.log}")
        expected_path = work / "expected.json"
        expected_path.write_text(json.dumps(results["expected"]))
        say(f"load average after the run {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        checked = child("--verify", env, str(expected_path))
        report(results, checked, prepared)
    finally:
        for service in reversed(services):
            service.stop()
        if not args.keep:
            recreate_database(drop_only=True)
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] in {"--prepare", "--swarm", "--verify"}:
        mode, answer = sys.argv[1], Path(sys.argv[2])
        if mode == "--prepare":
            prepare(answer, int(sys.argv[3]), int(sys.argv[4]))
        elif mode == "--swarm":
            swarm(answer, Path(sys.argv[3]), sys.argv[4], json.loads(sys.argv[5]))
        else:
            verify(answer, Path(sys.argv[3]))
    else:
        main()
