"""``import_framework PATH [--publish]``: load a framework file; a bad file is refused whole."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from cities import errors
from maturity.frameworks.format import FrameworkFormatError
from maturity.frameworks.services import import_framework


class Command(BaseCommand):
    help = "Import a framework file (YAML) as a draft, or published with --publish."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="the YAML file")
        parser.add_argument("--publish", action="store_true", help="publish at once")

    def handle(self, *args: Any, path: str, publish: bool, **options: Any) -> None:
        try:
            data = Path(path).read_bytes()
        except OSError as error:
            raise CommandError(
                _("Berkas %(path)s tidak dapat dibaca: %(reason)s")
                % {"path": path, "reason": error.strerror}
            )
        try:
            framework = import_framework(text=data, publish=publish)
        except FrameworkFormatError as error:
            for problem in error.problems:
                where = f"{path}:{problem.line}" if problem.line is not None else path
                self.stderr.write(f"{where}: {problem.path}: {problem.message}")
            count = len(error.problems)
            raise CommandError(
                _("Berkas ditolak, tidak ada yang disimpan (%(count)s masalah).") % {"count": count}
            )
        except errors.Invalid as error:
            for messages in error.fields.values():
                for message in messages:
                    self.stderr.write(message)
            raise CommandError(_("Berkas ditolak."))
        message = (
            _("Kerangka %(code)s %(version)s (id %(id)s) dimuat: terbit")
            if publish
            else _("Kerangka %(code)s %(version)s (id %(id)s) dimuat: draf")
        )
        self.stdout.write(
            message % {"code": framework.code, "version": framework.version, "id": framework.pk}
        )
