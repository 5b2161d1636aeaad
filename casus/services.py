"""Writes on clients and cases. Every write is audited in its own transaction's audit entry."""

from __future__ import annotations

from django.db import transaction

from casus.models import Adres, Casus, Client, Strafzaak, TijdlijnItem, TijdlijnSoort
from casus.selectors import normaliseer_postcode
from cris import klok
from cris.audit.api import Actie, audit_record, audit_record_many, changes_between
from werkstroom.selectors import district_voor_postcode

CLIENT_FIELDS = (
    "voorletters",
    "voornamen",
    "tussenvoegsel",
    "achternaam",
    "geboortedatum",
    "geslacht",
    "bsn",
    "telefoon",
    "email",
    "taal",
)
ADRES_FIELDS = ("straat", "huisnummer", "huisletter", "toevoeging", "postcode", "woonplaats", "land")
STRAFZAAK_FIELDS = (
    "fase",
    "parketnummer",
    "arrondissement",
    "zittingsdatum",
    "rechtbank",
    "spreekrecht",
    "voeging",
    "zaakcoordinator_naam",
    "zaakcoordinator_telefoon",
    "zaakcoordinator_email",
)


def client_aanmaken(*, actor, gegevens: dict, adres: dict | None = None) -> Client:
    with transaction.atomic():
        client = Client(**{k: v for k, v in gegevens.items() if k in CLIENT_FIELDS})
        client.bsn = client.bsn or None
        client.full_clean()
        client.save()
        if adres and any(adres.get(k) for k in ("postcode", "straat", "woonplaats")):
            values = {k: adres.get(k) or "" for k in ADRES_FIELDS}
            values["postcode"] = normaliseer_postcode(values["postcode"])
            Adres.objects.create(client=client, voorkeur=True, **values)
        audit_record(
            Actie.AANMAKEN,
            actor=actor,
            obj=client,
            client_id=client.pk,
            changes={k: [None, getattr(client, k)] for k in CLIENT_FIELDS if getattr(client, k)},
        )
    return client


def voorkeursadres(client: Client) -> Adres | None:
    return client.adressen.filter(voorkeur=True).first()


def casus_aanmaken(*, actor, client: Client, gegevens: dict) -> Casus:
    """A new casus for the client; its district is that of the client's preferred address (ORG-1)."""
    with transaction.atomic():
        adres = voorkeursadres(client)
        casus = Casus(client=client, district=district_voor_postcode(adres.postcode) if adres else None, **gegevens)
        casus.full_clean()
        casus.save()
        audit_record(Actie.AANMAKEN, actor=actor, obj=casus, client_id=client.pk)
        tijdlijn_toevoegen(casus=casus, soort=TijdlijnSoort.STATUS, omschrijving="Casus aangemaakt", medewerker=actor)
    return casus


def tijdlijn_toevoegen(
    *, casus: Casus, soort: str, omschrijving: str, medewerker=None, obj=None, tijdstip=None
) -> TijdlijnItem:
    return TijdlijnItem.objects.create(
        casus=casus,
        tijdstip=tijdstip or klok.nu(),
        soort=soort,
        omschrijving=omschrijving[:500],
        medewerker=medewerker if getattr(medewerker, "is_authenticated", False) else None,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=obj.pk if obj is not None else None,
    )


def strafzaken_bijwerken(*, actor=None, wijzigingen: list[tuple[Casus, dict, str]]) -> list[Strafzaak]:
    """Write the legal part (Strafzaak) of these cases, as the prosecution reports it (CAS-2, KOP-1).

    In bulk, for imports: a handful of statements for any number of cases. Each change gets an audit entry
    with the old and new values and a line on the casus's timeline; a casus without a parketnummer takes the
    Strafzaak's. Fields absent from ``gegevens`` keep their value: a later message adds and corrects.
    Each change is (casus, gegevens, reden); the reason goes into the audit entry and the timeline.
    """
    if not wijzigingen:
        return []
    with transaction.atomic():
        ids = {casus.pk for casus, _, _ in wijzigingen}
        strafzaken = {s.casus_id: s for s in Strafzaak.objects.select_for_update().filter(casus_id__in=ids)}
        in_db = set(strafzaken)
        bestonden = set(in_db)
        aanmaken: list[dict] = []
        wijzigen: list[dict] = []
        tijdlijn, casussen = [], {}
        for casus, gegevens, reden in wijzigingen:
            strafzaak = strafzaken.setdefault(casus.pk, Strafzaak(casus=casus))
            oud = {f: getattr(strafzaak, f) for f in STRAFZAAK_FIELDS} if casus.pk in bestonden else None
            for field in STRAFZAAK_FIELDS:
                if gegevens.get(field) not in (None, ""):
                    setattr(strafzaak, field, gegevens[field])
            strafzaak.bijgewerkt_op = klok.nu()
            changes = changes_between(oud, strafzaak, STRAFZAAK_FIELDS)
            entry = {"obj": strafzaak, "client_id": casus.client_id, "changes": changes, "reason": reden}
            (wijzigen if casus.pk in bestonden else aanmaken).append(entry)
            bestonden.add(casus.pk)
            tijdlijn.append(
                TijdlijnItem(
                    casus=casus,
                    tijdstip=strafzaak.bijgewerkt_op,
                    soort=TijdlijnSoort.JURIDISCH,
                    omschrijving=f"{reden}: strafzaak {strafzaak.get_fase_display()}"[:500],
                    medewerker=actor if getattr(actor, "is_authenticated", False) else None,
                    object_type=Strafzaak._meta.label_lower,
                )
            )
            if strafzaak.parketnummer and not casus.parketnummer:
                casus.parketnummer = strafzaak.parketnummer
                casussen[casus.pk] = casus
        Strafzaak.objects.bulk_create([s for s in strafzaken.values() if s.pk is None])
        Strafzaak.objects.bulk_update(
            [s for s in strafzaken.values() if s.casus_id in in_db], [*STRAFZAAK_FIELDS, "bijgewerkt_op"]
        )
        for item in tijdlijn:
            item.object_id = strafzaken[item.casus_id].pk
        TijdlijnItem.objects.bulk_create(tijdlijn)
        Casus.objects.bulk_update(list(casussen.values()), ["parketnummer"])
        audit_record_many(Actie.AANMAKEN, aanmaken, actor=actor)
        audit_record_many(Actie.WIJZIGEN, wijzigen, actor=actor)
    return list(strafzaken.values())
