"""A database written by the previous release migrates forward untouched, and a new one ends with
the same heartbeat table.

In release 96e3eb1 the WorkerHeartbeat model lived in the ``config`` package under the app label
``operations``: its table is ``operations_workerheartbeat`` and its migration is recorded as
``operations.0001_initial``. The ``operations`` app now holds the same model and the same
migration, so an existing database has nothing to apply and keeps its rows.

Each database is a SQLite file of its own, migrated by ``manage.py`` in a subprocess, whatever
database the suite itself runs on.
"""

from __future__ import annotations

import gzip
import json
import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PREVIOUS_RELEASE = Path(__file__).parent / "fixtures" / "release-96e3eb1.sqlite3.sql.gz"
HEARTBEAT_COLUMNS = ["id", "hostname", "pid", "started_at", "last_seen"]

# Run in the subprocess after `migrate`: nothing left to apply, no model change without its
# migration, and the previous release's rows read through the ORM.
READ_BACK = """
import json, sys
import django
django.setup()
from django.contrib.auth.models import User
from django.core.management import call_command
from cities.models import Membership, Region
from maturity.assessments.models import Assessment, Evidence
from operations.models import WorkerHeartbeat

for name, options in (
    ("migrate", {"check_unapplied": True}),
    ("makemigrations", {"check_changes": True, "dry_run": True}),
):
    try:
        call_command(name, verbosity=1, **options)
    except SystemExit as stop:
        if stop.code:
            sys.exit(f"{name} --check failed")
beat = WorkerHeartbeat.objects.get()
print(json.dumps({
    "table": WorkerHeartbeat._meta.db_table,
    "heartbeat": [beat.hostname, beat.pid, beat.last_seen.isoformat()],
    "regions": Region.objects.count(),
    "makassar": Region.objects.get(code="73.71").name,
    "users": sorted(User.objects.values_list("username", flat=True)),
    "memberships": Membership.objects.count(),
    "assessments": list(Assessment.objects.values_list("region__code", "cycle__name")),
    "evidence": list(Evidence.objects.values_list("name", "sha256")),
}))
"""


def _environment(database: Path, scratch: Path) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        DATABASE_URL=f"sqlite:///{database}",
        DJANGO_SETTINGS_MODULE="config.settings.test",
        MATURASI_VAR_DIR=str(scratch / "var"),
        MEDIA_ROOT=str(scratch / "media"),
    )
    return env


def _run(args: list[str], database: Path, scratch: Path) -> str:
    result = subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=_environment(database, scratch),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def _sqlite(database: Path, sql: str) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(database)) as connection:
        return connection.execute(sql).fetchall()


def _heartbeat_schema(database: Path) -> list[tuple[object, ...]]:
    """Columns (name, type, not null, primary key) and indexes of the heartbeat table."""
    columns = [
        (name, kind, notnull, pk)
        for _cid, name, kind, notnull, _default, pk in _sqlite(
            database, "PRAGMA table_info(operations_workerheartbeat)"
        )
    ]
    indexes = sorted(
        (unique, [row[2] for row in _sqlite(database, f"PRAGMA index_info('{name}')")])
        for _seq, name, unique, _origin, _partial in _sqlite(
            database, "PRAGMA index_list(operations_workerheartbeat)"
        )
    )
    return [*columns, *indexes]


@pytest.fixture
def previous_release_database(tmp_path: Path) -> Path:
    database = tmp_path / "previous.sqlite3"
    with closing(sqlite3.connect(database)) as connection:
        connection.executescript(gzip.decompress(PREVIOUS_RELEASE.read_bytes()).decode())
    return database


def test_a_database_of_the_previous_release_migrates_forward_with_its_rows(
    previous_release_database: Path, tmp_path: Path
) -> None:
    database = previous_release_database
    heartbeat_before = _sqlite(database, "SELECT * FROM operations_workerheartbeat")
    schema_before = _heartbeat_schema(database)
    assert heartbeat_before and schema_before, "the fixture holds the heartbeat table and a row"

    _run(["manage.py", "migrate", "--noinput"], database, tmp_path)

    # The table and its row are exactly as they were; the migration is recorded once.
    assert _sqlite(database, "SELECT * FROM operations_workerheartbeat") == heartbeat_before
    assert _heartbeat_schema(database) == schema_before
    assert _sqlite(
        database, "SELECT name FROM django_migrations WHERE app = 'operations' ORDER BY id"
    ) == [("0001_initial",)]
    assert not _sqlite(database, "SELECT name FROM sqlite_master WHERE name LIKE 'config%'")

    read = json.loads(_run(["-c", READ_BACK], database, tmp_path).splitlines()[-1])
    assert read["table"] == "operations_workerheartbeat"
    assert read["heartbeat"] == ["celery@prev-release", 4242, "2026-11-30T08:00:00+00:00"]
    assert read["regions"] == 552
    assert read["makassar"] == "Kota Makassar"
    assert read["users"] == sorted(
        ["csco_a", "contributor_a", "csco_b", "reviewer", "admin", "observer"]
    )
    assert read["memberships"] == 6
    assert read["assessments"] == [["73.71", "2026"]]
    assert [name for name, _sha in read["evidence"]] == ["bukti.pdf"]


def test_a_new_database_gets_the_same_heartbeat_table(
    previous_release_database: Path, tmp_path: Path
) -> None:
    database = tmp_path / "new.sqlite3"
    _run(["manage.py", "migrate", "--noinput"], database, tmp_path)

    assert _heartbeat_schema(database) == _heartbeat_schema(previous_release_database)
    assert [column[0] for column in _heartbeat_schema(database)[:5]] == HEARTBEAT_COLUMNS
    assert _sqlite(database, "SELECT name FROM django_migrations WHERE app = 'operations'") == [
        ("0001_initial",)
    ]
