"""Why an assessment's scoring failed, as a worker stores it: a code and the values of its message
(the same mechanism as a report job's failures), worded in the reader's language when shown."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext, gettext_noop

FAILURE_MESSAGES: dict[str, str] = {
    "worker_lost": gettext_noop(
        "Penghitungan skor dihentikan setelah %(attempts)s percobaan: pekerja %(worker)s yang "
        "menjalankannya berhenti memberi tanda hidup. Skor dihitung lagi saat jawaban berubah; "
        "bila berulang, hubungi admin."
    ),
    "too_many_attempts": gettext_noop(
        "Penghitungan skor dihentikan setelah %(attempts)s percobaan. Skor dihitung lagi saat "
        "jawaban berubah; bila berulang, hubungi admin."
    ),
    "scoring_failed": gettext_noop("Penghitungan skor gagal (%(error)s): %(detail)s"),
}


@dataclass(frozen=True)
class Failure:
    """Why a scoring failed: a code of :data:`FAILURE_MESSAGES` and the values of its message."""

    code: str
    params: dict[str, str]

    def fields(self) -> dict[str, object]:
        return {"error_code": self.code, "error_params": self.params}


def failure_reason(exc: BaseException) -> Failure:
    """What went wrong, without a traceback."""
    text = str(exc).strip()
    detail = text.splitlines()[0][:300] if text else type(exc).__name__
    return Failure("scoring_failed", {"error": type(exc).__name__, "detail": detail})


def failure_text(code: str, params: dict[str, Any] | None) -> str:
    """A stored failure in the current language ("" for a code this version does not know)."""
    message = FAILURE_MESSAGES.get(code)
    if message is None:
        return ""
    try:
        return gettext(message) % dict(params or {})
    except (KeyError, TypeError, ValueError):
        return ""
