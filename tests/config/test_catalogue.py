"""The English catalogue is complete: every message has its English, none is a guess."""

from __future__ import annotations

import re
from pathlib import Path

CATALOGUE = Path(__file__).resolve().parents[2] / "locale" / "en" / "LC_MESSAGES" / "django.po"


def entries() -> list[str]:
    text = CATALOGUE.read_text(encoding="utf-8")
    return [block for block in re.split(r"\n\s*\n", text) if "msgid" in block]


def translations(block: str) -> list[str]:
    """The msgstr (or each msgstr[n]) of an entry, its continuation lines joined."""
    found: list[str] = []
    current: list[str] | None = None
    for line in block.splitlines():
        if line.startswith("msgstr"):
            current = [line.split(" ", 1)[1].strip('"')]
            found.append("")
        elif current is not None and line.startswith('"'):
            current.append(line.strip('"'))
        else:
            current = None
        if current is not None:
            found[-1] = "".join(current)
    return found


def test_every_message_has_its_english():
    empty = [b for b in entries()[1:] if not all(translations(b))]  # [0]: the header
    assert empty == []


def test_no_translation_is_a_guess():
    assert [b for b in entries() if "#, fuzzy" in b and 'msgid ""\nmsgstr ""' not in b] == []


def test_the_compiled_catalogue_is_not_older_than_its_source():
    compiled = CATALOGUE.with_suffix(".mo")
    assert compiled.exists()
    assert compiled.stat().st_size > 1000
