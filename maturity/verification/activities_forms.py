"""Page forms of verification activities. They only read what was typed into the shape the
services take (:mod:`maturity.verification.services.activities`), whose refusals are put back
beside the fields they name."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _gettext
from django.utils.translation import gettext_lazy as _

from cities import errors
from cities.pages import ServiceErrorsMixin, error_fields
from maturity.frameworks.models import Indicator
from maturity.verification.models import ActivityFileKind, ActivityMethod, VerificationActivity

DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
NOT_APPLICABLE = "na"
_PATH = re.compile(r"^(\w+)\[(\d+)\](?:\.(\w+))?$")


def _indexed(name: str) -> tuple[str, int, str] | None:
    """``participants[1].name`` → ("participants", 1, "name")."""
    found = _PATH.match(name)
    if found is None:
        return None
    return found.group(1), int(found.group(2)), found.group(3) or ""


class PlanForm(ServiceErrorsMixin, forms.Form):
    """Planning an activity; participants are typed one per line: name; role; agency."""

    method = forms.ChoiceField(label=_("Metode"), choices=ActivityMethod.choices, required=False)
    scheduled_at = forms.CharField(label=_("Jadwal"), required=False, widget=DATETIME_INPUT)
    place = forms.CharField(label=_("Tempat"), required=False, max_length=300)
    meeting_link = forms.CharField(
        label=_("Tautan pertemuan"),
        required=False,
        max_length=500,
        help_text=_("Isi tempat, tautan pertemuan daring, atau keduanya."),
    )
    indicators = forms.MultipleChoiceField(
        label=_("Indikator"), required=False, widget=forms.CheckboxSelectMultiple
    )
    participants = forms.CharField(
        label=_("Peserta"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Satu peserta per baris: nama; jabatan; instansi."),
    )

    def __init__(self, *args: Any, indicators: Sequence[Indicator], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["indicators"].choices = [  # type: ignore[attr-defined]
            (i.code, f"{i.code} · {i.title}") for i in indicators
        ]

    @classmethod
    def initial_of(cls, activity: VerificationActivity) -> dict[str, Any]:
        """The form's values for a planned activity (to change it)."""
        return {
            "method": activity.method,
            "scheduled_at": timezone.localtime(activity.scheduled_at).strftime("%Y-%m-%dT%H:%M"),
            "place": activity.place,
            "meeting_link": activity.meeting_link,
            "indicators": list(activity.indicators),
            "participants": "\n".join(
                "; ".join(p.get(key, "") for key in ("name", "role", "agency")).rstrip("; ")
                for p in activity.participants
            ),
        }

    def service_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        people = []
        for line in (data.get("participants") or "").splitlines():
            if not line.strip():
                continue
            parts = [part.strip() for part in line.split(";")]
            parts += [""] * (3 - len(parts))
            people.append({"name": parts[0], "role": parts[1], "agency": "; ".join(parts[2:])})
        return {
            "method": data.get("method") or None,
            "scheduled_at": data.get("scheduled_at") or None,
            "place": data.get("place", ""),
            "meeting_link": data.get("meeting_link", ""),
            "indicators": list(data.get("indicators") or []),
            "participants": people,
        }

    def add_service_errors(self, error: errors.Invalid | Any) -> None:
        """A participant's problem goes beside the participants, naming its line."""
        for name, messages in error_fields(error).items():
            path = _indexed(name)
            target = name if name in self.fields else None
            prefix = ""
            if path is not None and path[0] in self.fields:
                target = path[0]
                prefix = _gettext("Baris %(line)d: ") % {"line": path[1] + 1}
            for message in messages:
                self.add_error(target, prefix + message)


class RecordForm(ServiceErrorsMixin, forms.Form):
    """Recording an activity: when it was held, the minutes, and per indicator of the activity
    a verified level (0–5 or N/A; empty for no finding) with a comment."""

    held_at = forms.CharField(label=_("Dilaksanakan pada"), required=False, widget=DATETIME_INPUT)
    minutes = forms.CharField(
        label=_("Uraian kegiatan (berita acara)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def __init__(
        self,
        *args: Any,
        indicators: Sequence[Indicator],
        level_names: Mapping[str, str] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        names = level_names or {}
        self.indicators = list(indicators)
        self._order: list[str] = []
        for indicator in self.indicators:
            self.fields[f"level_{indicator.code}"] = forms.ChoiceField(
                label=_("Tingkat terverifikasi"),
                required=False,
                choices=[
                    ("", _("— tanpa temuan —")),
                    ("0", _("0 · tidak ada data")),
                    *[(str(n), f"{n} · {names.get(str(n), '')}".rstrip(" ·")) for n in range(1, 6)],
                    (NOT_APPLICABLE, _("Tidak berlaku (diterima)")),
                ],
            )
            self.fields[f"comment_{indicator.code}"] = forms.CharField(
                label=_("Komentar"), required=False, widget=forms.Textarea(attrs={"rows": 2})
            )

    def rows(self) -> list[dict[str, Any]]:
        """One row per indicator: the indicator and its two bound fields."""
        return [
            {
                "indicator": i,
                "level": self[f"level_{i.code}"],
                "comment": self[f"comment_{i.code}"],
            }
            for i in self.indicators
        ]

    def service_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        findings = []
        self._order = []
        for indicator in self.indicators:
            level = data.get(f"level_{indicator.code}") or ""
            comment = data.get(f"comment_{indicator.code}") or ""
            if not level:
                continue
            finding: dict[str, Any] = {"indicator": indicator.code, "comment": comment}
            if level == NOT_APPLICABLE:
                finding["not_applicable"] = True
            else:
                finding["verified_level"] = int(level)
            findings.append(finding)
            self._order.append(indicator.code)
        return {
            "held_at": data.get("held_at") or None,
            "minutes": data.get("minutes", ""),
            "findings": findings,
        }

    def add_service_errors(self, error: errors.Invalid | Any) -> None:
        """``findings[2].verified_level`` goes beside that finding's indicator's level."""
        for name, messages in error_fields(error).items():
            path = _indexed(name)
            target: str | None = name if name in self.fields else None
            if path is not None and path[0] == "findings" and path[1] < len(self._order):
                code = self._order[path[1]]
                target = f"comment_{code}" if path[2] == "comment" else f"level_{code}"
            for message in messages:
                self.add_error(target, message)


class CancelForm(ServiceErrorsMixin, forms.Form):
    reason = forms.CharField(
        label=_("Alasan pembatalan"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ActivityFileForm(ServiceErrorsMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("Jenis"),
        choices=[("", _("— menurut isi berkas: foto atau PDF —")), *ActivityFileKind.choices],
        required=False,
    )
    file = forms.FileField(label=_("Berkas (foto PNG/JPEG atau PDF)"), required=False)
