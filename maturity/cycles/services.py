"""Opening an assessment cycle."""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from cities import access, errors
from cities.access import AnyUser
from maturity.cycles.models import AssessmentCycle, CycleStatus
from maturity.frameworks.models import Framework

# --- Cycles and assessments -------------------------------------------------------------------


@transaction.atomic
def create_cycle(
    *,
    user: AnyUser,
    name: str,
    year: int,
    framework: Framework,
    opens_on: datetime.date,
    closes_on: datetime.date,
    status: str = CycleStatus.OPEN,
    province_review: bool = False,
) -> AssessmentCycle:
    """Open a cycle (ministry admin) on a published framework version.

    Raises :class:`~cities.errors.Forbidden` for anyone else and :class:`~cities.errors.Invalid`
    with every field's problems (an unpublished framework, dates the wrong way round, a name
    in use, an unknown status).
    """
    access.require(user, access.MANAGE_CYCLES, None)
    problems: dict[str, list[str]] = {}
    if not framework.is_published:
        problems["framework"] = [_("Kerangka harus sudah terbit.")]
    if closes_on < opens_on:
        problems["closes_on"] = [_("Tanggal tutup harus sesudah tanggal buka.")]
    if AssessmentCycle.objects.filter(name=name).exists():
        problems["name"] = [_("Nama siklus sudah dipakai.")]
    if status not in CycleStatus.values:
        problems["status"] = [_("Status tidak dikenal.")]
    if problems:
        raise errors.Invalid(problems)
    try:
        with transaction.atomic():
            return AssessmentCycle.objects.create(
                name=name,
                year=year,
                framework=framework,
                opens_on=opens_on,
                closes_on=closes_on,
                status=status,
                province_review=province_review,
            )
    except IntegrityError:
        raise errors.Invalid({"name": [_("Nama siklus sudah dipakai.")]}) from None
