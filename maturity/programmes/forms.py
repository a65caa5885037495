"""Forms of the programmes registry pages. They only read what was typed into the shape
:mod:`maturity.programmes` takes; every rule (known element and indicators, an http(s) address, no
launch year in the future, a year for each figure) is decided there and its errors are put back
beside the fields they name."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from cities.models import RegionKind
from cities.pages import ServiceErrorsMixin
from maturity.frameworks.models import Element, Indicator
from maturity.programmes.models import ProgrammeStatus


def _choices(pairs: Iterable[tuple[str, Any]], empty: Any) -> list[tuple[str, Any]]:
    return [("", empty), *pairs]


def _any_value(value: Any) -> bool:
    return True


def _set_choices(
    form: forms.Form, name: str, choices: list[tuple[str, Any]], *, open_ended: bool = False
) -> None:
    """Give a choice field its choices; ``open_ended``: a value not on the list still reaches the
    service, which names it (an unknown code) in both languages."""
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    field.choices = choices
    if open_ended:
        field.valid_value = _any_value  # type: ignore[method-assign]


def element_choices(elements: Iterable[Element]) -> list[tuple[str, str]]:
    return [(e.code, f"{e.code} · {e.title}") for e in elements]


def indicator_choices(indicators: Iterable[Indicator]) -> list[tuple[str, str]]:
    return [(i.code, f"{i.code} · {i.title}") for i in indicators]


class ProgrammeFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Cari"),
        required=False,
        max_length=200,
        help_text=_("Nama atau deskripsi, dalam bahasa Indonesia atau Inggris."),
    )
    element = forms.ChoiceField(label=_("Elemen"), required=False)
    indicator = forms.ChoiceField(label=_("Indikator"), required=False)
    province = forms.ChoiceField(label=_("Provinsi"), required=False)
    kind = forms.ChoiceField(
        label=_("Jenis wilayah"),
        required=False,
        choices=_choices(RegionKind.choices, _("Semua jenis")),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=_choices(ProgrammeStatus.choices, _("Semua status")),
    )

    def __init__(
        self,
        *args: Any,
        elements: Iterable[Element],
        indicators: Iterable[Indicator],
        provinces: Iterable[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self, "element", _choices(element_choices(elements), _("Semua elemen")))
        _set_choices(
            self, "indicator", _choices(indicator_choices(indicators), _("Semua indikator"))
        )
        _set_choices(self, "province", _choices(provinces, _("Semua provinsi")))


class NumberInput(forms.TextInput):
    """Digits typed as text, so that the service (not the browser) judges them."""

    def __init__(self) -> None:
        super().__init__(attrs={"inputmode": "numeric", "autocomplete": "off"})


class ProgrammeForm(ServiceErrorsMixin, forms.Form):
    region = forms.ChoiceField(label=_("Wilayah"))
    name = forms.CharField(label=_("Nama program"), required=False)
    description_id = forms.CharField(
        label=_("Deskripsi singkat (bahasa Indonesia)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    description_en = forms.CharField(
        label=_("Deskripsi singkat (bahasa Inggris)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "lang": "en"}),
    )
    element = forms.ChoiceField(label=_("Elemen utama"), required=False)
    indicators = forms.MultipleChoiceField(
        label=_("Indikator yang didukung"),
        required=False,
        # Boxes to tick rather than a list to Ctrl/Cmd-click: reachable by keyboard and touch,
        # and each indicator is read with its own label.
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Centang satu atau lebih."),
    )
    status = forms.ChoiceField(label=_("Status"), choices=ProgrammeStatus.choices, required=False)
    launch_year = forms.CharField(label=_("Tahun peluncuran"), required=False, widget=NumberInput())
    agency = forms.CharField(label=_("Perangkat daerah pemilik"), required=False)
    url = forms.CharField(
        label=_("Alamat web publik"),
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "url", "placeholder": "https://"}),
    )
    users_count = forms.CharField(label=_("Jumlah pengguna"), required=False, widget=NumberInput())
    users_year = forms.CharField(
        label=_("Tahun angka pengguna"), required=False, widget=NumberInput()
    )
    transactions_count = forms.CharField(
        label=_("Jumlah transaksi"), required=False, widget=NumberInput()
    )
    transactions_year = forms.CharField(
        label=_("Tahun angka transaksi"), required=False, widget=NumberInput()
    )
    shared = forms.BooleanField(
        label=_("Bagikan ke wilayah lain untuk saling belajar"), required=False
    )

    def __init__(
        self,
        *args: Any,
        regions: Iterable[tuple[str, str]] | None,
        elements: Iterable[Element],
        indicators: Iterable[Indicator],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if regions is None:
            del self.fields["region"]  # editing: the region never changes
        else:
            _set_choices(self, "region", list(regions))
        _set_choices(
            self, "element", _choices(element_choices(elements), _("Pilih elemen")), open_ended=True
        )
        _set_choices(self, "indicators", indicator_choices(indicators), open_ended=True)

    def body(self) -> dict[str, Any]:
        """What was typed, as the body :mod:`maturity.programmes` checks."""
        data = dict(self.cleaned_data)
        data.pop("region", None)
        return data


class ProgrammeFileForm(ServiceErrorsMixin, forms.Form):
    file = forms.FileField(label=_("Berkas (brosur, surat keputusan, tangkapan layar)"))


class CitationForm(ServiceErrorsMixin, forms.Form):
    assessment = forms.ChoiceField(label=_("Penilaian"))
    indicator = forms.ChoiceField(label=_("Indikator"))

    def __init__(
        self,
        *args: Any,
        assessments: Iterable[tuple[str, str]],
        indicators: Iterable[Indicator],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self, "assessment", list(assessments))
        _set_choices(self, "indicator", indicator_choices(indicators), open_ended=True)
