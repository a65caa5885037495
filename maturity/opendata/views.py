"""Open data over HTTP, public, no sign-in (API.md "Open data"): a cycle's approved results as
CSV and JSON, the list of cycles, and the data dictionary.

Responses carry a strong ETag (a hash of the body), Last-Modified and a short public cache
lifetime, and answer a conditional GET with 304, so that mirrors and scripts can poll cheaply.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.views.decorators.http import require_safe

from maturity.cycles.models import AssessmentCycle
from maturity.opendata import datasets

CACHE_SECONDS = 300


def _public(response: HttpResponse) -> HttpResponse:
    """For the data files: any cache may keep them a few minutes; any site may fetch them."""
    patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _page(response: HttpResponse) -> HttpResponse:
    """For the pages: briefly, in the browser only (the layout may set a CSRF cookie, which a
    shared cache must never hand to someone else)."""
    patch_cache_control(response, private=True, max_age=CACHE_SECONDS)
    return response


def _cycle(pk: int) -> AssessmentCycle:
    cycle = datasets.open_cycle(pk)
    if cycle is None:
        raise Http404
    return cycle


def _file(
    request: HttpRequest, data: datasets.OpenData, content: bytes, content_type: str, extension: str
) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    tag = datasets.etag(content)
    response["ETag"] = tag
    response["Last-Modified"] = http_date(data.last_modified.timestamp())
    response["Content-Disposition"] = (
        f'inline; filename="maturasi-skor-siklus-{data.cycle.pk}.{extension}"'
    )
    _public(response)
    conditional = get_conditional_response(
        request, etag=tag, last_modified=int(data.last_modified.timestamp()), response=response
    )
    return conditional if conditional is not None else response


@require_safe
def cycle_scores_csv(request: HttpRequest, pk: int) -> HttpResponse:
    """One row per approved assessment of the cycle (columns: see the data dictionary)."""
    data = datasets.open_data(_cycle(pk))
    return _file(request, data, data.csv_bytes(), "text/csv; charset=utf-8", "csv")


@require_safe
def cycle_scores_json(request: HttpRequest, pk: int) -> HttpResponse:
    """The same rows as JSON, with the framework's level, element and theme names."""
    data = datasets.open_data(_cycle(pk))
    return _file(request, data, data.json_bytes(), "application/json; charset=utf-8", "json")


@require_safe
def index(request: HttpRequest) -> HttpResponse:
    """Every cycle with its number of published (approved) results and links to the files."""
    cycles = list(datasets.open_cycles())
    return _page(render(request, "maturity/opendata/index.html", {"cycles": cycles}))


@require_safe
def data_dictionary(request: HttpRequest) -> HttpResponse:
    """Every column of the open data files, in Indonesian and English."""
    cycles = list(datasets.open_cycles())
    return _page(
        render(
            request,
            "maturity/opendata/data_dictionary.html",
            {
                "fixed_columns": datasets.FIXED_COLUMNS,
                "frameworks": datasets.frameworks_of(cycles),
                "cycles": cycles,
            },
        )
    )
