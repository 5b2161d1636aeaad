"""Demo data for the casus tabs (CAS-1): a casus with an alarm, betrokkenen, a criminal case, an MSH account,
a related casus with the same PV-nummer, an open access request, and the survey rules. Idempotent (by PV-nummer).

The demo sits above every app (called from `manage.py demo`), so it may use the task services; casus itself
does not import taken."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction

from casus.betrokkenen import betrokkene_toevoegen, msh_status_bijwerken
from casus.models import Casus, Kanaal, MshStatus, TevredenheidRegel, UitsluitingSoort
from casus.services import casus_aanmaken, client_aanmaken, strafzaken_bijwerken
from casus.toegang import toegang_aanvragen
from cris import klok
from cris.accounts.models import Medewerker

DEMO_PV = "PL0900-2026000777"


def casussen_aanmaken() -> int:
    from taken.models import TaakType
    from taken.services.levenscyclus import taak_aanmaken, taak_oppakken
    from werkstroom.models import Team

    if Casus.objects.filter(pv_nummer=DEMO_PV).exists():
        return 0
    ab, ad = Medewerker.objects.get(username="ab"), Medewerker.objects.get(username="ad")
    team = Team.objects.get(code="AB-MN")
    with transaction.atomic():
        casussen = []
        for achternaam, voornamen, alarm in (("Jansen", "Petra", True), ("Jansen", "Henk", False)):
            client = client_aanmaken(
                actor=ab,
                gegevens={"voornamen": voornamen, "achternaam": achternaam, "email": "demo@example.org", "taal": "nl"},
                adres={"straat": "Oudegracht", "huisnummer": "12", "postcode": "3511 AB", "woonplaats": "Utrecht"},
            )
            casus = casus_aanmaken(
                actor=ab,
                client=client,
                gegevens={
                    "bron": Kanaal.EDP,
                    "slachtofferrol": "slachtoffer",
                    "pv_nummer": DEMO_PV,
                    "delict_omschrijving": "Straatroof",
                    "delict_code": "GEW-ROOF",
                    "alarm": alarm,
                    "alarm_toelichting": "Dader bekend met agressie tegen hulpverleners" if alarm else "",
                },
            )
            taak = taak_aanmaken(actor=ab, casus=casus, taaktype=TaakType.objects.get(code="AB-BENADERING"), team=team)
            taak_oppakken(actor=ab, taak=taak)
            casussen.append(casus)
        eerste = casussen[0]
        betrokkene_toevoegen(
            actor=ab, casus=eerste, gegevens={"rol": "partner", "naam": "Karim Jansen", "contactpersoon": True}
        )
        betrokkene_toevoegen(
            actor=ab, casus=eerste, gegevens={"rol": "tolk", "naam": "Tolkencentrum", "telefoon": "0301234567"}
        )
        strafzaken_bijwerken(
            actor=ab,
            wijzigingen=[
                (
                    eerste,
                    {
                        "fase": "zitting",
                        "parketnummer": "16/123456-26",
                        "zittingsdatum": klok.nu() + timedelta(days=21),
                        "rechtbank": "Rechtbank Midden-Nederland",
                        "spreekrecht": True,
                        "voeging": True,
                    },
                    "demo",
                )
            ],
        )
        msh_status_bijwerken(actor=ab, client=eerste.client, status=MshStatus.ACTIEF, laatste_login=klok.nu())
        toegang_aanvragen(actor=ad, casus=eerste, reden="Cliënt belt de AD-lijn over de zitting; dossier nodig")
        for soort in (UitsluitingSoort.OVERLEDEN, UitsluitingSoort.MINDERJARIG, UitsluitingSoort.GEHEIM_ADRES,
                      UitsluitingSoort.GEEN_CONTACT, UitsluitingSoort.AFGEMELD):  # fmt: skip
            TevredenheidRegel.objects.get_or_create(soort=soort, waarde="")
    return len(casussen)
