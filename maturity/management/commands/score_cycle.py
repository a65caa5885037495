"""Rescore a whole cycle through the workers and show progress until they are done."""

from __future__ import annotations

import argparse
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from maturity.cycles.models import AssessmentCycle
from maturity.scores import services, tasks

BAR_WIDTH = 30


def progress_bar(done: int, total: int, width: int = BAR_WIDTH) -> str:
    """``[#########.....................]  30/100``"""
    filled = width if total == 0 else width * done // total
    return f"[{'#' * filled}{'.' * (width - filled)}] {done:>{len(str(total))}}/{total}"


class Command(BaseCommand):
    help = "Rescore every assessment of a cycle through the workers."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("cycle", help="cycle id or name")
        parser.add_argument(
            "--force",
            action="store_true",
            help="recompute even unchanged assessments",
        )
        parser.add_argument(
            "--timeout",
            type=float,
            default=600.0,
            help="stop waiting after N seconds (default 600)",
        )
        parser.add_argument("--interval", type=float, default=0.5, help=argparse.SUPPRESS)

    def handle(self, *args: Any, **options: Any) -> None:
        cycle = self._cycle(options["cycle"])
        started = timezone.now()
        ids = tasks.enqueue_cycle_scoring(cycle_id=cycle.pk, force=options["force"])
        total = len(ids)
        if total == 0:
            message = (
                _("Siklus %(cycle)s: tidak ada yang perlu dihitung ulang.")
                if options["force"]
                else _(
                    "Siklus %(cycle)s: tidak ada yang perlu dihitung ulang (--force untuk semua)."
                )
            )
            self.stdout.write(message % {"cycle": cycle.name})
            return
        self.stdout.write(
            _("Siklus %(cycle)s: %(count)s penilaian dikirim ke worker.")
            % {"cycle": cycle.name, "count": total}
        )
        deadline = time.monotonic() + options["timeout"]
        interactive = self.stdout.isatty()
        done = -1
        while True:
            now_done = services.count_scored_since(ids, started)
            if now_done != done:
                done = now_done
                self._show(progress_bar(done, total), interactive)
            if done >= total:
                break
            if time.monotonic() >= deadline:
                if interactive:
                    self.stdout.write("")
                raise CommandError(
                    _(
                        "Waktu habis setelah %(seconds)s detik: %(done)s dari %(total)s selesai; "
                        "sisanya tetap dalam antrean dan selesai saat worker berjalan (apakah "
                        "worker berjalan?)."
                    )
                    % {"seconds": f"{options['timeout']:g}", "done": done, "total": total}
                )
            time.sleep(options["interval"])
        if interactive:
            self.stdout.write("")
        elapsed = (timezone.now() - started).total_seconds()
        self.stdout.write(
            self.style.SUCCESS(
                _("Selesai: %(count)s penilaian dalam %(seconds)s detik.")
                % {"count": total, "seconds": f"{elapsed:.1f}"}
            )
        )

    def _show(self, line: str, interactive: bool) -> None:
        if interactive:
            self.stdout.write("\r" + line, ending="")
            self.stdout.flush()
        else:
            self.stdout.write(line)

    def _cycle(self, given: str) -> AssessmentCycle:
        cycles = AssessmentCycle.objects.all()
        found = (
            cycles.filter(pk=int(given)).first() if given.isdigit() else None
        ) or cycles.filter(name=given).first()
        if found is None:
            raise CommandError(
                _("Siklus %(cycle)s tidak ditemukan (id atau nama).") % {"cycle": repr(given)}
            )
        return found
