"""Progress, roadmap and the ranked cycle table over three cycles of every kabupaten/kota.

    .venv/bin/python benchmarks/progress.py [--regions 514] [--repeat 20]

Uses its own PostgreSQL database (``BENCH_DATABASE_URL``, default
postgres://postgres@127.0.0.1:5432/maturasi_bench_progress, created if missing, migrated and
loaded with the default data). It builds three yearly cycles on the default framework, each with
one approved assessment per kabupaten/kota, answered at random and scored by the product's own
``refresh_snapshots`` (a fixture, not the workflow: rows are bulk-inserted). Then, for the first
region, the region's progress and its roadmap, and for the newest cycle the scores table with
ranks, each against a floor measured in the same run:

- progress of one region ÷ a plain read of the same snapshot rows, and its query count;
- roadmap of one assessment ÷ a plain read of the snapshots it compares with, and its queries;
- the ranked cycle table (what ``GET /api/v1/cycles/{id}/scores/?page_size=200`` reads) ÷ a plain
  list of the same rows, and its queries.

Query counts are printed with the data built for 50 regions and again for all of them: the
progress and roadmap counts must not grow with the number of regions (issue #13).
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/maturasi_bench_progress"
SEED = 37122
YEARS = (2024, 2025, 2026)


def configure(database_url: str) -> None:
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.local",
            "DEBUG": "0",
            "SECRET_KEY": "benchmark-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
            "DATABASE_URL": database_url,
            "LOG_LEVEL": "WARNING",
            "ALLOWED_HOSTS": "testserver,localhost",
        }
    )


def ensure_database(database_url: str) -> None:
    import psycopg

    parts = urlsplit(database_url)
    name = parts.path.lstrip("/")
    admin_url = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin_url, autocommit=True) as connection:
        if not connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')  # name from our own URL


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def random_answer(rng: random.Random, assessment: Any, indicator: Any, skill: float) -> Any:
    from maturity.assessments.models import Answer

    if not indicator.required or rng.random() < 0.04:
        return Answer(
            assessment=assessment, indicator=indicator, status="not_applicable", justification="b"
        )
    answer = Answer(assessment=assessment, indicator=indicator, status="answered")
    level = max(1, min(5, round(rng.gauss(skill, 1.0))))
    if indicator.kind == "rubric":
        answer.value_level = level
    elif indicator.kind == "binary":
        answer.value_bool = level >= 3
    else:
        thresholds = [Decimal(str(t)) for t in indicator.thresholds]
        higher = indicator.direction == "higher"
        if level == 1:
            value = thresholds[0] - 1 if higher else thresholds[0] + 1
        else:
            value = thresholds[level - 2]
        answer.value_decimal = value
    return answer


def build(region_count: int) -> dict[str, Any]:
    """Three cycles of approved, scored assessments for the first ``region_count`` kab/kota."""
    from django.core.management import call_command
    from django.utils import timezone

    from cities.models import Region, RegionKind
    from maturity.assessments.models import Answer, Assessment, AssessmentStatus
    from maturity.cycles.models import AssessmentCycle
    from maturity.frameworks.services import load_default_framework
    from maturity.scores.services import refresh_snapshots

    with open(os.devnull, "w") as quiet:
        call_command("migrate", verbosity=0, stdout=quiet)
        call_command("load_defaults", verbosity=0, stdout=quiet)
    framework, _ = load_default_framework()
    Assessment.objects.filter(cycle__name__startswith="Benchmark progress").delete()
    AssessmentCycle.objects.filter(name__startswith="Benchmark progress").delete()
    regions = list(
        Region.objects.filter(kind__in=[RegionKind.KABUPATEN, RegionKind.KOTA]).order_by("code")
    )[:region_count]
    indicators = list(framework.indicators.order_by("position"))
    rng = random.Random(SEED)
    skill = {region.pk: rng.uniform(1.5, 4.0) for region in regions}
    cycles = []
    now = timezone.now()
    for step, year in enumerate(YEARS):
        cycle = AssessmentCycle.objects.create(
            name=f"Benchmark progress {year}",
            year=year,
            framework=framework,
            opens_on=datetime.date(year, 1, 1),
            closes_on=datetime.date(year, 12, 31),
        )
        cycles.append(cycle)
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
        answers = [
            random_answer(rng, a, i, skill[a.region_id] + 0.3 * step)
            for a in assessments
            for i in indicators
        ]
        Answer.objects.bulk_create(answers, batch_size=5000)
        for assessment in assessments:
            refresh_snapshots(assessment_id=assessment.pk)
    return {"cycles": cycles, "regions": regions}


def timed(function: Any, repeat: int) -> tuple[float, int]:
    """Median seconds of ``repeat`` calls, and the queries of one call."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        function()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times), len(queries.captured_queries)


def _table(cycle: Any) -> list[dict[str, Any]]:
    """What GET /api/v1/cycles/{id}/scores/?page_size=200 reads: the first 200 rows of the
    cycle with their snapshots, ranks and changes."""
    from maturity.assessments.models import Assessment
    from maturity.scores.selectors import cycle_score_rows, filter_cycle_assessments

    page = list(filter_cycle_assessments(Assessment.objects.filter(cycle=cycle))[:200])
    rows = cycle_score_rows(page, framework=cycle.framework)
    assert rows[0]["rank_national"] is not None
    return rows


def measure(world: dict[str, Any], repeat: int) -> dict[str, tuple[float, int]]:
    from django.contrib.auth.models import User

    from cities.models import Membership, Role
    from maturity.assessments.models import Assessment
    from maturity.progress.roadmap import assessment_roadmap
    from maturity.progress.selectors import region_progress
    from maturity.scores.models import ScoreSnapshot

    newest = world["cycles"][-1]
    # A region in the middle of the field: its roadmap has steps and peers to name.
    ranked = list(
        ScoreSnapshot.objects.filter(assessment__cycle=newest, track="verified", provisional=False)
        .order_by("index", "assessment__region__code")
        .values_list("assessment_id", flat=True)
    )
    assessment = Assessment.objects.select_related("region", "cycle__framework").get(
        pk=ranked[len(ranked) // 2]
    )
    region = assessment.region
    reviewer, _ = User.objects.get_or_create(username="bench-reviewer")
    Membership.objects.get_or_create(user=reviewer, role=Role.REVIEWER, region=None)
    figures = {
        "progress": timed(lambda: region_progress(region), repeat),
        "progress floor": timed(
            lambda: list(ScoreSnapshot.objects.filter(assessment__region=region).values()), repeat
        ),
        "roadmap": timed(
            lambda: assessment_roadmap(assessment, user=reviewer, track="verified", language="id"),
            repeat,
        ),
        "roadmap floor": timed(
            lambda: list(
                ScoreSnapshot.objects.filter(
                    assessment__cycle=newest, track="verified"
                ).values_list("result__verified__indicators")
            ),
            repeat,
        ),
        "table": timed(lambda: _table(newest), max(3, repeat // 4)),
        "table floor": timed(
            lambda: list(
                Assessment.objects.filter(cycle=newest)
                .select_related("region")
                .values("pk", "region__code", "region__name", "status")[:200]
            ),
            max(3, repeat // 4),
        ),
    }
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--regions", type=int, default=514)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    database_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL)
    configure(database_url)
    ensure_database(database_url)
    setup_django()
    counts = {}
    for region_count in (min(50, args.regions), args.regions):
        started = time.perf_counter()
        world = build(region_count)
        built = time.perf_counter() - started
        figures = measure(world, args.repeat)
        counts[region_count] = {name: q for name, (_, q) in figures.items()}
        print(f"\n{region_count} regions × {len(YEARS)} cycles (built in {built:.0f} s)")
        for name in ("progress", "roadmap", "table"):
            seconds, queries = figures[name]
            floor, floor_queries = figures[f"{name} floor"]
            print(
                f"  {name:<9} {seconds * 1000:8.1f} ms, {queries:3d} queries"
                f"  ÷ plain read {floor * 1000:7.1f} ms ({floor_queries} queries)"
                f" = {seconds / floor:5.1f}×"
            )
    small, large = sorted(counts)
    for name in ("progress", "roadmap"):
        same = counts[small][name] == counts[large][name]
        print(
            f"{name} queries with {small} and {large} regions: "
            f"{counts[small][name]} and {counts[large][name]}"
            f" ({'constant' if same else 'GROWS'})"
        )


if __name__ == "__main__":
    main()
