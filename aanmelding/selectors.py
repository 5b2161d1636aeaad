"""Reads on referrals, filtered to what the user's work needs: the review queue of their role (AAN-3),
and the referrals they entered themselves."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncDate
from django.http import Http404
from django.utils import timezone

from aanmelding.models import (
    OPEN_AANMELDINGSTATUSSEN,
    Aanmelding,
    AanmeldingStatus,
    AutomatischBesluit,
    Uitkomst,
    Wachtrij,
)
from cris.accounts.roles import Rol

WACHTRIJ_ROL = {Wachtrij.ADMINISTRATIE: Rol.ADMINISTRATIE, Wachtrij.JD_ADMIN: Rol.JD_ADMIN}
INVOER_ROLLEN = (Rol.CAI, Rol.ADMINISTRATIE, Rol.JD_ADMIN)


def wachtrijen_van(user) -> list[str]:
    return [wachtrij for wachtrij, rol in WACHTRIJ_ROL.items() if user.heeft_rol(rol)]


def mag_invoeren(user) -> bool:
    return user.heeft_rol(*INVOER_ROLLEN)


def aanmeldingen_zichtbaar_voor(user) -> QuerySet[Aanmelding]:
    if not user.is_authenticated or not user.is_active:
        return Aanmelding.objects.none()
    return Aanmelding.objects.filter(Q(wachtrij__in=wachtrijen_van(user)) | Q(ingevoerd_door=user))


def aanmelding_detail(*, user, pk: int) -> Aanmelding:
    aanmelding = (
        aanmeldingen_zichtbaar_voor(user)
        .select_related("beoordelaar", "ingevoerd_door", "casus", "gebeurtenis", "samengevoegd_met")
        .filter(pk=pk)
        .first()
    )
    if aanmelding is None:
        raise Http404
    return aanmelding


def beoordelingslijst(*, user, wachtrij: str | None = None) -> QuerySet[Aanmelding]:
    """Open referrals in the user's review queues, oldest first (the 48-hour clock runs from arrival)."""
    wachtrijen = wachtrijen_van(user)
    if wachtrij:
        wachtrijen = [w for w in wachtrijen if w == wachtrij]
    return Aanmelding.objects.filter(wachtrij__in=wachtrijen, status__in=OPEN_AANMELDINGSTATUSSEN).order_by(
        "ontvangen_op", "id"
    )


def mag_beoordelen(user, aanmelding: Aanmelding) -> bool:
    return aanmelding.wachtrij in wachtrijen_van(user)


def automatische_besluiten_per_dag(*, dagen: int = 7) -> list[dict]:
    """AAN-9: what automatic processing decided per day, newest day first: [{dag, goedgekeurd,
    online_aanbod, beoordelen}]. One grouped query on the (genomen_op, uitkomst) index."""
    van = timezone.make_aware(datetime.combine(timezone.localdate() - timedelta(days=dagen - 1), time.min))
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


def mogelijke_dubbelen(*, user, aanmelding: Aanmelding, limit: int = 10) -> list[Aanmelding]:
    """Referrals the user may see that could be the same referral again (same person and same PV-nummer,
    BSN, or surname with birth date), as targets for merging. Not those already merged themselves."""
    kenmerken = Q(pk__in=[])
    if aanmelding.bsn:
        kenmerken |= Q(bsn=aanmelding.bsn)
    if aanmelding.geboortedatum:
        kenmerken |= Q(achternaam__iexact=aanmelding.achternaam, geboortedatum=aanmelding.geboortedatum)
    if aanmelding.pv_nummer:
        kenmerken |= Q(pv_nummer=aanmelding.pv_nummer, achternaam__iexact=aanmelding.achternaam)
    return list(
        aanmeldingen_zichtbaar_voor(user)
        .filter(kenmerken)
        .exclude(pk=aanmelding.pk)
        .exclude(status=AanmeldingStatus.SAMENGEVOEGD)
        .order_by("-ontvangen_op", "-pk")[:limit]
    )
