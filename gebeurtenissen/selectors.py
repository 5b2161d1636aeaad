"""Reads on events (CAS-9). An event itself holds no client data and every staff member may see it; the
cases linked to it show only to those who may see each casus (casus.access), the others see a count."""

from __future__ import annotations

from django.db.models import Count, QuerySet
from django.http import Http404

from casus.access import zichtbaar_voor
from cris.accounts.roles import Rol
from gebeurtenissen.models import Gebeurtenis, GebeurtenisCasus

BEHEER_ROLLEN = (Rol.ADMINISTRATIE, Rol.JD_ADMIN, Rol.ACUTE_OPVANG, Rol.CASEMANAGEMENT, Rol.CMA, Rol.TEAMLEIDER)


def mag_aanmaken(user) -> bool:
    """Intake, Acute Opvang, Casemanagement and team leaders register events."""
    return user.heeft_rol(*BEHEER_ROLLEN)


def gebeurtenissen_lijst() -> QuerySet[Gebeurtenis]:
    return Gebeurtenis.objects.annotate(casussen_n=Count("koppelingen")).order_by("-datum", "-pk")


def gebeurtenis_of_404(pk: int) -> Gebeurtenis:
    gebeurtenis = Gebeurtenis.objects.select_related("aangemaakt_door").filter(pk=pk).first()
    if gebeurtenis is None:
        raise Http404
    return gebeurtenis


def gekoppelde_casussen(*, user, gebeurtenis: Gebeurtenis, limit: int = 200) -> tuple[list[GebeurtenisCasus], int]:
    """The links to cases this user may see (at most ``limit``, newest first), and how many linked cases
    there are that this user may not see — a number, never which ones."""
    alle = GebeurtenisCasus.objects.filter(gebeurtenis=gebeurtenis)
    zichtbaar = alle.filter(zichtbaar_voor(user, "casus"))
    rijen = list(zichtbaar.select_related("casus__client", "casus__district").order_by("-gekoppeld_op", "-pk")[:limit])
    totalen = alle.aggregate(n=Count("pk"))
    zichtbaar_n = len(rijen) if len(rijen) < limit else zichtbaar.count()
    return rijen, totalen["n"] - zichtbaar_n


def gebeurtenissen_om_te_koppelen(*, voorgesteld: list[int], limit: int = 50) -> list[Gebeurtenis]:
    """For the choice at review (AAN-10): the suggested events first (those of referrals with the same
    PV-nummer), then the most recent ones."""
    gekozen = list(Gebeurtenis.objects.filter(pk__in=voorgesteld).order_by("-datum", "-pk"))
    recent = Gebeurtenis.objects.exclude(pk__in=voorgesteld).order_by("-datum", "-pk")[:limit]
    return gekozen + list(recent)
