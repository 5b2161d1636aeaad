"""The casus page's parts that apps above casus contribute (issue 25): the Acute Opvang alert on the overview
(taken), the documents with their forms on the Documenten tab (documenten). casus imports none of them: an app
registers ``maak(*, user, casus, **pagina) -> CasusPaneel | None`` for a tab in its ``AppConfig.ready``; the
tab's view builds the panels into the page's data (``panelen_voor``) and the template includes each panel's
template with its data. No template tag queries."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class CasusPaneel:
    """One part of a casus tab: the template that draws it and what it reads (``paneel.gegevens``)."""

    template: str
    gegevens: Any
    volgorde: int = 50


Maak = Callable[..., CasusPaneel | None]
_panelen: dict[str, list[Maak]] = {}


def paneel_registreren(tab: str, maak: Maak) -> Maak:
    """Register ``maak`` for the tab ``tab`` of the casus page (``overzicht``, ``documenten``, …)."""
    lijst = _panelen.setdefault(tab, [])
    if maak not in lijst:
        lijst.append(maak)
    return maak


def panelen_voor(tab: str, *, user, casus, **pagina) -> list[CasusPaneel]:
    """The panels of ``tab`` for this user and casus; ``pagina`` is what the view already read (the casus's
    tasks on the Documenten tab), so a panel reads nothing twice."""
    gemaakt = [p for p in (maak(user=user, casus=casus, **pagina) for maak in _panelen.get(tab, [])) if p]
    return sorted(gemaakt, key=lambda p: p.volgorde)
