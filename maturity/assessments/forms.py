"""Page forms. They only read what was typed into the shape the services take; every rule
(what a value must be, when a justification is needed, which transition is allowed) is decided by
the services, whose refusals :class:`cities.pages.ServiceErrorsMixin` puts back beside the fields
they name."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from cities.models import RegionKind
from cities.pages import ServiceErrorsMixin
from maturity.assessments.models import Answer, AnswerStatus, AssessmentStatus, DataQuality, Review
from maturity.frameworks.models import Indicator, IndicatorKind


def _decimal_text(value: Any) -> str:
    """A stored decimal as people write it: no trailing zeros; a comma in Indonesian."""
    if value is None:
        return ""
    text = format(value.normalize(), "f")
    if (get_language() or "id").startswith("id"):
        text = text.replace(".", ",")
    return text


def plain_decimal(text: str) -> str:
    """What was typed (``12,5``, ``1.234,5``, ``12.5``) as a plain decimal (``12.5``)."""
    text = (text or "").strip().replace(" ", "").replace("\u00a0", "")
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    return text


class AnswerForm(ServiceErrorsMixin, forms.Form):
    """One indicator's answer. Field ids carry the indicator code so many forms share a page."""

    status = forms.ChoiceField(
        label=_("Status jawaban"),
        choices=AnswerStatus.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    value = forms.CharField(label=_("Nilai"), required=False, max_length=60)
    justification = forms.CharField(
        label=_("Alasan tidak berlaku"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    source = forms.CharField(label=_("Sumber data"), required=False, max_length=500)
    year = forms.CharField(
        label=_("Tahun data"),
        required=False,
        max_length=4,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    quality = forms.ChoiceField(
        label=_("Kualitas data"),
        required=False,
        choices=[("", _("— pilih —")), *DataQuality.choices],
    )
    comment = forms.CharField(
        label=_("Catatan"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    version = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)

    def __init__(
        self, *args: Any, indicator: Indicator, answer: Answer | None = None, **kwargs: Any
    ) -> None:
        kwargs.setdefault("auto_id", f"id_{indicator.code}_%s")
        if answer is not None and "initial" not in kwargs:
            kwargs["initial"] = self.initial_from(indicator, answer)
        elif "initial" not in kwargs:
            kwargs["initial"] = {"version": 0}
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        if indicator.kind == IndicatorKind.RUBRIC:
            descriptors = indicator.rubric or {}
            language = "en" if (get_language() or "id").startswith("en") else "id"
            self.fields["value"] = forms.ChoiceField(
                label=_("Tingkat"),
                required=False,
                widget=forms.RadioSelect,
                choices=[
                    (str(level), (descriptors.get(str(level)) or {}).get(language, ""))
                    for level in range(1, 6)
                ],
            )
        elif indicator.kind == IndicatorKind.BINARY:
            self.fields["value"] = forms.ChoiceField(
                label=_("Jawaban"),
                required=False,
                widget=forms.RadioSelect,
                choices=[("true", _("Ya")), ("false", _("Tidak"))],
            )
        else:
            self.fields["value"].widget.attrs.update(
                {"inputmode": "decimal", "autocomplete": "off", "class": "value-input"}
            )

    @staticmethod
    def initial_from(indicator: Indicator, answer: Answer) -> dict[str, Any]:
        value: str = ""
        if answer.value_decimal is not None:
            value = _decimal_text(answer.value_decimal)
        elif answer.value_level is not None:
            value = str(answer.value_level)
        elif answer.value_bool is not None:
            value = "true" if answer.value_bool else "false"
        return {
            "status": answer.status,
            "value": value,
            "justification": answer.justification,
            "source": answer.source,
            "year": answer.year or "",
            "quality": answer.quality,
            "comment": answer.comment,
            "version": answer.version,
        }

    def service_data(self, *, overwrite_version: int | None = None) -> dict[str, Any]:
        """The body :func:`maturity.services.save_answer` takes, from what was typed."""
        data = self.cleaned_data
        value: Any = data.get("value") or None
        if value is not None and self.indicator.kind == IndicatorKind.QUANTITATIVE:
            value = plain_decimal(value)
        version = overwrite_version if overwrite_version is not None else data.get("version")
        status = data.get("status") or ("answered" if value is not None else None)
        return {
            "status": status,
            "value": value,
            "justification": data.get("justification", ""),
            "source": data.get("source", ""),
            "year": (data.get("year") or "").strip() or None,
            "quality": data.get("quality") or "",
            "comment": data.get("comment", ""),
            "version": version or None,
        }


class EvidenceForm(ServiceErrorsMixin, forms.Form):
    file = forms.FileField(label=_("Data dukung"), required=False)

    def __init__(self, *args: Any, indicator: Indicator, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"id_{indicator.code}_evidence_%s")
        super().__init__(*args, **kwargs)


NOT_APPLICABLE = "na"


class ReviewForm(ServiceErrorsMixin, forms.Form):
    """A reviewer's decision on one indicator: a verified level 0–5, or "not applicable"."""

    verified_level = forms.ChoiceField(label=_("Tingkat terverifikasi"), required=False)
    comment = forms.CharField(
        label=_("Komentar peninjau"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(
        self,
        *args: Any,
        indicator: Indicator,
        review: Review | None = None,
        level_names: Mapping[str, str] | None = None,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("auto_id", f"id_{indicator.code}_review_%s")
        if review is not None and "initial" not in kwargs:
            level = (
                NOT_APPLICABLE
                if review.not_applicable
                else ("" if review.verified_level is None else str(review.verified_level))
            )
            kwargs["initial"] = {"verified_level": level, "comment": review.comment}
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        names = level_names or {}
        self.fields["verified_level"].choices = [  # type: ignore[attr-defined]
            ("", _("— sama dengan jawaban daerah —")),
            ("0", _("0 · tidak ada data")),
            *[(str(n), f"{n} · {names.get(str(n), '')}".rstrip(" ·")) for n in range(1, 6)],
            (NOT_APPLICABLE, _("Tidak berlaku (diterima)")),
        ]

    def service_arguments(self) -> dict[str, Any]:
        level = self.cleaned_data.get("verified_level") or ""
        return {
            "verified_level": int(level) if level.isdigit() else None,
            "not_applicable": level == NOT_APPLICABLE,
            "comment": self.cleaned_data.get("comment", ""),
        }


class ReturnForm(ServiceErrorsMixin, forms.Form):
    comment = forms.CharField(
        label=_("Catatan untuk daerah"),
        required=False,
        help_text=_("Wajib diisi: jelaskan apa yang perlu diperbaiki."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class ProvinceVerifyForm(ServiceErrorsMixin, forms.Form):
    # On the review page beside the return form, whose field is also ``comment``.
    prefix = "province"

    comment = forms.CharField(
        label=_("Rekomendasi untuk kementerian"),
        required=False,
        help_text=_("Ringkas hasil verifikasi provinsi dan hal yang perlu diperhatikan."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class StartForm(forms.Form):
    carry_over = forms.BooleanField(
        label=_("Salin jawaban dan data dukung siklus sebelumnya sebagai draf awal"),
        required=False,
        initial=True,
    )


def _choices(pairs: Iterable[tuple[str, Any]], everything: Any) -> list[tuple[str, Any]]:
    return [("", everything), *pairs]


class QueueFilterForm(forms.Form):
    cycle = forms.ChoiceField(label=_("Siklus"), required=False)
    province = forms.ChoiceField(label=_("Provinsi"), required=False)
    kind = forms.ChoiceField(
        label=_("Jenis"),
        required=False,
        choices=_choices(RegionKind.choices, _("Semua jenis")),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=_choices(AssessmentStatus.choices, _("Semua status")),
    )
    waiting = forms.IntegerField(
        label=_("Menunggu sedikitnya (hari)"), required=False, min_value=0, max_value=3650
    )

    def __init__(
        self, *args: Any, cycles: Iterable[Any], provinces: Iterable[tuple[str, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["cycle"].choices = _choices(  # type: ignore[attr-defined]
            ((str(c.pk), c.name) for c in cycles), _("Semua siklus")
        )
        self.fields["province"].choices = _choices(  # type: ignore[attr-defined]
            provinces, _("Semua provinsi")
        )
