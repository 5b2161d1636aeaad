"""Reads on referrals, filtered to what the user's work needs: the review queue of their role (AAN-3),
and the referrals they entered themselves."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import TruncDate
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import ngettext

from aanmelding.models import (
    OPEN_AANMELDINGSTATUSSEN,
    Aanmelding,
    AanmeldingStatus,
    AutomatischBesluit,
    Signalering,
    Uitkomst,
)
from aanmelding.permissions import wachtrijen_van
from casus.access import zichtbaar_voor, ziet_niets
from casus.models import Kanaal
from casus.namen import weergavenaam
from cris import klok
from cris.db import PreparedPages, QueryPerShape
from cris.rows import TemplateRow


def aanmeldingen_zichtbaar_voor(user, *, met_casus_teams: bool = False) -> QuerySet[Aanmelding]:
    """A referral without a casus belongs to its review queue (and to whoever entered it); once approved it
    is part of its casus and follows casus access (issue 21 item 10): readable by everyone who may see the
    casus (issue 24), by nobody else, whoever reviewed or entered it. ``met_casus_teams``: the same rule with the
    casus's teams read from the referral's own column (``zichtbaar_voor(teams_veld=...)``), for search."""
    if ziet_niets(user):  # anonymous or deactivated: the one rule of casus.access
        return Aanmelding.objects.none()
    zonder_casus = Q(casus__isnull=True) & (Q(wachtrij__in=wachtrijen_van(user)) | Q(ingevoerd_door=user))
    casus = zichtbaar_voor(user, "casus_id", teams_veld="casus_teams" if met_casus_teams else None)
    return Aanmelding.objects.filter(zonder_casus | (Q(casus__isnull=False) & casus))


def aanmelding_detail(*, user, pk: int) -> Aanmelding:
    """The referral with what its page prints of its reviewer, casus and event; not the one it was merged into
    (its number is its id: ``samengevoegd_met_nummer``) nor who entered it, two more rows of some 50 columns."""
    aanmelding = (
        aanmeldingen_zichtbaar_voor(user).select_related("beoordelaar", "casus", "gebeurtenis").filter(pk=pk).first()
    )
    if aanmelding is None:
        raise Http404
    return aanmelding


def _wachtrijen(user, wachtrij: str | None) -> tuple[str, ...]:
    return tuple(w for w in wachtrijen_van(user) if not wachtrij or w == wachtrij)


def _open_in(wachtrijen) -> QuerySet[Aanmelding]:
    """The review queue (AAN-3): open referrals in these queues, oldest first (the 48-hour clock runs from
    arrival)."""
    return Aanmelding.objects.filter(wachtrij__in=wachtrijen, status__in=OPEN_AANMELDINGSTATUSSEN).order_by(
        "ontvangen_op", "id"
    )


@dataclass(slots=True)
class BeoordelingRij(TemplateRow):
    """One row of the review queue, with what the row template (aanmelding/beoordelen.html) prints: plain
    strings made once per page (labels translated once, the link, the dates), as the worklist's rows."""

    pk: int
    client_id: int | None  # the client a referral already belongs to, for the list's audit entry (AUT-3)
    url: str
    nummer: str
    ontvangen: str
    kanaal: str
    persoon: str
    delict: str
    status: str
    signaleringen: str  # the labels joined with "; ", "" without any
    aantal_signaleringen: str  # "2 signaleringen", "" without any


_RIJ_VELDEN = (
    "id",
    "ontvangen_op",
    "kanaal",
    "voornamen",
    "voorletters",
    "tussenvoegsel",
    "achternaam",
    "geboortedatum",
    "delict_omschrijving",
    "status",
    "signaleringen",
    "casus__client_id",
)


# The review queue's page and counts, built by ``_open_in`` and compiled once per set of queues (cris.db.VasteQuery;
# a role has one to three): building and compiling them per view cost ~2 ms.
_RIJEN = QueryPerShape(lambda w: _open_in(w).values_list(*_RIJ_VELDEN))
_AANTALLEN = QueryPerShape(lambda w: _open_in(w).order_by().values_list("status").annotate(n=Count("pk")))


def beoordeling_pagina(*, user, wachtrij: str | None, nummer) -> Page:
    """A page of the user's review queues (or of the one named) as ``BeoordelingRij`` rows: the columns the list
    prints, no model instances. The paginator counts by the counts per status."""
    wachtrijen = _wachtrijen(user, wachtrij)
    rows: Any = []
    if wachtrijen:
        rows = PreparedPages(_RIJEN[wachtrijen], lambda: sum(n for _, n in _AANTALLEN[wachtrijen].rijen()))
    pagina = Paginator(rows, 50).get_page(nummer)
    kanalen = {code: str(label) for code, label in Kanaal.choices}  # translated once per page
    statussen = {code: str(label) for code, label in AanmeldingStatus.choices}
    signaleringen = {code: str(label) for code, label in Signalering.choices}
    url = reverse("aanmelding:detail", args=[0]).removesuffix("0/")
    rijen = []
    for pk, ontvangen, kanaal, voornamen, voorletters, tussen, achter, geboren, delict, status, codes, client in pagina:
        persoon = weergavenaam(voornamen, voorletters, tussen, achter)
        aantal = len(codes or ())
        rijen.append(
            BeoordelingRij(
                pk=pk,
                client_id=client,
                url=f"{url}{pk}/",
                nummer=Aanmelding.nummer_van(pk),
                ontvangen=timezone.localtime(ontvangen).strftime("%d-%m-%Y %H:%M"),
                kanaal=kanalen.get(kanaal, kanaal),
                persoon=f"{persoon}, {geboren.strftime('%d-%m-%Y')}" if geboren else persoon,
                delict=delict or "–",
                status=statussen.get(status, status),
                signaleringen="; ".join(signaleringen.get(code, code) for code in codes or ()),
                aantal_signaleringen=ngettext("%(n)d signalering", "%(n)d signaleringen", aantal) % {"n": aantal}
                if aantal
                else "",
            )
        )
    pagina.object_list = rijen
    return pagina


def automatische_besluiten_per_dag(*, dagen: int = 7) -> list[dict]:
    """AAN-9: what automatic processing decided per day, newest day first: [{dag, goedgekeurd,
    online_aanbod, beoordelen}]. One grouped query on the (genomen_op, uitkomst) index."""
    van = timezone.make_aware(datetime.combine(klok.vandaag() - timedelta(days=dagen - 1), time.min))
    rijen = (
        AutomatischBesluit.objects.filter(genomen_op__gte=van)
        .annotate(dag=TruncDate("genomen_op"))
        .values("dag", "uitkomst")
        .annotate(n=Count("pk"))
    )
    per_dag: dict = {}
    for rij in rijen:
        per_dag.setdefault(rij["dag"], dict.fromkeys(Uitkomst.values, 0))[rij["uitkomst"]] = rij["n"]
    return [{"dag": dag, **tellingen} for dag, tellingen in sorted(per_dag.items(), reverse=True)]


def automatisch_besluit(aanmelding: Aanmelding) -> AutomatischBesluit | None:
    """AAN-9: the automatic processing's decision on this referral, with its rule, if it took one."""
    return AutomatischBesluit.objects.filter(aanmelding=aanmelding).select_related("regel").first()


def dubbelen_hiervan(aanmelding: Aanmelding, limit: int = 20) -> list[Aanmelding]:
    """AAN-3: the referrals merged into this one (their numbers link to them)."""
    return list(aanmelding.samengevoegd.order_by("pk").only("pk")[:limit])


def zelfde_pv_nummer(*, user, aanmelding: Aanmelding, limit: int = 20) -> list[Aanmelding]:
    """AAN-10: other referrals with this PV-nummer that the user may see — suggested for the same event."""
    if not aanmelding.pv_nummer:
        return []
    return list(
        aanmeldingen_zichtbaar_voor(user)
        .filter(pv_nummer=aanmelding.pv_nummer)
        .exclude(pk=aanmelding.pk)
        .select_related("gebeurtenis")
        .order_by("ontvangen_op", "pk")[:limit]
    )


def samenvoeg_doelen_voor(user) -> QuerySet[Aanmelding]:
    """The referrals a reviewer may merge a duplicate into (AAN-3): those they may see, and the approved ones of
    their queues, whose content follows casus access (``aanmeldingen_zichtbaar_voor``); of those the page
    shows only number, channel, date and status (``zichtbaar`` false), as the client finder does for clients."""
    if ziet_niets(user):
        return Aanmelding.objects.none()
    # A correlated EXISTS per candidate, not "pk IN (every visible referral)": ORed with the queue that IN
    # cannot be hashed, and PostgreSQL scanned all 1.3 M referrals for each candidate of another queue (3-5 s).
    zichtbaar = Exists(aanmeldingen_zichtbaar_voor(user).filter(pk=OuterRef("pk")))
    return Aanmelding.objects.annotate(zichtbaar=zichtbaar).filter(
        Q(zichtbaar=True) | Q(wachtrij__in=wachtrijen_van(user))
    )


def clienten_met_zelfde_pv(aanmelding: Aanmelding, client_ids: list[int]) -> list[int]:
    """Issue 24: which of these clients already has a casus with this referral's PV-nummer: approving it for
    them again is probably the same report twice (a warning, not a refusal)."""
    from casus.models import Casus

    if not aanmelding.pv_nummer or not client_ids:
        return []
    return sorted(
        set(
            Casus.objects.filter(client_id__in=client_ids, pv_nummer=aanmelding.pv_nummer).values_list(
                "client_id", flat=True
            )
        )
    )


def mogelijke_dubbelen(*, user, aanmelding: Aanmelding, limit: int = 10) -> list[Aanmelding]:
    """Referrals that could be the same referral again (same person and same PV-nummer, BSN, or surname with
    birth date), as targets for merging (``samenvoeg_doelen_voor``). Not those already merged themselves."""
    kenmerken = Q(pk__in=[])
    if aanmelding.bsn:
        kenmerken |= Q(bsn=aanmelding.bsn)
    if aanmelding.geboortedatum:
        kenmerken |= Q(achternaam__iexact=aanmelding.achternaam, geboortedatum=aanmelding.geboortedatum)
    if aanmelding.pv_nummer:
        kenmerken |= Q(pv_nummer=aanmelding.pv_nummer, achternaam__iexact=aanmelding.achternaam)
    return list(
        samenvoeg_doelen_voor(user)
        .filter(kenmerken)
        .exclude(pk=aanmelding.pk)
        .exclude(status=AanmeldingStatus.SAMENGEVOEGD)
        .order_by("-ontvangen_op", "-pk")[:limit]
    )


def tijdlijn_onderwerpen(casus_id: int, ids: list[int]):
    """TIJ-1 (casus.tijdlijn): the referral of these timeline entries, as approved into this casus: its channel,
    arrival and the toelichting of the referrer."""
    from casus.tijdlijn import Onderwerp

    rijen = Aanmelding.objects.filter(pk__in=ids, casus_id=casus_id).only("pk", "kanaal", "ontvangen_op", "toelichting")
    url = reverse("aanmelding:detail", args=[0]).removesuffix("0/")
    return {
        a.pk: Onderwerp(
            f"{a.get_kanaal_display()}, {timezone.localtime(a.ontvangen_op):%d-%m-%Y %H:%M}",
            f"{url}{a.pk}/",  # issue 24: the original referral, readable by whoever may see the casus
            a.toelichting,
        )
        for a in rijen
    }


def edom_updates(aanmelding: Aanmelding, limit: int = 50) -> list:
    """Issue 24: the prosecution's updates (EDOM) on the casus of an approved referral, newest first."""
    from casus.models import TijdlijnItem, TijdlijnSoort

    if aanmelding.casus_id is None:
        return []
    return list(
        TijdlijnItem.objects.filter(casus_id=aanmelding.casus_id, soort=TijdlijnSoort.JURIDISCH).order_by(
            "-tijdstip", "-pk"
        )[:limit]
    )
