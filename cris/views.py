"""Health endpoint for orchestration, and the friendly error pages."""

from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor, wait

from django.conf import settings
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


def _check_database() -> str:
    from django.db import connections

    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SET statement_timeout = 800")
            cursor.execute("SELECT 1")
    finally:
        connections.close_all()  # this check runs in its own thread, with its own connection
    return "ok"


def _check_broker() -> str:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "eager"
    from cris.celery import app

    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=0.8)
    return "ok"


def _check_cache() -> str:
    from django.core.cache import cache

    cache.get("cris:gezondheid")
    return "ok"


CHECKS = {"database": _check_database, "broker": _check_broker, "cache": _check_cache}
WACHTTIJD = 0.9  # seconds: the endpoint answers within a second, also when a dependency hangs
_pool = ThreadPoolExecutor(max_workers=6, thread_name_prefix="gezondheid")


@never_cache
@require_GET
def gezondheid(request):
    """Issue 23 item 4: {"status": "ok"|"degraded"|"fout", "database", "broker", "cache"}. Without the database
    CRIS cannot work: 503. Without the broker or the cache the pages still work (sessions are in PostgreSQL,
    queued work is recovered by the periodic jobs): 200 "degraded". A check that does not answer within the
    time counts as "fout", so a hanging dependency cannot hang the probe."""
    futures = {naam: _pool.submit(check) for naam, check in CHECKS.items()}
    wait(futures.values(), timeout=WACHTTIJD)
    body = {}
    for naam, future in futures.items():
        if not future.done():
            logger.warning("health check %s did not answer within %ss", naam, WACHTTIJD)
            body[naam] = "fout"
        elif future.exception() is not None:
            logger.warning("health check %s failed: %s", naam, future.exception())
            body[naam] = "fout"
        else:
            body[naam] = future.result()
    if body["database"] != "ok":
        return JsonResponse({"status": "fout", **body}, status=503)
    status = "ok" if all(v in ("ok", "eager") for v in body.values()) else "degraded"
    return JsonResponse({"status": status, **body}, status=200)


def _error(request, status: int, titel: str, melding: str):
    context = {"titel": titel, "melding": melding, "request_id": getattr(request, "request_id", "")}
    return render(request, "fouten/fout.html", context, status=status)


def bad_request(request, exception=None):
    return _error(
        request, 400, _("Ongeldig verzoek"), _("Het verzoek kon niet worden verwerkt. Ga terug en probeer het opnieuw.")
    )


def ongeldige_invoer(request):
    """400 for input no form could take (cris.invoer.InvoerMiddleware)."""
    return _error(
        request,
        400,
        _("Ongeldig verzoek"),
        _("De invoer bevat een ongeldig teken (NUL). Haal het weg of typ de tekst opnieuw, en probeer het nog eens."),
    )


def permission_denied(request, exception=None):
    melding = _("U heeft geen toegang tot deze pagina. Heeft u die voor uw werk nodig, vraag dan uw teamleider.")
    return _error(request, 403, _("Geen toegang"), melding)


def page_not_found(request, exception=None):
    return _error(
        request, 404, _("Pagina niet gevonden"), _("Deze pagina bestaat niet, of u heeft er geen toegang toe.")
    )


def server_error(request):
    # No context processors: whatever broke may be behind them.
    html = loader.get_template("fouten/500.html").render({"request_id": getattr(request, "request_id", "")})
    from django.http import HttpResponseServerError

    return HttpResponseServerError(html)


def foutpagina_voorbeeld(request, status: int):
    """DEBUG only: see the error pages as users do."""
    views = {400: bad_request, 403: permission_denied, 404: page_not_found, 500: server_error}
    if status not in views:
        raise Http404
    return views[status](request) if status == 500 else views[status](request, None)
