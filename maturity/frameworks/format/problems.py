"""What a refused framework file reports: each problem by its path and line, and the refusal."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cities import errors

#: The path of a problem with the file as a whole (empty, not YAML, not a mapping).
FILE_PATH: Final = "(file)"


def where(path: str, line: int | None) -> str:
    """A place in the file as a person reads it: ``thresholds (line 25)``, in their language."""
    if line is None:
        return path
    return _("%(path)s (baris %(line)s)") % {"path": path, "line": line}


@dataclass(frozen=True)
class Problem:
    """One broken rule: where in the file (path and, where known, 1-based line) and what, in
    the language of the request that read the file."""

    path: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        return f"{where(self.path, self.line)}: {self.message}"


class FrameworkFormatError(errors.Invalid, ValueError):
    """The file breaks the format; ``problems`` lists every problem found, in file order.

    As a refusal of the input, each problem reads ``"path (line N): message"`` under ``file``
    and, structured, under ``problems`` (the API's 400 answer).
    """

    default_code = "invalid_framework_file"

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems: list[Problem] = list(problems)
        super().__init__(
            {"file": [str(problem) for problem in self.problems]},
            body={
                "problems": [
                    {"path": problem.path, "line": problem.line, "message": problem.message}
                    for problem in self.problems
                ]
            },
        )

    def __str__(self) -> str:
        count = len(self.problems)
        refused = ngettext(
            "Berkas kerangka ditolak (%(count)d masalah)",
            "Berkas kerangka ditolak (%(count)d masalah)",
            count,
        ) % {"count": count}
        lines = "\n".join(f"  - {problem}" for problem in self.problems)
        return f"{refused}:\n{lines}"
