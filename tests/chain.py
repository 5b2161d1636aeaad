"""Builders for the main chain, through the services (as the product does it)."""

from __future__ import annotations

from django.utils import timezone

from aanmelding.services import aanmelding_registreren
from casus.models import Kanaal
from casus.services import casus_aanmaken, client_aanmaken
from taken.models import TaakType
from taken.services.levenscyclus import taak_aanmaken, taak_oppakken

AANMELDING = {
    "kanaal": Kanaal.CAI,
    "geslacht": "V",
    "voornamen": "Fatma",
    "achternaam": "Yılmaz",
    "geboortedatum": "1985-04-12",
    "postcode": "3511 AB",
    "huisnummer": "12",
    "straat": "Oudegracht",
    "woonplaats": "Utrecht",
    "telefoon": "0612345678",
    "delict_code": "WONINGINBRAAK",
    "delict_omschrijving": "Woninginbraak",
    "slachtofferrol": "slachtoffer",
    "toestemming_contact": True,
}


def aanmelding(*, actor, **velden):
    return aanmelding_registreren(actor=actor, gegevens={**AANMELDING, **velden})


def casus(*, actor=None, postcode="3511 AB", **velden):
    client = client_aanmaken(
        actor=actor,
        gegevens={"achternaam": velden.pop("achternaam", "Jansen")},
        adres={"postcode": postcode, "huisnummer": "1"},
    )
    return casus_aanmaken(
        actor=actor, client=client, gegevens={"bron": Kanaal.CAI, "slachtofferrol": "slachtoffer", **velden}
    )


def taak(*, casus, team, actor=None, code="AB-BENADERING", behandelaar=None):
    result = taak_aanmaken(
        actor=actor, casus=casus, taaktype=TaakType.objects.get(code=code), team=team, vanaf=timezone.now()
    )
    if behandelaar:
        result = taak_oppakken(actor=behandelaar, taak=result)
    return result
