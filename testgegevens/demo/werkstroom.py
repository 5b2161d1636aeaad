"""Demo organisation: all teams of ORG-2 and one user per role. Used by `manage.py demo` and the tests."""

from __future__ import annotations

import csv
import tempfile
from pathlib import Path

from django.contrib.auth.models import Group
from django.db import transaction

from cris.accounts.models import Functieprofiel, Medewerker
from cris.accounts.roles import Rol
from werkstroom.models import Afdeling, District, Lidmaatschap, Team
from werkstroom.services import lidmaatschap_opslaan

DEMO_WACHTWOORD = "cris-demo-2026"
DEMO_DISTRICT = "MN"

DISTRICT_AFDELINGEN = [
    Afdeling.ACTIEVE_BENADERING,
    Afdeling.ACUTE_OPVANG,
    Afdeling.ALGEMENE_DIENSTVERLENING,
    Afdeling.JURIDISCHE_DIENSTVERLENING,
    Afdeling.CASEMANAGEMENT,
]
LANDELIJKE_AFDELINGEN = [
    Afdeling.ADMINISTRATIE,
    Afdeling.JD_ADMIN,
    Afdeling.CAI,
    Afdeling.CMA,
    Afdeling.NAMENS_DE_FAMILIE,
    Afdeling.LOTGENOTEN,
]

# username, voornaam, achternaam, role, standard team code
DEMO_GEBRUIKERS = [
    ("administratie", "Anouk", "Bakker", Rol.ADMINISTRATIE, "ADMIN"),
    ("jdadmin", "Joris", "de Vries", Rol.JD_ADMIN, "JDADMIN"),
    ("ab", "Fatima", "El Amrani", Rol.ACTIEVE_BENADERING, "AB-MN"),
    ("cai", "Sanne", "Visser", Rol.CAI, "CAI"),
    ("ao", "Daan", "Smit", Rol.ACUTE_OPVANG, "AO-MN"),
    ("ad", "Emma", "Mulder", Rol.ALGEMENE_DIENSTVERLENING, "AD-MN"),
    ("jd", "Lucas", "van Dijk", Rol.JURIDISCHE_DIENSTVERLENING, "JD-MN"),
    ("cm", "Noor", "Jansen", Rol.CASEMANAGEMENT, "CM-MN"),
    ("cma", "Milan", "Peters", Rol.CMA, "CMA"),
    ("ndf", "Sophie", "Hendriks", Rol.NAMENS_DE_FAMILIE, "NDF"),
    ("lotgenoten", "Tim", "van Leeuwen", Rol.LOTGENOTEN, "LOT"),
    ("teamleider", "Eva", "de Boer", Rol.TEAMLEIDER, "AB-MN"),
    ("districtsmanager", "Bram", "Dekker", Rol.DISTRICTSMANAGER, ""),
    ("cmacoordinator", "Lotte", "Brouwer", Rol.CMA_COORDINATOR, "CMA"),
    ("functioneelbeheer", "Ruben", "de Wit", Rol.FUNCTIONEEL_BEHEERDER, ""),
    ("applicatiebeheer", "Iris", "Dijkstra", Rol.APPLICATIEBEHEERDER, ""),
    ("privacyofficer", "Yusuf", "Yilmaz", Rol.PRIVACY_OFFICER, ""),
]


def teams_aanmaken() -> int:
    """Every department's teams (ORG-2): per district where the work is regional, else one national team."""
    created = 0
    for afdeling in DISTRICT_AFDELINGEN:
        for district in District.objects.all():
            _, new = Team.objects.get_or_create(
                code=f"{afdeling.value}-{district.code}",
                defaults={
                    "naam": f"{afdeling.label} {district.naam}",
                    "afdeling": afdeling,
                    "district": district,
                },
            )
            created += new
    for afdeling in LANDELIJKE_AFDELINGEN:
        _, new = Team.objects.get_or_create(
            code=afdeling.value, defaults={"naam": str(afdeling.label), "afdeling": afdeling}
        )
        created += new
    return created


def gebruikers_aanmaken() -> list[Medewerker]:
    """One user per role, through the AFAS import like real staff; then a demo password."""
    from koppelingen.afas.services import afas_importeren

    for _, _, _, rol, _ in DEMO_GEBRUIKERS:
        profiel, _ = Functieprofiel.objects.get_or_create(code=f"DEMO-{rol}", defaults={"naam": f"Demo {rol}"})
        profiel.rollen.add(Group.objects.get(name=rol))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "demo-afas.csv"
        with path.open("w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow(
                [
                    "personeelsnummer",
                    "gebruikersnaam",
                    "voornamen",
                    "achternaam",
                    "email",
                    "profiel",
                    "district",
                    "standaard_team",
                    "status",
                ]
            )
            for number, (username, voornaam, achternaam, rol, team) in enumerate(DEMO_GEBRUIKERS, start=1):
                writer.writerow(
                    [
                        f"D{number:05d}",
                        username,
                        voornaam,
                        achternaam,
                        f"{username}@demo.cris.local",
                        f"DEMO-{rol}",
                        DEMO_DISTRICT,
                        team,
                        "actief",
                    ]
                )
        afas_importeren(path=path, volledig=False)
    users = list(Medewerker.objects.filter(username__in=[u[0] for u in DEMO_GEBRUIKERS]))
    for user in users:
        if not user.check_password(DEMO_WACHTWOORD):
            user.set_password(DEMO_WACHTWOORD)
            user.save(update_fields=["password"])
    leader = next(u for u in users if u.username == "teamleider")
    lidmaatschap_opslaan(medewerker=leader, team=Team.objects.get(code="AB-MN"), rol=Lidmaatschap.Rol.TEAMLEIDER)
    return users


@transaction.atomic
def demo_inrichten() -> dict:
    teams = teams_aanmaken()
    users = gebruikers_aanmaken()
    return {"teams_nieuw": teams, "gebruikers": len(users)}
