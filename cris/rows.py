"""The base of a list page's row objects: plain strings made once per page (``taken.selectors.WerklijstRij``,
``aanmelding.selectors.BeoordelingRij``), printed by the page's row template."""

from __future__ import annotations

from html import escape

from django.utils.safestring import SafeString


class TemplateRow:
    """A template's lookup of ``rij.naam`` tries ``rij["naam"]`` before ``rij.naam``; answering it spares the
    exception the attribute-only object would raise, once per printed field (~550 on a worklist page).

    A string comes back escaped, as the template's autoescaping would print it (the same ``html.escape``), and
    marked safe, so the template does not escape it again: Django's ``escape`` goes through its lazy-string
    wrapper for every value, which cost ~3 ms of a worklist page's ~7 ms of rows (issue 27's measurement).
    The fields themselves stay plain text; only what the template reads through this lookup is escaped, so a row
    template prints these strings as they are, with no filter (which would see the escaped text; a test holds the
    row templates to it). For a ``@dataclass(slots=True)`` subclass: this base adds no instance dict."""

    __slots__ = ()

    def __getitem__(self, naam: str):
        waarde = getattr(self, naam)
        return SafeString(escape(waarde)) if type(waarde) is str else waarde
