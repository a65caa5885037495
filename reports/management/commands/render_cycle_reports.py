"""`python manage.py render_cycle_reports CYCLE [--language id|en]`: one report job per assessment
of the cycle, handed to the workers, with a text progress bar until every job has finished."""

from __future__ import annotations

import time
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Count, Q

from maturity.cycles.models import AssessmentCycle
from reports import services
from reports.models import Report, ReportStatus

BAR_WIDTH = 30


def progress_bar(done: int, failed: int, total: int, mean_progress: float) -> str:
    """``[#########.....] 12/514 selesai/done, 1 gagal/failed``: finished jobs are #, the
    progress of the ones under way shows as a partial cell."""
    share = 1.0 if total == 0 else (done + failed + mean_progress) / total
    filled = min(BAR_WIDTH, int(share * BAR_WIDTH))
    bar = "#" * filled + "." * (BAR_WIDTH - filled)
    return f"[{bar}] {done + failed}/{total} selesai/done, {failed} gagal/failed"


class Command(BaseCommand):
    help = (
        "Buat laporan PDF setiap wilayah dalam satu siklus / render every region's report of a "
        "cycle (one job per assessment) and follow the workers' progress"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("cycle", help="id atau nama siklus / cycle id or name")
        parser.add_argument("--language", choices=["id", "en"], default="id")
        parser.add_argument(
            "--no-wait",
            action="store_true",
            help="hanya kirim pekerjaan / only send the jobs, do not wait",
        )
        parser.add_argument(
            "--timeout",
            type=float,
            default=3 * 3600,
            help="detik menunggu / seconds to wait (default 3 h)",
        )
        parser.add_argument("--interval", type=float, default=1.0)

    def handle(self, *args: Any, **options: Any) -> None:
        cycle = self._cycle(options["cycle"])
        requested = services.request_cycle_region_reports(
            user=AnonymousUser(), cycle=cycle, language=options["language"]
        )
        ids = [r.report.pk for r in requested]
        reused = sum(1 for r in requested if not r.created)
        self.stdout.write(
            f"{cycle.name}: {len(ids)} laporan/reports ({reused} sudah ada/already current)"
        )
        if options["no_wait"] or not ids:
            return
        deadline = time.monotonic() + options["timeout"]
        interactive = self.stdout.isatty()
        last = ""
        while True:
            counts = Report.objects.filter(pk__in=ids).aggregate(
                done=Count("id", filter=Q(status=ReportStatus.DONE)),
                failed=Count("id", filter=Q(status=ReportStatus.FAILED)),
            )
            running = list(
                Report.objects.filter(pk__in=ids, status=ReportStatus.RUNNING).values_list(
                    "progress", flat=True
                )
            )
            line = progress_bar(counts["done"], counts["failed"], len(ids), sum(running) / 100.0)
            if interactive:
                self.stdout.write("\r" + line, ending="")
                self.stdout.flush()
            elif line != last:
                self.stdout.write(line)
            last = line
            if counts["done"] + counts["failed"] >= len(ids):
                break
            if time.monotonic() > deadline:
                raise CommandError(
                    "Batas waktu habis; pekerjaan tetap berjalan di pekerja. / Timed out; the "
                    "jobs go on running on the workers."
                )
            time.sleep(options["interval"])
        if interactive:
            self.stdout.write("")
        failed = Report.objects.filter(pk__in=ids, status=ReportStatus.FAILED)
        for report in failed.select_related("assessment__region")[:20]:
            region = report.assessment.region.name if report.assessment else "-"
            self.stderr.write(f"{region}: {report.error}")
        if failed.exists():
            raise CommandError(f"{failed.count()} laporan gagal / reports failed")

    def _cycle(self, value: str) -> AssessmentCycle:
        cycles = AssessmentCycle.objects.select_related("framework")
        found = cycles.filter(pk=int(value)).first() if value.isdigit() else None
        found = found or cycles.filter(name=value).first()
        if found is None:
            raise CommandError(f"Siklus tidak ditemukan / no such cycle: {value}")
        return found
