"""KOP-3: what a client may see of their casus on the online platforms (Mijnslachtofferhulp, MijnSlachtofferzaak).

The service that makes the change calls ``melden`` inside its transaction; koppelingen.partners listens and
writes the events to its outbox in that same transaction (the apps above casus cannot be imported from here).
``gegevens`` holds only what the client may see: never the delict, a report's text or a letter's content."""

from __future__ import annotations

from django.dispatch import Signal

clientgebeurtenis = Signal()

CASUS_GEACCEPTEERD = "casus-geaccepteerd"
CONTACTPERSOON_TOEGEWEZEN = "contactpersoon-toegewezen"
AFSPRAAK_GEPLAND = "afspraak-gepland"
AFSPRAAK_GEANNULEERD = "afspraak-geannuleerd"
AFSPRAAK_VERPLAATST = "afspraak-verplaatst"
BRIEF_VERZONDEN = "brief-verzonden"
CASUS_AFGESLOTEN = "casus-afgesloten"
SOORTEN = (
    CASUS_GEACCEPTEERD,
    CONTACTPERSOON_TOEGEWEZEN,
    AFSPRAAK_GEPLAND,
    AFSPRAAK_GEANNULEERD,
    AFSPRAAK_VERPLAATST,
    BRIEF_VERZONDEN,
    CASUS_AFGESLOTEN,
)


def melden(*, casus_id: int, client_id: int, soort: str, gegevens: dict | None = None) -> None:
    assert soort in SOORTEN, soort
    clientgebeurtenis.send(sender=None, casus_id=casus_id, client_id=client_id, soort=soort, gegevens=gegevens or {})
