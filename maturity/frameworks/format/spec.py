"""The framework file's specification: what a file states, as plain frozen dataclasses."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Final

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

DEFAULT_YES_LEVEL: Final = 5
DEFAULT_NO_LEVEL: Final = 1


@dataclass(frozen=True)
class Bilingual:
    """A text of the framework in Bahasa Indonesia (``id``) and English (``en``): data the file
    states in both languages, picked by the reader's language when shown."""

    id: str
    en: str

    def __bool__(self) -> bool:
        return bool(self.id or self.en)

    def in_language(self, language: str) -> str:
        """The English text for a language code starting with ``en``, the Indonesian otherwise."""
        return self.en if language.startswith("en") else self.id


NO_TEXT: Final = Bilingual("", "")


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
    guidance: Bilingual = NO_TEXT
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
class LensGroupSpec:
    """A group of a lens: whole themes and single indicators, by code (SCORING.md §9)."""

    code: str
    title: Bilingual
    weight: Decimal = Decimal(1)
    themes: tuple[str, ...] = ()
    indicators: tuple[str, ...] = ()


@dataclass(frozen=True)
class LensSpec:
    """Another grouping of the version's own indicators (e.g. the ASCN focus areas)."""

    code: str
    title: Bilingual
    groups: tuple[LensGroupSpec, ...] = ()


@dataclass(frozen=True)
class FrameworkSpec:
    """A whole framework version as the file states it."""

    code: str
    version: str
    title: Bilingual
    description: Bilingual = NO_TEXT
    previous: str | None = None
    levels: dict[int, Bilingual] = field(default_factory=dict)
    index_bands: tuple[Decimal, ...] = ()
    elements: tuple[ElementSpec, ...] = ()
    lenses: tuple[LensSpec, ...] = ()

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


def lenses_to_data(lenses: tuple[LensSpec, ...]) -> list[dict[str, Any]]:
    """Lenses as the JSON a framework version stores (weights as decimal strings)."""
    return [
        {
            "code": lens.code,
            "title": {"id": lens.title.id, "en": lens.title.en},
            "groups": [
                {
                    "code": group.code,
                    "title": {"id": group.title.id, "en": group.title.en},
                    "weight": decimal_text(group.weight),
                    "themes": list(group.themes),
                    "indicators": list(group.indicators),
                }
                for group in lens.groups
            ],
        }
        for lens in lenses
    ]


def lenses_from_data(data: Any) -> tuple[LensSpec, ...]:
    """The inverse of :func:`lenses_to_data`."""
    return tuple(
        LensSpec(
            code=lens["code"],
            title=Bilingual(lens["title"]["id"], lens["title"]["en"]),
            groups=tuple(
                LensGroupSpec(
                    code=group["code"],
                    title=Bilingual(group["title"]["id"], group["title"]["en"]),
                    weight=Decimal(group["weight"]),
                    themes=tuple(group["themes"]),
                    indicators=tuple(group["indicators"]),
                )
                for group in lens["groups"]
            ),
        )
        for lens in data or ()
    )


def decimal_text(value: Decimal) -> str:
    """The shortest plain decimal notation: ``20``, ``1.8``, ``0.00001``; never an exponent."""
    if not value.is_finite():
        raise ValueError(f"not a finite number: {value}")
    if value == 0:
        return "0"
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text
