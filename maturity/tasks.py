"""Tasks that span the parts of the maturity app; each part keeps its own beside its services."""

from __future__ import annotations

from celery import shared_task

from maturity import files


@shared_task(name="maturity.tasks.remove_orphan_files", acks_late=True)
def remove_orphan_files() -> int:
    """Delete stored uploads that no row points to (see :func:`maturity.files.remove_orphan_files`);
    returns how many."""
    return files.remove_orphan_files()
