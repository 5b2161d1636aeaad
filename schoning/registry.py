"""Hooks that run before the purge deletes a batch of casussen (SCH-3).

An app that keeps figures about casussen (production reporting) registers a callback in its
``AppConfig.ready``; the purge calls every callback inside the batch's transaction, before any row goes,
with the ids of the casussen about to be deleted. A callback that raises rolls the whole batch back.

    # diensten/apps.py
    def ready(self):
        from schoning.registry import voor_verwijderen_registreren
        voor_verwijderen_registreren(_productie_bewaren)

This module imports nothing from the apps, so an app above schoning in the layer order (docs/architectuur.md)
imports it without pulling schoning's models in.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from cris.hooks import Hooks

VoorVerwijderen = Callable[[Sequence[int]], None]

_voor_verwijderen = Hooks("schoning: voor verwijderen")
voor_verwijderen_registreren = _voor_verwijderen.register
voor_verwijderen_afmelden = _voor_verwijderen.unregister


def voor_verwijderen(casus_ids: Sequence[int]) -> None:
    """Called by the purge for every batch of casussen, in its transaction, before the deletes."""
    if casus_ids:
        _voor_verwijderen(list(casus_ids))
