"""Bar charts as server-rendered SVG (DIE-4): no script, so the strict CSP holds. Each chart has a title
and a description for screen readers, and every figure is also on the page as a table."""

from __future__ import annotations

from dataclasses import dataclass

BREEDTE = 640
LABELBREEDTE = 230
STAAF = 20
TUSSEN = 6


@dataclass
class Staaf:
    label: str
    waarde: float
    tekst: str
    y: int
    breedte: int
    tekst_y: int


@dataclass
class Staafdiagram:
    titel: str
    omschrijving: str
    staven: list[Staaf]
    hoogte: int
    breedte: int = BREEDTE
    labelbreedte: int = LABELBREEDTE

    @property
    def staaf_x(self) -> int:
        return self.labelbreedte + 8


def staafdiagram(titel: str, reeks: list[tuple[str, float]], *, eenheid: str = "") -> Staafdiagram:
    """Horizontal bars scaled to the largest value; labels left, value right of the bar."""
    grootste = max((w for _, w in reeks), default=0) or 1
    ruimte = BREEDTE - LABELBREEDTE - 80
    staven = []
    for i, (label, waarde) in enumerate(reeks):
        y = i * (STAAF + TUSSEN)
        tekst = f"{waarde:g}{eenheid}"
        staven.append(Staaf(label[:38], waarde, tekst, y, max(0, round(ruimte * waarde / grootste)), y + STAAF - 5))
    omschrijving = "; ".join(f"{label}: {waarde:g}{eenheid}" for label, waarde in reeks)
    return Staafdiagram(titel, omschrijving, staven, max(STAAF, len(reeks) * (STAAF + TUSSEN)))
