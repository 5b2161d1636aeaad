"""Reads on tasks, filtered to the user's work (TAK-4, AUT-1)."""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import Http404

from casus.access import zichtbaar_voor
from taken.models import OPEN_TAAKSTATUSSEN, Taak
from werkstroom.models import Lidmaatschap

WERKLIJST_VOLGORDE = ("deadline", "prioriteit", "id")


def mijn_taken(*, user) -> QuerySet[Taak]:
    return Taak.objects.filter(behandelaar=user, status__in=OPEN_TAAKSTATUSSEN).order_by(*WERKLIJST_VOLGORDE)


def team_taken(*, user, team_id: int | None = None) -> QuerySet[Taak]:
    """Open tasks of the user's teams; for team leaders that includes their members' tasks in the team."""
    teams = Lidmaatschap.objects.filter(medewerker=user).values("team_id")
    qs = Taak.objects.filter(team_id__in=teams, status__in=OPEN_TAAKSTATUSSEN)
    if team_id:
        qs = qs.filter(team_id=team_id)
    return qs.order_by(*WERKLIJST_VOLGORDE)


def werklijst_pagina(lijst: QuerySet[Taak], nummer, per_pagina: int = 50) -> Page:
    """A page of a worklist by deferred join: page through the narrow task ids in index order first, then
    load only those rows with their casus, client, type, team and handler. Joining before the sort would
    join every open task of a team (thousands) to show fifty."""
    pagina = Paginator(lijst.values_list("pk", flat=True), per_pagina).get_page(nummer)
    ids = list(pagina.object_list)
    rijen = Taak.objects.filter(pk__in=ids).select_related("casus", "casus__client", "type", "team", "behandelaar")
    per_id = {taak.pk: taak for taak in rijen}
    pagina.object_list = [per_id[pk] for pk in ids if pk in per_id]
    return pagina


def taak_detail(*, user, pk: int) -> Taak:
    taak = (
        Taak.objects.select_related("casus", "casus__client", "type", "team", "behandelaar")
        .filter(zichtbaar_voor(user, "casus_id"), pk=pk)
        .first()
    )
    if taak is None:
        raise Http404
    return taak
