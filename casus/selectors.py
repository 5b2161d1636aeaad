"""Reads on clients and cases, always for a user and filtered to what that user may see."""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404

from casus.access import casus_of_404, casussen_zichtbaar_voor
from casus.models import Casus, CasusStatus, Client, Strafzaak, TijdlijnItem


def normaliseer_postcode(postcode: str) -> str:
    """'3511ab' → '3511 AB'; anything else is returned trimmed."""
    compact = (postcode or "").replace(" ", "").upper()
    if len(compact) == 6 and compact[:4].isdigit() and compact[4:].isalpha():
        return f"{compact[:4]} {compact[4:]}"
    return (postcode or "").strip().upper()


OPEN_STATUSSEN = [CasusStatus.NIEUW, CasusStatus.ACTIEF, CasusStatus.PASSIEF]


def casus_detail(*, user, pk: int) -> Casus:
    return casus_of_404(user, pk, Casus.objects.select_related("client", "district"))


def tijdlijn(*, casus: Casus, limit: int = 200) -> QuerySet[TijdlijnItem]:
    return casus.tijdlijn.select_related("medewerker").order_by("-tijdstip", "-id")[:limit]


def strafzaak(*, casus: Casus) -> Strafzaak | None:
    """The legal part of a casus the user may already see (CAS-1 Juridisch)."""
    return Strafzaak.objects.filter(casus=casus).first()


def client_detail(*, user, pk: int) -> Client:
    client = Client.objects.filter(pk=pk).filter(Exists(casussen_zichtbaar_voor(user).filter(client=OuterRef("pk"))))
    client = client.first()
    if client is None:
        raise Http404
    return client


def casussen_van_client(*, user, client: Client) -> QuerySet[Casus]:
    """The client's cases this user may see (a client's other cases stay hidden)."""
    return casussen_zichtbaar_voor(user).filter(client=client).order_by("-aangemaakt_op")


def casustellingen() -> dict:
    """Annotations for a Client queryset: how many open (open_n) and closed (dicht_n) cases the client has —
    what intake may know of a client it cannot see (AAN-5)."""
    return {
        "open_n": Count("casussen", filter=Q(casussen__status__in=OPEN_STATUSSEN), distinct=True),
        "dicht_n": Count("casussen", filter=~Q(casussen__status__in=OPEN_STATUSSEN), distinct=True),
    }
