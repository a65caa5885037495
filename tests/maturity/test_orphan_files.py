"""Stored uploads that no row points to (a rolled-back upload, a deleted programme's files) are
removed by a daily sweep once a day old; files with rows, and younger files, stay."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from maturity import files as maturity_files
from maturity.assessments.models import Evidence
from maturity.assessments.services import evidence as services_evidence
from maturity.frameworks.models import Indicator
from maturity.programmes.models import ProgrammeFile
from maturity.tasks import remove_orphan_files
from tests.factories import REGION_A, TINY_PDF, make_assessment, make_open_cycle

pytestmark = pytest.mark.django_db

TOMORROW_AND_A_BIT = timezone.now() + datetime.timedelta(days=1, hours=1)


class RolledBack(Exception):
    pass


@pytest.fixture(autouse=True)
def own_media(settings: Any, tmp_path: Any) -> None:
    """A storage of this test's own: other tests' rolled-back uploads are orphans too."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {**settings.STORAGES["default"], "OPTIONS": {"location": str(tmp_path)}},
    }


@pytest.fixture
def assessment(db: Any) -> Any:
    return make_assessment(REGION_A, make_open_cycle())


def stored_evidence(assessment: Any) -> set[str]:
    folder = f"evidence/{assessment.pk}"
    if not default_storage.exists(folder):
        return set()
    return {f"{folder}/{name}" for name in default_storage.listdir(folder)[1]}


def register_programme(client: Any, name: str) -> int:
    response = client.post(
        "/api/v1/programmes/",
        {
            "name": name,
            "description_id": "Layanan warga.",
            "description_en": "A service to residents.",
            "element": "E1",
            "status": "running",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    return int(response.json()["id"])


def add_programme_file(client: Any, pk: int) -> None:
    response = client.post(
        f"/api/v1/programmes/{pk}/files/", {"file": SimpleUploadedFile("brosur.pdf", TINY_PDF)}
    )
    assert response.status_code == 201, response.content


def add_evidence(cast: Any, assessment: Any, name: str) -> Evidence:
    code = Indicator.objects.filter(framework_id=assessment.cycle.framework_id).first().code
    return services_evidence.add_evidence(
        user=cast.csco_a,
        assessment=assessment,
        indicator_code=code,
        upload=SimpleUploadedFile(name, TINY_PDF),
    )


def test_a_rolled_back_upload_leaves_a_file_that_the_sweep_removes_a_day_later(cast, assessment):
    kept = add_evidence(cast, assessment, "perda.pdf")
    with pytest.raises(RolledBack), transaction.atomic():
        add_evidence(cast, assessment, "sk-walikota.pdf")
        raise RolledBack  # e.g. the commit failed after the file was written
    stored = stored_evidence(assessment)
    assert len(stored) == 2 and kept.file.name in stored
    (orphan,) = stored - {kept.file.name}

    assert (
        maturity_files.remove_orphan_files() == 0
    )  # today's file may belong to an open transaction
    assert default_storage.exists(orphan)

    assert maturity_files.remove_orphan_files(now=TOMORROW_AND_A_BIT) == 1
    assert stored_evidence(assessment) == {kept.file.name}
    with kept.file.open("rb") as file:
        assert file.read() == TINY_PDF


def test_files_with_rows_are_never_removed_however_old(cast, api, assessment):
    evidence = add_evidence(cast, assessment, "perda.pdf")
    add_programme_file(api.csco_a, register_programme(api.csco_a, "Makassar Recover"))

    far_future = timezone.now() + datetime.timedelta(days=3650)
    assert maturity_files.remove_orphan_files(now=far_future) == 0
    assert default_storage.exists(evidence.file.name)
    assert all(default_storage.exists(f.file.name) for f in ProgrammeFile.objects.all())


def test_a_deleted_programmes_files_are_removed_by_the_task(api):
    pk = register_programme(api.csco_a, "Lorong Garden")
    add_programme_file(api.csco_a, pk)
    (name,) = ProgrammeFile.objects.values_list("file", flat=True)
    assert api.csco_a.delete(f"/api/v1/programmes/{pk}/").status_code == 204
    assert default_storage.exists(name)  # the rows went, the file stayed

    assert maturity_files.remove_orphan_files(older_than=datetime.timedelta(0)) == 1
    assert not default_storage.exists(name)
    assert remove_orphan_files.apply().get() == 0  # the task: nothing left to remove


def test_beat_runs_the_sweep_daily():
    entry = next(
        e
        for e in settings.CELERY_BEAT_SCHEDULE.values()
        if e["task"] == "maturity.tasks.remove_orphan_files"
    )
    assert entry["schedule"].hour == {3}
