"""A small valid framework file, and broken variants of it each breaking one rule of
FRAMEWORK_FORMAT.md once, for the tests of the importer (API, command, admin)."""

from __future__ import annotations

import pytest

# Not the default framework's code, so that it never collides with the shipped file.
SMALL = """\
code: uji
version: "1.0"
title: {id: Kerangka uji kecil, en: Small test framework}
description: {id: Hanya untuk pengujian., en: For tests only.}
levels:
  1: {id: M1 Pratama, en: M1 Initial}
  2: {id: M2 Muda, en: M2 Developing}
  3: {id: M3 Madya, en: M3 Intermediate}
  4: {id: M4 Utama, en: M4 Advanced}
  5: {id: M5 Paripurna, en: M5 Complete}
index_bands: [1.8, 2.6, 3.5, 4.2]
elements:
  - code: E1
    title: {id: Kota layak huni, en: Liveable city}
    weight: 1
    themes:
      - code: EDU
        title: {id: Pendidikan, en: Education}
        weight: 1
        indicators:
          - code: EDU-1
            iso37122: "6.1"
            title: {id: Kemahiran berbahasa, en: Language proficiency}
            guidance: {id: Persen siswa., en: Percent of pupils.}
            kind: quantitative
            unit: "%"
            direction: higher
            thresholds: [20, 40, 60, 80]
            weight: 1
            required: true
            evidence_required: false
          - code: EDU-2
            title: {id: Literasi digital, en: Digital literacy}
            kind: rubric
            rubric:
              1: {id: Belum ada, en: None yet}
              2: {id: Rintisan, en: Started}
              3: {id: Berjalan, en: Running}
              4: {id: Terpadu, en: Integrated}
              5: {id: Optimal, en: Optimised}
            weight: 2
            required: true
            evidence_required: true
  - code: E2
    title: {id: Kota hijau, en: Green city}
    weight: 1.5
    themes:
      - code: WAT
        title: {id: Air, en: Water}
        weight: 2
        indicators:
          - code: WAT-1
            title: {id: Meter air pintar, en: Smart water meters}
            kind: binary
            yes_level: 5
            no_level: 1
            weight: 1
            required: false
            evidence_required: false
"""

EDU_1 = "elements[0].themes[0].indicators[0]"
EDU_2 = "elements[0].themes[0].indicators[1]"
WAT_1 = "elements[1].themes[0].indicators[0]"


def changed(old: str, new: str, text: str = SMALL) -> str:
    """The small file with one exact, unique piece replaced."""
    assert text.count(old) == 1, f"{old!r} must occur once"
    return text.replace(old, new)


def with_version(text: str, version: str) -> str:
    """The same file under another version (only the version line changes)."""
    lines = text.splitlines(keepends=True)
    found = [i for i, line in enumerate(lines) if line.startswith("version: ")]
    assert len(found) == 1, "the file has one version line"
    lines[found[0]] = f'version: "{version}"\n'
    return "".join(lines)


# (broken file, the path its problem names): each rule of FRAMEWORK_FORMAT.md broken once.
BROKEN = [
    pytest.param(
        changed("            weight: 2\n", "            weight: 2\n            colour: red\n"),
        f"{EDU_2}.colour",
        id="unknown key",
    ),
    pytest.param(
        changed("title: {id: Air, en: Water}", "title: {id: Air}"),
        "elements[1].themes[0].title.en",
        id="title missing in English",
    ),
    pytest.param(
        changed("title: {id: Pendidikan, en: Education}", "title: {en: Education}"),
        "elements[0].themes[0].title.id",
        id="title missing in Indonesian",
    ),
    pytest.param(
        changed("          - code: WAT-1\n", "          - code: EDU-1\n"),
        f"{WAT_1}.code",
        id="duplicate indicator code",
    ),
    pytest.param(
        changed("      - code: WAT\n", "      - code: EDU\n"),
        "elements[1].themes[0].code",
        id="duplicate theme code",
    ),
    pytest.param(
        changed("thresholds: [20, 40, 60, 80]", "thresholds: [20, 60, 40, 80]"),
        f"{EDU_1}.thresholds",
        id="thresholds not ascending",
    ),
    pytest.param(
        changed("thresholds: [20, 40, 60, 80]", "thresholds: [20, 40, 60]"),
        f"{EDU_1}.thresholds",
        id="three thresholds",
    ),
    pytest.param(
        changed("              5: {id: Optimal, en: Optimised}\n", ""),
        f"{EDU_2}.rubric",
        id="rubric without level 5",
    ),
    pytest.param(
        changed("    weight: 1.5\n", "    weight: 0\n"),
        "elements[1].weight",
        id="weight not positive",
    ),
    pytest.param(
        changed("index_bands: [1.8, 2.6, 3.5, 4.2]", "index_bands: [1.8, 3.5, 2.6, 4.2]"),
        "index_bands",
        id="bands not ascending",
    ),
    pytest.param(
        changed("index_bands: [1.8, 2.6, 3.5, 4.2]", "index_bands: [1.8, 2.6, 3.5, 5.2]"),
        "index_bands[3]",
        id="band above 5",
    ),
    pytest.param(
        changed(
            "            kind: rubric\n",
            "            kind: rubric\n            thresholds: [1, 2, 3, 4]\n",
        ),
        f"{EDU_2}.thresholds",
        id="a quantitative field on a rubric indicator",
    ),
    pytest.param(
        changed("            kind: binary\n", "            kind: ranking\n"),
        f"{WAT_1}.kind",
        id="unknown kind",
    ),
    pytest.param(
        changed('version: "1.0"\n', "version: 1.0\n"),
        "version",
        id="version written as a number",
    ),
    pytest.param(
        changed("  5: {id: M5 Paripurna, en: M5 Complete}\n", ""),
        "levels",
        id="a level name missing",
    ),
    pytest.param(
        changed("thresholds: [20, 40, 60, 80]", "thresholds: [20, 40, 60, 180]"),
        f"{EDU_1}.thresholds[3]",
        id="percent threshold above 100",
    ),
    pytest.param(
        changed("elements:\n", "elements: [\n"),
        "(file)",
        id="not YAML",
    ),
]
