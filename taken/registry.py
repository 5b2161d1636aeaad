"""Hooks of the task lifecycle and the task page for apps above taken (docs/architectuur.md), so that taken
imports none of them. diensten registers here in its ``AppConfig.ready`` (DIE-2, TAK-2, TAK-6).

- ``voor_realiseren(taak)``: before a task becomes Gerealiseerd; a callback refuses with a ``TaakFout``.
- ``bij_sluiten(actor=, taak=)``: the task became Gerealiseerd or Afgebroken, in the same transaction.
- ``onderdeel_registreren(naam, titel, maken)``: a form of the task page loaded when its panel opens
  (``taken.views_werk.onderdeel``); ``maken(request, taak, rechten)`` returns its context, or False when this
  user may not use it here.
- ``taakpaneel_registreren(maak)``: panels of the task page (below)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
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


# Issue 25: panels of apps above taken on the task page. ``maak(request=, taak=, rechten=, fouten=)`` returns
# the app's panels (``TaakPaneel``); ``fouten`` holds the form that came back with errors, by name. The page
# object lists them and the template includes each with ``paneel``: no app loads another app's template tags.
@dataclass
class TaakPaneel:
    """One panel: ``actie`` panels are action panels (one open at a time, ``titel`` their summary), the others
    sections below the contacts. ``inhoud`` is what the panel's template reads; ``open`` when its form came
    back with errors."""

    naam: str
    template: str
    inhoud: Any
    titel: Any = ""
    actie: bool = False
    open: bool = False


taakpanelen: list[Callable[..., list[TaakPaneel]]] = []


def taakpaneel_registreren(maak: Callable[..., list[TaakPaneel]]) -> None:
    if maak not in taakpanelen:
        taakpanelen.append(maak)


# DIE-3 (issue 25): recording a contact can register its service and time in the same step. An app above taken
# adds fields to the task page's contact form: ``velden(taak) -> {naam: Field}``; ``controleren(data) ->
# {naam: message}`` checks them with the contact's own fields; ``vastleggen(actor=, taak=, contact=, data=)``
# writes them in the transaction that records the contact (``taken.verslagen.verslag_vastleggen``).
@dataclass
class ContactUitbreiding:
    velden: Callable[[Any], dict[str, Any]]
    controleren: Callable[[dict], dict[str, Any]]
    vastleggen: Callable[..., None]


contact_uitbreidingen: list[ContactUitbreiding] = []


def contact_uitbreiding_registreren(uitbreiding: ContactUitbreiding) -> None:
    if uitbreiding not in contact_uitbreidingen:
        contact_uitbreidingen.append(uitbreiding)
