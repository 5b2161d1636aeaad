"""Hostile input never becomes a 500 (issue 23 item 8): the one place that says what a number in a URL or
query string is, and a middleware that refuses what PostgreSQL cannot store or look up.

- :func:`geheel_getal` reads a whole number from a query or form value: ASCII digits only (``"²".isdigit()``
  is true, but ``int("²")`` raises), and never beyond PostgreSQL's bigint.
- :class:`InvoerMiddleware` answers 404 to a URL whose id does not fit a bigint (a lookup with it raises in
  the database), and 400 to a request whose parameters hold a NUL character (PostgreSQL refuses it in text;
  nothing legitimate typed into a form contains one).
"""

from __future__ import annotations

import re

from django.http import Http404
from django.utils.translation import gettext as _

MAX_ID = 2**63 - 1
_CIJFERS = re.compile(r"[0-9]{1,19}")


def geheel_getal(waarde, *, standaard: int | None = None, maximum: int = MAX_ID) -> int | None:
    """``waarde`` as a non-negative int when it is ASCII digits within ``maximum``; else ``standaard``."""
    tekst = str(waarde if waarde is not None else "").strip()
    if not _CIJFERS.fullmatch(tekst):
        return standaard
    getal = int(tekst)
    return getal if getal <= maximum else standaard


def _heeft_nul(querydict) -> bool:
    return any("\x00" in k or any("\x00" in v for v in vs) for k, vs in querydict.lists())


class InvoerMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        for waarde in (*view_args, *view_kwargs.values()):
            if isinstance(waarde, int) and not 0 <= waarde <= MAX_ID:
                raise Http404(_("Niet gevonden."))
        vorm = request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data")
        if "\x00" in request.path or _heeft_nul(request.GET) or (vorm and _heeft_nul(request.POST)):
            from cris.views import ongeldige_invoer

            return ongeldige_invoer(request)
        return None
