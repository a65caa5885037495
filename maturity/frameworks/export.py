"""A framework version back to its YAML file, and the problems a draft would have if published."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

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
from maturity.frameworks.format.spec import lenses_from_data
from maturity.frameworks.models import Framework, Indicator
from maturity.frameworks.selectors import framework_tree


def _bilingual(id_text: str, en_text: str) -> Bilingual:
    return Bilingual(id=id_text, en=en_text)


def _indicator_spec(ind: Indicator) -> IndicatorSpec:
    return IndicatorSpec(
        code=ind.code,
        title=_bilingual(ind.title_id, ind.title_en),
        kind=ind.kind,
        iso37122=ind.iso37122 or None,
        guidance=_bilingual(ind.guidance_id, ind.guidance_en),
        unit=ind.unit or None,
        direction=ind.direction or None,
        thresholds=tuple(Decimal(t) for t in ind.thresholds) if ind.thresholds else None,
        allow_negative=ind.allow_negative,
        rubric={int(k): _bilingual(v["id"], v["en"]) for k, v in ind.rubric.items()}
        if ind.rubric
        else None,
        yes_level=ind.yes_level,
        no_level=ind.no_level,
        weight=Decimal(ind.weight).normalize(),
        required=ind.required,
        evidence_required=ind.evidence_required,
        continues=ind.continues or None,
    )


def spec_from_framework(framework: Framework) -> FrameworkSpec:
    """The framework as a spec, ready to dump; reads the tree in four queries."""
    tree = framework_tree(framework.pk)
    elements = tuple(
        ElementSpec(
            code=element.code,
            title=_bilingual(element.title_id, element.title_en),
            weight=Decimal(element.weight).normalize(),
            themes=tuple(
                ThemeSpec(
                    code=theme.code,
                    title=_bilingual(theme.title_id, theme.title_en),
                    weight=Decimal(theme.weight).normalize(),
                    indicators=tuple(_indicator_spec(ind) for ind in theme.indicators.all()),
                )
                for theme in element.themes.all()
            ),
        )
        for element in tree.elements.all()
    )
    return FrameworkSpec(
        code=tree.code,
        version=tree.version,
        title=_bilingual(tree.title_id, tree.title_en),
        description=_bilingual(tree.description_id, tree.description_en),
        previous=tree.previous_version or None,
        levels={int(k): _bilingual(v["id"], v["en"]) for k, v in tree.levels.items()},
        index_bands=tuple(Decimal(b) for b in tree.index_bands),
        elements=elements,
        lenses=lenses_from_data(framework.lenses),
    )


def export_framework(framework: Framework) -> str:
    """The framework as canonical YAML: importing it gives an identical framework."""
    return dump_framework(spec_from_framework(framework))


def export_filename(framework: Framework) -> str:
    """The file name an export is offered under, e.g. ``smkc-2026.1.yaml``."""
    safe_version = "".join(c if c.isalnum() or c in ".-_" else "_" for c in framework.version)
    return f"{framework.code}-{safe_version}.yaml"


def framework_problems(framework: Framework) -> list[Problem]:
    """What keeps a (draft) version from being a valid file: its export read back by the format.

    Empty for anything imported; a draft edited in the admin may have broken a rule. Paths and
    lines refer to the exported file.
    """
    try:
        text = export_framework(framework)
    except (ValueError, TypeError, KeyError, AttributeError, InvalidOperation) as error:
        return [
            Problem(
                path="(file)",
                message=_("tidak dapat ditulis sebagai berkas: %(error)s") % {"error": repr(error)},
            )
        ]
    try:
        parse_framework(text)
    except FrameworkFormatError as error:
        return error.problems
    return []
