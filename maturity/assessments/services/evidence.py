"""Adding and removing evidence files of an assessment's indicators."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.files.base import File
from django.db import transaction
from django.utils.translation import gettext as _

from cities import access, errors
from cities.access import AnyUser
from maturity.assessments import uploads
from maturity.assessments.models import (
    Assessment,
    Evidence,
)
from maturity.assessments.services.answers import _unknown_indicator
from maturity.assessments.services.history import EVIDENCE_ADDED, EVIDENCE_DELETED, record_history
from maturity.assessments.services.state import lock, require_editable
from maturity.frameworks.models import Indicator

# --- Evidence ---------------------------------------------------------------------------------


@transaction.atomic
def add_evidence(
    *,
    user: AnyUser,
    assessment: Assessment,
    indicator_code: str,
    upload: Any,
) -> Evidence:
    """Keep an evidence file for one indicator, in private storage, checked by its content.

    Forbidden unless a CSCO or contributor of the region; Conflict unless editable; Invalid
    naming ``indicator`` (not in the framework) or ``file`` (missing, empty, too big, a type not
    accepted — decided by :mod:`maturity.assessments.uploads` from the content, not the name).
    """
    access.require(user, access.REGION_EDIT, assessment.region)
    locked = lock(assessment)
    require_editable(locked)
    problems: dict[str, list[str]] = {}
    indicator = (
        Indicator.objects.filter(
            framework_id=locked.cycle.framework_id, code=indicator_code
        ).first()
        if isinstance(indicator_code, str)
        else None
    )
    if indicator is None:
        problems["indicator"] = [_unknown_indicator(indicator_code)]
    if upload is None:
        problems["file"] = [_("Berkas wajib diunggah.")]
    if problems or indicator is None:
        raise errors.Invalid(problems)
    checked = uploads.inspect_upload(upload, max_bytes=settings.EVIDENCE_MAX_BYTES)
    evidence = Evidence(
        assessment=locked,
        indicator=indicator,
        name=checked.name,
        size=checked.size,
        sha256=checked.sha256,
        content_type=checked.content_type,
        uploaded_by=user if user.is_authenticated else None,
    )
    upload.seek(0)
    evidence.file.save(checked.name, File(upload), save=False)
    stored_name = evidence.file.name or ""
    storage = evidence.file.storage
    try:
        evidence.save()
        record_history(
            assessment=locked,
            actor=user,
            action=EVIDENCE_ADDED,
            indicator_code=indicator.code,
            after=_evidence_snapshot(evidence),
        )
    except Exception:
        storage.delete(stored_name)
        raise
    return evidence


def _evidence_snapshot(evidence: Evidence) -> dict[str, Any]:
    return {
        "id": evidence.pk,
        "name": evidence.name,
        "size": evidence.size,
        "sha256": evidence.sha256,
        "content_type": evidence.content_type,
    }


@transaction.atomic
def delete_evidence(*, user: AnyUser, evidence: Evidence) -> None:
    """Remove an evidence file while the assessment is editable; the file goes after commit."""
    assessment = evidence.assessment
    access.require(user, access.REGION_EDIT, assessment.region)
    locked = lock(assessment)
    require_editable(locked)
    snapshot = _evidence_snapshot(evidence)
    stored_name = evidence.file.name if evidence.file else ""
    storage = evidence.file.storage
    evidence.delete()
    record_history(
        assessment=locked,
        actor=user,
        action=EVIDENCE_DELETED,
        indicator_code=evidence.indicator.code,
        before=snapshot,
    )
    if stored_name:
        transaction.on_commit(lambda: storage.delete(stored_name))
