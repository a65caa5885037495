"""Why a report job failed, as a worker stores it: a code and the values of its message.

The row keeps the message in Indonesian (the msgid, filled in) for operators, and the code and
values beside it; a person reads it in their own language through :func:`failure_text`, which
translates the code's msgid and fills it in.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext, gettext_noop

FAILURE_MESSAGES: dict[str, str] = {
    "too_many_attempts": gettext_noop(
        "Pembuatan laporan dihentikan setelah %(attempts)s percobaan (melebihi batas waktu "
        "atau pekerja berhenti). Minta laporan lagi; bila berulang, hubungi admin."
    ),
    "worker_lost": gettext_noop(
        "Pembuatan laporan dihentikan setelah %(attempts)s percobaan: pekerja %(worker)s yang "
        "menjalankannya berhenti memberi tanda hidup. Minta laporan lagi; bila berulang, hubungi "
        "admin."
    ),
    "time_limit": gettext_noop("Pembuatan laporan melebihi batas waktu %(limit)s detik."),
    "template_unusable": gettext_noop("Templat laporan tidak dapat dipakai: %(detail)s"),
    "render_failed": gettext_noop("Laporan gagal dibuat (%(error)s): %(detail)s"),
}


@dataclass(frozen=True)
class Failure:
    """Why a job failed: a code of :data:`FAILURE_MESSAGES` and the values of its message."""

    code: str
    params: dict[str, str]

    @property
    def text(self) -> str:
        """The message in Indonesian (the msgid, filled in): what the row's ``error`` keeps."""
        return FAILURE_MESSAGES[self.code] % self.params

    def fields(self) -> dict[str, object]:
        return {"error": self.text[:2000], "error_code": self.code, "error_params": self.params}


def failure_text(code: str, params: dict[str, Any] | None, stored: str) -> str:
    """A stored failure in the current language; ``stored`` (the row's text) for a code this
    version does not know (a row from before codes were stored)."""
    message = FAILURE_MESSAGES.get(code)
    if message is None:
        return stored
    try:
        return gettext(message) % dict(params or {})
    except (KeyError, TypeError, ValueError):
        return stored
