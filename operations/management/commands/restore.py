"""`python manage.py restore PATH.tar.gz`: into an empty, migrated database."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from operations.backup import RestoreError, restore_backup


class Command(BaseCommand):
    help = "Pulihkan cadangan ke basis data kosong / restore a backup into an empty database"

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("source", type=Path)

    def handle(self, *args: object, source: Path, **options: object) -> None:
        try:
            summary = restore_backup(source=source)
        except RestoreError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Dipulihkan / restored: {sum(summary.counts.values())} rows counted, "
            f"{summary.files} files checked by SHA-256"
        )
