"""Reading a framework file's ``lenses:``: other groupings of its own indicators (SCORING.md §9).

Read after the elements, so that every theme and indicator code a group names can be checked
against the ones the file defines. Every problem is named by its path, like the rest of the format.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Final

from django.utils.translation import gettext as _
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from maturity.frameworks.format import messages as m
from maturity.frameworks.format.reader import Field, child, line_of
from maturity.frameworks.format.spec import LensGroupSpec, LensSpec
from maturity.frameworks.format.validation import Registry, ValueReader

_LENS_KEYS: Final = ("code", "title", "groups")
_GROUP_KEYS: Final = ("code", "title", "weight", "themes", "indicators")


class LensReader(ValueReader):
    """The ``lenses:`` list. Subclasses fill ``_theme_codes`` and ``_indicator_codes`` first."""

    _theme_codes: Registry
    _indicator_codes: Registry

    def lenses(self, item: Field, path: str) -> tuple[LensSpec, ...] | None:
        nodes = self.items(item, path, m.LENS)
        if nodes is None:
            return None
        seen: Registry = {}
        lenses = [self._lens(node, f"{path}[{i}]", seen) for i, node in enumerate(nodes)]
        return None if None in lenses else tuple(lens for lens in lenses if lens is not None)

    def _lens(self, node: Node, path: str, seen: Registry) -> LensSpec | None:
        fields = self.fields(node, path, line_of(node), _LENS_KEYS, _LENS_KEYS)
        if not isinstance(node, MappingNode):
            return None
        code = self.code(fields["code"], child(path, "code")) if "code" in fields else None
        self.register(seen, m.LENS, code, fields.get("code"), path)
        title = self.bilingual(fields["title"], child(path, "title")) if "title" in fields else None
        groups = None
        if "groups" in fields:
            groups_path = child(path, "groups")
            nodes = self.items(fields["groups"], groups_path, m.GROUP)
            if nodes is not None:
                codes: Registry = {}
                found = [self._group(n, f"{groups_path}[{i}]", codes) for i, n in enumerate(nodes)]
                groups = None if None in found else tuple(g for g in found if g is not None)
        if code is None or title is None or groups is None:
            return None
        return LensSpec(code=code, title=title, groups=groups)

    def _group(self, node: Node, path: str, seen: Registry) -> LensGroupSpec | None:
        fields = self.fields(node, path, line_of(node), _GROUP_KEYS, ("code", "title"))
        if not isinstance(node, MappingNode):
            return None
        problems_before = len(self.problems)
        code = self.code(fields["code"], child(path, "code")) if "code" in fields else None
        self.register(seen, m.GROUP, code, fields.get("code"), path)
        title = self.bilingual(fields["title"], child(path, "title")) if "title" in fields else None
        weight = (
            self.weight(fields["weight"], child(path, "weight"))
            if "weight" in fields
            else Decimal(1)
        )
        themes = self._codes(
            fields.get("themes"), child(path, "themes"), self._theme_codes, m.THEME
        )
        indicators = self._codes(
            fields.get("indicators"), child(path, "indicators"), self._indicator_codes, m.INDICATOR
        )
        if themes == () and indicators == ():
            self.add(
                path,
                _("kelompok harus memuat sekurang-kurangnya satu tema atau indikator"),
                line_of(node),
            )
        if len(self.problems) > problems_before or None in (
            code,
            title,
            weight,
            themes,
            indicators,
        ):
            return None
        assert code is not None and title is not None and weight is not None
        return LensGroupSpec(
            code=code,
            title=title,
            weight=weight,
            themes=themes or (),
            indicators=indicators or (),
        )

    def _codes(
        self, item: Field | None, path: str, defined: Registry, noun: m.Noun
    ) -> tuple[str, ...] | None:
        """A list of codes the file defines (themes or indicators), each once; () if absent."""
        if item is None:
            return ()
        if not isinstance(item.value, SequenceNode):
            self.add(path, m.must_be(m.list_of(noun), m.describe(item.value)), item.line)
            return None
        codes: list[str] = []
        ok = True
        for index, node in enumerate(item.value.value):
            here = f"{path}[{index}]"
            value = node.value if isinstance(node, ScalarNode) else None
            if not isinstance(value, str) or value not in defined:
                shown = repr(value) if isinstance(value, str) else m.describe(node)
                self.add(
                    here,
                    _("%(what)s tidak dikenal dalam berkas ini: %(code)s")
                    % {"what": noun.one, "code": shown},
                    line_of(node),
                )
                ok = False
            elif value in codes:
                self.add(
                    here, _("kode berulang dalam daftar: %(code)s") % {"code": value}, line_of(node)
                )
                ok = False
            else:
                codes.append(value)
        return tuple(codes) if ok else None
