"""Demo work for issue 7, so `make run` shows the worklists at once: tasks in AB Midden-Nederland with
varied priorities and deadlines (one overdue, one nearly due), a monitor task for the team leader to assign,
a task needing a skill, two clients of one traffic accident (same PV-nummer, TAK-9), skills, the piket
rota for this weekend and an appointment. Idempotent."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from casus.models import Casus, Kanaal
from casus.services import casus_aanmaken, client_aanmaken
from cris import klok
from cris.accounts.models import Medewerker
from taken import agenda
from taken.models import TaakType
from taken.services.levenscyclus import taak_aanmaken, taak_oppakken
from werkstroom.models import Afdeling, Piketdienst, Specialisatie, Team
from werkstroom.piket import regeling

DEMO_PV = "PL0900-2026000888"  # its own incident: the casus demo (casus/demo.py) has 777
SPECIALISATIES = [("zeden", "Zeden"), ("verkeer", "Verkeer"), ("jeugd", "Jeugd")]
# achternaam, postcode, woonplaats, task type, hours since the referral arrived, pv, skill
CLIENTEN = [
    ("de Graaf", "3511 AB", "Utrecht", "AB-BENADERING", 50, "", ""),
    ("Kuipers", "3512 CD", "Utrecht", "AB-BENADERING", 45, "", ""),
    ("Hermans", "3811 AA", "Amersfoort", "AB-BENADERING", 2, "", ""),
    ("Koster", "3811 AB", "Amersfoort", "AB-BENADERING", 1, DEMO_PV, "verkeer"),
    ("Prins", "3431 AA", "Nieuwegein", "AB-BENADERING", 1, DEMO_PV, ""),
    ("Willems", "3431 AB", "Nieuwegein", "AB-MONITOR", 24, "", ""),
]


@transaction.atomic
def werkverdeling_demo() -> int:
    """Returns the number of demo tasks made (0 when they exist already)."""
    for code, naam in SPECIALISATIES:
        Specialisatie.objects.get_or_create(code=code, defaults={"naam": naam})
    instelling = regeling()
    if instelling.kantoorteam is None:
        instelling.kantoorteam = Team.objects.filter(afdeling=Afdeling.CAI).order_by("pk").first()
        instelling.save()
    ao = Medewerker.objects.filter(username="ao").first()
    vandaag = klok.vandaag()
    vrijdag = vandaag + timedelta(days=(4 - vandaag.weekday()) % 7)
    van = timezone.make_aware(datetime.combine(vrijdag, time(17)))
    if ao and not Piketdienst.objects.filter(van=van).exists():
        Piketdienst.objects.create(medewerker=ao, van=van, tot=van + timedelta(days=2, hours=15))
    team = Team.objects.filter(code="AB-MN").first()
    ab = Medewerker.objects.filter(username="ab").first()
    if team is None or ab is None or Casus.objects.filter(pv_nummer=DEMO_PV).exists():
        return 0
    ab.specialisaties.add(Specialisatie.objects.get(code="verkeer"))
    actor = Medewerker.objects.filter(username="administratie").first()
    taken = []
    for achternaam, postcode, woonplaats, code, uren, pv, skill in CLIENTEN:
        client = client_aanmaken(
            actor=actor,
            gegevens={"achternaam": achternaam},
            adres={"postcode": postcode, "huisnummer": "1", "woonplaats": woonplaats},
        )
        casus = casus_aanmaken(
            actor=actor,
            client=client,
            gegevens={"bron": Kanaal.EDP, "slachtofferrol": "slachtoffer", "pv_nummer": pv},
        )
        taken.append(
            taak_aanmaken(
                actor=actor,
                casus=casus,
                taaktype=TaakType.objects.get(code=code),
                team=team,
                vanaf=klok.nu() - timedelta(hours=uren),
                specialisatie=Specialisatie.objects.get(code=skill) if skill else None,
            )
        )
    bezig = taak_oppakken(actor=ab, taak=taken[3])
    begin = timezone.make_aware(datetime.combine(vandaag + timedelta(days=1), time(10)))
    agenda.afspraak_maken(
        actor=ab, taak=bezig, begin=begin, einde=begin + timedelta(hours=1), onderwerp="Huisbezoek na ongeval"
    )
    return len(taken)
