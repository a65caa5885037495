"""The framework file: parsing, every rule of FRAMEWORK_FORMAT.md, the canonical dump, and the
default framework the product ships. Pure: no database."""

from __future__ import annotations

import csv
import re
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from maturity.frameworks.format import (
    Bilingual,
    ElementSpec,
    FrameworkFormatError,
    FrameworkSpec,
    IndicatorSpec,
    Problem,
    ThemeSpec,
    dump_framework,
    parse_framework,
)


@pytest.fixture(autouse=True)
def in_the_default_language():
    """Each test starts in the product's default language (Indonesian), whatever language an
    earlier request in this thread activated."""
    with translation.override(django_settings.LANGUAGE_CODE):
        yield


DATA = Path(__file__).resolve().parents[3] / "maturity" / "data"
DEFAULT_FILE = DATA / "default_framework.yaml"

# A small valid file. The broken files below each change it in one place; the line numbers in
# the expectations refer to the numbers at the right.
VALID = """\
code: smkc
version: "2026.1"
title: {id: Skema uji, en: Test scheme}
levels:
  1: {id: M1 Pratama (Perunggu), en: M1 Initial (Bronze)}
  2: {id: M2 Muda (Perak), en: M2 Developing (Silver)}
  3: {id: M3 Madya (Emas), en: M3 Intermediate (Gold)}
  4: {id: M4 Utama (Platinum), en: M4 Advanced (Platinum)}
  5: {id: M5 Paripurna (Berlian), en: M5 Complete (Diamond)}
index_bands: [1.80, 2.60, 3.50, 4.20]
elements:
  - code: E1
    title: {id: Kota layak huni, en: Liveable city}
    weight: 1
    themes:
      - code: EDU
        title: {id: Pendidikan, en: Education}
        indicators:
          - code: EDU-1
            iso37122: "6.1"
            title: {id: Kemahiran berbahasa, en: Language proficiency}
            kind: quantitative
            unit: "%"
            direction: higher
            thresholds: [20, 40, 60, 80]
          - code: EDU-2
            title: {id: Literasi digital, en: Digital literacy}
            kind: rubric
            rubric:
              1: {id: Belum ada, en: None yet}
              2: {id: Rintisan, en: Started}
              3: {id: Berjalan, en: Running}
              4: {id: Terpadu, en: Integrated}
              5: {id: Optimal, en: Optimised}
  - code: E2
    title: {id: Kota hijau, en: Green city}
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
"""

EDU_1 = "elements[0].themes[0].indicators[0]"
EDU_2 = "elements[0].themes[0].indicators[1]"
WAT_1 = "elements[1].themes[0].indicators[0]"


def changed(old: str, new: str, text: str = VALID) -> str:
    """The valid file with one exact, unique piece replaced."""
    assert text.count(old) == 1, f"{old!r} must occur once in the file"
    return text.replace(old, new)


def cut_after(old: str, new: str) -> str:
    """The valid file up to a unique piece, which is replaced by ``new`` as the file's end."""
    assert VALID.count(old) == 1, f"{old!r} must occur once in the file"
    return VALID[: VALID.index(old)] + new


def problems_of(text: str | bytes) -> list[Problem]:
    with pytest.raises(FrameworkFormatError) as refused:
        parse_framework(text)
    return refused.value.problems


def english_problems_of(text: str | bytes) -> list[Problem]:
    """The problems as an English request reads them."""
    with translation.override("en"):
        return problems_of(text)


# (test id, broken file, path named, line named, words the message contains)
BROKEN_FILES = [
    pytest.param(
        changed('version: "2026.1"\n', 'version: "2026.1"\ncolour: blue\n'),
        "colour",
        3,
        "unknown key",
        id="unknown key at the top",
    ),
    pytest.param(
        changed("    weight: 1\n", "    weight: 1\n    owner: Bappeda\n"),
        "elements[0].owner",
        15,
        "unknown key",
        id="unknown key in an element",
    ),
    pytest.param(
        changed("Education}\n", "Education}\n        colour: red\n"),
        "elements[0].themes[0].colour",
        18,
        "unknown key",
        id="unknown key in a theme",
    ),
    pytest.param(
        changed("    kind: quantitative\n", "    kind: quantitative\n            source: BPS\n"),
        f"{EDU_1}.source",
        23,
        "unknown key",
        id="unknown key in an indicator",
    ),
    pytest.param(
        changed("en: Test scheme}", "en: Test scheme, fr: Schéma}"),
        "title.fr",
        3,
        "unknown key",
        id="unknown key in a title",
    ),
    pytest.param(
        changed(
            "5: {id: Optimal, en: Optimised}\n",
            "5: {id: Optimal, en: Optimised}\n" + " " * 14 + "6: {id: Lebih, en: More}\n",
        ),
        f"{EDU_2}.rubric.6",
        35,
        "unknown level",
        id="unknown level in a rubric",
    ),
    pytest.param(
        changed("Kemahiran berbahasa, en: Language proficiency}", "Kemahiran berbahasa}"),
        f"{EDU_1}.title.en",
        21,
        "missing",
        id="missing en title",
    ),
    pytest.param(
        changed("{id: Kota layak huni, en: Liveable city}", "{en: Liveable city}"),
        "elements[0].title.id",
        13,
        "missing",
        id="missing id title",
    ),
    pytest.param(
        changed("en: Smart water meters}", 'en: ""}'),
        f"{WAT_1}.title.en",
        43,
        "non-empty",
        id="empty en title",
    ),
    pytest.param(
        changed("    title: {id: Kota layak huni, en: Liveable city}\n", ""),
        "elements[0].title",
        12,
        "missing",
        id="missing element title",
    ),
    pytest.param(
        changed("code: WAT-1", "code: EDU-1"),
        f"{WAT_1}.code",
        42,
        f"duplicate indicator code 'EDU-1'; first at {EDU_1} (line 19)",
        id="duplicate indicator code",
    ),
    pytest.param(
        changed("code: WAT\n", "code: EDU\n"),
        "elements[1].themes[0].code",
        38,
        "duplicate theme code 'EDU'",
        id="duplicate theme code",
    ),
    pytest.param(
        changed("code: E2", "code: E1"),
        "elements[1].code",
        35,
        "duplicate element code 'E1'",
        id="duplicate element code",
    ),
    pytest.param(
        changed("[20, 40, 60, 80]", "[20, 40, 60]"),
        f"{EDU_1}.thresholds",
        25,
        "must be four ascending numbers; got 3",
        id="three thresholds",
    ),
    pytest.param(
        changed("[20, 40, 60, 80]", "[20, 40, 60, 80, 90]"),
        f"{EDU_1}.thresholds",
        25,
        "must be four ascending numbers; got 5",
        id="five thresholds",
    ),
    pytest.param(
        changed("[20, 40, 60, 80]", "[20, 60, 40, 80]"),
        f"{EDU_1}.thresholds",
        25,
        "must be four ascending numbers, each greater than the one before; 40 follows 60",
        id="non-ascending thresholds",
    ),
    pytest.param(
        changed("[20, 40, 60, 80]", "[20, 40, 40, 80]"),
        f"{EDU_1}.thresholds",
        25,
        "40 follows 40",
        id="equal thresholds",
    ),
    pytest.param(
        changed("[20, 40, 60, 80]", "[20, forty, 60, 80]"),
        f"{EDU_1}.thresholds[1]",
        25,
        "must be a number; got the text 'forty'",
        id="threshold as a word",
    ),
    pytest.param(
        changed("[20, 40, 60, 80]", "[20, 40, 60, true]"),
        f"{EDU_1}.thresholds[3]",
        25,
        "must be a number; got true",
        id="threshold as a boolean",
    ),
    pytest.param(
        changed("thresholds: [20, 40, 60, 80]", "thresholds: 20"),
        f"{EDU_1}.thresholds",
        25,
        "must be four ascending numbers; got the number 20",
        id="one threshold without a list",
    ),
    pytest.param(
        changed("[20, 40, 60, 80]", "[20, 40, 60, 150]"),
        f"{EDU_1}.thresholds[3]",
        25,
        "must lie within 0–100 for the unit %; got 150",
        id="percent threshold 150",
    ),
    pytest.param(
        changed('unit: "%"', "unit: days").replace("[20, 40, 60, 80]", "[-10, 40, 60, 80]"),
        f"{EDU_1}.thresholds[0]",
        25,
        "must not be negative unless allow_negative is true",
        id="negative threshold",
    ),
    pytest.param(
        changed(
            "    direction: higher\n", "    direction: higher\n            allow_negative: true\n"
        ),
        f"{EDU_1}.allow_negative",
        25,
        "cannot be true for the unit %",
        id="allow_negative on a percentage",
    ),
    pytest.param(
        changed("              5: {id: Optimal, en: Optimised}\n", ""),
        f"{EDU_2}.rubric",
        29,
        "must give all five levels 1 to 5; missing 5",
        id="rubric with four levels",
    ),
    pytest.param(
        changed("3: {id: Berjalan, en: Running}", "3: {id: Berjalan}"),
        f"{EDU_2}.rubric.3.en",
        32,
        "missing",
        id="rubric descriptor without English",
    ),
    pytest.param(
        changed("    kind: rubric\n", "    kind: rubric\n            rubric_: {}\n"),
        f"{EDU_2}.rubric_",
        29,
        "unknown key",
        id="misspelt rubric key",
    ),
    pytest.param(
        changed("    weight: 1\n", "    weight: 0\n"),
        "elements[0].weight",
        14,
        "must be a positive number; got 0",
        id="element weight 0",
    ),
    pytest.param(
        changed("    weight: 2\n", "    weight: -2\n"),
        "elements[1].themes[0].weight",
        40,
        "must be a positive number; got -2",
        id="negative theme weight",
    ),
    pytest.param(
        changed("    kind: binary\n", "    kind: binary\n            weight: heavy\n"),
        f"{WAT_1}.weight",
        45,
        "must be a positive number; got the text 'heavy'",
        id="string indicator weight",
    ),
    pytest.param(
        changed("    kind: binary\n", "    kind: binary\n            weight: true\n"),
        f"{WAT_1}.weight",
        45,
        "must be a positive number; got true",
        id="boolean indicator weight",
    ),
    pytest.param(
        changed("[1.80, 2.60, 3.50, 4.20]", "[1.80, 3.50, 2.60, 4.20]"),
        "index_bands",
        10,
        "must be four ascending numbers within 0–5, each greater than the one before",
        id="bands not ascending",
    ),
    pytest.param(
        changed("[1.80, 2.60, 3.50, 4.20]", "[1.80, 2.60, 3.50]"),
        "index_bands",
        10,
        "must be four ascending numbers within 0–5; got 3",
        id="three bands",
    ),
    pytest.param(
        changed("[1.80, 2.60, 3.50, 4.20]", "[1.80, 2.60, 3.50, 5.20]"),
        "index_bands[3]",
        10,
        "must lie within 0–5; got 5.2",
        id="band above 5",
    ),
    pytest.param(
        changed("[1.80, 2.60, 3.50, 4.20]", "[-0.5, 2.60, 3.50, 4.20]"),
        "index_bands[0]",
        10,
        "must lie within 0–5; got -0.5",
        id="band below 0",
    ),
    pytest.param(
        changed("    kind: rubric\n", "    kind: rubric\n            thresholds: [1, 2, 3, 4]\n"),
        f"{EDU_2}.thresholds",
        29,
        "belongs to quantitative indicators; this indicator is rubric",
        id="thresholds on a rubric",
    ),
    pytest.param(
        changed(
            "[20, 40, 60, 80]\n",
            "[20, 40, 60, 80]\n            rubric: {1: {id: a, en: a}}\n",
        ),
        f"{EDU_1}.rubric",
        26,
        "belongs to rubric indicators; this indicator is quantitative",
        id="rubric on a quantitative",
    ),
    pytest.param(
        changed("[20, 40, 60, 80]\n", "[20, 40, 60, 80]\n            yes_level: 5\n"),
        f"{EDU_1}.yes_level",
        26,
        "belongs to binary indicators; this indicator is quantitative",
        id="yes_level on a quantitative",
    ),
    pytest.param(
        changed("    no_level: 1\n", '    no_level: 1\n            unit: "%"\n'),
        f"{WAT_1}.unit",
        47,
        "belongs to quantitative indicators; this indicator is binary",
        id="unit on a binary",
    ),
    pytest.param(
        changed("kind: quantitative", "kind: survey"),
        f"{EDU_1}.kind",
        22,
        "must be one of quantitative, rubric, binary; got 'survey'",
        id="unknown kind",
    ),
    pytest.param(
        changed("            kind: binary\n", ""),
        f"{WAT_1}.kind",
        42,
        "required key is missing",
        id="kind missing",
    ),
    pytest.param(
        changed('            unit: "%"\n', ""),
        f"{EDU_1}.unit",
        22,
        "required key is missing for a quantitative indicator",
        id="unit missing",
    ),
    pytest.param(
        changed('unit: "%"', 'unit: ""'),
        f"{EDU_1}.unit",
        23,
        "must be a non-empty unit",
        id="unit empty",
    ),
    pytest.param(
        changed("direction: higher", "direction: up"),
        f"{EDU_1}.direction",
        24,
        "must be higher or lower; got 'up'",
        id="direction invalid",
    ),
    pytest.param(
        changed(VALID[VALID.index("            rubric:\n") : VALID.index("  - code: E2")], ""),
        f"{EDU_2}.rubric",
        28,
        "required key is missing for a rubric indicator",
        id="rubric missing",
    ),
    pytest.param(
        changed("yes_level: 5", "yes_level: 6"),
        f"{WAT_1}.yes_level",
        45,
        "must be a whole number from 0 to 5; got the number 6",
        id="yes_level above 5",
    ),
    pytest.param(
        changed("no_level: 1", "no_level: one"),
        f"{WAT_1}.no_level",
        46,
        "must be a whole number from 0 to 5",
        id="no_level as a word",
    ),
    pytest.param(
        changed('version: "2026.1"', "version: 2026.1"),
        "version",
        2,
        'must be a quoted string such as "2026.1", not the number 2026.1',
        id="version unquoted number",
    ),
    pytest.param(
        changed('version: "2026.1"', 'version: ""'),
        "version",
        2,
        "must be a non-empty quoted string",
        id="version empty",
    ),
    pytest.param(
        changed('version: "2026.1"\n', 'version: "2026.1"\nprevious: 2025.1\n'),
        "previous",
        3,
        'must be a quoted string such as "2025.1"',
        id="previous unquoted number",
    ),
    pytest.param(
        changed('iso37122: "6.1"', "iso37122: 6.1"),
        f"{EDU_1}.iso37122",
        20,
        'must be a quoted string such as "6.1"',
        id="iso clause unquoted number",
    ),
    pytest.param(
        changed("code: smkc", "code: SMKC"),
        "code",
        1,
        "must be a slug",
        id="framework code not a slug",
    ),
    pytest.param(
        changed("code: EDU-1", "code: EDU 1"),
        f"{EDU_1}.code",
        19,
        "must be a code of letters, digits",
        id="indicator code with a space",
    ),
    pytest.param(
        changed("code: E1", "code: 1"),
        "elements[0].code",
        12,
        "must be a code; got the number 1 (put it in quotes)",
        id="element code as a number",
    ),
    pytest.param(
        changed("[20, 40, 60, 80]\n", "[20, 40, 60, 80]\n            continues: [EDU-1]\n"),
        f"{EDU_1}.continues",
        26,
        "must be a code; got a list",
        id="continues not a code",
    ),
    pytest.param(
        changed("    kind: binary\n", "    kind: binary\n            required: maybe\n"),
        f"{WAT_1}.required",
        45,
        "must be true or false; got the text 'maybe'",
        id="required not a boolean",
    ),
    pytest.param(
        changed("    kind: binary\n", "    kind: binary\n            evidence_required: 1\n"),
        f"{WAT_1}.evidence_required",
        45,
        "must be true or false; got the number 1",
        id="evidence_required not a boolean",
    ),
    pytest.param(
        changed("  5: {id: M5 Paripurna (Berlian), en: M5 Complete (Diamond)}\n", ""),
        "levels",
        4,
        "must give all five levels 1 to 5; missing 5",
        id="levels without level 5",
    ),
    pytest.param(
        changed(
            "levels:\n",
            "levels:\n  0: {id: Tanpa data, en: No data}\n",
        ),
        "levels.0",
        5,
        "unknown level; levels are 1 to 5",
        id="a sixth level",
    ),
    pytest.param(
        changed(
            "title: {id: Skema uji, en: Test scheme}\n",
            "title: {id: Skema uji, en: Test scheme}\ndescription: {id: Uraian, en: '  '}\n",
        ),
        "description.en",
        4,
        "must be a non-empty text; got an empty text",
        id="description with a blank English text",
    ),
    pytest.param(
        changed("    kind: binary\n", "    kind: binary\n            guidance: {en: Count}\n"),
        f"{WAT_1}.guidance.id",
        45,
        "missing",
        id="guidance without Indonesian",
    ),
    pytest.param(
        cut_after("    themes:\n      - code: WAT", "    themes: []\n"),
        "elements[1].themes",
        37,
        "must list at least one theme",
        id="element with no themes",
    ),
    pytest.param(
        cut_after("        indicators:\n          - code: WAT-1", "        indicators: []\n"),
        "elements[1].themes[0].indicators",
        41,
        "must list at least one indicator",
        id="theme with no indicators",
    ),
    pytest.param(
        cut_after("elements:\n", "elements: []\n"),
        "elements",
        11,
        "must list at least one element",
        id="no elements",
    ),
    pytest.param(
        changed("kind: quantitative", "kind: quantitative\n            kind: rubric"),
        f"{EDU_1}.kind",
        23,
        "repeated key",
        id="a key given twice",
    ),
    pytest.param(
        changed(
            "    title: {id: Pendidikan, en: Education}", "    title: {id: Pendidikan, en: Educ}}"
        ),
        "(file)",
        17,
        "not valid YAML",
        id="invalid YAML syntax",
    ),
    pytest.param(
        "- code: smkc\n- version: 1\n",
        "(file)",
        1,
        "must be a mapping with the keys code, version, title, levels, index_bands, elements",
        id="a list at the top",
    ),
    pytest.param(
        VALID.encode("utf-8").replace(b"Skema uji", b"Skema \xff"),
        "(file)",
        None,
        "not valid YAML",
        id="bytes that are not UTF-8",
    ),
    pytest.param(
        "# only a comment\n",
        "(file)",
        None,
        "the file is empty",
        id="an empty file",
    ),
]


@pytest.mark.parametrize(("text", "path", "line", "message"), BROKEN_FILES)
def test_a_file_breaking_one_rule_is_refused_with_its_path_and_line(
    text: str | bytes, path: str, line: int | None, message: str
) -> None:
    problems = problems_of(text)
    assert [(p.path, p.line) for p in problems] == [(path, line)], problems
    english_problems = english_problems_of(text)
    assert [(p.path, p.line) for p in english_problems] == [(path, line)], english_problems
    indonesian, english = problems[0].message, english_problems[0].message
    assert message in english
    assert indonesian.strip() and message not in indonesian
    assert " / " not in indonesian and " / " not in english


def test_the_valid_sample_parses() -> None:
    spec = parse_framework(VALID)
    assert [indicator.code for _, _, indicator in spec.indicators()] == [
        "EDU-1",
        "EDU-2",
        "WAT-1",
    ]


def test_three_thresholds_are_refused_with_their_path() -> None:
    text = changed("[20, 40, 60, 80]", "[20, 40, 60]")
    problems = problems_of(text)
    assert str(problems[0]) == (
        f"elements[0].themes[0].indicators[0].thresholds (baris 25): {problems[0].message}"
    )
    with translation.override("en"):
        problems = problems_of(text)
        assert str(problems[0]) == (
            f"elements[0].themes[0].indicators[0].thresholds (line 25): {problems[0].message}"
        )
    assert problems[0].message == "must be four ascending numbers; got 3"


def test_a_problem_message_reads_in_indonesian_by_default() -> None:
    problems = problems_of(changed("[20, 40, 60, 80]", "[20, 40, 60]"))
    assert [(p.path, p.line, p.message) for p in problems] == [
        (f"{EDU_1}.thresholds", 25, "harus berupa empat angka menaik; tertulis 3 angka")
    ]
    refused = str(FrameworkFormatError(problems))
    assert refused.startswith("Berkas kerangka ditolak (1 masalah):")


def test_a_problem_message_reads_in_english_when_english_is_asked_for() -> None:
    problems = english_problems_of(changed("[20, 40, 60, 80]", "[20, 40, 60]"))
    assert [(p.path, p.line, p.message) for p in problems] == [
        (f"{EDU_1}.thresholds", 25, "must be four ascending numbers; got 3")
    ]
    with translation.override("en"):
        refused = str(FrameworkFormatError(problems))
    assert refused.startswith("The framework file is refused (1 problem):")


def test_every_problem_in_a_file_is_listed_in_file_order() -> None:
    text = changed("code: smkc", "code: Smkc")
    text = changed("[20, 40, 60, 80]", "[20, 40, 60]", text)
    text = changed("3: {id: Berjalan, en: Running}", "3: {id: Berjalan}", text)
    text = changed("code: WAT-1", "code: EDU-1", text)
    text = changed("    weight: 2\n", "    weight: 0\n", text)

    problems = problems_of(text)

    assert [p.path for p in problems] == [
        "code",
        f"{EDU_1}.thresholds",
        f"{EDU_2}.rubric.3.en",
        "elements[1].themes[0].weight",
        f"{WAT_1}.code",
    ]
    assert "5 masalah" in str(FrameworkFormatError(problems))
    with translation.override("en"):
        assert "5 problems" in str(FrameworkFormatError(problems))


def test_a_missing_top_level_key_is_named_without_a_line() -> None:
    text = changed("index_bands: [1.80, 2.60, 3.50, 4.20]\n", "")
    assert [(p.path, p.line, p.message) for p in problems_of(text)] == [
        ("index_bands", None, "kunci wajib tidak ada")
    ]
    assert [(p.path, p.line, p.message) for p in english_problems_of(text)] == [
        ("index_bands", None, "required key is missing")
    ]


def test_defaults_are_filled_in_and_decimals_stay_exact() -> None:
    text = changed("[20, 40, 60, 80]", "[0.1, 0.2, 0.3, 12.345678901234567890]")
    text = changed("        weight: 2\n", "        weight: 0.1\n", text)
    spec = parse_framework(text)
    by_code = {indicator.code: indicator for _, _, indicator in spec.indicators()}

    assert by_code["EDU-1"].thresholds == (
        Decimal("0.1"),
        Decimal("0.2"),
        Decimal("0.3"),
        Decimal("12.345678901234567890"),
    )
    assert spec.index_bands == (Decimal("1.8"), Decimal("2.6"), Decimal("3.5"), Decimal("4.2"))
    assert spec.elements[1].themes[0].weight == Decimal("0.1")
    edu_1 = by_code["EDU-1"]
    assert (edu_1.weight, edu_1.required, edu_1.evidence_required) == (Decimal(1), True, False)
    assert edu_1.guidance == Bilingual("", "")
    assert (edu_1.rubric, edu_1.yes_level, edu_1.continues) == (None, None, None)
    assert spec.description == Bilingual("", "")
    assert spec.previous is None


def test_a_binary_indicator_defaults_to_levels_5_and_1() -> None:
    text = changed("            yes_level: 5\n            no_level: 1\n", "")
    wat_1 = parse_framework(text).elements[1].themes[0].indicators[0]
    assert (wat_1.yes_level, wat_1.no_level) == (5, 1)


def test_bytes_are_read_as_utf8() -> None:
    spec = parse_framework(changed("Test scheme", "Skéma → test").encode("utf-8"))
    assert spec.title.en == "Skéma → test"


# --- The canonical dump ---------------------------------------------------------------------------


def small_spec() -> FrameworkSpec:
    """A spec that uses every optional field of the format."""
    rubric = {
        level: Bilingual(f"Tingkat {level}: uraian", f"Level {level}: descriptor")
        for level in range(1, 6)
    }
    return FrameworkSpec(
        code="smkc-test",
        version="2027.1",
        previous="2026.1",
        title=Bilingual("Skema uji", "Test scheme"),
        description=Bilingual("Uraian: dua baris\nbaris kedua", "A description # not a comment"),
        levels={level: Bilingual(f"M{level} nama", f"M{level} name") for level in (1, 2, 3, 4, 5)},
        index_bands=(Decimal("1.80"), Decimal("2.6"), Decimal("3.5"), Decimal("4.20")),
        elements=(
            ElementSpec(
                code="E1",
                title=Bilingual("Kota layak huni", "Liveable city"),
                weight=Decimal("1.5"),
                themes=(
                    ThemeSpec(
                        code="EDU",
                        title=Bilingual("Pendidikan", "Education"),
                        weight=Decimal(2),
                        indicators=(
                            IndicatorSpec(
                                code="EDU-1",
                                iso37122="6.10",
                                title=Bilingual("yes", "2026"),
                                kind="quantitative",
                                guidance=Bilingual("Pembilang: 'siswa'", 'Count "students"'),
                                unit="%",
                                direction="higher",
                                thresholds=(Decimal(20), Decimal("40.5"), Decimal(60), Decimal(80)),
                                weight=Decimal("0.125"),
                                continues="EDU-1",
                            ),
                            IndicatorSpec(
                                code="EDU-2",
                                title=Bilingual("Perubahan", "Change"),
                                kind="quantitative",
                                unit="percentage points",
                                direction="lower",
                                thresholds=(
                                    Decimal(-5),
                                    Decimal(0),
                                    Decimal("0.00001"),
                                    Decimal(5),
                                ),
                                allow_negative=True,
                                required=False,
                                evidence_required=True,
                            ),
                            IndicatorSpec(
                                code="EDU-K1",
                                title=Bilingual("Rubrik", "Rubric"),
                                kind="rubric",
                                rubric=rubric,
                            ),
                            IndicatorSpec(
                                code="EDU-B1",
                                title=Bilingual("Ya atau tidak", "Yes or no"),
                                kind="binary",
                                yes_level=4,
                                no_level=0,
                            ),
                        ),
                    ),
                ),
            ),
        ),
    )


def test_a_dumped_spec_parses_back_to_an_equal_spec_and_the_same_text() -> None:
    spec = small_spec()
    text = dump_framework(spec)

    assert parse_framework(text) == spec
    assert dump_framework(parse_framework(text)) == text


def test_the_dump_writes_numbers_plainly_and_texts_that_look_like_numbers_quoted() -> None:
    text = dump_framework(small_spec())

    assert "index_bands: [1.8, 2.6, 3.5, 4.2]\n" in text
    assert "thresholds: [20, 40.5, 60, 80]\n" in text
    assert "thresholds: [-5, 0, 0.00001, 5]\n" in text
    assert "weight: 0.125\n" in text
    assert 'version: "2027.1"\n' in text
    assert 'previous: "2026.1"\n' in text
    assert 'iso37122: "6.10"\n' in text
    assert 'id: "yes"\n' in text
    assert 'en: "2026"\n' in text
    assert "!!" not in text


def test_the_dump_follows_the_documented_key_order() -> None:
    text = dump_framework(small_spec())
    top_keys = re.findall(r"^(\w+):", text, flags=re.MULTILINE)
    assert top_keys == [
        "code",
        "version",
        "previous",
        "title",
        "description",
        "levels",
        "index_bands",
        "elements",
    ]
    edu_1 = text[text.index("          - code: EDU-1") : text.index("          - code: EDU-2")]
    keys = re.findall(r"^ {10}(?:- |  )(\w+):", edu_1, flags=re.MULTILINE)
    assert keys == [
        "code",
        "iso37122",
        "title",
        "guidance",
        "kind",
        "unit",
        "direction",
        "thresholds",
        "weight",
        "required",
        "evidence_required",
        "continues",
    ]


def test_the_dump_leaves_out_empty_optional_fields() -> None:
    spec = replace(small_spec(), previous=None, description=Bilingual("", ""))
    text = dump_framework(spec)
    assert "previous:" not in text
    assert "description:" not in text
    assert "allow_negative: true" in text
    assert text.count("allow_negative") == 1


texts = st.text(min_size=1, max_size=40).filter(lambda text: text.strip() != "")
bilingual = st.builds(Bilingual, id=texts, en=texts)
weights = st.decimals(min_value="0.000001", max_value="999999", places=6)
thresholds = st.lists(
    st.decimals(min_value=0, max_value=100, places=3), min_size=4, max_size=4, unique=True
).map(lambda values: tuple(sorted(values)))


@settings(max_examples=150, deadline=None)
@given(
    title=bilingual,
    guidance=bilingual,
    descriptor=bilingual,
    weight=weights,
    values=thresholds,
    direction=st.sampled_from(["higher", "lower"]),
)
def test_any_valid_spec_survives_a_round_trip(
    title: Bilingual,
    guidance: Bilingual,
    descriptor: Bilingual,
    weight: Decimal,
    values: tuple[Decimal, ...],
    direction: str,
) -> None:
    spec = small_spec()
    theme = spec.elements[0].themes[0]
    quantitative, _, rubric, binary = theme.indicators
    indicators = (
        replace(
            quantitative,
            title=title,
            guidance=guidance,
            weight=weight,
            thresholds=values,
            direction=direction,
        ),
        replace(rubric, rubric={**(rubric.rubric or {}), 3: descriptor}),
        binary,
    )
    spec = replace(
        spec,
        description=guidance,
        elements=(replace(spec.elements[0], themes=(replace(theme, indicators=indicators),)),),
    )

    text = dump_framework(spec)

    assert parse_framework(text) == spec
    assert dump_framework(parse_framework(text)) == text


# --- The default framework ------------------------------------------------------------------------

ISO_RUBRIC_CODES = [
    "GOV-K1",
    "GOV-K2",
    "GOV-K3",
    "GOV-K4",
    "GOV-K5",
    "SAF-K1",
    "SAF-K2",
    "SPC-K1",
    "TEL-K1",
    "TEL-K2",
    "EDU-K1",
]


@pytest.fixture(scope="module")
def default_text() -> str:
    return DEFAULT_FILE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def default_spec(default_text: str) -> FrameworkSpec:
    return parse_framework(default_text)


def read_csv(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def test_the_default_framework_is_in_canonical_form(default_text: str) -> None:
    assert dump_framework(parse_framework(default_text)) == default_text


def test_the_default_framework_names_levels_and_bands_as_scoring_md(
    default_spec: FrameworkSpec,
) -> None:
    assert (default_spec.code, default_spec.version) == ("smkc", "2026.1")
    assert default_spec.levels == {
        1: Bilingual("M1 Pratama (Perunggu)", "M1 Initial (Bronze)"),
        2: Bilingual("M2 Muda (Perak)", "M2 Developing (Silver)"),
        3: Bilingual("M3 Madya (Emas)", "M3 Intermediate (Gold)"),
        4: Bilingual("M4 Utama (Platinum)", "M4 Advanced (Platinum)"),
        5: Bilingual("M5 Paripurna (Berlian)", "M5 Complete (Diamond)"),
    }
    assert default_spec.index_bands == tuple(Decimal(b) for b in ("1.8", "2.6", "3.5", "4.2"))
    assert default_spec.description.id and default_spec.description.en
    assert "SNI ISO 37122" in default_spec.description.id
    assert "SNI ISO 37122" in default_spec.description.en


def test_the_default_framework_maps_the_19_iso_themes_onto_three_elements(
    default_spec: FrameworkSpec,
) -> None:
    assert [element.code for element in default_spec.elements] == ["E1", "E2", "E3"]
    expected = {
        row["theme_code"]: (row["element"], Bilingual(row["theme_id"], row["theme_en"]))
        for row in read_csv("theme_elements.csv")
    }
    found = {theme.code: (element.code, theme.title) for element, theme in default_spec.themes()}
    assert len(expected) == 19
    assert found == expected


def test_the_default_framework_holds_every_iso_clause_exactly_once(
    default_spec: FrameworkSpec,
) -> None:
    themes_by_name = {row["theme_en"]: row["theme_code"] for row in read_csv("theme_elements.csv")}
    expected = {
        row["clause"]: f"{themes_by_name[row['theme']]}-{row['clause'].split('.')[1]}"
        for row in read_csv("iso37122_indicators.csv")
    }
    found = [
        (indicator.iso37122, indicator.code, theme.code, indicator.kind)
        for _, theme, indicator in default_spec.indicators()
        if indicator.iso37122 is not None
    ]

    assert len(expected) == 80
    assert sorted(clause for clause, _, _, _ in found) == sorted(expected)
    for clause, code, theme_code, kind in found:
        assert code == expected[clause]
        assert code.startswith(f"{theme_code}-")
        assert kind == "quantitative"


def test_every_default_indicator_has_titles_and_guidance_in_both_languages(
    default_spec: FrameworkSpec,
) -> None:
    for element, theme, indicator in default_spec.indicators():
        for text in (element.title, theme.title, indicator.title, indicator.guidance):
            assert text.id.strip() and text.en.strip(), indicator.code
        # A few sentences each, not a stub (a rubric's descriptors say the rest).
        sentences = 1 if indicator.kind == "rubric" else 2
        assert indicator.guidance.id.count(". ") >= sentences, indicator.code
        assert indicator.guidance.en.count(". ") >= sentences, indicator.code
        assert indicator.continues is None


def test_every_default_rubric_has_five_bilingual_descriptors(
    default_spec: FrameworkSpec,
) -> None:
    rubrics = [i for _, _, i in default_spec.indicators() if i.kind == "rubric"]

    assert sorted(i.code for i in rubrics) == sorted(ISO_RUBRIC_CODES)
    for indicator in rubrics:
        assert indicator.rubric is not None
        assert sorted(indicator.rubric) == [1, 2, 3, 4, 5]
        descriptors = list(indicator.rubric.values())
        assert all(d.id.strip() and d.en.strip() for d in descriptors), indicator.code
        assert len({d.en for d in descriptors}) == 5, indicator.code
        assert len({d.id for d in descriptors}) == 5, indicator.code


def test_default_quantitative_indicators_explain_their_provisional_thresholds(
    default_spec: FrameworkSpec,
) -> None:
    for _, _, indicator in default_spec.indicators():
        if indicator.kind != "quantitative":
            continue
        assert indicator.unit and indicator.direction in ("higher", "lower")
        assert "ambang sementara" in indicator.guidance.id.lower(), indicator.code
        assert "provisional thresholds" in indicator.guidance.en.lower(), indicator.code
