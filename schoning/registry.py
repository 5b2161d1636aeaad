"""Hooks that run before the purge deletes a batch of casussen (SCH-3).

An app that keeps figures about casussen (production reporting) registers a callback in its
``AppConfig.ready``; the purge calls every callback inside the batch's transaction, before any row goes,
with the ids of the casussen about to be deleted. A callback that raises rolls the whole batch back.

    # diensten/apps.py
    def ready(self):
        from schoning.registry import voor_verwijderen_registreren
        from diensten.rapportage import feiten_vastleggen
        voor_verwijderen_registreren(feiten_vastleggen)

This module imports nothing from the apps, so any app may import it without pulling schoning's models in.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

VoorVerwijderen = Callable[[Sequence[int]], None]

_callbacks: list[VoorVerwijderen] = []


def voor_verwijderen_registreren(callback: VoorVerwijderen) -> VoorVerwijderen:
    """Register ``callback(casus_ids)``; registering the same function twice has no effect. Usable as decorator."""
    if callback not in _callbacks:
        _callbacks.append(callback)
    return callback


def voor_verwijderen_afmelden(callback: VoorVerwijderen) -> None:
    if callback in _callbacks:
        _callbacks.remove(callback)


def voor_verwijderen(casus_ids: Sequence[int]) -> None:
    """Called by the purge for every batch of casussen, in its transaction, before the deletes."""
    if not casus_ids:
        return
    for callback in list(_callbacks):
        callback(list(casus_ids))
