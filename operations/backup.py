"""Backup and restore of the whole service: the database (as Django fixtures) and the media files.

A backup is one ``.tar.gz`` holding ``manifest.json`` (counts, every media file's SHA-256),
``database.json`` (``dumpdata`` with natural foreign keys, so it loads on SQLite or PostgreSQL)
and ``media/`` (evidence, programme files, reports). Restoring goes into an empty, migrated
database and checks every file's SHA-256 against the manifest.
"""

from __future__ import annotations

import hashlib
import io
import json
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

FORMAT_VERSION = 1
# What is re-created by migrations or is only transient.
EXCLUDED = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "admin.logentry",
    "operations.workerheartbeat",
    "axes",
]
COUNTED_MODELS = [
    "auth.user",
    "cities.membership",
    "maturity.framework",
    "maturity.indicator",
    "maturity.assessmentcycle",
    "maturity.assessment",
    "maturity.answer",
    "maturity.review",
    "maturity.evidence",
    "maturity.historyentry",
    "maturity.scoresnapshot",
    "maturity.programme",
    "reports.report",
]


class RestoreError(Exception):
    """The backup cannot be restored here; the message says why."""


@dataclass(frozen=True)
class BackupSummary:
    path: Path
    counts: dict[str, int]
    files: int


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _counts() -> dict[str, int]:
    return {label: apps.get_model(label).objects.count() for label in COUNTED_MODELS}


def create_backup(*, output: Path) -> BackupSummary:
    """Write the database and every media file into ``output`` (a .tar.gz)."""
    media_root = Path(settings.MEDIA_ROOT)
    buffer = io.StringIO()
    with transaction.atomic():  # one consistent read of every table
        call_command(
            "dumpdata",
            *[arg for label in EXCLUDED for arg in ("--exclude", label)],
            "--natural-foreign",
            "--indent",
            "0",
            stdout=buffer,
        )
        counts = _counts()
    files = sorted(p for p in media_root.rglob("*") if p.is_file()) if media_root.exists() else []
    manifest = {
        "format": FORMAT_VERSION,
        "created_at": timezone.now().isoformat(),
        "counts": counts,
        "media": {str(p.relative_to(media_root)): _sha256(p) for p in files},
    }
    output.parent.mkdir(parents=True, exist_ok=True)
    with tarfile.open(output, "w:gz") as archive:
        for name, payload in (
            ("manifest.json", json.dumps(manifest, indent=1).encode()),
            ("database.json", buffer.getvalue().encode()),
        ):
            info = tarfile.TarInfo(name)
            info.size = len(payload)
            archive.addfile(info, io.BytesIO(payload))
        for path in files:
            archive.add(path, arcname=f"media/{path.relative_to(media_root)}")
    return BackupSummary(path=output, counts=counts, files=len(files))


def _database_is_empty() -> bool:
    return not any(apps.get_model(label).objects.exists() for label in COUNTED_MODELS)


def restore_backup(*, source: Path) -> BackupSummary:
    """Load a backup into an empty, migrated database and put the media files back."""
    if not _database_is_empty():
        raise RestoreError(
            _("Basis data tidak kosong; pulihkan ke basis data baru yang sudah dimigrasi.")
        )
    media_root = Path(settings.MEDIA_ROOT)
    try:
        archive = tarfile.open(source, "r:gz")  # noqa: SIM115 (closed by the with below)
    except (OSError, tarfile.TarError) as error:
        raise RestoreError(
            _("Berkas cadangan tidak terbaca: %(error)s") % {"error": error}
        ) from None
    with archive, tempfile.TemporaryDirectory() as scratch:
        members = archive.getmembers()
        for member in members:
            target = Path(scratch, member.name).resolve()
            if not str(target).startswith(str(Path(scratch).resolve())) or not (
                member.isfile() or member.isdir()
            ):
                raise RestoreError(
                    _("Entri tidak sah dalam cadangan: %(name)s") % {"name": member.name}
                )
        archive.extractall(scratch, filter="data")
        root = Path(scratch)
        try:
            manifest = json.loads((root / "manifest.json").read_text())
        except (OSError, ValueError):
            raise RestoreError(_("manifest.json hilang atau rusak")) from None
        if manifest.get("format") != FORMAT_VERSION:
            raise RestoreError(
                _("Format cadangan tidak dikenal: %(format)s") % {"format": manifest.get("format")}
            )
        for relative, expected in manifest["media"].items():
            path = root / "media" / relative
            if not path.is_file() or _sha256(path) != expected:
                raise RestoreError(_("Berkas rusak atau hilang: %(path)s") % {"path": relative})
        with transaction.atomic():
            call_command("loaddata", str(root / "database.json"), verbosity=0)
            counts = _counts()
            if counts != manifest["counts"]:
                raise RestoreError(
                    _("Jumlah baris berbeda: %(found)s != %(expected)s")
                    % {"found": counts, "expected": manifest["counts"]}
                )
        for relative in manifest["media"]:
            destination = media_root / relative
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_bytes((root / "media" / relative).read_bytes())
    return BackupSummary(path=source, counts=counts, files=len(manifest["media"]))
