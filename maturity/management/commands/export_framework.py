"""``export_framework CODE VERSION [-o PATH]``: write a framework version as its YAML file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from maturity.frameworks.export import export_framework
from maturity.frameworks.models import Framework


class Command(BaseCommand):
    help = "Export a framework version as its YAML file (to stdout, or -o PATH)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("code", help="framework code, e.g. smkc")
        parser.add_argument("version", help='version, e.g. "2026.1"')
        parser.add_argument("-o", "--output", help="the file to write")

    def handle(
        self, *args: Any, code: str, version: str, output: str | None, **options: Any
    ) -> None:
        framework = Framework.objects.filter(code=code, version=version).first()
        if framework is None:
            raise CommandError(
                _("Kerangka %(code)s versi %(version)s tidak ada.")
                % {"code": code, "version": version}
            )
        text = export_framework(framework)
        if output is None:
            self.stdout.write(text, ending="")
            return
        try:
            Path(output).write_text(text, encoding="utf-8", newline="")
        except OSError as error:
            raise CommandError(
                _("Berkas %(path)s tidak dapat ditulis: %(reason)s")
                % {"path": output, "reason": error.strerror}
            )
        self.stdout.write(_("Ditulis: %(path)s") % {"path": output})
