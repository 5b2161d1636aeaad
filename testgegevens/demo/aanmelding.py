"""Demo referrals waiting in the Administratie queue, so `make run` shows the main chain at once."""

from __future__ import annotations

from aanmelding.models import Aanmelding
from aanmelding.services import aanmelding_registreren
from cris.accounts.models import Medewerker

DEMO_AANMELDINGEN = [
    {
        "voornamen": "Fatma",
        "achternaam": "Yılmaz",
        "geboortedatum": "1985-04-12",
        "geslacht": "V",
        "straat": "Oudegracht",
        "huisnummer": "12",
        "postcode": "3511 AB",
        "woonplaats": "Utrecht",
        "telefoon": "0612345678",
        "delict_omschrijving": "Woninginbraak",
        "toestemming_contact": True,
    },
    {
        "voornamen": "Pieter",
        "tussenvoegsel": "van der",
        "achternaam": "Berg",
        "geboortedatum": "1952-11-03",
        "geslacht": "M",
        "straat": "Lange Viestraat",
        "huisnummer": "5",
        "postcode": "3511 BK",
        "woonplaats": "Utrecht",
        "telefoon": "0301234567",
        "delict_omschrijving": "Oplichting",
        "kwetsbaarheden": ["ouderen"],
        "toestemming_contact": True,
    },
    {
        "voornamen": "Sanne",
        "achternaam": "Müller",
        "geboortedatum": "2001-06-21",
        "geslacht": "V",
        "straat": "Coolsingel",
        "huisnummer": "40",
        "postcode": "3011 AD",
        "woonplaats": "Rotterdam",
        "email": "s.muller@example.org",
        "delict_omschrijving": "Mishandeling",
        "toestemming_contact": True,
    },
]


def aanmeldingen_aanmaken() -> int:
    """Idempotent: each demo referral carries a fixed bericht_id."""
    cai = Medewerker.objects.get(username="cai")
    created = 0
    for number, gegevens in enumerate(DEMO_AANMELDINGEN, start=1):
        bericht_id = f"demo-{number}"
        if not Aanmelding.objects.filter(bericht_id=bericht_id).exists():
            aanmelding_registreren(
                actor=cai,
                gegevens={**gegevens, "kanaal": "cai", "bericht_id": bericht_id, "slachtofferrol": "slachtoffer"},
            )
            created += 1
    return created
