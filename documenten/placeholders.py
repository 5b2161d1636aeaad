"""The placeholder language of templates (DOC-2): ``{{ groep.veld }}`` and nothing else.

Functional managers write template text in the admin; that text is never given to a template engine.
This module finds the placeholders, refuses any unknown one (and any other ``{{ }}``/``{% %}`` code),
and substitutes plain strings. Escaping for HTML happens where the result is put into the letter.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# Every field a template may use, with what it means. Client data is limited on purpose: no BSN, no
# birth date, no address lines in the text (the letter's address block is filled by CRIS itself).
VELDEN: dict[str, str] = {
    "client.aanhef": gettext_lazy("aanhef, bijv. 'Geachte mevrouw Jansen'"),
    "client.naam": gettext_lazy("volledige naam"),
    "client.voornamen": gettext_lazy("voornamen"),
    "client.achternaam": gettext_lazy("achternaam met tussenvoegsel"),
    "client.nummer": gettext_lazy("cliëntnummer"),
    "client.telefoon": gettext_lazy("telefoonnummer van de cliënt, zoals op de cliëntkaart"),
    "casus.nummer": gettext_lazy("casusnummer"),
    "casus.delict": gettext_lazy("omschrijving van het delict"),
    "casus.delictdatum": gettext_lazy("datum van het delict"),
    "casus.pv_nummer": gettext_lazy("PV-nummer"),
    "casus.district": gettext_lazy("district"),
    "delict.informatiepagina": gettext_lazy("informatiepagina van het delict (online aanbod, AAN-8)"),
    "taak.naam": gettext_lazy("soort taak"),
    "taak.team": gettext_lazy("team van de taak"),
    "taak.deadline": gettext_lazy("deadline van de taak"),
    "afzender.naam": gettext_lazy("naam van de medewerker"),
    "afzender.email": gettext_lazy("e-mailadres van de medewerker"),
    "afzender.telefoon": gettext_lazy("telefoonnummer van de medewerker"),
    "afzender.team": gettext_lazy("standaardteam van de medewerker"),
    "organisatie.naam": gettext_lazy("naam van de organisatie"),
    "organisatie.telefoon": gettext_lazy("telefoonnummer van de organisatie"),
    "organisatie.website": gettext_lazy("website van de organisatie"),
}

_PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z_]+\.[A-Za-z_]+)\s*\}\}")
_CODE = re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}")


class PlaceholderFout(ValueError):
    """The template text uses something outside the placeholder language; the message is for the user."""


def velden_in(tekst: str) -> list[str]:
    return _PLACEHOLDER.findall(tekst)


def controleren(tekst: str) -> list[str]:
    """The placeholders in ``tekst``; PlaceholderFout for an unknown field or any other template code."""
    onbekend = sorted({veld for veld in velden_in(tekst) if veld not in VELDEN})
    if onbekend:
        raise PlaceholderFout(
            _("Onbekend veld: %(velden)s. Gebruik alleen de velden uit de lijst, bijvoorbeeld {{ client.naam }}.")
            % {"velden": ", ".join(f"{{{{ {v} }}}}" for v in onbekend)}
        )
    geldig = [m.span() for m in _PLACEHOLDER.finditer(tekst)]
    for match in _CODE.finditer(tekst):
        if not any(begin <= match.start() < eind for begin, eind in geldig):
            raise PlaceholderFout(
                _(
                    "Regel %(regel)d: '%(code)s' hoort niet bij een geldig veld. Een veld schrijft u als "
                    "{{ groep.veld }}, bijvoorbeeld {{ casus.nummer }}; andere code is niet toegestaan."
                )
                % {"regel": tekst.count("\n", 0, match.start()) + 1, "code": match.group(0)}
            )
    return velden_in(tekst)


def invullen(tekst: str, waarden: Mapping[str, str]) -> str:
    """Substitute the placeholders; ``waarden`` holds every field of VELDEN (missing ones become '')."""
    controleren(tekst)
    return _PLACEHOLDER.sub(lambda m: str(waarden.get(m.group(1), "") or ""), tekst)
