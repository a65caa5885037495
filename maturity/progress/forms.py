"""Forms of the progress pages: adopting one roadmap step into the region's plan."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from cities.pages import ServiceErrorsMixin


class AdoptStepForm(ServiceErrorsMixin, forms.Form):
    """One step of the roadmap into the plan; the service checks everything else."""

    cycle = forms.IntegerField(widget=forms.HiddenInput)
    indicator = forms.CharField(widget=forms.HiddenInput)
    to_level = forms.IntegerField(widget=forms.HiddenInput)
    agency = forms.CharField(label=_("Perangkat daerah (OPD)"), max_length=200)
    due_on = forms.DateField(
        label=_("Tenggat"),
        widget=forms.DateInput(attrs={"type": "date"}),
        input_formats=["%Y-%m-%d"],
    )
