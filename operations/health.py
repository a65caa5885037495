"""`GET /healthz`: database, broker and live workers, 503 naming what is down."""

from __future__ import annotations

import logging

from celery import current_app as celery_app
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from operations.workers import live_worker_count

logger = logging.getLogger(__name__)


def broker_reachable() -> bool:
    """Open and close a connection to the broker, with a short timeout."""
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return True
    except Exception:
        logger.warning("broker unreachable", exc_info=False)
        return False


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    body: dict[str, object] = {}
    down: list[str] = []
    workers = 0
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        body["database"] = "ok"
        workers = live_worker_count()
    except Exception:
        body["database"] = "down"
        down.append("database")
    if broker_reachable():
        body["broker"] = "ok"
    else:
        body["broker"] = "down"
        down.append("broker")
    body["workers"] = workers
    if workers == 0:
        down.append("workers")
    if down:
        body["down"] = down
    return JsonResponse(body, status=503 if down else 200)
