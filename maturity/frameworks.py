"""Framework versions: import from the YAML file, export back, publish, retire, copy.

Services write (keyword-only); selectors read. The YAML format itself lives in
:mod:`maturity.framework_format`; this module maps it onto the database and back.

Life of a version: ``draft`` (editable: by re-import under another version, or in the admin)
→ ``published`` (immutable; cycles are run on it) → ``retired`` (still immutable and readable, so
that every assessment made on it stays readable). A new version starts as a copy of a published
one (:func:`copy_framework`).

Who reads what (the one policy is :mod:`cities.access`): ministry admins
(``access.MANAGE_FRAMEWORKS``) see every version, drafts included; anyone else signed in sees the
published and retired ones only (:func:`visible_frameworks`).
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from cities import access
from maturity.framework_format import (
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
from maturity.models import Element, Framework, FrameworkStatus, Indicator, Theme

DEFAULT_FRAMEWORK_PATH = Path(__file__).resolve().parent / "data" / "default_framework.yaml"

# Statuses a person without MANAGE_FRAMEWORKS may read.
PUBLIC_STATUSES = (FrameworkStatus.PUBLISHED, FrameworkStatus.RETIRED)


class FrameworkConflict(Exception):
    """The framework's status does not allow what was asked (the API answers 409)."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


class FrameworkImmutable(FrameworkConflict):
    """A published or retired framework version cannot be changed."""


def _decimal_text(value: Decimal) -> str:
    """The plain decimal notation without trailing zeros: ``20``, ``1.8``, ``100``."""
    text = format(value.normalize(), "f")
    return text


def _duplicate_version(code: str, version: str) -> ValidationError:
    return ValidationError(
        {
            "version": [
                f"Kerangka {code} versi {version} sudah ada. / "
                f"Framework {code} version {version} already exists."
            ]
        }
    )


# --- Services -------------------------------------------------------------------------------------


@transaction.atomic
def create_framework_from_spec(
    *, spec: FrameworkSpec, publish: bool = False, user: User | None = None
) -> Framework:
    """Write a validated spec as a new framework version (draft unless ``publish``).

    Raises ValidationError naming ``version`` when the code and version exist already.
    """
    if Framework.objects.filter(code=spec.code, version=spec.version).exists():
        raise _duplicate_version(spec.code, spec.version)
    now = timezone.now()
    try:
        with transaction.atomic():
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
    except IntegrityError:  # the same version written at the same moment by someone else
        raise _duplicate_version(spec.code, spec.version)
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
                framework=framework,
                code=e.code,
                title_id=e.title.id,
                title_en=e.title.en,
                weight=e.weight,
                position=i,
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
                    framework=framework,
                    element=element,
                    code=theme_spec.code,
                    title_id=theme_spec.title.id,
                    title_en=theme_spec.title.en,
                    weight=theme_spec.weight,
                    position=len(themes),
                )
            )
            theme_specs.append(theme_spec)
    themes = Theme.objects.bulk_create(themes)
    indicators: list[Indicator] = []
    for theme, theme_spec in zip(themes, theme_specs, strict=True):
        for spec_i in theme_spec.indicators:
            # Without ``continues``, an indicator continues the previous version's namesake.
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
                    rubric={
                        str(k): {"id": v.id, "en": v.en} for k, v in sorted(spec_i.rubric.items())
                    }
                    if spec_i.rubric is not None
                    else None,
                    yes_level=spec_i.yes_level,
                    no_level=spec_i.no_level,
                    weight=spec_i.weight,
                    required=spec_i.required,
                    evidence_required=spec_i.evidence_required,
                    continues=continues,
                    position=len(indicators),
                )
            )
    Indicator.objects.bulk_create(indicators, batch_size=500)
    return framework


def import_framework(
    *, text: str | bytes, publish: bool = False, user: User | None = None
) -> Framework:
    """Parse, validate and write a framework file.

    A bad file raises FrameworkFormatError (every problem, nothing written); an existing code and
    version raises ValidationError naming ``version``.
    """
    spec = parse_framework(text)
    return create_framework_from_spec(spec=spec, publish=publish, user=user)


def load_default_framework() -> tuple[Framework, bool]:
    """Load (published) the framework file shipped with the product, unless already there."""
    spec = parse_framework(DEFAULT_FRAMEWORK_PATH.read_bytes())
    existing = Framework.objects.filter(code=spec.code, version=spec.version).first()
    if existing is not None:
        return existing, False
    return create_framework_from_spec(spec=spec, publish=True), True


def ensure_editable(framework: Framework) -> None:
    """Refuse any change to a version that is no longer a draft (read from the database)."""
    status = Framework.objects.filter(pk=framework.pk).values_list("status", flat=True).first()
    if status is not None and status != FrameworkStatus.DRAFT:
        raise FrameworkImmutable(
            f"Kerangka {framework} sudah {FrameworkStatus(status).label.lower()} dan tidak dapat "
            f"diubah; salin menjadi versi baru. / Framework {framework} is {status} and cannot "
            "be changed; copy it as a new version."
        )


def _locked(framework: Framework) -> Framework:
    return Framework.objects.select_for_update().get(pk=framework.pk)


@transaction.atomic
def publish_framework(*, framework: Framework, user: User | None = None) -> Framework:
    """Draft → published, after checking the version against every rule of the file format.

    Raises FrameworkConflict unless it is a draft, and FrameworkFormatError when the draft (edited
    in the admin) breaks a rule; from then on the version is immutable.
    """
    locked = _locked(framework)
    if locked.status != FrameworkStatus.DRAFT:
        raise FrameworkConflict(
            f"Hanya draf yang dapat diterbitkan; {locked} berstatus {locked.status}. / "
            f"Only a draft can be published; {locked} is {locked.status}."
        )
    problems = framework_problems(locked)
    if problems:
        raise FrameworkFormatError(problems)
    locked.status = FrameworkStatus.PUBLISHED
    locked.published_at = timezone.now()
    locked.save(update_fields=["status", "published_at"])
    return locked


@transaction.atomic
def retire_framework(*, framework: Framework, user: User | None = None) -> Framework:
    """Published → retired. Nothing is deleted: cycles and assessments on it stay readable."""
    locked = _locked(framework)
    if locked.status != FrameworkStatus.PUBLISHED:
        raise FrameworkConflict(
            f"Hanya versi terbit yang dapat dipensiunkan; {locked} berstatus {locked.status}. / "
            f"Only a published version can be retired; {locked} is {locked.status}."
        )
    locked.status = FrameworkStatus.RETIRED
    locked.retired_at = timezone.now()
    locked.save(update_fields=["status", "retired_at"])
    return locked


@transaction.atomic
def copy_framework(*, framework: Framework, version: str, user: User | None = None) -> Framework:
    """A new draft ``version`` copied from a published (or retired) one.

    Its ``previous`` is the source's version and each indicator continues its namesake, so that
    results compare across versions. Raises FrameworkConflict for a draft source and
    ValidationError naming ``version`` for a bad or existing version.
    """
    if framework.status == FrameworkStatus.DRAFT:
        raise FrameworkConflict(
            f"Draf {framework} belum terbit; terbitkan dulu sebelum disalin. / "
            f"Draft {framework} is not published; publish it before copying it."
        )
    source = spec_from_framework(framework)
    spec = dataclasses.replace(
        source,
        version=version,
        previous=source.version,
        elements=tuple(
            dataclasses.replace(
                element,
                themes=tuple(
                    dataclasses.replace(
                        theme,
                        indicators=tuple(
                            dataclasses.replace(indicator, continues=indicator.code)
                            for indicator in theme.indicators
                        ),
                    )
                    for theme in element.themes
                ),
            )
            for element in source.elements
        ),
    )
    # Write the copy as a file and read it back: the new version string meets the same rules as
    # one typed in a file, and the copy is exactly what exporting it will give.
    try:
        spec = parse_framework(dump_framework(spec))
    except FrameworkFormatError as error:
        errors: dict[str, list[str]] = {}
        for problem in error.problems:
            field = "version" if problem.path == "version" else "file"
            errors.setdefault(field, []).append(
                str(problem) if field == "file" else problem.message
            )
        raise ValidationError(errors)
    return create_framework_from_spec(spec=spec, publish=False, user=user)


# --- Selectors ------------------------------------------------------------------------------------


def visible_frameworks(user: User | AnonymousUser) -> QuerySet[Framework]:
    """The versions ``user`` may read: all for ministry admins, else published and retired."""
    queryset = Framework.objects.order_by("code", "-created_at", "-id")
    if access.can(user, access.MANAGE_FRAMEWORKS):
        return queryset
    if not user.is_authenticated:
        return queryset.none()
    return queryset.filter(status__in=PUBLIC_STATUSES)


def with_tree(queryset: QuerySet[Framework]) -> QuerySet[Framework]:
    """Prefetch ``elements`` → ``themes`` → ``indicators`` in file order: four queries in all."""
    indicators = Indicator.objects.order_by("position")
    themes = Theme.objects.order_by("position").prefetch_related(
        Prefetch("indicators", queryset=indicators)
    )
    elements = Element.objects.order_by("position").prefetch_related(
        Prefetch("themes", queryset=themes)
    )
    return queryset.prefetch_related(Prefetch("elements", queryset=elements))


def framework_tree(framework_id: int) -> Framework:
    """A framework with ``elements.all()`` → ``themes.all()`` → ``indicators.all()`` prefetched
    in file order, in a constant number of queries (four)."""
    return with_tree(Framework.objects.all()).get(pk=framework_id)


def tree_indicators(framework: Framework) -> list[Indicator]:
    """Every indicator of a framework read by :func:`framework_tree`, in file order."""
    return [
        indicator
        for element in framework.elements.all()
        for theme in element.themes.all()
        for indicator in theme.indicators.all()
    ]


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
                message=(
                    f"tidak dapat ditulis sebagai berkas / cannot be written as a file: {error!r}"
                ),
            )
        ]
    try:
        parse_framework(text)
    except FrameworkFormatError as error:
        return error.problems
    return []
