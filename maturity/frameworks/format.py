"""Read, check and write the framework file described in FRAMEWORK_FORMAT.md.

A framework version is one YAML file. :func:`parse_framework` turns its text into a
:class:`FrameworkSpec`, or refuses the whole file with a :class:`FrameworkFormatError` that lists
every problem found, each by its path in the file
(``elements[1].themes[0].indicators[3].thresholds``) and its line. :func:`dump_framework` writes
a spec in the canonical form (keys in a fixed order, numbers as plain YAML numbers, no line
wrapping), so that ``dump_framework(parse_framework(dump_framework(spec)))`` equals
``dump_framework(spec)`` byte for byte.

Pure Python (PyYAML only, no Django): the importer, the exporter, the API and the tests share this
one definition of the format.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, Final

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode


def _msg(id_text: str, en_text: str) -> str:
    """A problem message in Bahasa Indonesia first and English beside it, as every user-visible
    text of the product: ``"harus berupa angka / must be a number"``."""
    return f"{id_text} / {en_text}"


__all__ = [
    "DIRECTIONS",
    "KINDS",
    "LEVELS",
    "Bilingual",
    "ElementSpec",
    "FrameworkFormatError",
    "FrameworkSpec",
    "IndicatorSpec",
    "Problem",
    "ThemeSpec",
    "dump_framework",
    "parse_framework",
]

KINDS: Final = ("quantitative", "rubric", "binary")
DIRECTIONS: Final = ("higher", "lower")
LEVELS: Final = (1, 2, 3, 4, 5)
PERCENT: Final = "%"

# Limits of the database columns the importer writes into (maturity.models), checked here so that
# an over-long value is reported with the other problems instead of failing on insert.
MAX_CODE_LENGTH: Final = 50
MAX_VERSION_LENGTH: Final = 50
MAX_ISO_CLAUSE_LENGTH: Final = 20
MAX_UNIT_LENGTH: Final = 100
MAX_WEIGHT_DECIMALS: Final = 6
MAX_WEIGHT: Final = Decimal(1_000_000)

CODE_PATTERN: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
FRAMEWORK_CODE_PATTERN: Final = re.compile(r"[a-z0-9][a-z0-9-]*")

FILE_PATH: Final = "(file)"

_FRAMEWORK_KEYS: Final = (
    "code",
    "version",
    "previous",
    "title",
    "description",
    "levels",
    "index_bands",
    "elements",
)
_FRAMEWORK_REQUIRED: Final = ("code", "version", "title", "levels", "index_bands", "elements")
_ELEMENT_KEYS: Final = ("code", "title", "weight", "themes")
_THEME_KEYS: Final = ("code", "title", "weight", "indicators")
_KIND_KEYS: Final = {
    "quantitative": ("unit", "direction", "thresholds", "allow_negative"),
    "rubric": ("rubric",),
    "binary": ("yes_level", "no_level"),
}
_INDICATOR_KEYS: Final = (
    "code",
    "iso37122",
    "title",
    "guidance",
    "kind",
    *_KIND_KEYS["quantitative"],
    *_KIND_KEYS["rubric"],
    *_KIND_KEYS["binary"],
    "weight",
    "required",
    "evidence_required",
    "continues",
)
_BILINGUAL_KEYS: Final = ("id", "en")

_TAG_STR: Final = "tag:yaml.org,2002:str"
_TAG_INT: Final = "tag:yaml.org,2002:int"
_TAG_FLOAT: Final = "tag:yaml.org,2002:float"
_TAG_BOOL: Final = "tag:yaml.org,2002:bool"
_TAG_NULL: Final = "tag:yaml.org,2002:null"
_TAG_MAP: Final = "tag:yaml.org,2002:map"
_TAG_SEQ: Final = "tag:yaml.org,2002:seq"

DEFAULT_YES_LEVEL: Final = 5
DEFAULT_NO_LEVEL: Final = 1


# --- The specification ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Bilingual:
    """A text in Bahasa Indonesia (``id``) and English (``en``)."""

    id: str
    en: str

    def __bool__(self) -> bool:
        return bool(self.id or self.en)

    def in_language(self, language: str) -> str:
        """The English text for a language code starting with ``en``, the Indonesian otherwise."""
        return self.en if language.startswith("en") else self.id


_NO_TEXT: Final = Bilingual("", "")

# Pieces of problem messages in both languages.
_A_NUMBER: Final = Bilingual("angka", "a number")
_A_TEXT: Final = Bilingual("teks yang tidak kosong", "a non-empty text")
_ELEMENT: Final = Bilingual("elemen", "element")
_THEME: Final = Bilingual("tema", "theme")
_INDICATOR: Final = Bilingual("indikator", "indicator")


@dataclass(frozen=True)
class IndicatorSpec:
    """One indicator. Fields that belong to another kind are ``None`` (or ``False``).

    - quantitative: ``unit``, ``direction``, ``thresholds`` (four, strictly ascending) and
      ``allow_negative``;
    - rubric: ``rubric``, a descriptor for each level 1..5;
    - binary: ``yes_level`` and ``no_level`` (the parser fills in the defaults 5 and 1).
    """

    code: str
    title: Bilingual
    kind: str
    iso37122: str | None = None
    guidance: Bilingual = _NO_TEXT
    unit: str | None = None
    direction: str | None = None
    thresholds: tuple[Decimal, ...] | None = None
    allow_negative: bool = False
    rubric: dict[int, Bilingual] | None = None
    yes_level: int | None = None
    no_level: int | None = None
    weight: Decimal = Decimal(1)
    required: bool = True
    evidence_required: bool = False
    continues: str | None = None


@dataclass(frozen=True)
class ThemeSpec:
    """A theme and its indicators, in file order."""

    code: str
    title: Bilingual
    weight: Decimal = Decimal(1)
    indicators: tuple[IndicatorSpec, ...] = ()


@dataclass(frozen=True)
class ElementSpec:
    """A key element (elemen kunci) and its themes, in file order."""

    code: str
    title: Bilingual
    weight: Decimal = Decimal(1)
    themes: tuple[ThemeSpec, ...] = ()


@dataclass(frozen=True)
class FrameworkSpec:
    """A whole framework version as the file states it."""

    code: str
    version: str
    title: Bilingual
    description: Bilingual = _NO_TEXT
    previous: str | None = None
    levels: dict[int, Bilingual] = field(default_factory=dict)
    index_bands: tuple[Decimal, ...] = ()
    elements: tuple[ElementSpec, ...] = ()

    def themes(self) -> Iterator[tuple[ElementSpec, ThemeSpec]]:
        """Every theme with its element, in file order."""
        for element in self.elements:
            for theme in element.themes:
                yield element, theme

    def indicators(self) -> Iterator[tuple[ElementSpec, ThemeSpec, IndicatorSpec]]:
        """Every indicator with its element and theme, in file order."""
        for element, theme in self.themes():
            for indicator in theme.indicators:
                yield element, theme, indicator


# --- Problems -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """One broken rule: where in the file (path and, where known, 1-based line) and what."""

    path: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path} (line {self.line})"
        return f"{where}: {self.message}"


class FrameworkFormatError(ValueError):
    """The file breaks the format; ``problems`` lists every problem found, in file order."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems: list[Problem] = list(problems)
        count = len(self.problems)
        heading = "1 problem" if count == 1 else f"{count} problems"
        lines = "\n".join(f"  - {problem}" for problem in self.problems)
        refused = _msg(
            f"Berkas kerangka ditolak ({count} masalah)",
            f"The framework file is refused ({heading})",
        )
        super().__init__(f"{refused}:\n{lines}")


# --- Parsing --------------------------------------------------------------------------------------


def parse_framework(text: str | bytes) -> FrameworkSpec:
    """Read a framework file and return its spec.

    Raises :class:`FrameworkFormatError` listing every problem in the file when any rule of
    FRAMEWORK_FORMAT.md is broken; nothing is returned for a partly valid file.
    """
    reader = _Reader()
    spec = reader.read(text)
    if reader.problems or spec is None:
        raise FrameworkFormatError(reader.problems)
    return spec


def _line(node: Node | None) -> int | None:
    if node is None or node.start_mark is None:
        return None
    return int(node.start_mark.line) + 1


def _child(path: str, key: object) -> str:
    return f"{path}.{key}" if path else str(key)


def _must_be(what: Bilingual, got: Bilingual | str) -> str:
    """The message "must be <what>; got <got>" in both languages (``got`` as is when it is a
    bare value, such as a number, that reads the same in both)."""
    got = Bilingual(got, got) if isinstance(got, str) else got
    return _msg(f"harus berupa {what.id}; tertulis {got.id}", f"must be {what.en}; got {got.en}")


def _too_long(limit: int) -> str:
    return _msg(f"paling panjang {limit} karakter", f"must be at most {limit} characters long")


def _quoted_not_number(value: str) -> str:
    """For a version or clause YAML would read as a number (2026.10 as 2026.1)."""
    return _msg(
        f'harus berupa teks dalam tanda kutip, misalnya "{value}", bukan angka {value}',
        f'must be a quoted string such as "{value}", not the number {value}',
    )


def _describe(node: Node) -> Bilingual:
    """How a value reads to a person, for messages such as "got a string"."""
    if isinstance(node, MappingNode):
        return Bilingual("pemetaan", "a mapping")
    if isinstance(node, SequenceNode):
        return Bilingual("daftar", "a list")
    return {
        _TAG_STR: Bilingual(f"teks {node.value!r}", f"the text {node.value!r}"),
        _TAG_INT: Bilingual(f"angka {node.value}", f"the number {node.value}"),
        _TAG_FLOAT: Bilingual(f"angka {node.value}", f"the number {node.value}"),
        _TAG_BOOL: Bilingual(f"{node.value} (nilai ya/tidak)", f"{node.value} (a yes/no value)"),
        _TAG_NULL: Bilingual("tidak ada nilai", "nothing"),
    }.get(node.tag, Bilingual(f"nilai bertanda {node.tag}", f"a value tagged {node.tag}"))


def _decimal_text(value: Decimal) -> str:
    """The shortest plain decimal notation: ``20``, ``1.8``, ``0.00001``; never an exponent."""
    if not value.is_finite():
        raise ValueError(f"not a finite number: {value}")
    if value == 0:
        return "0"
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


@dataclass(frozen=True)
class _KindFields:
    """The fields of one kind of indicator, the others left empty."""

    unit: str | None = None
    direction: str | None = None
    thresholds: tuple[Decimal, ...] | None = None
    allow_negative: bool = False
    rubric: dict[int, Bilingual] | None = None
    yes_level: int | None = None
    no_level: int | None = None


@dataclass
class _Field:
    key: Node
    value: Node

    @property
    def line(self) -> int | None:
        return _line(self.key)


class _Reader:
    """Walks the composed YAML node tree, collecting problems and building the spec."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self._constructor = yaml.SafeLoader("")
        self._element_codes: dict[str, tuple[str, int | None]] = {}
        self._theme_codes: dict[str, tuple[str, int | None]] = {}
        self._indicator_codes: dict[str, tuple[str, int | None]] = {}

    def add(self, path: str, message: str, line: int | None) -> None:
        self.problems.append(Problem(path=path, message=message, line=line))

    # The file and its top level ---------------------------------------------------------------

    def read(self, text: str | bytes) -> FrameworkSpec | None:
        try:
            root = yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.YAMLError as exc:
            self._syntax_problem(exc)
            return None
        if root is None:
            self.add(
                FILE_PATH,
                _msg(
                    "berkas kosong; yang diharapkan pemetaan kerangka",
                    "the file is empty; expected a framework mapping",
                ),
                None,
            )
            return None
        if not isinstance(root, MappingNode):
            keys = ", ".join(_FRAMEWORK_REQUIRED)
            what = Bilingual(f"pemetaan dengan kunci {keys}", f"a mapping with the keys {keys}")
            self.add(FILE_PATH, _must_be(what, _describe(root)), 1)
            return None
        return self._framework(root)

    def _syntax_problem(self, exc: yaml.YAMLError) -> None:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        if isinstance(exc, yaml.MarkedYAMLError):
            detail = " ".join(part for part in (exc.context, exc.problem) if part)
        else:
            detail = str(exc).splitlines()[0]
        line = int(mark.line) + 1 if mark is not None else None
        self.add(
            FILE_PATH, _msg(f"bukan YAML yang sah: {detail}", f"not valid YAML: {detail}"), line
        )

    def _framework(self, root: MappingNode) -> FrameworkSpec | None:
        fields = self._fields(root, "", None, _FRAMEWORK_KEYS, _FRAMEWORK_REQUIRED)
        code = version = title = levels = bands = elements = None
        previous: str | None = None
        description = _NO_TEXT
        if "code" in fields:
            code = self._framework_code(fields["code"], "code")
        if "version" in fields:
            version = self._version(fields["version"], "version")
        if "previous" in fields:
            previous = self._version(fields["previous"], "previous")
        if "title" in fields:
            title = self._bilingual(fields["title"], "title")
        if "description" in fields:
            description = self._bilingual(fields["description"], "description") or _NO_TEXT
        if "levels" in fields:
            levels = self._level_texts(fields["levels"], "levels")
        if "index_bands" in fields:
            bands = self._index_bands(fields["index_bands"], "index_bands")
        if "elements" in fields:
            elements = self._elements(fields["elements"], "elements")
        if None in (code, version, title, levels, bands, elements):
            return None
        assert code is not None and version is not None and title is not None
        assert levels is not None and bands is not None and elements is not None
        return FrameworkSpec(
            code=code,
            version=version,
            title=title,
            description=description,
            previous=previous,
            levels=levels,
            index_bands=bands,
            elements=elements,
        )

    # Structure ------------------------------------------------------------------------------

    def _fields(
        self,
        node: Node,
        path: str,
        line: int | None,
        allowed: Sequence[str],
        required: Sequence[str],
        *,
        what: Bilingual = Bilingual("pemetaan", "a mapping"),
    ) -> dict[str, _Field]:
        """The fields of a mapping by key; reports unknown, repeated and missing keys.

        ``line`` is where the mapping is written (its key's line), for a missing key's problem.
        """
        if not isinstance(node, MappingNode):
            self.add(path or FILE_PATH, _must_be(what, _describe(node)), line)
            return {}
        fields: dict[str, _Field] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, ScalarNode) else "?"
            key_path = _child(path, key)
            if not isinstance(key_node, ScalarNode) or key not in allowed:
                expected = ", ".join(allowed)
                self.add(
                    key_path,
                    _msg(
                        f"kunci tidak dikenal; yang diharapkan salah satu dari: {expected}",
                        f"unknown key; expected one of: {expected}",
                    ),
                    _line(key_node),
                )
            elif key in fields:
                self.add(
                    key_path,
                    _msg(
                        "kunci berulang; setiap kunci hanya boleh muncul sekali",
                        "repeated key; each key may appear once",
                    ),
                    _line(key_node),
                )
            else:
                fields[key] = _Field(key_node, value_node)
        for key in required:
            if key not in fields:
                self.add(
                    _child(path, key),
                    _msg("kunci wajib tidak ada", "required key is missing"),
                    line,
                )
        return fields

    def _items(self, item: _Field, path: str, what: Bilingual) -> list[Node] | None:
        """The items of a list that must hold at least one ``what`` (a singular noun)."""
        node = item.value
        if not isinstance(node, SequenceNode):
            things = Bilingual(f"daftar {what.id}", f"a list of {what.en}s")
            self.add(path, _must_be(things, _describe(node)), item.line)
            return None
        if not node.value:
            self.add(
                path,
                _msg(
                    f"harus memuat sekurang-kurangnya satu {what.id}",
                    f"must list at least one {what.en}",
                ),
                item.line,
            )
            return None
        return list(node.value)

    # Scalars --------------------------------------------------------------------------------

    def _number_or_none(self, node: Node) -> Decimal | None:
        """The exact decimal a YAML int or float states; ``None`` for anything else."""
        if not isinstance(node, ScalarNode):
            return None
        if node.tag == _TAG_INT:
            return Decimal(self._constructor.construct_yaml_int(node))
        if node.tag != _TAG_FLOAT:
            return None
        # Read the digits as written, so that 0.1 stays 0.1 and long decimals keep their digits;
        # fall back to the float PyYAML reads for its other spellings (e.g. sexagesimal 1:30.5).
        try:
            value = Decimal(node.value.replace("_", ""))
        except InvalidOperation:
            number = self._constructor.construct_yaml_float(node)
            if not math.isfinite(number):
                return None
            value = Decimal(repr(number))
        return value if value.is_finite() else None

    def _number(
        self, item: _Field | Node, path: str, what: Bilingual = _A_NUMBER
    ) -> Decimal | None:
        node, line = (item.value, item.line) if isinstance(item, _Field) else (item, _line(item))
        value = self._number_or_none(node)
        if value is None:
            self.add(path, _must_be(what, _describe(node)), line)
        return value

    def _text(self, item: _Field | Node, path: str, what: Bilingual = _A_TEXT) -> str | None:
        node, line = (item.value, item.line) if isinstance(item, _Field) else (item, _line(item))
        if not isinstance(node, ScalarNode) or node.tag != _TAG_STR:
            got = _describe(node)
            if isinstance(node, ScalarNode):
                got = Bilingual(
                    f"{got.id} (tulis dalam tanda kutip)", f"{got.en} (put it in quotes)"
                )
            self.add(path, _must_be(what, got), line)
            return None
        if not node.value.strip():
            self.add(path, _must_be(what, Bilingual("teks kosong", "an empty text")), line)
            return None
        return str(node.value)

    def _flag(self, item: _Field, path: str) -> bool | None:
        node = item.value
        if not isinstance(node, ScalarNode) or node.tag != _TAG_BOOL:
            self.add(
                path,
                _must_be(Bilingual("true atau false", "true or false"), _describe(node)),
                item.line,
            )
            return None
        return bool(self._constructor.construct_yaml_bool(node))

    def _level(self, item: _Field, path: str) -> int | None:
        node = item.value
        if isinstance(node, ScalarNode) and node.tag == _TAG_INT:
            level = int(self._constructor.construct_yaml_int(node))
            if 0 <= level <= 5:
                return level
        what = Bilingual("bilangan bulat dari 0 sampai 5", "a whole number from 0 to 5")
        self.add(path, _must_be(what, _describe(node)), item.line)
        return None

    def _code(self, item: _Field, path: str) -> str | None:
        code = self._text(item, path, Bilingual("kode", "a code"))
        if code is None:
            return None
        if not CODE_PATTERN.fullmatch(code):
            self.add(
                path,
                _msg(
                    "harus berupa kode dari huruf, angka, '.', '_' dan '-' yang diawali huruf atau "
                    f"angka; tertulis {code!r}",
                    "must be a code of letters, digits, '.', '_' and '-' that starts with a letter "
                    f"or digit; got {code!r}",
                ),
                item.line,
            )
            return None
        if len(code) > MAX_CODE_LENGTH:
            self.add(path, _too_long(MAX_CODE_LENGTH), item.line)
            return None
        return code

    def _framework_code(self, item: _Field, path: str) -> str | None:
        code = self._text(item, path, Bilingual("slug", "a slug"))
        if code is None:
            return None
        if not FRAMEWORK_CODE_PATTERN.fullmatch(code) or len(code) > MAX_CODE_LENGTH:
            self.add(
                path,
                _msg(
                    "harus berupa slug dari huruf kecil, angka dan '-' yang diawali huruf atau "
                    f"angka, paling panjang {MAX_CODE_LENGTH} karakter; tertulis {code!r}",
                    "must be a slug of lowercase letters, digits and '-' that starts with a letter "
                    f"or digit, at most {MAX_CODE_LENGTH} characters; got {code!r}",
                ),
                item.line,
            )
            return None
        return code

    def _version(self, item: _Field, path: str) -> str | None:
        node = item.value
        if isinstance(node, ScalarNode) and node.tag in (_TAG_INT, _TAG_FLOAT):
            # YAML would read 2026.10 as the number 2026.1: a version must be written as text.
            self.add(path, _quoted_not_number(node.value), item.line)
            return None
        what = Bilingual("teks yang tidak kosong dalam tanda kutip", "a non-empty quoted string")
        version = self._text(item, path, what)
        if version is not None and len(version) > MAX_VERSION_LENGTH:
            self.add(path, _too_long(MAX_VERSION_LENGTH), item.line)
            return None
        return version

    def _weight(self, item: _Field, path: str) -> Decimal | None:
        positive = Bilingual("angka positif", "a positive number")
        weight = self._number(item, path, positive)
        if weight is None:
            return None
        if weight <= 0:
            self.add(path, _must_be(positive, _decimal_text(weight)), item.line)
            return None
        exponent = weight.normalize().as_tuple().exponent
        if weight >= MAX_WEIGHT or (isinstance(exponent, int) and -exponent > MAX_WEIGHT_DECIMALS):
            limit, got = _decimal_text(MAX_WEIGHT), _decimal_text(weight)
            self.add(
                path,
                _msg(
                    f"harus di bawah {limit} dengan paling banyak {MAX_WEIGHT_DECIMALS} angka "
                    f"desimal; tertulis {got}",
                    f"must be below {limit} with at most {MAX_WEIGHT_DECIMALS} decimals; got {got}",
                ),
                item.line,
            )
            return None
        return weight

    # Texts in two languages -------------------------------------------------------------------

    def _bilingual(self, item: _Field | Node, path: str) -> Bilingual | None:
        """A mapping ``{id: ..., en: ...}`` with both texts non-empty."""
        node, line = (item.value, item.line) if isinstance(item, _Field) else (item, _line(item))
        fields = self._fields(
            node,
            path,
            line,
            _BILINGUAL_KEYS,
            _BILINGUAL_KEYS,
            what=Bilingual(
                "pemetaan teks id (Bahasa Indonesia) dan en (Inggris)",
                "a mapping of id (Bahasa Indonesia) and en (English) texts",
            ),
        )
        if not isinstance(node, MappingNode):
            return None
        texts = {
            language: self._text(fields[language], _child(path, language))
            for language in _BILINGUAL_KEYS
            if language in fields
        }
        text_id, text_en = texts.get("id"), texts.get("en")
        if text_id is None or text_en is None:
            return None
        return Bilingual(id=text_id, en=text_en)

    def _level_texts(self, item: _Field, path: str) -> dict[int, Bilingual] | None:
        """A mapping from each level 1..5 to a bilingual text (level names, rubric descriptors)."""
        node = item.value
        if not isinstance(node, MappingNode):
            got = _describe(node)
            self.add(
                path,
                _msg(
                    "harus memetakan setiap tingkat 1 sampai 5 ke teks id dan en; "
                    f"tertulis {got.id}",
                    f"must map each level 1 to 5 to texts in id and en; got {got.en}",
                ),
                item.line,
            )
            return None
        texts: dict[int, Bilingual | None] = {}
        for key_node, value_node in node.value:
            level = None
            if isinstance(key_node, ScalarNode) and key_node.tag == _TAG_INT:
                level = int(self._constructor.construct_yaml_int(key_node))
            key_text = key_node.value if isinstance(key_node, ScalarNode) else "?"
            if level not in LEVELS:
                self.add(
                    _child(path, key_text),
                    _msg(
                        "tingkat tidak dikenal; tingkat yang ada 1 sampai 5",
                        "unknown level; levels are 1 to 5",
                    ),
                    _line(key_node),
                )
                continue
            assert level is not None
            if level in texts:
                self.add(
                    _child(path, level), _msg("tingkat berulang", "repeated level"), _line(key_node)
                )
                continue
            texts[level] = self._bilingual(_Field(key_node, value_node), _child(path, level))
        missing = [str(level) for level in LEVELS if level not in texts]
        if missing:
            listed = ", ".join(missing)
            self.add(
                path,
                _msg(
                    f"harus memuat kelima tingkat 1 sampai 5; tidak ada {listed}",
                    f"must give all five levels 1 to 5; missing {listed}",
                ),
                item.line,
            )
            return None
        if any(text is None for text in texts.values()):
            return None
        return {level: text for level, text in sorted(texts.items()) if text is not None}

    # Numbers in fours -------------------------------------------------------------------------

    def _ascending_four(
        self, item: _Field, path: str, what: Bilingual
    ) -> tuple[Decimal, ...] | None:
        """Four strictly ascending numbers; ``what`` is the rule as the message states it."""
        node = item.value
        if not isinstance(node, SequenceNode):
            self.add(path, _must_be(what, _describe(node)), item.line)
            return None
        values: list[Decimal] = []
        for index, value_node in enumerate(node.value):
            value = self._number(value_node, f"{path}[{index}]")
            if value is not None:
                values.append(value)
        if len(values) != len(node.value):
            return None
        if len(values) != 4:
            count = len(values)
            self.add(path, _must_be(what, Bilingual(f"{count} angka", f"{count}")), item.line)
            return None
        for before, after in zip(values, values[1:], strict=False):
            if after <= before:
                after_text, before_text = _decimal_text(after), _decimal_text(before)
                self.add(
                    path,
                    _msg(
                        f"harus berupa {what.id}, masing-masing lebih besar dari yang sebelumnya; "
                        f"{after_text} tertulis sesudah {before_text}",
                        f"must be {what.en}, each greater than the one before; "
                        f"{after_text} follows {before_text}",
                    ),
                    item.line,
                )
                return None
        return tuple(values)

    def _index_bands(self, item: _Field, path: str) -> tuple[Decimal, ...] | None:
        what = Bilingual(
            "empat angka menaik dalam rentang 0–5", "four ascending numbers within 0–5"
        )
        bands = self._ascending_four(item, path, what)
        if bands is None:
            return None
        nodes = item.value.value
        outside = [(i, band) for i, band in enumerate(bands) if not 0 <= band <= 5]
        for index, band in outside:
            got = _decimal_text(band)
            self.add(
                f"{path}[{index}]",
                _msg(f"harus dalam rentang 0–5; tertulis {got}", f"must lie within 0–5; got {got}"),
                _line(nodes[index]),
            )
        return None if outside else bands

    # The tree ---------------------------------------------------------------------------------

    def _register(
        self,
        seen: dict[str, tuple[str, int | None]],
        what: Bilingual,
        code: str | None,
        item: _Field | None,
        path: str,
    ) -> None:
        if code is None or item is None:
            return
        if code in seen:
            first_path, first_line = seen[code]
            first_id = first_path if first_line is None else f"{first_path} (baris {first_line})"
            first_en = first_path if first_line is None else f"{first_path} (line {first_line})"
            self.add(
                _child(path, "code"),
                _msg(
                    f"kode {what.id} {code!r} ganda; pertama kali di {first_id}",
                    f"duplicate {what.en} code {code!r}; first at {first_en}",
                ),
                item.line,
            )
        else:
            seen[code] = (path, item.line)

    def _elements(self, item: _Field, path: str) -> tuple[ElementSpec, ...] | None:
        nodes = self._items(item, path, _ELEMENT)
        if nodes is None:
            return None
        elements = [self._element(node, f"{path}[{index}]") for index, node in enumerate(nodes)]
        return None if None in elements else tuple(e for e in elements if e is not None)

    def _element(self, node: Node, path: str) -> ElementSpec | None:
        fields = self._fields(node, path, _line(node), _ELEMENT_KEYS, ("code", "title", "themes"))
        if not isinstance(node, MappingNode):
            return None
        code, title, weight = self._heading(fields, path, self._element_codes, _ELEMENT)
        themes = self._children(fields, "themes", path, _THEME, self._theme)
        if code is None or title is None or weight is None or themes is None:
            return None
        return ElementSpec(code=code, title=title, weight=weight, themes=themes)

    def _theme(self, node: Node, path: str) -> ThemeSpec | None:
        fields = self._fields(node, path, _line(node), _THEME_KEYS, ("code", "title", "indicators"))
        if not isinstance(node, MappingNode):
            return None
        code, title, weight = self._heading(fields, path, self._theme_codes, _THEME)
        indicators = self._children(fields, "indicators", path, _INDICATOR, self._indicator)
        if code is None or title is None or weight is None or indicators is None:
            return None
        return ThemeSpec(code=code, title=title, weight=weight, indicators=indicators)

    def _heading(
        self,
        fields: dict[str, _Field],
        path: str,
        registry: dict[str, tuple[str, int | None]],
        noun: Bilingual,
    ) -> tuple[str | None, Bilingual | None, Decimal | None]:
        """The code (registered against duplicates), title and weight an element or theme has."""
        code = self._code(fields["code"], _child(path, "code")) if "code" in fields else None
        self._register(registry, noun, code, fields.get("code"), path)
        title = (
            self._bilingual(fields["title"], _child(path, "title")) if "title" in fields else None
        )
        weight = (
            self._weight(fields["weight"], _child(path, "weight"))
            if "weight" in fields
            else Decimal(1)
        )
        return code, title, weight

    def _children(
        self,
        fields: dict[str, _Field],
        key: str,
        path: str,
        noun: Bilingual,
        read: Callable[[Node, str], Any | None],
    ) -> tuple[Any, ...] | None:
        """The themes of an element or the indicators of a theme; None if any is broken."""
        if key not in fields:
            return None
        list_path = _child(path, key)
        nodes = self._items(fields[key], list_path, noun)
        if nodes is None:
            return None
        found = [read(n, f"{list_path}[{i}]") for i, n in enumerate(nodes)]
        return None if None in found else tuple(found)

    def _indicator(self, node: Node, path: str) -> IndicatorSpec | None:
        problems_before = len(self.problems)
        fields = self._fields(node, path, _line(node), _INDICATOR_KEYS, ("code", "title", "kind"))
        if not isinstance(node, MappingNode):
            return None
        code = self._code(fields["code"], _child(path, "code")) if "code" in fields else None
        self._register(self._indicator_codes, _INDICATOR, code, fields.get("code"), path)
        title = None
        if "title" in fields:
            title = self._bilingual(fields["title"], _child(path, "title"))
        iso37122 = None
        if "iso37122" in fields:
            iso37122 = self._iso_clause(fields["iso37122"], _child(path, "iso37122"))
        guidance = _NO_TEXT
        if "guidance" in fields:
            guidance = self._bilingual(fields["guidance"], _child(path, "guidance")) or _NO_TEXT
        weight = Decimal(1)
        if "weight" in fields:
            weight = self._weight(fields["weight"], _child(path, "weight")) or weight
        flags = {"required": True, "evidence_required": False}
        for name in flags:
            if name in fields:
                flags[name] = bool(self._flag(fields[name], _child(path, name)))
        continues = None
        if "continues" in fields:
            continues = self._code(fields["continues"], _child(path, "continues"))

        kind = self._kind(fields["kind"], _child(path, "kind")) if "kind" in fields else None
        if kind is None:
            return None  # without a kind, its fields cannot be judged
        for other, keys in _KIND_KEYS.items():
            for key in keys:
                if other != kind and key in fields:
                    self.add(
                        _child(path, key),
                        _msg(
                            f"hanya untuk indikator {other}; indikator ini berjenis {kind}",
                            f"belongs to {other} indicators; this indicator is {kind}",
                        ),
                        fields[key].line,
                    )
        if kind == "quantitative":
            kind_values = self._quantitative(fields, path)
        elif kind == "rubric":
            kind_values = self._rubric(fields, path)
        else:
            kind_values = self._binary(fields, path)
        failed = len(self.problems) > problems_before
        if failed or code is None or title is None or kind_values is None:
            return None
        return IndicatorSpec(
            code=code,
            title=title,
            kind=kind,
            iso37122=iso37122,
            guidance=guidance,
            weight=weight,
            required=flags["required"],
            evidence_required=flags["evidence_required"],
            continues=continues,
            unit=kind_values.unit,
            direction=kind_values.direction,
            thresholds=kind_values.thresholds,
            allow_negative=kind_values.allow_negative,
            rubric=kind_values.rubric,
            yes_level=kind_values.yes_level,
            no_level=kind_values.no_level,
        )

    def _kind(self, item: _Field, path: str) -> str | None:
        kinds = ", ".join(KINDS)
        what = Bilingual(f"salah satu dari {kinds}", f"one of {kinds}")
        kind = self._text(item, path, what)
        if kind is not None and kind not in KINDS:
            self.add(
                path,
                _must_be(what, repr(kind)),
                item.line,
            )
            return None
        return kind

    def _iso_clause(self, item: _Field, path: str) -> str | None:
        node = item.value
        if isinstance(node, ScalarNode) and node.tag in (_TAG_INT, _TAG_FLOAT):
            # YAML would read 5.10 as 5.1: a clause must be written as text.
            self.add(path, _quoted_not_number(node.value), item.line)
            return None
        what = Bilingual(
            'nomor klausul dalam tanda kutip, misalnya "5.1"',
            'a quoted clause number such as "5.1"',
        )
        clause = self._text(item, path, what)
        if clause is not None and len(clause) > MAX_ISO_CLAUSE_LENGTH:
            self.add(path, _too_long(MAX_ISO_CLAUSE_LENGTH), item.line)
            return None
        return clause

    def _quantitative(self, fields: dict[str, _Field], path: str) -> _KindFields | None:
        ok = True
        for key in ("unit", "direction", "thresholds"):
            if key not in fields:
                self.add(
                    _child(path, key),
                    _msg(
                        "kunci wajib untuk indikator quantitative tidak ada",
                        "required key is missing for a quantitative indicator",
                    ),
                    fields["kind"].line,
                )
                ok = False
        unit = direction = thresholds = None
        allow_negative: bool | None = False
        if "unit" in fields:
            what = Bilingual("satuan yang tidak kosong", "a non-empty unit")
            unit = self._text(fields["unit"], _child(path, "unit"), what)
            if unit is not None and len(unit) > MAX_UNIT_LENGTH:
                self.add(_child(path, "unit"), _too_long(MAX_UNIT_LENGTH), fields["unit"].line)
                unit = None
        if "direction" in fields:
            what = Bilingual("higher atau lower", "higher or lower")
            direction = self._text(fields["direction"], _child(path, "direction"), what)
            if direction is not None and direction not in DIRECTIONS:
                self.add(
                    _child(path, "direction"),
                    _must_be(what, repr(direction)),
                    fields["direction"].line,
                )
                direction = None
        if "allow_negative" in fields:
            allow_negative = self._flag(fields["allow_negative"], _child(path, "allow_negative"))
        if "thresholds" in fields:
            item = fields["thresholds"]
            what = Bilingual("empat angka menaik", "four ascending numbers")
            thresholds = self._ascending_four(item, _child(path, "thresholds"), what)
            if thresholds is not None:
                thresholds = self._threshold_range(item, path, thresholds, unit, allow_negative)
        if unit == PERCENT and allow_negative:
            self.add(
                _child(path, "allow_negative"),
                _msg(
                    "tidak boleh true untuk satuan %, yang nilainya dalam rentang 0–100",
                    "cannot be true for the unit %, whose values lie within 0–100",
                ),
                fields["allow_negative"].line,
            )
            ok = False
        if None in (unit, direction, thresholds, allow_negative) or not ok:
            return None
        return _KindFields(
            unit=unit,
            direction=direction,
            thresholds=thresholds,
            allow_negative=bool(allow_negative),
        )

    def _threshold_range(
        self,
        item: _Field,
        path: str,
        thresholds: tuple[Decimal, ...],
        unit: str | None,
        allow_negative: bool | None,
    ) -> tuple[Decimal, ...] | None:
        """Thresholds a value can reach: within 0–100 for %, not negative unless allowed."""
        ok = True
        for index, (threshold, node) in enumerate(zip(thresholds, item.value.value, strict=True)):
            here = f"{_child(path, 'thresholds')}[{index}]"
            got = _decimal_text(threshold)
            if unit == PERCENT and not 0 <= threshold <= 100:
                self.add(
                    here,
                    _msg(
                        f"harus dalam rentang 0–100 untuk satuan %; tertulis {got}",
                        f"must lie within 0–100 for the unit %; got {got}",
                    ),
                    _line(node),
                )
                ok = False
            elif threshold < 0 and allow_negative is False:
                self.add(
                    here,
                    _msg(
                        f"tidak boleh negatif kecuali allow_negative bernilai true; tertulis {got}",
                        f"must not be negative unless allow_negative is true; got {got}",
                    ),
                    _line(node),
                )
                ok = False
        return thresholds if ok else None

    def _rubric(self, fields: dict[str, _Field], path: str) -> _KindFields | None:
        if "rubric" not in fields:
            self.add(
                _child(path, "rubric"),
                _msg(
                    "kunci wajib untuk indikator rubric tidak ada",
                    "required key is missing for a rubric indicator",
                ),
                fields["kind"].line,
            )
            return None
        rubric = self._level_texts(fields["rubric"], _child(path, "rubric"))
        return None if rubric is None else _KindFields(rubric=rubric)

    def _binary(self, fields: dict[str, _Field], path: str) -> _KindFields | None:
        levels = {"yes_level": DEFAULT_YES_LEVEL, "no_level": DEFAULT_NO_LEVEL}
        ok = True
        for key in levels:
            if key in fields:
                level = self._level(fields[key], _child(path, key))
                if level is None:
                    ok = False
                else:
                    levels[key] = level
        if not ok:
            return None
        return _KindFields(yes_level=levels["yes_level"], no_level=levels["no_level"])


# --- Writing --------------------------------------------------------------------------------------

# Wide enough that no text is ever folded onto a second line.
_NO_WRAP: Final = 1 << 30


class _Dumper(yaml.SafeDumper):
    """Indents list items under their key, as FRAMEWORK_FORMAT.md's example does, and quotes
    with double quotes only, so that a text is either plain or ``"quoted"``."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)

    def choose_scalar_style(self) -> str:
        style = str(super().choose_scalar_style())
        return '"' if style == "'" else style


def dump_framework(spec: FrameworkSpec) -> str:
    """Write a spec as the canonical framework file (UTF-8 text, keys in the documented order).

    Deterministic and a function of the spec only; parsing the result gives an equal spec, and
    dumping that spec again gives the same text byte for byte.
    """
    pairs: list[tuple[str, Node]] = [
        ("code", _string(spec.code)),
        ("version", _string(spec.version, style='"')),
    ]
    if spec.previous is not None:
        pairs.append(("previous", _string(spec.previous, style='"')))
    pairs.append(("title", _bilingual_node(spec.title)))
    if spec.description:
        pairs.append(("description", _bilingual_node(spec.description)))
    pairs += [
        ("levels", _level_texts_node(spec.levels)),
        ("index_bands", _numbers_node(spec.index_bands)),
        ("elements", _sequence([_element_node(element) for element in spec.elements])),
    ]
    text = yaml.serialize(
        _mapping(pairs),
        Dumper=_Dumper,
        allow_unicode=True,
        width=_NO_WRAP,
        explicit_start=False,
    )
    return str(text)


def _element_node(element: ElementSpec) -> Node:
    return _mapping(
        [
            ("code", _string(element.code)),
            ("title", _bilingual_node(element.title)),
            ("weight", _number_node(element.weight)),
            ("themes", _sequence([_theme_node(theme) for theme in element.themes])),
        ]
    )


def _theme_node(theme: ThemeSpec) -> Node:
    return _mapping(
        [
            ("code", _string(theme.code)),
            ("title", _bilingual_node(theme.title)),
            ("weight", _number_node(theme.weight)),
            ("indicators", _sequence([_indicator_node(i) for i in theme.indicators])),
        ]
    )


def _indicator_node(indicator: IndicatorSpec) -> Node:
    pairs: list[tuple[str, Node]] = [("code", _string(indicator.code))]
    if indicator.iso37122 is not None:
        pairs.append(("iso37122", _string(indicator.iso37122, style='"')))
    pairs.append(("title", _bilingual_node(indicator.title)))
    if indicator.guidance:
        pairs.append(("guidance", _bilingual_node(indicator.guidance)))
    pairs.append(("kind", _string(indicator.kind)))
    if indicator.kind == "quantitative":
        pairs += [
            ("unit", _string(indicator.unit or "")),
            ("direction", _string(indicator.direction or "")),
            ("thresholds", _numbers_node(indicator.thresholds or ())),
        ]
        if indicator.allow_negative:
            pairs.append(("allow_negative", _bool_node(True)))
    elif indicator.kind == "rubric":
        pairs.append(("rubric", _level_texts_node(indicator.rubric or {})))
    elif indicator.kind == "binary":
        yes_level = DEFAULT_YES_LEVEL if indicator.yes_level is None else indicator.yes_level
        no_level = DEFAULT_NO_LEVEL if indicator.no_level is None else indicator.no_level
        pairs += [("yes_level", _number_node(yes_level)), ("no_level", _number_node(no_level))]
    pairs += [
        ("weight", _number_node(indicator.weight)),
        ("required", _bool_node(indicator.required)),
        ("evidence_required", _bool_node(indicator.evidence_required)),
    ]
    if indicator.continues is not None:
        pairs.append(("continues", _string(indicator.continues)))
    return _mapping(pairs)


def _mapping(pairs: Sequence[tuple[str | int, Node]]) -> MappingNode:
    return MappingNode(
        _TAG_MAP,
        [(_key_node(key), value) for key, value in pairs],
        flow_style=False,
    )


def _key_node(key: str | int) -> ScalarNode:
    return _number_node(key) if isinstance(key, int) else _string(key)


def _sequence(items: Sequence[Node], *, flow: bool = False) -> SequenceNode:
    return SequenceNode(_TAG_SEQ, list(items), flow_style=flow)


def _string(text: str, *, style: str | None = None) -> ScalarNode:
    if style is None:
        style = _string_style(text)
    return ScalarNode(_TAG_STR, text, style=style)


def _string_style(text: str) -> str | None:
    """Let PyYAML pick plain or quoted for one-line texts; a block (``|``) for several lines.

    Texts with other control or line-break characters are written double-quoted, the only style
    that escapes them all.
    """
    if any(_is_special(char) for char in text):
        return '"'
    if "\n" in text:
        return "|"
    return None


def _is_special(char: str) -> bool:
    if char == "\n":
        return False
    return char < " " or char in "\x7f\x85\u2028\u2029\ufeff" or "\x80" <= char < "\xa0"


def _number_node(value: Decimal | int) -> ScalarNode:
    text = _decimal_text(Decimal(value))
    return ScalarNode(_TAG_FLOAT if "." in text else _TAG_INT, text)


def _numbers_node(values: Sequence[Decimal]) -> SequenceNode:
    return _sequence([_number_node(value) for value in values], flow=True)


def _bool_node(value: bool) -> ScalarNode:
    return ScalarNode(_TAG_BOOL, "true" if value else "false")


def _bilingual_node(text: Bilingual) -> MappingNode:
    return _mapping([("id", _string(text.id)), ("en", _string(text.en))])


def _level_texts_node(texts: dict[int, Bilingual]) -> MappingNode:
    return _mapping([(level, _bilingual_node(texts[level])) for level in sorted(texts)])
