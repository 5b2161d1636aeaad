"""KOP-3 out: what the client may see of their casus, as CloudEvents (NL GOV profile for CloudEvents) in the event
outbox, written in the transaction of the change (the casus signal), for each partner with a webhook that the
client gave consent to. Delivery: koppelingen.partners.uitgaand."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import transaction
from django.dispatch import receiver

from casus import signalen
from cris import klok
from koppelingen.berichten.models import Ketenpartner
from koppelingen.partners.models import Toestemming, Uitgaandbericht
from koppelingen.partners.selectors import platforms

TYPE_PREFIX = "nl.slachtofferhulp.cris."


def casusnummer(casus_id: int) -> str:
    return f"CA{casus_id:07d}"


def clientnummer(client_id: int) -> str:
    return f"CL{client_id:07d}"


def cloudevent(*, event_id: uuid.UUID, soort: str, subject: str, tijd, volgnummer: int, data: dict) -> dict:
    """A CloudEvent 1.0 in structured JSON mode, as the NL GOV profile for CloudEvents asks: ``source`` a URN
    with the organisation's OIN, ``type`` reverse-DNS, ``subject`` the casus, ``sequence`` for the order."""
    return {
        "specversion": "1.0",
        "type": TYPE_PREFIX + soort,
        "source": settings.CLOUDEVENTS_BRON,
        "subject": subject,
        "id": str(event_id),
        "time": tijd.isoformat().replace("+00:00", "Z"),
        "datacontenttype": "application/json",
        "sequence": f"{volgnummer:020d}",
        "sequencetype": "Integer",
        "data": data,
    }


def in_outbox(*, partner: Ketenpartner, soort: str, ordersleutel: str, data: dict, subject: str, casus_id=None):
    """One event for one partner, in the caller's transaction; delivery is asked for once it commits (never
    failing the caller: the beat job delivers what the broker did not take)."""
    from koppelingen.partners.uitgaand import afleveren_aanvragen

    nu = klok.nu()
    rij = Uitgaandbericht.objects.create(
        partner=partner,
        casus_id=casus_id,
        ordersleutel=ordersleutel,
        type=TYPE_PREFIX + soort,
        event={},
        volgende_poging=nu,
        aangemaakt_op=nu,
    )
    rij.event = cloudevent(event_id=rij.event_id, soort=soort, subject=subject, tijd=nu, volgnummer=rij.pk, data=data)
    rij.save(update_fields=["event"])
    transaction.on_commit(afleveren_aanvragen)
    return rij


def ontvangers(client_id: int):
    """The platforms with a webhook that this client gave consent to."""
    toegestaan = Toestemming.objects.filter(client_id=client_id, ingetrokken_op__isnull=True).values("partner_id")
    return platforms().filter(pk__in=toegestaan).exclude(webhook_url="")


@receiver(signalen.clientgebeurtenis)
def _clientgebeurtenis(sender, *, casus_id: int, client_id: int, soort: str, gegevens: dict, **kwargs):
    data = {"casus": casusnummer(casus_id), "client": clientnummer(client_id), **gegevens}
    for partner in ontvangers(client_id):
        in_outbox(
            partner=partner,
            soort=soort,
            ordersleutel=f"casus:{casus_id}",
            data=data,
            subject=casusnummer(casus_id),
            casus_id=casus_id,
        )
