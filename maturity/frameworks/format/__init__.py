"""Read, check and write the framework file described in FRAMEWORK_FORMAT.md.

A framework version is one YAML file. :func:`parse_framework` turns its text into a
:class:`FrameworkSpec`, or refuses the whole file with a :class:`FrameworkFormatError` that lists
every problem found, each by its path in the file
(``elements[1].themes[0].indicators[3].thresholds``), its line and a message in the language of
the request. :func:`dump_framework` writes a spec in the canonical form, so that
``dump_framework(parse_framework(dump_framework(spec)))`` equals ``dump_framework(spec)`` byte for
byte.

By step: :mod:`.spec` (what a file states), :mod:`.reader` (YAML nodes into values, with
positions), :mod:`.validation` (the rules on the values), :mod:`.tree` (the whole file),
:mod:`.writer` (the canonical file), :mod:`.problems` and :mod:`.messages` (what a refusal says).
No database: the importer, the exporter, the API and the tests share this one definition.
"""

from maturity.frameworks.format.problems import FrameworkFormatError, Problem
from maturity.frameworks.format.spec import (
    DIRECTIONS,
    KINDS,
    LEVELS,
    Bilingual,
    ElementSpec,
    FrameworkSpec,
    IndicatorSpec,
    LensGroupSpec,
    LensSpec,
    ThemeSpec,
)
from maturity.frameworks.format.tree import parse_framework
from maturity.frameworks.format.writer import dump_framework

__all__ = [
    "DIRECTIONS",
    "KINDS",
    "LEVELS",
    "Bilingual",
    "ElementSpec",
    "FrameworkFormatError",
    "FrameworkSpec",
    "IndicatorSpec",
    "LensGroupSpec",
    "LensSpec",
    "Problem",
    "ThemeSpec",
    "dump_framework",
    "parse_framework",
]
