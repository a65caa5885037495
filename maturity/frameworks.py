"""Framework versions: import from the YAML file, export back, publish, retire, copy.

Services write (keyword-only); selectors read. The YAML format itself lives in
:mod:`maturity.framework_format`; this module maps it onto the database and back.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from maturity.framework_format import (
    Bilingual,
    ElementSpec,
    FrameworkSpec,
    IndicatorSpec,
    ThemeSpec,
    dump_framework,
    parse_framework,
)
from maturity.models import Element, Framework, FrameworkStatus, Indicator, Theme

DEFAULT_FRAMEWORK_PATH = Path(__file__).resolve().parent / "data" / "default_framework.yaml"


class FrameworkImmutable(ValidationError):
    """A published or retired framework version cannot be changed."""


def _decimal_text(value: Decimal) -> str:
    normalized = value.normalize()
    text = format(normalized, "f")
    return text


@transaction.atomic
def create_framework_from_spec(
    *, spec: FrameworkSpec, publish: bool = False, user: User | None = None
) -> Framework:
    """Write a validated spec as a new framework version (draft unless ``publish``)."""
    if Framework.objects.filter(code=spec.code, version=spec.version).exists():
        raise ValidationError(
            {
                "version": [
                    f"Kerangka {spec.code} versi {spec.version} sudah ada. / "
                    f"Framework {spec.code} version {spec.version} already exists."
                ]
            }
        )
    now = timezone.now()
    framework = Framework.objects.create(
        code=spec.code,
        version=spec.version,
        title_id=spec.title.id,
        title_en=spec.title.en,
        description_id=spec.description.id,
        description_en=spec.description.en,
        previous_version=spec.previous or "",
        status=FrameworkStatus.PUBLISHED if publish else FrameworkStatus.DRAFT,
        published_at=now if publish else None,
        levels={str(k): {"id": v.id, "en": v.en} for k, v in sorted(spec.levels.items())},
        index_bands=[_decimal_text(b) for b in spec.index_bands],
        created_by=user,
    )
    previous_codes: set[str] = set()
    if spec.previous:
        previous_codes = set(
            Indicator.objects.filter(
                framework__code=spec.code, framework__version=spec.previous
            ).values_list("code", flat=True)
        )
    elements = Element.objects.bulk_create(
        [
            Element(
                framework=framework, code=e.code, title_id=e.title.id, title_en=e.title.en,
                weight=e.weight, position=i,
            )
            for i, e in enumerate(spec.elements)
        ]
    )
    themes: list[Theme] = []
    theme_specs: list[ThemeSpec] = []
    for element, element_spec in zip(elements, spec.elements, strict=True):
        for theme_spec in element_spec.themes:
            themes.append(
                Theme(
                    framework=framework, element=element, code=theme_spec.code,
                    title_id=theme_spec.title.id, title_en=theme_spec.title.en,
                    weight=theme_spec.weight, position=len(themes),
                )
            )
            theme_specs.append(theme_spec)
    themes = Theme.objects.bulk_create(themes)
    indicators: list[Indicator] = []
    for theme, theme_spec in zip(themes, theme_specs, strict=True):
        for spec_i in theme_spec.indicators:
            continues = spec_i.continues or (spec_i.code if spec_i.code in previous_codes else "")
            indicators.append(
                Indicator(
                    framework=framework,
                    theme=theme,
                    code=spec_i.code,
                    iso37122=spec_i.iso37122 or "",
                    title_id=spec_i.title.id,
                    title_en=spec_i.title.en,
                    guidance_id=spec_i.guidance.id,
                    guidance_en=spec_i.guidance.en,
                    kind=spec_i.kind,
                    unit=spec_i.unit or "",
                    direction=spec_i.direction or "",
                    thresholds=[_decimal_text(t) for t in spec_i.thresholds]
                    if spec_i.thresholds is not None
                    else None,
                    allow_negative=spec_i.allow_negative,
                    rubric={str(k): {"id": v.id, "en": v.en} for k, v in sorted(spec_i.rubric.items())}
                    if spec_i.rubric is not None
                    else None,
                    yes_level=spec_i.yes_level,
                    no_level=spec_i.no_level,
                    weight=spec_i.weight,
                    required=spec_i.required,
                    evidence_required=spec_i.evidence_required,
                    continues=continues if spec_i.continues or spec.previous else "",
                    position=len(indicators),
                )
            )
    Indicator.objects.bulk_create(indicators, batch_size=500)
    return framework


def import_framework(
    *, text: str | bytes, publish: bool = False, user: User | None = None
) -> Framework:
    """Parse, validate and write a framework file; a bad file raises FrameworkFormatError whole."""
    spec = parse_framework(text)
    return create_framework_from_spec(spec=spec, publish=publish, user=user)


def load_default_framework() -> tuple[Framework, bool]:
    """Load (published) the framework file shipped with the product, unless already there."""
    spec = parse_framework(DEFAULT_FRAMEWORK_PATH.read_bytes())
    existing = Framework.objects.filter(code=spec.code, version=spec.version).first()
    if existing is not None:
        return existing, False
    return create_framework_from_spec(spec=spec, publish=True), True


def framework_tree(framework_id: int) -> Framework:
    """A framework with its elements → themes → indicators, in a constant number of queries."""
    return Framework.objects.prefetch_related(
        Prefetch("elements", queryset=Element.objects.order_by("position")),
        Prefetch("themes", queryset=Theme.objects.order_by("position")),
        Prefetch("indicators", queryset=Indicator.objects.order_by("position")),
    ).get(pk=framework_id)


def _bilingual(id_text: str, en_text: str) -> Bilingual:
    return Bilingual(id=id_text, en=en_text)


def spec_from_framework(framework: Framework) -> FrameworkSpec:
    """The framework as a spec, ready to dump; reads the tree in three queries."""
    tree = framework_tree(framework.pk)
    themes_by_element: dict[int, list[Theme]] = {}
    for theme in tree.themes.all():
        themes_by_element.setdefault(theme.element_id, []).append(theme)
    indicators_by_theme: dict[int, list[Indicator]] = {}
    for indicator in tree.indicators.all():
        indicators_by_theme.setdefault(indicator.theme_id, []).append(indicator)

    def indicator_spec(ind: Indicator) -> IndicatorSpec:
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
                    indicators=tuple(
                        indicator_spec(ind) for ind in indicators_by_theme.get(theme.pk, [])
                    ),
                )
                for theme in themes_by_element.get(element.pk, [])
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
    )


def export_framework(framework: Framework) -> str:
    """The framework as canonical YAML: importing it gives an identical framework."""
    return dump_framework(spec_from_framework(framework))


def frameworks_for_listing() -> QuerySet[Framework]:
    return Framework.objects.order_by("code", "-created_at")
