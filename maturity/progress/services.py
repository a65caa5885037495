"""Writing a region's improvement plan: the CSCO adopts steps (from the roadmap or any other) for
the next cycle, each with the agency (OPD) in charge and a due date."""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from cities import access, errors
from cities.access import AnyUser
from cities.models import Region
from maturity.assessments.models import Assessment
from maturity.cycles.models import AssessmentCycle
from maturity.frameworks.models import Indicator
from maturity.progress.models import PlannedStep

MAX_AGENCY = 200
MAX_NOTE = 2000
MAX_STEPS = 100
TOP_LEVEL = 5


def _clean_step(
    raw: Any, position: int, codes: set[str], today: datetime.date, problems: dict[str, list[str]]
) -> dict[str, Any] | None:
    where = f"steps[{position}]"

    def refuse(field: str, message: str) -> None:
        problems.setdefault(f"{where}.{field}", []).append(message)

    if not isinstance(raw, Mapping):
        problems.setdefault(where, []).append(_("Setiap langkah harus berupa objek."))
        return None
    code = raw.get("indicator")
    if not isinstance(code, str) or code not in codes:
        refuse("indicator", _("Indikator tidak ada dalam kerangka siklus ini."))
    level = raw.get("to_level")
    if isinstance(level, bool) or not isinstance(level, int) or not 1 <= level <= TOP_LEVEL:
        refuse("to_level", _("Tingkat tujuan harus bilangan bulat 1–5."))
    agency = raw.get("agency")
    if not isinstance(agency, str) or not agency.strip():
        refuse("agency", _("Sebutkan perangkat daerah (OPD) yang bertanggung jawab."))
    elif len(agency) > MAX_AGENCY:
        refuse("agency", _("Paling banyak %(count)s karakter.") % {"count": MAX_AGENCY})
    due = parse_date(raw["due_on"]) if isinstance(raw.get("due_on"), str) else None
    if due is None:
        refuse("due_on", _("Tanggal jatuh tempo harus berformat YYYY-MM-DD."))
    elif due <= today:
        refuse("due_on", _("Tanggal jatuh tempo harus setelah hari ini."))
    note = raw.get("note", "")
    if not isinstance(note, str) or len(note) > MAX_NOTE:
        refuse("note", _("Catatan paling banyak %(count)s karakter.") % {"count": MAX_NOTE})
    if any(key.startswith(where) for key in problems):
        return None
    return {
        "indicator_code": code,
        "to_level": level,
        "agency": agency.strip(),  # type: ignore[union-attr]
        "due_on": due,
        "note": note,
    }


def add_planned_steps(
    *, user: AnyUser, region: Region, cycle: AssessmentCycle, steps: Any
) -> list[PlannedStep]:
    """Adopt ``steps`` into the region's plan after ``cycle``: all or none, every problem named
    by its path (``steps[0].agency``). The region must have an assessment in that cycle; a step
    on an indicator already planned for that cycle replaces it."""
    access.require(user, access.REGION_SUBMIT, region)
    if not Assessment.objects.filter(region=region, cycle=cycle).exists():
        raise errors.Invalid(
            {"cycle": [_("Wilayah ini tidak memiliki penilaian pada siklus tersebut.")]}
        )
    if not isinstance(steps, Sequence) or isinstance(steps, str) or not steps:
        raise errors.Invalid({"steps": [_("Pilih sedikitnya satu langkah.")]})
    if len(steps) > MAX_STEPS:
        raise errors.Invalid(
            {"steps": [_("Paling banyak %(count)s langkah sekaligus.") % {"count": MAX_STEPS}]}
        )
    codes = set(
        Indicator.objects.filter(framework_id=cycle.framework_id).values_list("code", flat=True)
    )
    problems: dict[str, list[str]] = {}
    today = timezone.localdate()
    cleaned = [_clean_step(raw, n, codes, today, problems) for n, raw in enumerate(steps)]
    if problems:
        raise errors.Invalid(problems)
    saved = []
    try:
        with transaction.atomic():
            for step in cleaned:
                assert step is not None
                planned, _created = PlannedStep.objects.update_or_create(
                    region=region,
                    cycle=cycle,
                    indicator_code=step.pop("indicator_code"),
                    defaults={**step, "created_by": user if user.is_authenticated else None},
                )
                saved.append(planned)
    except IntegrityError:
        raise errors.Conflict(_("Rencana sedang diubah orang lain; coba lagi.")) from None
    return saved


def delete_planned_step(*, user: AnyUser, step: PlannedStep) -> None:
    """Take one step out of the region's plan."""
    access.require(user, access.REGION_SUBMIT, step.region)
    step.delete()
