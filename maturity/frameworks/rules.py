"""The scoring rules and names of a framework version, read once and kept per process when
immutable.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from maturity.frameworks.models import Element, Framework, FrameworkStatus, Indicator, Theme
from maturity.scoring.calculation import (
    ElementRule,
    FrameworkRules,
    IndicatorRule,
    ThemeRule,
)
from maturity.scoring.lenses import LensGroupRule, LensRule, group_indicators

# --------------------------------------------------------------------------- framework rules


@dataclass(frozen=True)
class FrameworkNames:
    """Bilingual titles of a framework's elements, themes and indicators, by code."""

    elements: Mapping[str, tuple[str, str]]
    themes: Mapping[str, tuple[str, str]]
    indicators: Mapping[str, tuple[str, str]]
    theme_elements: Mapping[str, str]
    indicator_themes: Mapping[str, str]

    @staticmethod
    def pick(titles: Mapping[str, tuple[str, str]], code: str, language: str) -> str:
        title_id, title_en = titles.get(code, ("", ""))
        return title_en if language.startswith("en") else title_id


@dataclass(frozen=True)
class FrameworkEntry:
    """Everything scoring and presenting scores need from one framework version."""

    framework_id: int
    label: str  # "smkc 2026.1"
    rules: FrameworkRules
    names: FrameworkNames
    kinds: Mapping[str, str]  # indicator code -> kind
    lenses: tuple[LensRule, ...] = ()
    # Lens and group titles by code: {"ASCN": (id, en)}, {("ASCN", "CS"): (id, en)}.
    lens_titles: Mapping[Any, tuple[str, str]] = field(default_factory=dict)
    # Indicator rows by code (with theme and element), filled on first use by
    # maturity.selectors.indicator_of: every answer and review looks its indicator up.
    indicators: dict[str, Indicator] = field(default_factory=dict, compare=False, repr=False)


_entries: dict[tuple[Any, ...], FrameworkEntry] = {}
_entries_lock = threading.Lock()


def _cache_key(framework: Framework) -> tuple[Any, ...]:
    # created_at guards against an id reused for another framework (SQLite after a rollback).
    return (framework.pk, framework.code, framework.version, framework.created_at)


def framework_entry(framework: Framework) -> FrameworkEntry:
    """The rules and names of ``framework``: three queries the first time, then none.

    Published (and retired) versions are immutable, so they are kept in-process per id and
    version; a draft is read afresh every time, since it may still change.
    """
    cacheable = framework.status != FrameworkStatus.DRAFT
    key = _cache_key(framework)
    if cacheable:
        entry = _entries.get(key)
        if entry is not None:
            return entry
    entry = _load_entry(framework)
    if cacheable:
        with _entries_lock:
            _entries[key] = entry
    return entry


def rules_for_framework(framework: Framework) -> FrameworkRules:
    """The :class:`~maturity.scoring.FrameworkRules` of a framework version (cached, see above)."""
    return framework_entry(framework).rules


def clear_rules_cache() -> None:
    """Forget every cached framework (tests that rewrite a framework in place use this)."""
    with _entries_lock:
        _entries.clear()


def _load_entry(framework: Framework) -> FrameworkEntry:
    elements = list(
        Element.objects.filter(framework_id=framework.pk)
        .order_by("position", "id")
        .values_list("id", "code", "weight", "title_id", "title_en")
    )
    themes = list(
        Theme.objects.filter(framework_id=framework.pk)
        .order_by("position", "id")
        .values_list("id", "code", "element_id", "weight", "title_id", "title_en")
    )
    indicators = list(
        Indicator.objects.filter(framework_id=framework.pk)
        .order_by("position", "id")
        .values_list(
            "code",
            "theme_id",
            "kind",
            "weight",
            "direction",
            "thresholds",
            "yes_level",
            "no_level",
            "required",
            "evidence_required",
            "title_id",
            "title_en",
        )
    )
    element_codes = {pk: code for pk, code, *_ in elements}
    theme_codes = {pk: code for pk, code, *_ in themes}
    indicator_rules = []
    kinds = {}
    indicator_titles = {}
    indicator_themes = {}
    for (
        code,
        theme_id,
        kind,
        weight,
        direction,
        thresholds,
        yes_level,
        no_level,
        required,
        evidence_required,
        title_id,
        title_en,
    ) in indicators:
        indicator_rules.append(
            IndicatorRule(
                code=code,
                theme=theme_codes[theme_id],
                kind=kind,
                weight=weight,
                direction=direction or None,
                thresholds=tuple(Decimal(str(t)) for t in thresholds or ()),
                yes_level=5 if yes_level is None else yes_level,
                no_level=1 if no_level is None else no_level,
                required=required,
                evidence_required=evidence_required,
            )
        )
        kinds[code] = kind
        indicator_titles[code] = (title_id, title_en)
        indicator_themes[code] = theme_codes[theme_id]
    rules = FrameworkRules(
        elements=tuple(ElementRule(code, weight) for _, code, weight, *_ in elements),
        themes=tuple(
            ThemeRule(code, element_codes[element_id], weight)
            for _, code, element_id, weight, *_ in themes
        ),
        indicators=tuple(indicator_rules),
        index_bands=tuple(Decimal(str(b)) for b in framework.index_bands),  # type: ignore[arg-type]
        level_names={int(level): names for level, names in (framework.levels or {}).items()},
    )
    names = FrameworkNames(
        elements={code: (t_id, t_en) for _, code, _, t_id, t_en in elements},
        themes={code: (t_id, t_en) for _, code, _, _, t_id, t_en in themes},
        indicators=indicator_titles,
        theme_elements={code: element_codes[element_id] for _, code, element_id, *_ in themes},
        indicator_themes=indicator_themes,
    )
    lenses, lens_titles = _lens_rules(framework, rules)
    return FrameworkEntry(
        framework_id=framework.pk,
        label=f"{framework.code} {framework.version}",
        rules=rules,
        names=names,
        kinds=kinds,
        lenses=lenses,
        lens_titles=lens_titles,
    )


def _lens_rules(
    framework: Framework, rules: FrameworkRules
) -> tuple[tuple[LensRule, ...], dict[Any, tuple[str, str]]]:
    """The version's lenses as scoring rules (themes resolved to their indicators), and titles."""
    lenses = []
    titles: dict[Any, tuple[str, str]] = {}
    for lens in framework.lenses or ():
        titles[lens["code"]] = (lens["title"]["id"], lens["title"]["en"])
        groups = []
        for group in lens["groups"]:
            titles[(lens["code"], group["code"])] = (group["title"]["id"], group["title"]["en"])
            groups.append(
                LensGroupRule(
                    code=group["code"],
                    indicators=group_indicators(rules, group["themes"], group["indicators"]),
                    weight=Decimal(group["weight"]),
                )
            )
        lenses.append(LensRule(code=lens["code"], groups=tuple(groups)))
    return tuple(lenses), titles
