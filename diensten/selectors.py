"""Reads on services of a task (DIE-2), filtered to what the user may see (AUT-1)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.http import Http404

from casus.access import zichtbaar_voor
from cris import klok
from cris.catalogus import Catalogus
from cris.db import VasteQuery
from diensten.models import OPEN_DIENSTSTATUSSEN, Dienst, DienstSoort, DienstStatus


@dataclass
class DienstGroepen:
    """DIE-2: how a task shows its services. Historie: services from before the task was closed;
    read-only."""

    actief: list[Dienst] = field(default_factory=list)
    afgerond: list[Dienst] = field(default_factory=list)
    afgebroken: list[Dienst] = field(default_factory=list)
    historie: list[Dienst] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.actief or self.afgerond or self.afgebroken or self.historie)


def diensten_van_taak(*, taak) -> DienstGroepen:
    """The services of a task the caller already may see (taken.selectors.taak_detail checked access)."""
    groepen = DienstGroepen()
    for dienst in _DIENSTEN_VAN_TAAK.lijst(taak=taak.pk):
        if dienst.historie:
            groepen.historie.append(dienst)
        elif dienst.status == DienstStatus.AFGEROND:
            groepen.afgerond.append(dienst)
        elif dienst.status == DienstStatus.AFGEBROKEN:
            groepen.afgebroken.append(dienst)
        else:
            groepen.actief.append(dienst)
    return groepen


_DIENSTEN_VAN_TAAK = VasteQuery(  # on every task page: compiled once, run prepared (cris.db.VasteQuery)
    lambda taak: (
        Dienst.objects.filter(taak_id=taak)
        .select_related("soort", "soort__hoofddienst")
        .order_by("aangemaakt_op", "pk")
    ),
    "taak",
)


def overdraagbare_diensten(*, taak) -> QuerySet[Dienst]:
    """TAK-6: the services of a task that can move to a colleague: the Actief group (Nieuw, In behandeling).
    Closed services and the Historie stay with the task."""
    return (
        Dienst.objects.filter(taak_id=taak.pk, status__in=OPEN_DIENSTSTATUSSEN, historie_sinds=None)
        .select_related("soort", "soort__hoofddienst")
        .order_by("aangemaakt_op", "pk")
    )


def dienst_of_404(*, user, pk: int) -> Dienst:
    dienst = (
        Dienst.objects.select_related("soort", "taak", "casus").filter(zichtbaar_voor(user, "casus_id"), pk=pk).first()
    )
    if dienst is None:
        raise Http404
    return dienst


def geldige_soorten(dag=None) -> QuerySet[DienstSoort]:
    """DIE-1: the catalogue entries that may be registered today."""
    dag = dag or klok.vandaag()
    return (
        DienstSoort.objects.filter(geldig_van__lte=dag)
        .filter(Q(geldig_tot__isnull=True) | Q(geldig_tot__gte=dag))
        .select_related("hoofddienst")
        .order_by("categorie", "volgorde", "naam")
    )


_CATALOGUS = Catalogus(  # the catalogue on every task page: kept in the process (cris.catalogus)
    lambda: list(DienstSoort.objects.select_related("hoofddienst").order_by("categorie", "volgorde", "naam")),
    DienstSoort,
)


def geldige_soorten_uit_catalogus(dag=None) -> list[DienstSoort]:
    """``geldige_soorten`` from the catalogue cache: the same rows, in the same order, for the choices the task
    page shows (a POST is still checked against ``geldige_soorten``)."""
    dag = dag or klok.vandaag()
    return [s for s in _CATALOGUS() if s.geldig_op(dag)]


def tijdlijn_onderwerpen(casus_id: int, ids: list[int]):
    """TIJ-1 (casus.tijdlijn): the services of these timeline entries on this casus, linked to their task."""
    from django.urls import reverse

    from casus.tijdlijn import Onderwerp

    rijen = Dienst.objects.filter(pk__in=ids, casus_id=casus_id).select_related("soort")
    return {
        d.pk: Onderwerp(
            f"{d.soort.naam} ({d.get_status_display()})",
            reverse("taken:detail", args=[d.taak_id]) + "#diensten-kop",
            d.toelichting,
        )
        for d in rijen
    }


def open_diensten_van(*, taak) -> list[str]:
    """Issue 25: the names of the task's services that are still open (the close panel of the task page)."""
    return [
        str(d.soort) for d in Dienst.objects.filter(taak=taak, status__in=OPEN_DIENSTSTATUSSEN).select_related("soort")
    ]
