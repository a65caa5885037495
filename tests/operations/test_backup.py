"""The backup/restore pair brings back every assessment, answer, evidence file and report."""

from __future__ import annotations

import hashlib
import json
import shutil
import tarfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone, translation

from maturity.assessments.models import Answer, Assessment, Evidence, HistoryEntry
from operations.models import WorkerHeartbeat
from reports.models import Report, ReportKind, ReportStatus
from tests.factories import (
    answer_everything,
    make_assessment,
    make_cast,
    make_open_cycle,
    submit_and_approve,
)

pytestmark = pytest.mark.django_db(transaction=True)


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_restore_into_an_empty_database_finds_everything(tmp_path):
    cast = make_cast()
    cycle = make_open_cycle()
    assessment = answer_everything(make_assessment("73.71", cycle), cast.csco_a)
    submit_and_approve(assessment, cast.csco_a, cast.reviewer)
    report = Report(
        kind=ReportKind.REGION,
        assessment=assessment,
        cycle=cycle,
        language="id",
        status=ReportStatus.DONE,
        inputs_key="k" * 64,
    )
    report.save()
    pdf = b"%PDF-1.7\n% a report\n%%EOF\n"
    report.file.save("report.pdf", ContentFile(pdf))
    report.sha256 = _sha(pdf)
    report.save()

    before = {
        "assessments": list(Assessment.objects.values_list("pk", "status")),
        "answers": sorted(
            Answer.objects.values_list("pk", "status", "value_decimal", "value_level")
        ),
        "evidence": sorted(Evidence.objects.values_list("pk", "sha256")),
        "history": HistoryEntry.objects.count(),
        "reports": list(Report.objects.values_list("pk", "sha256")),
    }
    assert before["evidence"], "the default framework requires evidence somewhere"

    now = timezone.now()
    WorkerHeartbeat.objects.create(hostname="celery@worker-1", started_at=now, last_seen=now)

    archive = tmp_path / "maturasi.tar.gz"
    call_command("backup", str(archive), stdout=open("/dev/null", "w"))  # noqa: SIM115
    with tarfile.open(archive, "r:gz") as written:
        rows = json.loads(written.extractfile("database.json").read())  # type: ignore[union-attr]
    models = {row["model"] for row in rows}
    assert "maturity.assessment" in models
    assert WorkerHeartbeat._meta.label_lower not in models  # transient: never in a backup

    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(settings.MEDIA_ROOT)
    Path(settings.MEDIA_ROOT).mkdir()
    assert not Assessment.objects.exists()

    call_command("restore", str(archive), stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert list(Assessment.objects.values_list("pk", "status")) == before["assessments"]
    assert (
        sorted(Answer.objects.values_list("pk", "status", "value_decimal", "value_level"))
        == before["answers"]
    )
    assert HistoryEntry.objects.count() == before["history"]
    for evidence in Evidence.objects.exclude(file=""):
        with evidence.file.open("rb") as handle:
            assert _sha(handle.read()) == evidence.sha256
    assert sorted(Evidence.objects.values_list("pk", "sha256")) == before["evidence"]
    restored = Report.objects.get()
    with restored.file.open("rb") as handle:
        assert _sha(handle.read()) == restored.sha256 == before["reports"][0][1]


def test_restore_refuses_a_database_that_is_not_empty(tmp_path):
    make_cast()
    make_assessment("73.71", make_open_cycle())
    archive = tmp_path / "maturasi.tar.gz"
    call_command("backup", str(archive), stdout=open("/dev/null", "w"))  # noqa: SIM115
    with pytest.raises(CommandError, match="Basis data tidak kosong"):
        call_command("restore", str(archive))
    with translation.override("en"), pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(archive))


def test_restore_refuses_an_altered_file(tmp_path):
    import io

    cast = make_cast()
    answer_everything(make_assessment("73.71", make_open_cycle()), cast.csco_a)
    archive = tmp_path / "maturasi.tar.gz"
    call_command("backup", str(archive), stdout=open("/dev/null", "w"))  # noqa: SIM115
    tampered = tmp_path / "tampered.tar.gz"
    with tarfile.open(archive, "r:gz") as source, tarfile.open(tampered, "w:gz") as target:
        manifest = json.loads(source.extractfile("manifest.json").read())  # type: ignore[union-attr]
        victim = next(iter(manifest["media"]))
        for member in source.getmembers():
            data = source.extractfile(member).read() if member.isfile() else b""  # type: ignore[union-attr]
            if member.name == f"media/{victim}":
                data = b"not the evidence that was uploaded"
                member.size = len(data)
            target.addfile(member, io.BytesIO(data))
    call_command("flush", interactive=False, verbosity=0)
    with pytest.raises(CommandError, match="Berkas rusak atau hilang"):
        call_command("restore", str(tampered))
    with translation.override("en"), pytest.raises(CommandError, match="altered"):
        call_command("restore", str(tampered))


PREVIOUS_RELEASE_BACKUP = Path(__file__).parent / "fixtures" / "release-96e3eb1-backup.tar.gz"


def test_a_backup_of_the_previous_release_restores(tmp_path):
    """The archive was written by release 96e3eb1 (see fixtures/README.md): JSON fixtures with
    natural keys, so it loads on whichever database the suite runs on."""
    from django.contrib.auth.models import User

    from cities.models import Membership, Region

    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(settings.MEDIA_ROOT)
    Path(settings.MEDIA_ROOT).mkdir()

    call_command("restore", str(PREVIOUS_RELEASE_BACKUP), stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert Region.objects.count() == 552
    assert sorted(User.objects.values_list("username", flat=True)) == sorted(
        ["csco_a", "contributor_a", "csco_b", "reviewer", "admin", "observer"]
    )
    assert Membership.objects.get(user__username="csco_a").region.code == "73.71"
    assessment = Assessment.objects.get()
    assert (assessment.region.code, assessment.cycle.name) == ("73.71", "2026")
    answer = Answer.objects.get()
    assert (answer.indicator.code, answer.value_level) == ("EDU-K1", 3)
    assert HistoryEntry.objects.count() == 2
    evidence = Evidence.objects.get()
    assert (evidence.name, evidence.indicator.code) == ("bukti.pdf", "EDU-K1")
    with evidence.file.open("rb") as handle:
        content = handle.read()
    assert content.startswith(b"%PDF-")
    assert _sha(content) == evidence.sha256
    assert (Path(settings.MEDIA_ROOT) / evidence.file.name).is_file()
