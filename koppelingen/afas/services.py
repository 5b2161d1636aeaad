"""The AFAS import: Medewerkers are created, updated and deactivated from the HR export (ORG-3).

Each row is its own transaction: a bad row is reported and skipped whole, the good rows still land.
With ``volledig`` the export is taken as complete and staff missing from it are deactivated, unless the
export looks truncated (errors, or fewer than MIN_AANDEEL of the active staff): then nobody is.
"""

from __future__ import annotations

import logging
from pathlib import Path

from django.db import IntegrityError, transaction

from cris import klok
from cris.accounts.links import activatielink_versturen
from cris.accounts.models import Functieprofiel, Medewerker
from cris.accounts.services import medewerker_rollen_afleiden
from cris.audit.api import Actie, audit_record, changes_between
from koppelingen.afas.formaat import Fout, MedewerkerRecord, parse_row, read_export
from koppelingen.afas.models import AfasImport
from taken.leiding import wees_melden
from werkstroom.models import Lidmaatschap, Specialisatie, Team
from werkstroom.services import lidmaatschap_opslaan

logger = logging.getLogger(__name__)

MIN_AANDEEL = 0.75
# The HR fields CRIS keeps from AFAS have one owner, Medewerker.HR_FIELDS (the admin shows the same list);
# the import compares and audits them with the user name. The leader follows in a second pass (_leidinggevenden).
_SIMPLE = [
    "username",
    *(
        f.attname
        for f in Medewerker._meta.concrete_fields
        if f.name in Medewerker.HR_FIELDS and f.name != "leidinggevende"
    ),
]


def afas_importeren(*, path: Path, volledig: bool) -> AfasImport:
    """Import one AFAS export file. Raises ExportUnreadable when the file as a whole cannot be read."""
    rows = read_export(path)
    run = AfasImport.objects.create(bestand=str(path), regels=len(rows))
    records: list[MedewerkerRecord] = []
    fouten: list[Fout] = []
    first_line = 1 if path.suffix.lower() == ".json" else 2
    for number, row in enumerate(rows, start=first_line):
        record, errors = parse_row(number, row)
        fouten.extend(errors)
        if record:
            records.append(record)
    _duplicates(records, fouten)
    meldingen: list[str] = []
    counts = {"aangemaakt": 0, "bijgewerkt": 0, "ongewijzigd": 0}
    valid: list[MedewerkerRecord] = []
    for record in records:
        try:
            with transaction.atomic():
                outcome = _upsert(record, meldingen)
        except IntegrityError as exc:
            fouten.append(Fout(record.regel, "gebruikersnaam", f"botst met een andere medewerker: {exc}"))
            continue
        counts[outcome] += 1
        valid.append(record)
    _leidinggevenden(valid, meldingen)
    gedeactiveerd = 0
    if volledig:
        gedeactiveerd = _deactivate_missing(valid, fouten, meldingen)
    run.aangemaakt, run.bijgewerkt, run.ongewijzigd = (
        counts["aangemaakt"],
        counts["bijgewerkt"],
        counts["ongewijzigd"],
    )
    run.gedeactiveerd, run.afgerond = gedeactiveerd, klok.nu()
    run.fouten = [f.as_dict() for f in sorted(fouten, key=lambda f: f.regel)]
    run.meldingen = meldingen
    run.save()
    logger.info("AFAS import %s: %s", path, {**counts, "gedeactiveerd": gedeactiveerd, "fouten": len(fouten)})
    return run


def _duplicates(records: list[MedewerkerRecord], fouten: list[Fout]) -> None:
    for key in ("personeelsnummer", "gebruikersnaam"):
        seen: dict[str, int] = {}
        for record in list(records):
            value = getattr(record, key).lower()
            if value in seen:
                fouten.append(Fout(record.regel, key, f"komt ook voor op regel {seen[value]}"))
                records.remove(record)
            else:
                seen[value] = record.regel


def _profiel(code: str, meldingen: list[str]) -> Functieprofiel | None:
    if not code:
        return None
    profiel, created = Functieprofiel.objects.get_or_create(code=code, defaults={"naam": code})
    if created:
        meldingen.append(f"Nieuw functieprofiel '{code}': ken er in het beheer rollen aan toe.")
    return profiel


def _upsert(record: MedewerkerRecord, meldingen: list[str]) -> str:
    medewerker = Medewerker.objects.filter(personeelsnummer=record.personeelsnummer).first()
    created = medewerker is None
    before = {name: getattr(medewerker, name) for name in _SIMPLE} if medewerker else None
    medewerker = medewerker or Medewerker(personeelsnummer=record.personeelsnummer)
    medewerker.username = record.gebruikersnaam
    for name in ("voorletters", "voornamen", "tussenvoegsels", "achternaam", "email", "telefoon"):
        setattr(medewerker, name, getattr(record, name))
    medewerker.district_code = record.district
    medewerker.standaard_team_code = record.standaard_team
    medewerker.beveiligingsniveau = record.beveiligingsniveau
    medewerker.is_active = record.actief
    medewerker.profiel = _profiel(record.profiel, meldingen)
    medewerker.tweede_profiel = _profiel(record.tweede_profiel, meldingen)
    changes = changes_between(before, medewerker, _SIMPLE)
    if created:
        medewerker.set_unusable_password()
    medewerker.afas_bijgewerkt_op = klok.nu()
    medewerker.full_clean(exclude=["password", "leidinggevende"])
    medewerker.save()
    team_changed = _standaard_team(medewerker, record.standaard_team, meldingen)
    skills_changed = _specialisaties(medewerker, record.specialisaties)
    medewerker_rollen_afleiden(medewerker=medewerker)
    if created or changes or team_changed or skills_changed:
        if skills_changed:
            changes["specialisaties"] = skills_changed
        actie = Actie.AANMAKEN if created else Actie.WIJZIGEN
        audit_record(actie, obj=medewerker, changes=changes, reason="AFAS-import")
        if created:
            # New staff get their first password and authenticator through an e-mailed link (issue 22).
            activatielink_versturen(medewerker=medewerker, reden="activatielink verstuurd na AFAS-import")
        return "aangemaakt" if created else "bijgewerkt"
    return "ongewijzigd"


def _standaard_team(medewerker: Medewerker, code: str, meldingen: list[str]) -> bool:
    current = Lidmaatschap.objects.filter(medewerker=medewerker, standaard=True).select_related("team").first()
    if current and current.team.code == code:
        return False
    if not code:
        if current:
            current.standaard = False
            current.save(update_fields=["standaard"])
        return bool(current)
    team = Team.objects.filter(code=code).first()
    if team is None:
        meldingen.append(f"{medewerker.username}: onbekend standaardteam '{code}'; lidmaatschap niet gezet.")
        return False
    lidmaatschap_opslaan(medewerker=medewerker, team=team, standaard=True)
    return True


def _specialisaties(medewerker: Medewerker, codes: list[str]) -> list | None:
    current = sorted(medewerker.specialisaties.values_list("code", flat=True))
    if current == codes:
        return None
    skills = [Specialisatie.objects.get_or_create(code=code, defaults={"naam": code})[0] for code in codes]
    medewerker.specialisaties.set(skills)
    return [current, codes]


_NAAM = ("voornamen", "voorletters", "tussenvoegsels", "achternaam")  # what the audit entry names them by (__str__)


def _leidinggevenden(records: list[MedewerkerRecord], meldingen: list[str]) -> None:
    """Each record's leader, in a second pass (the leader may be on a later line); audited where it changes."""
    numbers = {r.leidinggevende for r in records if r.leidinggevende}
    leaders = dict(Medewerker.objects.filter(personeelsnummer__in=numbers).values_list("personeelsnummer", "pk"))
    staff = {
        m.personeelsnummer: m
        for m in Medewerker.objects.filter(personeelsnummer__in=[r.personeelsnummer for r in records]).only(
            "pk", "username", "personeelsnummer", "leidinggevende_id", *_NAAM
        )
    }
    for record in records:
        leader_id = leaders.get(record.leidinggevende)
        if record.leidinggevende and leader_id is None:
            meldingen.append(f"Regel {record.regel}: leidinggevende '{record.leidinggevende}' is onbekend.")
        medewerker = staff.get(record.personeelsnummer)
        if medewerker is None or medewerker.leidinggevende_id == leader_id:
            continue
        with transaction.atomic():
            Medewerker.objects.filter(pk=medewerker.pk).update(leidinggevende_id=leader_id)
            audit_record(
                Actie.WIJZIGEN,
                obj=medewerker,
                changes={"leidinggevende_id": [medewerker.leidinggevende_id, leader_id]},
                reason="AFAS-import",
            )


def _deactivate_missing(records: list[MedewerkerRecord], fouten: list[Fout], meldingen: list[str]) -> int:
    present = {r.personeelsnummer for r in records}
    active = Medewerker.objects.filter(is_active=True, personeelsnummer__isnull=False)
    if fouten or len(present) < MIN_AANDEEL * active.count():
        meldingen.append(
            "Niemand gedeactiveerd: het bestand bevat fouten of minder dan "
            f"{int(MIN_AANDEEL * 100)}% van de actieve medewerkers en lijkt onvolledig."
        )
        return 0
    missing = list(active.exclude(personeelsnummer__in=present))
    for medewerker in missing:
        with transaction.atomic():
            medewerker.is_active = False
            medewerker.save(update_fields=["is_active"])
            audit_record(
                Actie.WIJZIGEN,
                obj=medewerker,
                changes={"is_active": [True, False]},
                reason="AFAS-import: niet meer in de export",
            )
    # Issue 24: their open tasks are flagged to their team leaders, who hand them on in bulk.
    wees_melden(missing)
    return len(missing)
