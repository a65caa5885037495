"""Forms of the reports pages."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cities.models import RegionKind
from maturity.assessments.models import AssessmentStatus

BOARD_STATUSES = [("not_started", _("Belum mulai")), *AssessmentStatus.choices]


def _choices(pairs: Iterable[tuple[str, Any]], everything: Any) -> list[tuple[str, Any]]:
    return [("", everything), *pairs]


class BoardFilterForm(forms.Form):
    cycle = forms.ChoiceField(label=_("Siklus"), required=False)
    province = forms.ChoiceField(label=_("Provinsi"), required=False)
    kind = forms.ChoiceField(
        label=_("Jenis"),
        required=False,
        choices=_choices(RegionKind.choices, _("Semua jenis")),
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=_choices(BOARD_STATUSES, _("Semua status"))
    )

    def __init__(
        self, *args: Any, cycles: Iterable[Any], provinces: Iterable[tuple[str, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["cycle"].choices = [  # type: ignore[attr-defined]
            (str(c.pk), c.name) for c in cycles
        ]
        self.fields["province"].choices = _choices(  # type: ignore[attr-defined]
            provinces, _("Semua provinsi")
        )
