"""Hooks of the task lifecycle and the task page for apps above taken (docs/architectuur.md), so that taken
imports none of them. diensten registers here in its ``AppConfig.ready`` (DIE-2, TAK-2, TAK-6).

- ``voor_realiseren(taak)``: before a task becomes Gerealiseerd; a callback refuses with a ``TaakFout``.
- ``bij_sluiten(actor=, taak=)``: the task became Gerealiseerd or Afgebroken, in the same transaction.
- ``onderdeel_registreren(naam, titel, maken)``: a form of the task page loaded when its panel opens
  (``taken.views_werk.onderdeel``); ``maken(request, taak, rechten)`` returns its context, or False when this
  user may not use it here."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cris.hooks import Hooks

voor_realiseren = Hooks("taken: voor realiseren")
bij_sluiten = Hooks("taken: bij sluiten")

Onderdeel = tuple[Any, Callable[..., Any]]
onderdelen: dict[str, Onderdeel] = {}


def onderdeel_registreren(naam: str, titel: Any, maken: Callable[..., Any]) -> None:
    onderdelen[naam] = (titel, maken)


# Issue 25: what is still open on a task, for the close panel's confirmation ("2 diensten nog actief"). An app
# above taken registers ``openstaand(taak) -> list[str]``; the task page lists what every callback returns.
openstaand: list[Callable[[Any], list[str]]] = []


def openstaand_registreren(callback: Callable[[Any], list[str]]) -> None:
    if callback not in openstaand:
        openstaand.append(callback)
