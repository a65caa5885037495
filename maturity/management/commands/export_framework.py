"""``export_framework CODE VERSION [-o PATH]``: write a framework version as its YAML file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from maturity.frameworks.export import export_framework
from maturity.frameworks.models import Framework


class Command(BaseCommand):
    help = (
        "Ekspor versi kerangka sebagai berkas YAML (ke stdout, atau -o PATH). / "
        "Export a framework version as its YAML file (to stdout, or -o PATH)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("code", help="kode kerangka / framework code, e.g. smkc")
        parser.add_argument("version", help='versi / version, e.g. "2026.1"')
        parser.add_argument("-o", "--output", help="berkas tujuan / the file to write")

    def handle(
        self, *args: Any, code: str, version: str, output: str | None, **options: Any
    ) -> None:
        framework = Framework.objects.filter(code=code, version=version).first()
        if framework is None:
            raise CommandError(
                f"Kerangka {code} versi {version} tidak ada. / "
                f"There is no framework {code} version {version}."
            )
        text = export_framework(framework)
        if output is None:
            self.stdout.write(text, ending="")
            return
        try:
            Path(output).write_text(text, encoding="utf-8", newline="")
        except OSError as error:
            raise CommandError(
                f"Berkas tidak dapat ditulis / cannot write the file {output}: {error.strerror}"
            )
        self.stdout.write(f"Ditulis / written: {output}")
