"""Where the priorities list sends a reviewer to plan an interview or a visit."""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlencode

from django.urls import reverse


def plan_url(assessment_id: int, indicators: Iterable[str], method: str = "interview") -> str:
    """The activity planning page of an assessment, with the method and the indicators filled
    in: ``/assessments/<id>/activities/new/?method=interview&indicators=A-1,B-2``."""
    query = urlencode({"method": method, "indicators": ",".join(indicators)}, safe=",")
    return f"{reverse('activity-plan', args=[assessment_id])}?{query}"
