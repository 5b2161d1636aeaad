"""Writes on clients and cases. Every write is audited in its own transaction's audit entry."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from casus.models import Adres, Casus, Client, TijdlijnItem, TijdlijnSoort
from casus.selectors import normaliseer_postcode
from cris.audit.api import Actie, audit_record
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
        tijdstip=tijdstip or timezone.now(),
        soort=soort,
        omschrijving=omschrijving[:500],
        medewerker=medewerker if getattr(medewerker, "is_authenticated", False) else None,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=obj.pk if obj is not None else None,
    )
