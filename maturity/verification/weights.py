"""The weights and thresholds of the verification priorities, read from the setting
``VERIFICATION_PRIORITY_WEIGHTS`` (config/settings/base.py, docs/VERIFICATION.md) and checked
strictly: a wrong entry stops the list with a message that names it, instead of ranking quietly
by a number nobody meant."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

#: The risk factors, in the order their reasons are listed when they weigh the same.
FACTORS = (
    "above_previous",
    "above_peers",
    "estimated",
    "evidence_missing",
    "evidence_shared",
    "previous_gap",
)
#: Options some factors read besides weight, threshold and full, with their meaning's bounds.
EXTRA_OPTIONS = {
    "above_previous": ("level_gap",),
    "above_peers": ("level_gap",),
    "evidence_shared": ("min_indicators",),
    "previous_gap": ("level_gap",),
}


@dataclass(frozen=True)
class Factor:
    """One factor's numbers: it counts from ``threshold`` on, with its whole ``weight`` from
    ``full`` on, and linearly in between."""

    code: str
    weight: Decimal
    threshold: Decimal
    full: Decimal
    options: Mapping[str, int]

    def points(self, measure: Decimal | int | None) -> Decimal:
        """The points a measure earns: 0 below the threshold, up to ``weight`` at ``full``."""
        if measure is None or self.weight == 0:
            return Decimal(0)
        value = Decimal(measure)
        if value < self.threshold:
            return Decimal(0)
        share = min(value / self.full, Decimal(1)) if self.full > 0 else Decimal(1)
        return (self.weight * share).quantize(Decimal("0.1"))

    def as_data(self) -> dict[str, Any]:
        return {
            "weight": float(self.weight),
            "threshold": float(self.threshold),
            "full": float(self.full),
            **self.options,
        }


def _number(value: Any, where: str) -> Decimal:
    if isinstance(value, bool):
        raise ImproperlyConfigured(f"{where} must be a number; got {value!r}")
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise ImproperlyConfigured(f"{where} must be a number; got {value!r}")
    if not number.is_finite() or number < 0:
        raise ImproperlyConfigured(f"{where} must be a number of 0 or more; got {value!r}")
    return number


def _factor(code: str, entry: Any) -> Factor:
    where = f"VERIFICATION_PRIORITY_WEIGHTS[{code!r}]"
    if not isinstance(entry, Mapping):
        raise ImproperlyConfigured(f"{where} must be a dict; got {entry!r}")
    known = {"weight", "threshold", "full", *EXTRA_OPTIONS.get(code, ())}
    unknown = sorted(set(entry) - known)
    if unknown:
        raise ImproperlyConfigured(f"{where} has unknown keys {unknown}; known: {sorted(known)}")
    missing = sorted(k for k in known if k not in entry)
    if missing:
        raise ImproperlyConfigured(f"{where} lacks {missing}")
    weight = _number(entry["weight"], f"{where}['weight']")
    threshold = _number(entry["threshold"], f"{where}['threshold']")
    full = _number(entry["full"], f"{where}['full']")
    if full < threshold:
        raise ImproperlyConfigured(f"{where}: 'full' must not be below 'threshold'")
    options: dict[str, int] = {}
    for name in EXTRA_OPTIONS.get(code, ()):
        value = entry[name]
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ImproperlyConfigured(f"{where}[{name!r}] must be a whole number of 1 or more")
        options[name] = value
    return Factor(code, weight, threshold, full, options)


def priority_weights() -> dict[str, Factor]:
    """The configured factors by code (a factor left out is not counted); ImproperlyConfigured
    naming the entry when one is wrong."""
    configured = getattr(settings, "VERIFICATION_PRIORITY_WEIGHTS", None)
    if not isinstance(configured, Mapping):
        raise ImproperlyConfigured("VERIFICATION_PRIORITY_WEIGHTS must be a dict")
    unknown = sorted(set(configured) - set(FACTORS))
    if unknown:
        raise ImproperlyConfigured(
            f"VERIFICATION_PRIORITY_WEIGHTS has unknown factors {unknown}; known: {list(FACTORS)}"
        )
    return {code: _factor(code, configured[code]) for code in FACTORS if code in configured}
