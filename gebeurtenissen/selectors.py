"""Reads on events (CAS-9). An event itself holds no client data and every staff member may see it; the
cases linked to it show only to those who may see each casus (casus.access), the others see a count."""

from __future__ import annotations

import re
from datetime import date

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from casus.access import zichtbaar_voor
from gebeurtenissen.models import Gebeurtenis, GebeurtenisCasus


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


_GB_NUMMER = re.compile(r"^GB\s*0*(\d{1,9})$", re.IGNORECASE)
_DATUM_NL = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_DATUM_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def gebeurtenis_zoekfilter(zoek: str) -> Q:
    """AAN-10 / CAS-9: what a reviewer types to find an older event: its number (GB00042), its date
    (12-03-2024 or 2024-03-12), or part of its name or place."""
    zoek = " ".join(zoek.split())
    if m := _GB_NUMMER.match(zoek):
        return Q(pk=int(m.group(1)))
    datum: tuple[int, ...] | None = None
    if m := _DATUM_NL.match(zoek):
        dag, maand, jaar = (int(x) for x in m.groups())
        datum = (jaar, maand, dag)
    elif m := _DATUM_ISO.match(zoek):
        datum = tuple(int(x) for x in m.groups())
    if datum:
        try:
            return Q(datum=date(*datum))
        except ValueError:
            return Q(pk__in=[])
    return Q(naam__icontains=zoek) | Q(plaats__icontains=zoek)


def gebeurtenissen_om_te_koppelen(*, voorgesteld: list[int], zoek: str = "", limit: int = 50) -> list[Gebeurtenis]:
    """For the choice at review (AAN-10): the suggested events first (those of referrals with the same
    PV-nummer, and the one already linked or just chosen), then the most recent ones, or with ``zoek`` the
    ones matching it (by number, date, name or place), so an older event can be linked too."""
    gekozen = list(Gebeurtenis.objects.filter(pk__in=voorgesteld).order_by("-datum", "-pk"))
    overige = Gebeurtenis.objects.exclude(pk__in=voorgesteld)
    if zoek.strip():
        overige = overige.filter(gebeurtenis_zoekfilter(zoek))
    return gekozen + list(overige.order_by("-datum", "-pk")[:limit])


def tijdlijn_onderwerpen(casus_id: int, ids: list[int]):
    """TIJ-1 (casus.tijdlijn): the events of these timeline entries that this casus is linked to."""
    from django.urls import reverse

    from casus.tijdlijn import Onderwerp

    rijen = Gebeurtenis.objects.filter(pk__in=ids, casussen=casus_id)
    return {g.pk: Onderwerp(str(g), reverse("gebeurtenissen:detail", args=[g.pk])) for g in rijen}
