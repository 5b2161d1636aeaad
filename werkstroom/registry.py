"""Mijn werk's panels (issue 25): each app contributes what waits for this user through this registry, so
werkstroom imports none of the apps above it. An app registers ``maak(user) -> Paneel | None`` in its
``AppConfig.ready``; None when the panel is not for this user (by role or membership)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Rij:
    """One line of a panel: what it is (a link when ``url``), and the figures or facts after it."""

    tekst: str
    url: str = ""
    cellen: list[str] = field(default_factory=list)
    client_id: int | None = None  # the client the row names, for the page's one audit entry (AUT-3)


@dataclass
class Paneel:
    titel: str
    rijen: list[Rij]
    leeg: str = ""  # said when there are no rows
    kolommen: list[str] = field(default_factory=list)  # with columns the rows are a table
    meer_url: str = ""
    meer_tekst: str = ""
    volgorde: int = 50
    actie_url: str = ""  # a button that posts here (e.g. "Volgende taak")
    actie_tekst: str = ""


panelen: list[Callable[..., Paneel | None]] = []


def paneel_registreren(maak: Callable[..., Paneel | None]) -> Callable[..., Paneel | None]:
    if maak not in panelen:
        panelen.append(maak)
    return maak


def panelen_voor(user) -> list[Paneel]:
    gemaakt = [p for p in (maak(user) for maak in panelen) if p is not None]
    return sorted(gemaakt, key=lambda p: p.volgorde)
