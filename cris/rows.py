"""The base of a list page's row objects: plain strings made once per page (``taken.selectors.WerklijstRij``,
``aanmelding.selectors.BeoordelingRij``), printed by the page's row template."""

from __future__ import annotations


class TemplateRow:
    """A template's lookup of ``rij.naam`` tries ``rij["naam"]`` before ``rij.naam``; answering it spares the
    exception the attribute-only object would raise, once per printed field (~450 on a worklist page). For a
    ``@dataclass(slots=True)`` subclass: this base adds no instance dict."""

    __slots__ = ()

    def __getitem__(self, naam: str):
        return getattr(self, naam)
