"""The rules on the values a framework file states: codes, versions, weights, clause numbers,
kinds, index bands and thresholds, and codes that must not repeat."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _
from yaml.nodes import Node, ScalarNode

from maturity.frameworks.format import messages as m
from maturity.frameworks.format.reader import Field, NodeReader, child, line_of
from maturity.frameworks.format.spec import (
    CODE_PATTERN,
    FRAMEWORK_CODE_PATTERN,
    KINDS,
    MAX_CODE_LENGTH,
    MAX_ISO_CLAUSE_LENGTH,
    MAX_VERSION_LENGTH,
    MAX_WEIGHT,
    MAX_WEIGHT_DECIMALS,
    PERCENT,
    decimal_text,
)

#: Where each code was first seen: its path and line.
Registry = dict[str, tuple[str, int | None]]


def _is_number(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.tag in (m.TAG_INT, m.TAG_FLOAT)


class ValueReader(NodeReader):
    """:class:`NodeReader` plus the rules on each kind of value."""

    def code(self, item: Field, path: str) -> str | None:
        code = self.text(item, path, m.A_CODE)
        if code is None:
            return None
        if not CODE_PATTERN.fullmatch(code):
            self.add(
                path,
                _(
                    "harus berupa kode dari huruf, angka, '.', '_' dan '-' yang diawali huruf "
                    "atau angka; tertulis %(code)s"
                )
                % {"code": repr(code)},
                item.line,
            )
            return None
        if len(code) > MAX_CODE_LENGTH:
            self.add(path, m.too_long(MAX_CODE_LENGTH), item.line)
            return None
        return code

    def framework_code(self, item: Field, path: str) -> str | None:
        code = self.text(item, path, m.A_SLUG)
        if code is None:
            return None
        if not FRAMEWORK_CODE_PATTERN.fullmatch(code) or len(code) > MAX_CODE_LENGTH:
            self.add(
                path,
                _(
                    "harus berupa slug dari huruf kecil, angka dan '-' yang diawali huruf atau "
                    "angka, paling panjang %(limit)s karakter; tertulis %(code)s"
                )
                % {"limit": MAX_CODE_LENGTH, "code": repr(code)},
                item.line,
            )
            return None
        return code

    def version(self, item: Field, path: str) -> str | None:
        if _is_number(item.value):
            # YAML would read 2026.10 as the number 2026.1: a version must be written as text.
            self.add(path, m.quoted_not_number(item.value.value), item.line)
            return None
        version = self.text(item, path, m.A_VERSION)
        if version is not None and len(version) > MAX_VERSION_LENGTH:
            self.add(path, m.too_long(MAX_VERSION_LENGTH), item.line)
            return None
        return version

    def iso_clause(self, item: Field, path: str) -> str | None:
        if _is_number(item.value):
            # YAML would read 5.10 as 5.1: a clause must be written as text.
            self.add(path, m.quoted_not_number(item.value.value), item.line)
            return None
        clause = self.text(item, path, m.A_CLAUSE)
        if clause is not None and len(clause) > MAX_ISO_CLAUSE_LENGTH:
            self.add(path, m.too_long(MAX_ISO_CLAUSE_LENGTH), item.line)
            return None
        return clause

    def weight(self, item: Field, path: str) -> Decimal | None:
        weight = self.number(item, path, m.A_POSITIVE_NUMBER)
        if weight is None:
            return None
        if weight <= 0:
            self.add(path, m.must_be(m.A_POSITIVE_NUMBER, decimal_text(weight)), item.line)
            return None
        exponent = weight.normalize().as_tuple().exponent
        if weight >= MAX_WEIGHT or (isinstance(exponent, int) and -exponent > MAX_WEIGHT_DECIMALS):
            self.add(
                path,
                _(
                    "harus di bawah %(limit)s dengan paling banyak %(decimals)s angka desimal; "
                    "tertulis %(got)s"
                )
                % {
                    "limit": decimal_text(MAX_WEIGHT),
                    "decimals": MAX_WEIGHT_DECIMALS,
                    "got": decimal_text(weight),
                },
                item.line,
            )
            return None
        return weight

    def kind(self, item: Field, path: str) -> str | None:
        what = m.one_of(", ".join(KINDS))
        kind = self.text(item, path, what)
        if kind is not None and kind not in KINDS:
            self.add(path, m.must_be(what, repr(kind)), item.line)
            return None
        return kind

    def index_bands(self, item: Field, path: str) -> tuple[Decimal, ...] | None:
        bands = self.ascending_four(item, path, m.FOUR_BANDS)
        if bands is None:
            return None
        nodes = item.value.value
        outside = [(i, band) for i, band in enumerate(bands) if not 0 <= band <= 5]
        for index, band in outside:
            self.add(
                f"{path}[{index}]",
                _("harus dalam rentang 0–5; tertulis %(got)s") % {"got": decimal_text(band)},
                line_of(nodes[index]),
            )
        return None if outside else bands

    def threshold_range(
        self,
        item: Field,
        path: str,
        thresholds: tuple[Decimal, ...],
        unit: str | None,
        allow_negative: bool | None,
    ) -> tuple[Decimal, ...] | None:
        """Thresholds a value can reach: within 0–100 for %, not negative unless allowed."""
        ok = True
        for index, (threshold, node) in enumerate(zip(thresholds, item.value.value, strict=True)):
            here = f"{child(path, 'thresholds')}[{index}]"
            got = decimal_text(threshold)
            if unit == PERCENT and not 0 <= threshold <= 100:
                message = _("harus dalam rentang 0–100 untuk satuan %%; tertulis %(got)s")
            elif threshold < 0 and allow_negative is False:
                message = _(
                    "tidak boleh negatif kecuali allow_negative bernilai true; tertulis %(got)s"
                )
            else:
                continue
            self.add(here, message % {"got": got}, line_of(node))
            ok = False
        return thresholds if ok else None

    def register(
        self, seen: Registry, noun: m.Noun, code: str | None, item: Field | None, path: str
    ) -> None:
        """Remember where ``code`` was first written; report it when written again."""
        if code is None or item is None:
            return
        if code in seen:
            first_path, first_line = seen[code]
            self.add(
                child(path, "code"),
                m.duplicate_code(noun, code, first_path, first_line),
                item.line,
            )
        else:
            seen[code] = (path, item.line)
