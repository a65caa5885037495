"""Stored uploads that no row points to (evidence, programme files, verification activities'
files) go once a day old."""

from __future__ import annotations

import datetime
import logging

from django.utils import timezone

from maturity.assessments.models import (
    EVIDENCE_FOLDER,
    Evidence,
)
from maturity.programmes.models import PROGRAMME_FILES_FOLDER, ProgrammeFile
from maturity.verification.models import ACTIVITY_FILES_FOLDER, ActivityFile

logger = logging.getLogger(__name__)


#: How old a stored upload without a row must be before it is removed: a younger one may belong
#: to a transaction still open (the file is written before its row is committed).
ORPHAN_FILE_GRACE = datetime.timedelta(days=1)


def remove_orphan_files(
    *, older_than: datetime.timedelta = ORPHAN_FILE_GRACE, now: datetime.datetime | None = None
) -> int:
    """Delete stored evidence, programme and activity files that no row points to, once
    ``older_than``.

    A file is written to storage before its row is committed; when that transaction rolls back
    (a failed commit, a database gone mid-request) or the rows go with a deleted assessment or
    programme, the file stays behind. Beat runs this daily. Returns how many files were removed.
    """
    cutoff = (now or timezone.now()) - older_than
    removed = 0
    folders_of: tuple[
        tuple[type[Evidence] | type[ProgrammeFile] | type[ActivityFile], str], ...
    ] = (
        (Evidence, EVIDENCE_FOLDER),
        (ProgrammeFile, PROGRAMME_FILES_FOLDER),
        (ActivityFile, ACTIVITY_FILES_FOLDER),
    )
    for model, top in folders_of:
        storage = model._meta.get_field("file").storage  # type: ignore[union-attr]
        if not storage.exists(top):
            continue
        folders, _ = storage.listdir(top)
        for folder in folders:
            _, files = storage.listdir(f"{top}/{folder}")
            stored = {f"{top}/{folder}/{name}" for name in files}
            kept = set(
                model._default_manager.filter(file__in=stored).values_list("file", flat=True)
            )
            for name in sorted(stored - kept):
                if storage.get_modified_time(name) <= cutoff:
                    storage.delete(name)
                    removed += 1
    if removed:
        logger.info("removed %d stored files that no row points to", removed)
    return removed
