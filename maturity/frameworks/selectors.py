"""Reads of framework versions: who sees which, the whole tree, the layout scoring needs."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Prefetch, QuerySet

from cities import access
from maturity.frameworks.models import Element, Framework, FrameworkStatus, Indicator, Theme
from maturity.scoring import calculation

# --- Selectors ------------------------------------------------------------------------------------


# Statuses a person without MANAGE_FRAMEWORKS may read.
PUBLIC_STATUSES = (FrameworkStatus.PUBLISHED, FrameworkStatus.RETIRED)


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


# --- Framework rules --------------------------------------------------------------------------


@dataclass(frozen=True)
class FrameworkLayout:
    """A framework's elements, themes and indicators in order, read in three queries."""

    elements: list[Element]
    themes: list[Theme]
    indicators: list[Indicator]

    def rules(self) -> calculation.FrameworkRules:
        """The pure scoring view of this framework (SCORING.md)."""
        theme_code = {t.pk: t.code for t in self.themes}
        element_code = {e.pk: e.code for e in self.elements}
        return calculation.FrameworkRules(
            elements=tuple(
                calculation.ElementRule(code=e.code, weight=e.weight) for e in self.elements
            ),
            themes=tuple(
                calculation.ThemeRule(
                    code=t.code, element=element_code[t.element_id], weight=t.weight
                )
                for t in self.themes
            ),
            indicators=tuple(
                calculation.IndicatorRule(
                    code=i.code,
                    theme=theme_code[i.theme_id],
                    kind=i.kind,
                    weight=i.weight,
                    direction=i.direction or None,
                    thresholds=tuple(i.thresholds or ()),
                    yes_level=i.yes_level if i.yes_level is not None else 5,
                    no_level=i.no_level if i.no_level is not None else 1,
                    required=i.required,
                    evidence_required=i.evidence_required,
                )
                for i in self.indicators
            ),
        )


def framework_layout(framework_id: int) -> FrameworkLayout:
    """Elements, themes and indicators of one framework version, in presentation order."""
    return FrameworkLayout(
        elements=list(Element.objects.filter(framework_id=framework_id).order_by("position")),
        themes=list(Theme.objects.filter(framework_id=framework_id).order_by("position")),
        indicators=list(
            Indicator.objects.filter(framework_id=framework_id).order_by("position", "id")
        ),
    )
