"""Reads for the schoning pages (SCH-2). Only for holders of schoning.selectie_beoordelen; the list is paged
by id (keyset), so a list of 100,000 casussen pages as fast as one of ten."""

from __future__ import annotations

from django.http import Http404

from schoning.models import Selectie, SelectieItem
from schoning.permissions import mag_beoordelen

PAGINA = 50


def selecties(user):
    if not mag_beoordelen(user):
        raise Http404
    return Selectie.objects.select_related("voorbereid_door", "goedgekeurd_door").order_by("-datum", "-id")


def selectie_of_404(user, pk: int) -> Selectie:
    selectie = selecties(user).filter(pk=pk).first()
    if selectie is None:
        raise Http404
    return selectie


def items_pagina(selectie: Selectie, *, soort: str, status: str, na: int = 0) -> tuple[list[SelectieItem], int | None]:
    """One page of items after id ``na``, and the id to continue after (None on the last page)."""
    rijen = list(
        SelectieItem.objects.filter(selectie=selectie, soort=soort, status=status, id__gt=na).order_by("id")[
            : PAGINA + 1
        ]
    )
    volgende = rijen[PAGINA - 1].pk if len(rijen) > PAGINA else None
    return rijen[:PAGINA], volgende
