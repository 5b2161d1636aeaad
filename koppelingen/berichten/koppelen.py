"""EDOM: find the existing casus and client of a prosecution message's victim (INTERFACES.md §2).

A casus matches when it carries the message's parketnummer or PV-nummer *and* its client is the victim
(same valid BSN, or same surname and birth date). Without such a casus, a client known by BSN or by surname
and birth date is proposed for the new referral. A handful of queries for a whole chunk of messages.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from django.db.models import Q

from casus.models import Casus, Client


@dataclass(slots=True)
class Zoekvraag:
    parketnummer: str
    pv_nummer: str
    bsn: str  # only a valid one
    achternaam: str
    tussenvoegsel: str
    geboortedatum: object


@dataclass(slots=True)
class Koppeling:
    casussen: list[Casus]
    client: Client | None


def naamsleutel(tussenvoegsel: str, achternaam: str) -> str:
    """'van der Berg', 'Van der  Berg' and tussenvoegsel 'van der' + 'Berg' give one key; diacritics ignored."""
    text = unicodedata.normalize("NFKD", f"{tussenvoegsel}{achternaam}".lower())
    return "".join(ch for ch in text if ch.isalnum())


def _is_persoon(client: Client, vraag: Zoekvraag) -> bool:
    if vraag.bsn and client.bsn:
        return client.bsn == vraag.bsn
    return (
        vraag.geboortedatum is not None
        and client.geboortedatum == vraag.geboortedatum
        and naamsleutel(client.tussenvoegsel, client.achternaam) == naamsleutel(vraag.tussenvoegsel, vraag.achternaam)
    )


def koppelen(vragen: list[Zoekvraag]) -> list[Koppeling]:
    if not vragen:
        return []
    parket = {v.parketnummer for v in vragen if v.parketnummer}
    pv = {v.pv_nummer for v in vragen if v.pv_nummer}
    casussen = list(
        Casus.objects.filter(Q(parketnummer__in=parket) | Q(pv_nummer__in=pv)).select_related("client").order_by("pk")
    )
    bsns = {v.bsn for v in vragen if v.bsn}
    namen = {v.achternaam for v in vragen if v.geboortedatum} | {
        f"{v.tussenvoegsel} {v.achternaam}".strip() for v in vragen if v.geboortedatum and v.tussenvoegsel
    }
    geboortedata = {v.geboortedatum for v in vragen if v.geboortedatum}
    clients = list(
        Client.objects.filter(Q(bsn__in=bsns) | Q(achternaam__in=namen, geboortedatum__in=geboortedata)).order_by("pk")
    )
    per_nummer: dict[tuple[str, str], list[Casus]] = {}
    for casus in casussen:
        for key in (("parket", casus.parketnummer), ("pv", casus.pv_nummer)):
            if key[1]:
                per_nummer.setdefault(key, []).append(casus)
    per_bsn: dict[str, list[Client]] = {}
    per_geboortedatum: dict[object, list[Client]] = {}
    for client in clients:
        if client.bsn:
            per_bsn.setdefault(client.bsn, []).append(client)
        per_geboortedatum.setdefault(client.geboortedatum, []).append(client)
    result = []
    for vraag in vragen:
        kandidaten = per_nummer.get(("parket", vraag.parketnummer), []) + per_nummer.get(("pv", vraag.pv_nummer), [])
        passend = list({c.pk: c for c in kandidaten if _is_persoon(c.client, vraag)}.values())
        mogelijk = per_bsn.get(vraag.bsn, []) + per_geboortedatum.get(vraag.geboortedatum, [])
        personen = list({c.pk: c for c in mogelijk if _is_persoon(c, vraag)}.values())
        result.append(Koppeling(casussen=passend, client=personen[0] if len(personen) == 1 else None))
    return result
