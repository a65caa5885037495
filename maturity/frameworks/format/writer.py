"""Writing a spec as the canonical framework file.

Keys in a fixed order, numbers as plain YAML numbers, no line wrapping, so that
``dump_framework(parse_framework(dump_framework(spec)))`` equals ``dump_framework(spec)`` byte for
byte.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Final

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from maturity.frameworks.format.spec import (
    DEFAULT_NO_LEVEL,
    DEFAULT_YES_LEVEL,
    Bilingual,
    ElementSpec,
    FrameworkSpec,
    IndicatorSpec,
    LensGroupSpec,
    LensSpec,
    ThemeSpec,
    decimal_text,
)

TAG_STR: Final = "tag:yaml.org,2002:str"
TAG_INT: Final = "tag:yaml.org,2002:int"
TAG_FLOAT: Final = "tag:yaml.org,2002:float"
TAG_BOOL: Final = "tag:yaml.org,2002:bool"
TAG_MAP: Final = "tag:yaml.org,2002:map"
TAG_SEQ: Final = "tag:yaml.org,2002:seq"

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
    if spec.lenses:
        pairs.append(("lenses", _sequence([_lens_node(lens) for lens in spec.lenses])))
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


def _lens_node(lens: LensSpec) -> Node:
    return _mapping(
        [
            ("code", _string(lens.code)),
            ("title", _bilingual_node(lens.title)),
            ("groups", _sequence([_group_node(group) for group in lens.groups])),
        ]
    )


def _group_node(group: LensGroupSpec) -> Node:
    pairs: list[tuple[str, Node]] = [
        ("code", _string(group.code)),
        ("title", _bilingual_node(group.title)),
        ("weight", _number_node(group.weight)),
    ]
    if group.themes:
        pairs.append(("themes", _sequence([_string(c) for c in group.themes], flow=True)))
    if group.indicators:
        pairs.append(("indicators", _sequence([_string(c) for c in group.indicators], flow=True)))
    return _mapping(pairs)


def _mapping(pairs: Sequence[tuple[str | int, Node]]) -> MappingNode:
    return MappingNode(
        TAG_MAP,
        [(_key_node(key), value) for key, value in pairs],
        flow_style=False,
    )


def _key_node(key: str | int) -> ScalarNode:
    return _number_node(key) if isinstance(key, int) else _string(key)


def _sequence(items: Sequence[Node], *, flow: bool = False) -> SequenceNode:
    return SequenceNode(TAG_SEQ, list(items), flow_style=flow)


def _string(text: str, *, style: str | None = None) -> ScalarNode:
    if style is None:
        style = _string_style(text)
    return ScalarNode(TAG_STR, text, style=style)


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
    text = decimal_text(Decimal(value))
    return ScalarNode(TAG_FLOAT if "." in text else TAG_INT, text)


def _numbers_node(values: Sequence[Decimal]) -> SequenceNode:
    return _sequence([_number_node(value) for value in values], flow=True)


def _bool_node(value: bool) -> ScalarNode:
    return ScalarNode(TAG_BOOL, "true" if value else "false")


def _bilingual_node(text: Bilingual) -> MappingNode:
    return _mapping([("id", _string(text.id)), ("en", _string(text.en))])


def _level_texts_node(texts: dict[int, Bilingual]) -> MappingNode:
    return _mapping([(level, _bilingual_node(texts[level])) for level in sorted(texts)])
