"""Reading the composed YAML node tree into values, with the path and line of every problem.

:class:`NodeReader` knows the shapes of the format (mappings with known keys, lists, numbers,
texts, flags, texts in two languages, a text per level, four ascending numbers) and collects a
:class:`~maturity.frameworks.format.problems.Problem` for every value of the wrong shape instead
of stopping at the first, so that a person sees all of them at once.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Final

import yaml
from django.utils.translation import gettext as _
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from maturity.frameworks.format import messages as m
from maturity.frameworks.format.problems import FILE_PATH, Problem
from maturity.frameworks.format.spec import LEVELS, Bilingual, decimal_text

BILINGUAL_KEYS: Final = ("id", "en")


def line_of(node: Node | None) -> int | None:
    """The 1-based line a node starts on."""
    if node is None or node.start_mark is None:
        return None
    return int(node.start_mark.line) + 1


def child(path: str, key: object) -> str:
    return f"{path}.{key}" if path else str(key)


@dataclass
class Field:
    """A key of a mapping and its value; a problem with the value names the key's line."""

    key: Node
    value: Node

    @property
    def line(self) -> int | None:
        return line_of(self.key)


def _node_and_line(item: Field | Node) -> tuple[Node, int | None]:
    return (item.value, item.line) if isinstance(item, Field) else (item, line_of(item))


class NodeReader:
    """Reads values of the format's shapes, collecting problems."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self._constructor = yaml.SafeLoader("")

    def add(self, path: str, message: str, line: int | None) -> None:
        self.problems.append(Problem(path=path, message=message, line=line))

    # Structure ------------------------------------------------------------------------------

    def fields(
        self,
        node: Node,
        path: str,
        line: int | None,
        allowed: Sequence[str],
        required: Sequence[str],
        *,
        what: m.Text = m.A_MAPPING,
    ) -> dict[str, Field]:
        """The fields of a mapping by key; reports unknown, repeated and missing keys.

        ``line`` is where the mapping is written (its key's line), for a missing key's problem.
        """
        if not isinstance(node, MappingNode):
            self.add(path or FILE_PATH, m.must_be(what, m.describe(node)), line)
            return {}
        fields: dict[str, Field] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, ScalarNode) else "?"
            if not isinstance(key_node, ScalarNode) or key not in allowed:
                self.add(
                    child(path, key),
                    _("kunci tidak dikenal; yang diharapkan salah satu dari: %(expected)s")
                    % {"expected": ", ".join(allowed)},
                    line_of(key_node),
                )
            elif key in fields:
                self.add(
                    child(path, key),
                    _("kunci berulang; setiap kunci hanya boleh muncul sekali"),
                    line_of(key_node),
                )
            else:
                fields[key] = Field(key_node, value_node)
        for key in required:
            if key not in fields:
                self.add(child(path, key), _("kunci wajib tidak ada"), line)
        return fields

    def items(self, item: Field, path: str, noun: m.Noun) -> list[Node] | None:
        """The items of a list that must hold at least one ``noun``."""
        node = item.value
        if not isinstance(node, SequenceNode):
            self.add(path, m.must_be(m.list_of(noun), m.describe(node)), item.line)
            return None
        if not node.value:
            self.add(
                path,
                _("harus memuat sekurang-kurangnya satu %(what)s") % {"what": noun.one},
                item.line,
            )
            return None
        return list(node.value)

    # Scalars --------------------------------------------------------------------------------

    def number_or_none(self, node: Node) -> Decimal | None:
        """The exact decimal a YAML int or float states; ``None`` for anything else."""
        if not isinstance(node, ScalarNode):
            return None
        if node.tag == m.TAG_INT:
            return Decimal(self._constructor.construct_yaml_int(node))
        if node.tag != m.TAG_FLOAT:
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

    def number(self, item: Field | Node, path: str, what: m.Text = m.A_NUMBER) -> Decimal | None:
        node, line = _node_and_line(item)
        value = self.number_or_none(node)
        if value is None:
            self.add(path, m.must_be(what, m.describe(node)), line)
        return value

    def text(self, item: Field | Node, path: str, what: m.Text = m.A_TEXT) -> str | None:
        node, line = _node_and_line(item)
        if not isinstance(node, ScalarNode) or node.tag != m.TAG_STR:
            got = m.describe(node)
            if isinstance(node, ScalarNode):
                got = m.put_in_quotes(got)
            self.add(path, m.must_be(what, got), line)
            return None
        if not node.value.strip():
            self.add(path, m.must_be(what, m.an_empty_text()), line)
            return None
        return str(node.value)

    def flag(self, item: Field, path: str) -> bool | None:
        node = item.value
        if not isinstance(node, ScalarNode) or node.tag != m.TAG_BOOL:
            self.add(path, m.must_be(m.A_FLAG, m.describe(node)), item.line)
            return None
        return bool(self._constructor.construct_yaml_bool(node))

    def level(self, item: Field, path: str) -> int | None:
        node = item.value
        if isinstance(node, ScalarNode) and node.tag == m.TAG_INT:
            level = int(self._constructor.construct_yaml_int(node))
            if 0 <= level <= 5:
                return level
        self.add(path, m.must_be(m.A_LEVEL, m.describe(node)), item.line)
        return None

    # Texts in two languages -------------------------------------------------------------------

    def bilingual(self, item: Field | Node, path: str) -> Bilingual | None:
        """A mapping ``{id: ..., en: ...}`` with both texts non-empty."""
        node, line = _node_and_line(item)
        keys = BILINGUAL_KEYS
        fields = self.fields(node, path, line, keys, keys, what=m.A_BILINGUAL_MAPPING)
        if not isinstance(node, MappingNode):
            return None
        texts = {
            language: self.text(fields[language], child(path, language))
            for language in keys
            if language in fields
        }
        text_id, text_en = texts.get("id"), texts.get("en")
        if text_id is None or text_en is None:
            return None
        return Bilingual(id=text_id, en=text_en)

    def level_texts(self, item: Field, path: str) -> dict[int, Bilingual] | None:
        """A mapping from each level 1..5 to a bilingual text (level names, rubric descriptors)."""
        node = item.value
        if not isinstance(node, MappingNode):
            self.add(
                path,
                _("harus memetakan setiap tingkat 1 sampai 5 ke teks id dan en; tertulis %(got)s")
                % {"got": m.describe(node)},
                item.line,
            )
            return None
        texts: dict[int, Bilingual | None] = {}
        for key_node, value_node in node.value:
            level = self._level_key(key_node, path, texts)
            if level is not None:
                texts[level] = self.bilingual(Field(key_node, value_node), child(path, level))
        missing = [str(level) for level in LEVELS if level not in texts]
        if missing:
            self.add(
                path,
                _("harus memuat kelima tingkat 1 sampai 5; tidak ada %(missing)s")
                % {"missing": ", ".join(missing)},
                item.line,
            )
            return None
        if any(text is None for text in texts.values()):
            return None
        return {level: text for level, text in sorted(texts.items()) if text is not None}

    def _level_key(
        self, key_node: Node, path: str, seen: dict[int, Bilingual | None]
    ) -> int | None:
        """The level a key of a level mapping names; ``None`` (reported) if unknown or repeated."""
        level = None
        if isinstance(key_node, ScalarNode) and key_node.tag == m.TAG_INT:
            level = int(self._constructor.construct_yaml_int(key_node))
        if level not in LEVELS:
            key_text = key_node.value if isinstance(key_node, ScalarNode) else "?"
            self.add(
                child(path, key_text),
                _("tingkat tidak dikenal; tingkat yang ada 1 sampai 5"),
                line_of(key_node),
            )
            return None
        assert level is not None
        if level in seen:
            self.add(child(path, level), _("tingkat berulang"), line_of(key_node))
            return None
        return level

    # Numbers in fours -------------------------------------------------------------------------

    def ascending_four(self, item: Field, path: str, what: m.Text) -> tuple[Decimal, ...] | None:
        """Four strictly ascending numbers; ``what`` is the rule as the message states it."""
        node = item.value
        if not isinstance(node, SequenceNode):
            self.add(path, m.must_be(what, m.describe(node)), item.line)
            return None
        values: list[Decimal] = []
        for index, value_node in enumerate(node.value):
            value = self.number(value_node, f"{path}[{index}]")
            if value is not None:
                values.append(value)
        if len(values) != len(node.value):
            return None
        if len(values) != 4:
            self.add(path, m.must_be(what, m.count_of_numbers(len(values))), item.line)
            return None
        for before, after in zip(values, values[1:], strict=False):
            if after <= before:
                self.add(
                    path,
                    _(
                        "harus berupa %(what)s, masing-masing lebih besar dari yang sebelumnya; "
                        "%(after)s tertulis sesudah %(before)s"
                    )
                    % {"what": what, "after": decimal_text(after), "before": decimal_text(before)},
                    item.line,
                )
                return None
        return tuple(values)
