"""`python manage.py backup PATH.tar.gz`: the database and every media file in one archive."""

from pathlib import Path

from django.core.management.base import BaseCommand

from operations.backup import create_backup


class Command(BaseCommand):
    help = "Cadangkan basis data dan media / back up the database and media files"

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("output", type=Path)

    def handle(self, *args: object, output: Path, **options: object) -> None:
        summary = create_backup(output=output)
        self.stdout.write(
            f"Cadangan ditulis / backup written: {summary.path} "
            f"({sum(summary.counts.values())} rows counted, {summary.files} files)"
        )
