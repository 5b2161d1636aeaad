"""Reads on clients and cases, always for a user and filtered to what that user may see."""

from __future__ import annotations

from django.contrib.postgres.aggregates import ArrayAgg
from django.db.models import BooleanField, Count, Exists, OuterRef, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.http import Http404

from casus.access import casus_of_404, casussen_zichtbaar_voor, zichtbaar_voor_id, ziet_niets
from casus.models import Casus, CasusRelatie, CasusStatus, Client, Strafzaak, TijdlijnItem
from cris.db import VasteQuery


def normaliseer_postcode(postcode: str) -> str:
    """'3511ab' → '3511 AB'; anything else is returned trimmed."""
    compact = (postcode or "").replace(" ", "").upper()
    if len(compact) == 6 and compact[:4].isdigit() and compact[4:].isalpha():
        return f"{compact[:4]} {compact[4:]}"
    return (postcode or "").strip().upper()


OPEN_STATUSSEN = [CasusStatus.NIEUW, CasusStatus.ACTIEF, CasusStatus.PASSIEF]


def casus_detail(*, user, pk: int) -> Casus:
    return casus_of_404(user, pk, Casus.objects.select_related("client", "district"))


def tijdlijn(*, casus: Casus, soort: str = "", limit: int = 200) -> QuerySet[TijdlijnItem]:
    """TIJ-1: every activity on the casus, newest first; `soort` filters by kind."""
    items = casus.tijdlijn.select_related("medewerker")
    if soort:
        items = items.filter(soort=soort)
    return items.order_by("-tijdstip", "-id")[:limit]


def gerelateerde_casussen(*, user, casus: Casus) -> list[Casus]:
    """CAS-9: cases related by hand or sharing the PV-nummer, only those this user may see. Shown by number,
    status and delict alone: one client's data never shows on another client's case.

    One query: the hand-made relations are an array subquery (evaluated once, so the casus primary key and
    the PV-nummer index still combine in one bitmap scan), as SQL text. Built and compiled once per shape
    (with or without PV-nummer) and run prepared (cris.db.VasteQuery, issue 11)."""
    if ziet_niets(user):
        return []
    if casus.pv_nummer:
        return _GERELATEERD_PV.lijst(user=user.pk, casus=casus.pk, pv=casus.pv_nummer)
    return _GERELATEERD.lijst(user=user.pk, casus=casus.pk)


def _gerelateerd_qs(user: int, casus: int, pv: str | None = None):
    relatie, tabel = CasusRelatie._meta.db_table, Casus._meta.db_table
    sql = (
        f"{tabel}.id = ANY(ARRAY(SELECT r.naar_id FROM {relatie} r WHERE r.van_id = %s "  # noqa: S608
        f"UNION ALL SELECT r.van_id FROM {relatie} r WHERE r.naar_id = %s))"
    )
    params: list = [casus, casus]
    if pv is not None:
        sql = f"({sql} OR {tabel}.pv_nummer = %s)"
        params.append(str(pv))  # the stand-in is a number; the real value is text
    return (
        Casus.objects.filter(zichtbaar_voor_id(user))
        .filter(RawSQL(sql, params, output_field=BooleanField()))  # noqa: S611 (names from model metadata)
        .exclude(pk=casus)
        .only("pk", "status", "delict_omschrijving", "pv_nummer", "client_id")
        .order_by("-aangemaakt_op")[:50]
    )


_GERELATEERD = VasteQuery(_gerelateerd_qs, "user", "casus")
_GERELATEERD_PV = VasteQuery(_gerelateerd_qs, "user", "casus", "pv")


def strafzaak(*, casus: Casus) -> Strafzaak | None:
    """The legal part of a casus the user may already see (CAS-1 Juridisch)."""
    return Strafzaak.objects.filter(casus=casus).first()


def client_detail(*, user, pk: int) -> Client:
    zichtbaar = Exists(casussen_zichtbaar_voor(user).filter(client=OuterRef("pk")))
    client = Client.objects.filter(pk=pk).filter(zichtbaar).first()
    if client is None:
        raise Http404
    return client


def casussen_van_client(*, user, client: Client) -> QuerySet[Casus]:
    """The client's cases this user may see (a client's other cases stay hidden)."""
    return casussen_zichtbaar_voor(user).filter(client=client).order_by("-aangemaakt_op")


def casustellingen() -> dict:
    """Annotations for a Client queryset: how many open (open_n) and closed (dicht_n) cases the client has and
    the teams holding the open ones (team_namen) — what intake may know of a client it cannot see (AAN-5)."""
    return {
        "open_n": Count("casussen", filter=Q(casussen__status__in=OPEN_STATUSSEN), distinct=True),
        "dicht_n": Count("casussen", filter=~Q(casussen__status__in=OPEN_STATUSSEN), distinct=True),
        "team_namen": ArrayAgg(
            "casussen__taken__team__naam",
            distinct=True,
            filter=Q(casussen__status__in=OPEN_STATUSSEN, casussen__taken__team__isnull=False),
            default=[],
        ),
    }
