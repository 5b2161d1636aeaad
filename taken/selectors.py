"""Reads on tasks, filtered to the user's work (TAK-4, AUT-1)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from casus.access import casussen_zichtbaar_voor
from taken.models import OPEN_TAAKSTATUSSEN, Taak
from werkstroom.models import Lidmaatschap


def _lijst(qs: QuerySet[Taak]) -> QuerySet[Taak]:
    return qs.select_related("casus", "casus__client", "type", "team", "behandelaar").order_by(
        "deadline", "prioriteit", "id"
    )


def mijn_taken(*, user) -> QuerySet[Taak]:
    return _lijst(Taak.objects.filter(behandelaar=user, status__in=OPEN_TAAKSTATUSSEN))


def team_taken(*, user, team_id: int | None = None) -> QuerySet[Taak]:
    """Open tasks of the user's teams; for team leaders that includes their members' tasks in the team."""
    teams = Lidmaatschap.objects.filter(medewerker=user).values("team_id")
    qs = Taak.objects.filter(team_id__in=teams, status__in=OPEN_TAAKSTATUSSEN)
    if team_id:
        qs = qs.filter(team_id=team_id)
    return _lijst(qs)


def taak_detail(*, user, pk: int) -> Taak:
    taak = (
        Taak.objects.select_related("casus", "casus__client", "type", "team", "behandelaar")
        .filter(pk=pk, casus__in=casussen_zichtbaar_voor(user))
        .first()
    )
    if taak is None:
        raise Http404
    return taak
