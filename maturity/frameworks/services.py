"""Framework versions: import from YAML, publish, retire, copy; published versions never change."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cities import errors
from maturity.frameworks.export import framework_problems, spec_from_framework
from maturity.frameworks.format import (
    FrameworkFormatError,
    FrameworkSpec,
    IndicatorSpec,
    ThemeSpec,
    dump_framework,
    parse_framework,
)
from maturity.frameworks.format.spec import lenses_to_data
from maturity.frameworks.models import Element, Framework, FrameworkStatus, Indicator, Theme

DEFAULT_FRAMEWORK_PATH = Path(__file__).resolve().parent.parent / "data" / "default_framework.yaml"


class FrameworkConflict(errors.Conflict):
    """The framework's status does not allow what was asked (the API answers 409)."""

    default_code = "transition_not_allowed"


class FrameworkImmutable(FrameworkConflict):
    """A published or retired framework version cannot be changed."""

    default_code = "framework_immutable"


def _decimal_text(value: Decimal) -> str:
    """The plain decimal notation without trailing zeros: ``20``, ``1.8``, ``100``."""
    text = format(value.normalize(), "f")
    return text


def _duplicate_version(code: str, version: str) -> errors.Invalid:
    message = _("Kerangka %(code)s versi %(version)s sudah ada.") % {
        "code": code,
        "version": version,
    }
    return errors.Invalid({"version": [message]}, code="duplicate_version")


# --- Services -------------------------------------------------------------------------------------


@transaction.atomic
def create_framework_from_spec(
    *, spec: FrameworkSpec, publish: bool = False, user: User | None = None
) -> Framework:
    """Write a validated spec as a new framework version (draft unless ``publish``).

    Raises :class:`~cities.errors.Invalid` (``duplicate_version``) naming ``version`` when the
    code and version exist already.
    """
    if Framework.objects.filter(code=spec.code, version=spec.version).exists():
        raise _duplicate_version(spec.code, spec.version)
    framework = _create_version(spec, publish=publish, user=user)
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
    themes, theme_specs = _create_themes(framework, elements, spec)
    previous_codes: set[str] = set()
    if spec.previous:
        previous_codes = set(
            Indicator.objects.filter(
                framework__code=spec.code, framework__version=spec.previous
            ).values_list("code", flat=True)
        )
    indicators: list[Indicator] = []
    for theme, theme_spec in zip(themes, theme_specs, strict=True):
        for indicator_spec in theme_spec.indicators:
            # Without ``continues``, an indicator continues the previous version's namesake.
            continues = indicator_spec.continues or (
                indicator_spec.code if indicator_spec.code in previous_codes else ""
            )
            indicators.append(
                _indicator(indicator_spec, theme, continues=continues, position=len(indicators))
            )
    Indicator.objects.bulk_create(indicators, batch_size=500)
    return framework


def _create_version(spec: FrameworkSpec, *, publish: bool, user: User | None) -> Framework:
    """The framework row; a version written at the same moment by someone else is a duplicate."""
    now = timezone.now()
    try:
        with transaction.atomic():
            return Framework.objects.create(
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
                lenses=lenses_to_data(spec.lenses),
                created_by=user,
            )
    except IntegrityError:
        raise _duplicate_version(spec.code, spec.version)


def _create_themes(
    framework: Framework, elements: list[Element], spec: FrameworkSpec
) -> tuple[list[Theme], list[ThemeSpec]]:
    """Every theme in file order, each with the spec it was written from."""
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
    return Theme.objects.bulk_create(themes), theme_specs


def _indicator(spec: IndicatorSpec, theme: Theme, *, continues: str, position: int) -> Indicator:
    """An (unsaved) indicator row written from its spec."""
    return Indicator(
        framework=theme.framework,
        theme=theme,
        code=spec.code,
        iso37122=spec.iso37122 or "",
        title_id=spec.title.id,
        title_en=spec.title.en,
        guidance_id=spec.guidance.id,
        guidance_en=spec.guidance.en,
        kind=spec.kind,
        unit=spec.unit or "",
        direction=spec.direction or "",
        thresholds=[_decimal_text(t) for t in spec.thresholds]
        if spec.thresholds is not None
        else None,
        allow_negative=spec.allow_negative,
        rubric={str(k): {"id": v.id, "en": v.en} for k, v in sorted(spec.rubric.items())}
        if spec.rubric is not None
        else None,
        yes_level=spec.yes_level,
        no_level=spec.no_level,
        weight=spec.weight,
        required=spec.required,
        evidence_required=spec.evidence_required,
        continues=continues,
        position=position,
    )


def import_framework(
    *, text: str | bytes, publish: bool = False, user: User | None = None
) -> Framework:
    """Parse, validate and write a framework file.

    A bad file raises FrameworkFormatError (every problem, nothing written); an existing code and
    version raises :class:`~cities.errors.Invalid` naming ``version``.
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
            _(
                "Kerangka %(framework)s sudah %(status)s dan tidak dapat diubah; salin menjadi "
                "versi baru."
            )
            % {"framework": framework, "status": FrameworkStatus(status).label.lower()}
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
            _("Hanya draf yang dapat diterbitkan; %(framework)s berstatus %(status)s.")
            % {"framework": locked, "status": locked.status}
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
            _("Hanya versi terbit yang dapat dipensiunkan; %(framework)s berstatus %(status)s.")
            % {"framework": locked, "status": locked.status}
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
    :class:`~cities.errors.Invalid` naming ``version`` for a bad or existing version.
    """
    if framework.status == FrameworkStatus.DRAFT:
        raise FrameworkConflict(
            _("Draf %(framework)s belum terbit; terbitkan dulu sebelum disalin.")
            % {"framework": framework},
            code="not_published",
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
        fields: dict[str, list[str]] = {}
        for problem in error.problems:
            field = "version" if problem.path == "version" else "file"
            fields.setdefault(field, []).append(
                str(problem) if field == "file" else problem.message
            )
        raise errors.Invalid(fields, code="invalid_version")
    return create_framework_from_spec(spec=spec, publish=False, user=user)
