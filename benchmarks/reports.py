"""How fast the PDF reports are, measured against floors taken in the same run. Prints figures,
asserts nothing.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/maturasi_bench \\
    CELERY_BROKER_URL=redis://127.0.0.1:6379/0 \\
    .venv/bin/python benchmarks/reports.py [--batch 20|all] [--workers 2] [--runs 3]

It migrates the database it is given, loads the regions and the default framework, and (once)
fills a cycle with an assessment for every kabupaten and kota (514), every indicator answered,
scored; Kota Makassar's goes through the services (answers, evidence, reviews with comments,
approval). Real Celery workers are started on a queue of this run's own.

1. Region report, end to end (request → queue → worker → done, from the job's own timestamps)
   ÷ WeasyPrint's bare render of the same HTML in this process. Target ≤ 1.25.
2. A batch of region reports on N workers: wall time ÷ (reports × bare render ÷ workers).
   Target ≤ 1.3. ``--batch all`` renders all 514; the default renders a sample of 20.
3. The national summary of the 514 regions: render time (target < 10 s) and the peak memory of
   the worker process that rendered it (target < 500 MB).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
os.environ.setdefault("MATURASI_TEST_QUEUE", f"maturasi-bench-{os.getpid()}")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

CYCLE_NAME = "Siklus penilaian 2026"
PILOT = "73.71"


def say(text: str) -> None:
    print(text, flush=True)


def prepare() -> tuple[object, object]:
    """The cycle with 514 scored assessments and the people who ask for reports."""
    from cities.models import Region, Role
    from maturity.assessments.models import Answer, Assessment, AssessmentStatus
    from maturity.assessments.services import lifecycle, review
    from maturity.frameworks.models import Indicator
    from maturity.scores.services import refresh_snapshots
    from tests.factories import answer_everything, make_open_cycle, member, value_for_level

    with open(os.devnull, "w") as quiet:
        call_command("migrate", verbosity=0, stdout=quiet)
        call_command("load_defaults", verbosity=0, stdout=quiet)
    csco = member("bench_csco", Role.CSCO, PILOT)
    reviewer = member("bench_reviewer", Role.REVIEWER)
    cycle = make_open_cycle(name=CYCLE_NAME)
    indicators = list(Indicator.objects.filter(framework_id=cycle.framework_id))
    regions = list(Region.objects.exclude(kind="province").order_by("code"))
    existing = set(Assessment.objects.filter(cycle=cycle).values_list("region_id", flat=True))
    todo = [r for r in regions if r.pk not in existing]
    if todo:
        say(f"preparing {len(todo)} assessments (once per database) …")
    rng = random.Random(2026)
    statuses = [
        AssessmentStatus.SUBMITTED,
        AssessmentStatus.APPROVED,
        AssessmentStatus.DRAFT,
        AssessmentStatus.RETURNED,
        AssessmentStatus.APPROVED,
    ]
    for region in todo:
        if region.code == PILOT:
            assessment = answer_everything(
                Assessment.objects.create(cycle=cycle, region=region), csco, level=4
            )
            lifecycle.submit(user=csco, assessment=assessment)
            for indicator in indicators[::9]:
                review.set_review(
                    user=reviewer,
                    assessment=assessment,
                    indicator=indicator,
                    verified_level=3,
                    comment="Data dukung diperiksa; cakupan belum penuh.",
                )
            lifecycle.approve(user=reviewer, assessment=assessment)
        else:
            base = rng.choice([1, 2, 2, 3, 3, 3, 4, 4, 5])
            assessment = Assessment.objects.create(
                cycle=cycle,
                region=region,
                status=rng.choice(statuses),
                completeness=100,
                inputs_changed_at=timezone.now(),
            )
            answers = []
            for indicator in indicators:
                level = max(1, min(5, base + rng.choice([-1, 0, 0, 1])))
                body = value_for_level(indicator, level)
                value = body["value"]
                answers.append(
                    Answer(
                        assessment=assessment,
                        indicator=indicator,
                        status="answered",
                        value_decimal=Decimal(value) if indicator.kind == "quantitative" else None,
                        value_level=value if indicator.kind == "rubric" else None,
                        value_bool=value if indicator.kind == "binary" else None,
                        source=body.get("source", ""),
                        year=body.get("year"),
                    )
                )
            Answer.objects.bulk_create(answers)
        refresh_snapshots(assessment_id=assessment.pk)
    return cycle, csco


def wait(report_ids: list[int], timeout: float = 3600) -> None:
    from reports.models import Report

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        pending = Report.objects.filter(pk__in=report_ids, status__in=["queued", "running"])
        if not pending.exists():
            failed = list(
                Report.objects.filter(pk__in=report_ids, status="failed").values_list(
                    "error", flat=True
                )[:3]
            )
            if failed:
                raise SystemExit(f"reports failed: {failed}")
            return
        time.sleep(0.05)
    raise SystemExit("timed out waiting for the workers")


def bare_render_seconds(report_pk: int, runs: int) -> tuple[float, int]:
    """WeasyPrint alone on the report's HTML, in this process (median of ``runs``)."""
    wall, _cpu, pages = bare_render(report_pk, runs)
    return wall, pages


def bare_render(report_pk: int, runs: int) -> tuple[float, float, int]:
    """WeasyPrint alone on the report's HTML, in this process: median wall and CPU seconds."""
    import weasyprint

    from reports import rendering
    from reports.context.national import national_report_context
    from reports.context.region import region_report_context
    from reports.models import Report

    report = Report.objects.select_related(
        "assessment__region", "assessment__cycle__framework", "cycle__framework"
    ).get(pk=report_pk)
    context = (
        region_report_context(report)
        if report.kind == "region"
        else national_report_context(report)
    )
    html = rendering.render_html(report.kind, context)
    times = []
    cpu = []
    pages = 0
    for _ in range(runs + 1):  # the first warms fonts and caches up
        start, start_cpu = time.perf_counter(), time.process_time()
        document = weasyprint.HTML(
            string=html, base_url=rendering.BASE_URL, url_fetcher=rendering.static_url_fetcher
        ).render()
        document.write_pdf()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
        pages = len(document.pages)
    return statistics.median(times[1:]), statistics.median(cpu[1:]), pages


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time of these processes so far."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
        except (OSError, IndexError, ValueError):
            continue
    return total / ticks


def peak_rss_mb(pids: list[int]) -> float:
    peak = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peak = max(peak, int(line.split()[1]))
        except OSError:
            continue
    return peak / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--batch", default="20", help="how many region reports, or 'all'")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()

    from django.contrib.auth.models import AnonymousUser

    from config.celery_app import app
    from maturity.assessments.models import Assessment
    from reports import services
    from reports.models import Report
    from tests.worker import CeleryWorker

    if connection.vendor != "postgresql":
        say("note: not PostgreSQL; figures are indicative only")
    app.conf.task_always_eager = False
    cycle, csco = prepare()
    pilot = Assessment.objects.select_related("region", "cycle__framework").get(
        cycle=cycle, region__code=PILOT
    )
    anonymous = AnonymousUser()

    say(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    say(f"\n1. Region report ({pilot.region.name}), one worker process")
    worker = CeleryWorker(concurrency=1, name="bench-region")
    worker.start()
    try:
        ratios = []
        cpu_ratios = []
        for run in range(options.runs + 1):
            Report.objects.filter(assessment=pilot).delete()
            cpu_before = cpu_seconds(worker.children())
            report = services.request_region_report(
                user=anonymous, assessment=pilot, language="id"
            ).report
            wait([report.pk])
            worker_cpu = cpu_seconds(worker.children()) - cpu_before
            report.refresh_from_db()
            end_to_end = (report.finished_at - report.created_at).total_seconds()
            bare, bare_cpu, pages = bare_render(report.pk, runs=1)
            if run == 0:
                say(f"   warm-up: end to end {end_to_end:.2f} s (worker imports, fonts)")
                continue
            ratios.append(end_to_end / bare)
            cpu_ratios.append(worker_cpu / bare_cpu)
            say(
                f"   run {run}: {pages} pages, end to end {end_to_end:.2f} s, bare WeasyPrint "
                f"{bare:.2f} s, ratio {end_to_end / bare:.2f} (CPU: worker {worker_cpu:.2f} s "
                f"÷ bare {bare_cpu:.2f} s = {worker_cpu / bare_cpu:.2f})"
            )
        say(
            f"   median ratio {statistics.median(ratios):.2f} (target ≤ 1.25); in CPU time "
            f"{statistics.median(cpu_ratios):.2f}, which other load on the machine disturbs less"
        )
    finally:
        worker.stop()

    assessments = list(
        Assessment.objects.filter(cycle=cycle)
        .select_related("region", "cycle__framework")
        .order_by("region__code")
    )
    count = len(assessments) if options.batch == "all" else int(options.batch)
    sample = (
        assessments if count >= len(assessments) else random.Random(7).sample(assessments, count)
    )
    say(
        f"\n2. Batch of {len(sample)} region reports on {options.workers} worker processes"
        + (
            ""
            if len(sample) == len(assessments)
            else f" (a sample; the full batch is {len(assessments)})"
        )
    )
    worker = CeleryWorker(concurrency=options.workers, name="bench-batch")
    worker.start()
    try:
        # Each worker process imports WeasyPrint and loads the fonts once, on its first job.
        Report.objects.filter(cycle=cycle).delete()
        warm = [
            services.request_region_report(user=anonymous, assessment=a, language="en").report.pk
            for a in sample[: options.workers]
        ]
        wait(warm)
        Report.objects.filter(cycle=cycle).delete()
        children = worker.children()
        cpu_before = cpu_seconds(children)
        start = time.perf_counter()
        ids = [
            services.request_region_report(user=anonymous, assessment=a, language="id").report.pk
            for a in sample
        ]
        wait(ids)
        wall = time.perf_counter() - start
        used = cpu_seconds(children) - cpu_before
        bares = [bare_render(pk, runs=1) for pk in ids[:3]]
        bare = statistics.median(b[0] for b in bares)
        bare_cpu = statistics.median(b[1] for b in bares)
        floor = len(sample) * bare / options.workers
        say(
            f"   wall {wall:.1f} s; floor {len(sample)} × {bare:.2f} s ÷ {options.workers} = "
            f"{floor:.1f} s; ratio {wall / floor:.2f} (target ≤ 1.3)"
        )
        share = used / (wall * options.workers)
        say(
            f"   the workers had {share:.0%} of {options.workers} CPUs "
            f"(load average {os.getloadavg()[0]:.1f}); per report {used / len(ids):.2f} CPU-s "
            f"÷ bare {bare_cpu:.2f} CPU-s = {used / len(ids) / bare_cpu:.2f}"
        )
        if len(sample) < len(assessments):
            say(
                f"   estimate for all {len(assessments)}: "
                f"{wall / len(sample) * len(assessments) / 60:.1f} min "
                f"(floor {len(assessments) * bare / options.workers / 60:.1f} min)"
            )
    finally:
        worker.stop()

    say(f"\n3. National summary of {len(assessments)} regions, one fresh worker process")
    worker = CeleryWorker(concurrency=1, name="bench-national")
    worker.start()
    try:
        Report.objects.filter(cycle=cycle, kind="national").delete()
        report = services.request_national_report(user=anonymous, cycle=cycle, language="id").report
        wait([report.pk])
        report.refresh_from_db()
        render = (report.finished_at - report.started_at).total_seconds()
        end_to_end = (report.finished_at - report.created_at).total_seconds()
        memory = peak_rss_mb(worker.children())
        bare, pages = bare_render_seconds(report.pk, runs=1)
        say(
            f"   {pages} pages; on the worker {render:.2f} s (end to end {end_to_end:.2f} s, "
            f"target < 10 s); bare WeasyPrint here {bare:.2f} s"
        )
        say(f"   worker peak memory {memory:.0f} MB (target < 500 MB)")
    finally:
        worker.stop()


if __name__ == "__main__":
    main()
