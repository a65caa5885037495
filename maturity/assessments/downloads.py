"""Private file responses for evidence and programme files: attachment, allowed types only,
nosniff.
"""

from __future__ import annotations

from typing import Any

from django.http import FileResponse, Http404

from maturity.assessments.uploads import ALLOWED_TYPES, CSV


def private_download(field_file: Any, *, name: str, content_type: str) -> FileResponse:
    """A stored upload (evidence, programme file) as an attachment a browser never runs or sniffs.

    Only an accepted type is served as itself; anything else goes out as octet-stream. A missing
    file is a 404. Every download of private files goes through here.
    """
    if not field_file:
        raise Http404("no file")
    try:
        handle = field_file.open("rb")
    except OSError:
        raise Http404("file missing in storage") from None
    if content_type not in ALLOWED_TYPES:
        served = "application/octet-stream"
    elif content_type == CSV:
        served = "text/csv; charset=utf-8"
    else:
        served = content_type
    response = FileResponse(handle, as_attachment=True, filename=name, content_type=served)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
