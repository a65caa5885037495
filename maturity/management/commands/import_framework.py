"""``import_framework PATH [--publish]``: load a framework file; a bad file is refused whole."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from maturity.frameworks.format import FrameworkFormatError
from maturity.frameworks.services import import_framework


class Command(BaseCommand):
    help = (
        "Impor berkas kerangka (YAML) sebagai draf, atau terbit dengan --publish. / "
        "Import a framework file (YAML) as a draft, or published with --publish."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="berkas YAML / the YAML file")
        parser.add_argument(
            "--publish", action="store_true", help="terbitkan langsung / publish at once"
        )

    def handle(self, *args: Any, path: str, publish: bool, **options: Any) -> None:
        try:
            data = Path(path).read_bytes()
        except OSError as error:
            raise CommandError(
                f"Berkas tidak dapat dibaca / cannot read the file {path}: {error.strerror}"
            )
        try:
            framework = import_framework(text=data, publish=publish)
        except FrameworkFormatError as error:
            for problem in error.problems:
                where = f"{path}:{problem.line}" if problem.line is not None else path
                self.stderr.write(f"{where}: {problem.path}: {problem.message}")
            count = len(error.problems)
            raise CommandError(
                f"Berkas ditolak, tidak ada yang disimpan ({count} masalah). / "
                f"The file is refused and nothing was saved ({count} problems)."
            )
        except ValidationError as error:
            for message in error.messages:
                self.stderr.write(message)
            raise CommandError("Berkas ditolak. / The file is refused.")
        state = "terbit / published" if publish else "draf / draft"
        self.stdout.write(
            f"Kerangka / framework {framework.code} {framework.version} "
            f"(id {framework.pk}) dimuat / imported: {state}"
        )
