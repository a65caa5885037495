"""Import a filled default-framework answers workbook (≈100 rows) through the HTTP API.

    .venv/bin/python benchmarks/spreadsheet_import.py [--repeats 3]

Uses its own PostgreSQL database (``BENCH_DATABASE_URL``, default
postgres://postgres@127.0.0.1:5432/maturasi_bench_xlsx, created if missing, migrated and loaded
with the default data). For each run it starts from an assessment without answers, then, as a
regional office would:

1. downloads ``GET /api/v1/assessments/{id}/answers.xlsx``;
2. fills in every row with openpyxl (as a spreadsheet program does; not timed);
3. uploads it for a preview (``POST .../answers/import/``) and applies it (``?apply=1``): every
   row new;
4. downloads again, changes every row, and applies that: every row changed.

It prints the wall time and the number of SQL queries of each step (median over the runs). The
target (issue #9) is an import under 2 s on this machine; it is printed, not asserted.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/maturasi_bench_xlsx"
CYCLE_NAME = "Benchmark lembar kerja"
REGION = "73.71"
TARGET_SECONDS = 2.0


def configure_environment(database_url: str) -> None:
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.local",
            "DEBUG": "0",
            "SECRET_KEY": "benchmark-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
            "DATABASE_URL": database_url,
            "ALLOWED_HOSTS": "localhost",
            "CELERY_TASK_ALWAYS_EAGER": "1",
            "LOG_LEVEL": "WARNING",
        }
    )


def ensure_database(database_url: str) -> None:
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


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def prepare() -> tuple[Any, Any]:
    """Migrate, load the defaults, and make a CSCO and an open cycle with one draft assessment."""
    import datetime

    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.utils import timezone

    from cities.models import Membership, Region, Role
    from maturity.assessments.models import Assessment
    from maturity.cycles.models import AssessmentCycle
    from maturity.frameworks.services import load_default_framework

    with open(os.devnull, "w") as quiet:
        call_command("migrate", verbosity=0, stdout=quiet)
        call_command("load_defaults", verbosity=0, stdout=quiet)
    framework, _ = load_default_framework()
    region = Region.objects.get(code=REGION)
    user, _ = User.objects.get_or_create(username="bench_csco")
    Membership.objects.get_or_create(user=user, role=Role.CSCO, region=region)
    today = timezone.localdate()
    cycle, _ = AssessmentCycle.objects.get_or_create(
        name=CYCLE_NAME,
        defaults={
            "year": today.year,
            "framework": framework,
            "opens_on": today - datetime.timedelta(days=1),
            "closes_on": today + datetime.timedelta(days=365),
        },
    )
    assessment, _ = Assessment.objects.get_or_create(cycle=cycle, region=region)
    return user, assessment


def reset(assessment: Any) -> None:
    from maturity.assessments.models import Answer, HistoryEntry

    Answer.objects.filter(assessment=assessment).delete()
    HistoryEntry.objects.filter(assessment=assessment).delete()


def typed(indicator: Any, round_number: int) -> dict[str, Any]:
    """What a person types for one indicator; ``round_number`` makes every value differ."""
    from decimal import Decimal

    if indicator.kind == "rubric":
        value: Any = 1 + (round_number % 5)
    elif indicator.kind == "binary":
        value = "ya" if round_number % 2 else "tidak"
    else:
        low = Decimal(str(indicator.thresholds[0]))
        value = float(low + Decimal(round_number) / 10)
    return {
        "status": "answered",
        "value": value,
        "source": f"Dinas, putaran {round_number}",
        "year": 2025,
        "comment": f"Diisi kantor wilayah, putaran {round_number}",
    }


def fill(content: bytes, indicators: dict[str, Any], round_number: int) -> bytes:
    from openpyxl import load_workbook

    from maturity.exchange.columns import ANSWERS_SHEET, COLUMNS

    column = {c.key: n + 1 for n, c in enumerate(COLUMNS)}
    workbook = load_workbook(io.BytesIO(content))
    sheet = workbook[ANSWERS_SHEET]
    for row in range(2, sheet.max_row + 1):
        code = sheet.cell(row=row, column=column["indicator"]).value
        if code in indicators:
            for key, value in typed(indicators[code], round_number).items():
                sheet.cell(row=row, column=column[key], value=value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def measured(call: Callable[..., Any], *args: Any, **kwargs: Any) -> tuple[Any, float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        result = call(*args, **kwargs)
        elapsed = time.perf_counter() - started
    return result, elapsed, len(queries.captured_queries)


def run(repeats: int) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from rest_framework.test import APIClient

    from maturity.assessments.models import Answer
    from maturity.frameworks.models import Indicator

    user, assessment = prepare()
    indicators = {
        i.code: i for i in Indicator.objects.filter(framework_id=assessment.cycle.framework_id)
    }
    client = APIClient(SERVER_NAME="localhost")
    client.force_authenticate(user=user)
    base = f"/api/v1/assessments/{assessment.pk}"

    def upload(content: bytes, apply: bool) -> Any:
        response = client.post(
            f"{base}/answers/import/" + ("?apply=1" if apply else ""),
            {"file": SimpleUploadedFile("jawaban.xlsx", content)},
            format="multipart",
        )
        if response.status_code != 200:
            raise SystemExit(f"import failed: {response.status_code} {response.content[:500]!r}")
        return response.json()

    steps: dict[str, list[tuple[float, int]]] = {}

    def record(step: str, elapsed: float, queries: int) -> None:
        steps.setdefault(step, []).append((elapsed, queries))

    size = 0
    for run_number in range(repeats):
        reset(assessment)
        response, elapsed, queries = measured(client.get, f"{base}/answers.xlsx")
        record("export (GET answers.xlsx)", elapsed, queries)
        first = fill(response.content, indicators, 2 * run_number + 1)
        size = len(first)
        preview, elapsed, queries = measured(upload, first, apply=False)
        record("preview (POST import/)", elapsed, queries)
        assert preview["summary"]["new"] == len(indicators), preview["summary"]
        applied, elapsed, queries = measured(upload, first, apply=True)
        record("import, every row new (?apply=1)", elapsed, queries)
        assert Answer.objects.filter(assessment=assessment).count() == len(indicators)
        second = fill(client.get(f"{base}/answers.xlsx").content, indicators, 2 * run_number + 2)
        applied, elapsed, queries = measured(upload, second, apply=True)
        record("import, every row changed (?apply=1)", elapsed, queries)
        assert applied["summary"]["changed"] == len(indicators), applied["summary"]

    print(
        f"Default framework: {len(indicators)} indicator rows; workbook {size / 1024:.0f} KiB; "
        f"{repeats} run(s), medians:"
    )
    for step, values in steps.items():
        seconds = statistics.median(v[0] for v in values)
        queries = int(statistics.median(v[1] for v in values))
        print(f"  {step:<40} {seconds * 1000:8.0f} ms  {queries:5d} queries")
    worst = max(
        statistics.median(v[0] for v in values)
        for step, values in steps.items()
        if step.startswith("import")
    )
    verdict = "under" if worst < TARGET_SECONDS else "OVER"
    print(
        f"Slowest import {worst:.2f} s: {verdict} the {TARGET_SECONDS:.0f} s target "
        f"({worst / TARGET_SECONDS:.2f} of it)."
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    arguments = parser.parse_args()
    database_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL)
    configure_environment(database_url)
    ensure_database(database_url)
    setup_django()
    run(max(1, arguments.repeats))


if __name__ == "__main__":
    main()
