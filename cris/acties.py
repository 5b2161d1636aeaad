"""One button on an object's page: a logged-in user POSTs, one service acts, a message says how it went."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.views.decorators.http import require_POST


def melden(request, doe: Callable[[], object], succes: str, fout: type[Exception]) -> bool:
    """Run ``doe()``: the domain's refusal (``fout``) becomes an error message, anything else ``succes``.
    True when it succeeded."""
    try:
        doe()
    except fout as exc:
        messages.error(request, str(exc))
        return False
    messages.success(request, succes)
    return True


def knop(uitvoeren: Callable, *args) -> Callable:
    """The view of one button: a logged-in user's POST on object ``pk``, answered by
    ``uitvoeren(request, pk, *args)`` (the app's helper that finds the object, acts and redirects)."""

    @login_required
    @require_POST
    def view(request, pk: int):
        return uitvoeren(request, pk, *args)

    return view
