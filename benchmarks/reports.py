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
3. The national summary of the 514 regions: render time (target ≤ 3 s) and the peak memory of
   the worker process that rendered it (target < 500 MB).
4. In this process, the PDF step alone (``reports.rendering.html_to_pdf``, as a worker runs it):
   the CPU per page of the region report beside the CPU per page of a plain reference document
   (the same fonts, a 100-row table and two SVG charts a page) rendered in the same run, and
   their ratio, which a noisy machine disturbs far less than either figure; the national
   summary's CPU; the estimate for all 514 region reports on the workers. Targets: the region
   report ≤ 1.2 CPU-s, the national summary ≤ 3 s, the 514 batch under 6 minutes.

``--quick`` measures step 4 alone (no workers), e.g. while profiling.
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
from typing import Any

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
    """The PDF step alone on the report's HTML, in this process (median of ``runs``)."""
    wall, _cpu, pages = bare_render(report_pk, runs)
    return wall, pages


def report_html(report: Any) -> tuple[str, tuple[object, ...], str]:
    """A report's HTML, its attachment and its identifier, as its job builds them."""
    from django.utils import translation

    from reports import rendering
    from reports.context.national import national_report_context
    from reports.context.region import region_report_context
    from reports.labels import labels_for

    with translation.override(report.language):
        context = (
            region_report_context(report)
            if report.kind == "region"
            else national_report_context(report)
        )
        html = rendering.render_html(report.kind, context)
        attachment = rendering.PdfAttachment(
            name=context.attachment_name,
            content=context.attachment_json,
            description=str(labels_for(report.language)["attachment_description"]),
        )
    return html, (attachment,), report.report_id


def timed_pdf(
    html: str, runs: int, attachments: tuple[object, ...] = (), identifier: str = ""
) -> tuple[float, float, int]:
    """``rendering.html_to_pdf`` (the PDF step of a job) on this HTML in this process: median
    wall and CPU seconds of ``runs`` after one warm-up, and the number of pages."""
    import io

    from pypdf import PdfReader

    from reports import rendering

    times = []
    cpu = []
    pdf = b""
    for _ in range(runs + 1):  # the first warms fonts and caches up
        start, start_cpu = time.perf_counter(), time.process_time()
        pdf = rendering.html_to_pdf(html, attachments=attachments, identifier=identifier)  # type: ignore[arg-type]
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    return statistics.median(times[1:]), statistics.median(cpu[1:]), pages


def bare_render(report_pk: int, runs: int) -> tuple[float, float, int]:
    """The PDF step alone on the report's HTML, in this process: median wall and CPU seconds."""
    from reports.models import Report

    report = Report.objects.select_related(
        "assessment__region", "assessment__cycle__framework", "cycle__framework"
    ).get(pk=report_pk)
    html, attachments, identifier = report_html(report)
    return timed_pdf(html, runs, attachments, identifier)


def reference_html(sections: int = 6) -> str:
    """A plain document in the report's fonts: per section a heading, two SVG charts and a
    100-row table, nothing else (no cover, no running strings, simple selectors)."""
    from xml.sax.saxutils import escape

    from maturity import charts

    rng = random.Random(37122)
    axes = [f"T{n}" for n in range(1, 13)]
    parts = []
    for section in range(1, sections + 1):
        radar = charts.radar(
            axes,
            [charts.Series("A", [rng.uniform(1, 5) for _ in axes], charts.SELF_COLOUR)],
            title=f"Radar {section}",
            size=190,
        )
        bars = charts.bars_with_medians(
            [charts.BarRow(f"Tema {n}", rng.uniform(1, 5), 3, 2.5) for n in range(1, 13)],
            title=f"Batang {section}",
            value_label="Daerah",
            national_label="Nasional",
            province_label="Provinsi",
        )
        rows = "".join(
            f"<tr><td>R{section}.{row:03d}</td><td>{escape(f'Indikator contoh nomor {row}')}"
            f"</td><td>{rng.randint(1, 5)}</td><td>{rng.randint(1, 5)}</td>"
            f"<td>{rng.uniform(0, 100):.2f}</td><td>Sumber data {row % 7}</td></tr>"
            for row in range(1, 101)
        )
        parts.append(
            f'<section><h2>Bagian {section}</h2><div class="charts"><div>{radar}</div>'
            f"<div>{bars}</div></div><table><thead><tr><th>Kode</th><th>Indikator</th>"
            f"<th>Mandiri</th><th>Verifikasi</th><th>Nilai</th><th>Sumber</th></tr></thead>"
            f"<tbody>{rows}</tbody></table></section>"
        )
    css = (
        '@font-face { font-family: "Maturasi Sans"; font-weight: 400; '
        'src: url("reports/fonts/NotoSans-Regular.ttf"); }'
        '@font-face { font-family: "Maturasi Sans"; font-weight: 700; '
        'src: url("reports/fonts/NotoSans-Bold.ttf"); }'
        "@page { size: A4; margin: 20mm 15mm; }"
        'html { font-family: "Maturasi Sans", sans-serif; font-size: 8.6pt; }'
        "section { break-before: page; } h2 { font-size: 15pt; }"
        ".charts { display: flex; } .charts div { flex: 1; } svg { width: 100%; height: auto; }"
        "table { width: 100%; border-collapse: collapse; font-size: 7.6pt; }"
        "th { background: #0b3d63; color: #fff; text-align: left; }"
        "td { border-bottom: 0.4pt solid #e1e6eb; }"
    )
    return (
        f'<!doctype html><html lang="id"><head><meta charset="utf-8">'
        f"<title>Dokumen pembanding</title><style>{css}</style></head>"
        f"<body>{''.join(parts)}</body></html>"
    )


def pdf_step(pilot: Any, batch_size: int, workers: int) -> None:
    """Step 4: CPU per page of the region report and of the reference document, their ratio,
    the national summary, and the estimate for the whole batch. The reports are built as their
    jobs build them, from rows that are not stored."""
    from reports.models import Report

    runs = 3
    now = timezone.now()
    region = Report(
        kind="region",
        assessment=pilot,
        cycle=pilot.cycle,
        language="id",
        report_id="BENCHREGION00001",
        created_at=now,
    )
    national = Report(
        kind="national",
        cycle=pilot.cycle,
        language="id",
        report_id="BENCHNATIONAL001",
        created_at=now,
    )
    html, attachments, identifier = report_html(region)
    wall, cpu, pages = timed_pdf(html, runs, attachments, identifier)
    ref_wall, ref_cpu, ref_pages = timed_pdf(reference_html(), runs)
    per_page = cpu / pages
    ref_per_page = ref_cpu / ref_pages
    say(
        f"   region report: {pages} pages, {cpu:.2f} CPU-s (wall {wall:.2f} s; target ≤ 1.2 "
        f"CPU-s), {per_page * 1000:.0f} CPU-ms a page"
    )
    say(
        f"   reference document: {ref_pages} pages, {ref_cpu:.2f} CPU-s (wall {ref_wall:.2f} s), "
        f"{ref_per_page * 1000:.0f} CPU-ms a page"
    )
    say(f"   ratio, CPU a page of the region report ÷ the reference: {per_page / ref_per_page:.2f}")
    n_html, n_attachments, n_identifier = report_html(national)
    n_wall, n_cpu, n_pages = timed_pdf(n_html, 1, n_attachments, n_identifier)
    say(
        f"   national summary: {n_pages} pages, {n_cpu:.2f} CPU-s (wall {n_wall:.2f} s; "
        f"target ≤ 3 s), {n_cpu / n_pages * 1000:.0f} CPU-ms a page"
    )
    floor = batch_size * wall / workers
    say(
        f"   all {batch_size} region reports on {workers} workers at this render time: "
        f"{floor / 60:.1f} min, × 1.3 = {floor * 1.3 / 60:.1f} min (target < 6 min)"
    )


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
    parser.add_argument(
        "--quick", action="store_true", help="only step 4, on reports of an earlier full run"
    )
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
    batch_total = Assessment.objects.filter(cycle=cycle).count()

    say(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    if options.quick:
        say("\n4. The PDF step alone, in this process")
        pdf_step(pilot, batch_total, options.workers)
        return
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
                f"   run {run}: {pages} pages, end to end {end_to_end:.2f} s, PDF step alone "
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
            f"target ≤ 3 s); the PDF step alone here {bare:.2f} s"
        )
        say(f"   worker peak memory {memory:.0f} MB (target < 500 MB)")
    finally:
        worker.stop()

    say("\n4. The PDF step alone, in this process")
    pdf_step(pilot, batch_total, options.workers)


if __name__ == "__main__":
    main()
