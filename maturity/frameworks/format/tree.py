"""Reading a whole framework file: the top level, then elements → themes → indicators."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Final

import yaml
from django.utils.translation import gettext as _
from yaml.nodes import MappingNode, Node

from maturity.frameworks.format import messages as m
from maturity.frameworks.format.lenses import LensReader
from maturity.frameworks.format.problems import FILE_PATH, FrameworkFormatError
from maturity.frameworks.format.reader import Field, child, line_of
from maturity.frameworks.format.spec import (
    DEFAULT_NO_LEVEL,
    DEFAULT_YES_LEVEL,
    DIRECTIONS,
    MAX_UNIT_LENGTH,
    NO_TEXT,
    PERCENT,
    Bilingual,
    ElementSpec,
    FrameworkSpec,
    IndicatorSpec,
    ThemeSpec,
)
from maturity.frameworks.format.validation import Registry

_FRAMEWORK_KEYS: Final = (
    "code",
    "version",
    "previous",
    "title",
    "description",
    "levels",
    "index_bands",
    "elements",
    "lenses",
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


def parse_framework(text: str | bytes) -> FrameworkSpec:
    """Read a framework file and return its spec.

    Raises :class:`FrameworkFormatError` listing every problem in the file when any rule of
    FRAMEWORK_FORMAT.md is broken; nothing is returned for a partly valid file. The problems
    read in the language of the request.
    """
    reader = FrameworkReader()
    spec = reader.read(text)
    if reader.problems or spec is None:
        raise FrameworkFormatError(reader.problems)
    return spec


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


@dataclass(frozen=True)
class _IndicatorHead:
    """What every indicator states, whatever its kind."""

    code: str | None
    title: Bilingual | None
    iso37122: str | None
    guidance: Bilingual
    weight: Decimal
    required: bool
    evidence_required: bool
    continues: str | None


class FrameworkReader(LensReader):
    """Walks the composed YAML node tree, collecting problems and building the spec."""

    def __init__(self) -> None:
        super().__init__()
        self._element_codes: Registry = {}
        self._theme_codes: Registry = {}
        self._indicator_codes: Registry = {}

    # The file and its top level ---------------------------------------------------------------

    def read(self, text: str | bytes) -> FrameworkSpec | None:
        try:
            root = yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.YAMLError as exc:
            self._syntax_problem(exc)
            return None
        if root is None:
            self.add(FILE_PATH, _("berkas kosong; yang diharapkan pemetaan kerangka"), None)
            return None
        if not isinstance(root, MappingNode):
            what = m.mapping_with_keys(", ".join(_FRAMEWORK_REQUIRED))
            self.add(FILE_PATH, m.must_be(what, m.describe(root)), 1)
            return None
        return self._framework(root)

    def _syntax_problem(self, exc: yaml.YAMLError) -> None:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        if isinstance(exc, yaml.MarkedYAMLError):
            detail = " ".join(part for part in (exc.context, exc.problem) if part)
        else:
            detail = str(exc).splitlines()[0]
        line = int(mark.line) + 1 if mark is not None else None
        self.add(FILE_PATH, _("bukan YAML yang sah: %(detail)s") % {"detail": detail}, line)

    def _framework(self, root: MappingNode) -> FrameworkSpec | None:
        fields = self.fields(root, "", None, _FRAMEWORK_KEYS, _FRAMEWORK_REQUIRED)
        read: dict[str, Callable[[Field, str], Any]] = {
            "code": self.framework_code,
            "version": self.version,
            "previous": self.version,
            "title": self.bilingual,
            "description": self.bilingual,
            "levels": self.level_texts,
            "index_bands": self.index_bands,
            "elements": self._elements,
            "lenses": self.lenses,  # after the elements: it names their themes and indicators
        }
        values = {key: read[key](fields[key], key) for key in read if key in fields}
        if any(values.get(key) is None for key in _FRAMEWORK_REQUIRED):
            return None
        return FrameworkSpec(
            code=values["code"],
            version=values["version"],
            title=values["title"],
            description=values.get("description") or NO_TEXT,
            previous=values.get("previous"),
            levels=values["levels"],
            index_bands=values["index_bands"],
            elements=values["elements"],
            lenses=values.get("lenses") or (),
        )

    # Elements and themes --------------------------------------------------------------------

    def _elements(self, item: Field, path: str) -> tuple[ElementSpec, ...] | None:
        nodes = self.items(item, path, m.ELEMENT)
        if nodes is None:
            return None
        elements = [self._element(node, f"{path}[{index}]") for index, node in enumerate(nodes)]
        return None if None in elements else tuple(e for e in elements if e is not None)

    def _element(self, node: Node, path: str) -> ElementSpec | None:
        fields = self.fields(node, path, line_of(node), _ELEMENT_KEYS, ("code", "title", "themes"))
        if not isinstance(node, MappingNode):
            return None
        code, title, weight = self._heading(fields, path, self._element_codes, m.ELEMENT)
        themes = self._children(fields, "themes", path, m.THEME, self._theme)
        if code is None or title is None or weight is None or themes is None:
            return None
        return ElementSpec(code=code, title=title, weight=weight, themes=themes)

    def _theme(self, node: Node, path: str) -> ThemeSpec | None:
        fields = self.fields(
            node, path, line_of(node), _THEME_KEYS, ("code", "title", "indicators")
        )
        if not isinstance(node, MappingNode):
            return None
        code, title, weight = self._heading(fields, path, self._theme_codes, m.THEME)
        indicators = self._children(fields, "indicators", path, m.INDICATOR, self._indicator)
        if code is None or title is None or weight is None or indicators is None:
            return None
        return ThemeSpec(code=code, title=title, weight=weight, indicators=indicators)

    def _heading(
        self, fields: dict[str, Field], path: str, registry: Registry, noun: m.Noun
    ) -> tuple[str | None, Bilingual | None, Decimal | None]:
        """The code (registered against duplicates), title and weight an element or theme has."""
        code = self.code(fields["code"], child(path, "code")) if "code" in fields else None
        self.register(registry, noun, code, fields.get("code"), path)
        title = self.bilingual(fields["title"], child(path, "title")) if "title" in fields else None
        weight = (
            self.weight(fields["weight"], child(path, "weight"))
            if "weight" in fields
            else Decimal(1)
        )
        return code, title, weight

    def _children(
        self,
        fields: dict[str, Field],
        key: str,
        path: str,
        noun: m.Noun,
        read: Callable[[Node, str], Any | None],
    ) -> tuple[Any, ...] | None:
        """The themes of an element or the indicators of a theme; None if any is broken."""
        if key not in fields:
            return None
        list_path = child(path, key)
        nodes = self.items(fields[key], list_path, noun)
        if nodes is None:
            return None
        found = [read(n, f"{list_path}[{i}]") for i, n in enumerate(nodes)]
        return None if None in found else tuple(found)

    # Indicators -----------------------------------------------------------------------------

    def _indicator(self, node: Node, path: str) -> IndicatorSpec | None:
        problems_before = len(self.problems)
        fields = self.fields(node, path, line_of(node), _INDICATOR_KEYS, ("code", "title", "kind"))
        if not isinstance(node, MappingNode):
            return None
        head = self._indicator_head(fields, path)
        kind = self.kind(fields["kind"], child(path, "kind")) if "kind" in fields else None
        if kind is None:
            return None  # without a kind, its fields cannot be judged
        kind_values = self._kind_fields(fields, path, kind)
        failed = len(self.problems) > problems_before
        if failed or head.code is None or head.title is None or kind_values is None:
            return None
        return IndicatorSpec(
            code=head.code,
            title=head.title,
            kind=kind,
            iso37122=head.iso37122,
            guidance=head.guidance,
            weight=head.weight,
            required=head.required,
            evidence_required=head.evidence_required,
            continues=head.continues,
            unit=kind_values.unit,
            direction=kind_values.direction,
            thresholds=kind_values.thresholds,
            allow_negative=kind_values.allow_negative,
            rubric=kind_values.rubric,
            yes_level=kind_values.yes_level,
            no_level=kind_values.no_level,
        )

    def _indicator_head(self, fields: dict[str, Field], path: str) -> _IndicatorHead:
        """The fields every kind of indicator has (code, title, clause, guidance, weight, flags,
        the indicator it continues)."""

        def read(key: str, reader: Callable[[Field, str], Any]) -> Any:
            return reader(fields[key], child(path, key)) if key in fields else None

        code = read("code", self.code)
        self.register(self._indicator_codes, m.INDICATOR, code, fields.get("code"), path)
        title = read("title", self.bilingual)
        iso37122 = read("iso37122", self.iso_clause)
        guidance = read("guidance", self.bilingual) or NO_TEXT
        weight = read("weight", self.weight) or Decimal(1)
        flags = {"required": True, "evidence_required": False}
        for name in flags:
            if name in fields:
                flags[name] = bool(self.flag(fields[name], child(path, name)))
        return _IndicatorHead(
            code=code,
            title=title,
            iso37122=iso37122,
            guidance=guidance,
            weight=weight,
            required=flags["required"],
            evidence_required=flags["evidence_required"],
            continues=read("continues", self.code),
        )

    def _kind_fields(self, fields: dict[str, Field], path: str, kind: str) -> _KindFields | None:
        """The fields of the indicator's kind; a field of another kind is a problem."""
        for other, keys in _KIND_KEYS.items():
            for key in keys:
                if other != kind and key in fields:
                    self.add(
                        child(path, key),
                        _("hanya untuk indikator %(other)s; indikator ini berjenis %(kind)s")
                        % {"other": other, "kind": kind},
                        fields[key].line,
                    )
        if kind == "quantitative":
            return self._quantitative(fields, path)
        if kind == "rubric":
            return self._rubric(fields, path)
        return self._binary(fields, path)

    def _quantitative(self, fields: dict[str, Field], path: str) -> _KindFields | None:
        ok = True
        for key in ("unit", "direction", "thresholds"):
            if key not in fields:
                self.add(
                    child(path, key),
                    _("kunci wajib untuk indikator quantitative tidak ada"),
                    fields["kind"].line,
                )
                ok = False
        unit = self._unit(fields["unit"], child(path, "unit")) if "unit" in fields else None
        direction = None
        if "direction" in fields:
            direction = self._direction(fields["direction"], child(path, "direction"))
        allow_negative: bool | None = False
        if "allow_negative" in fields:
            allow_negative = self.flag(fields["allow_negative"], child(path, "allow_negative"))
        thresholds = None
        if "thresholds" in fields:
            item = fields["thresholds"]
            thresholds = self.ascending_four(item, child(path, "thresholds"), m.FOUR_ASCENDING)
            if thresholds is not None:
                thresholds = self.threshold_range(item, path, thresholds, unit, allow_negative)
        if unit == PERCENT and allow_negative:
            self.add(
                child(path, "allow_negative"),
                _("tidak boleh true untuk satuan %, yang nilainya dalam rentang 0–100"),
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

    def _unit(self, item: Field, path: str) -> str | None:
        unit = self.text(item, path, m.A_UNIT)
        if unit is not None and len(unit) > MAX_UNIT_LENGTH:
            self.add(path, m.too_long(MAX_UNIT_LENGTH), item.line)
            return None
        return unit

    def _direction(self, item: Field, path: str) -> str | None:
        direction = self.text(item, path, m.A_DIRECTION)
        if direction is not None and direction not in DIRECTIONS:
            self.add(path, m.must_be(m.A_DIRECTION, repr(direction)), item.line)
            return None
        return direction

    def _rubric(self, fields: dict[str, Field], path: str) -> _KindFields | None:
        if "rubric" not in fields:
            self.add(
                child(path, "rubric"),
                _("kunci wajib untuk indikator rubric tidak ada"),
                fields["kind"].line,
            )
            return None
        rubric = self.level_texts(fields["rubric"], child(path, "rubric"))
        return None if rubric is None else _KindFields(rubric=rubric)

    def _binary(self, fields: dict[str, Field], path: str) -> _KindFields | None:
        levels = {"yes_level": DEFAULT_YES_LEVEL, "no_level": DEFAULT_NO_LEVEL}
        ok = True
        for key in levels:
            if key in fields:
                level = self.level(fields[key], child(path, key))
                if level is None:
                    ok = False
                else:
                    levels[key] = level
        if not ok:
            return None
        return _KindFields(yes_level=levels["yes_level"], no_level=levels["no_level"])
