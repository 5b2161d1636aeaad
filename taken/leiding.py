"""Leaders and cover (issue 24, TAK-4, TAK-6): what a team leader and a district manager see of their teams,
and the open work of a deactivated worker, flagged to their team leader and handed on in bulk.

Reads here are for a leader and filtered to the teams they lead (a district manager: every team in their
district, ORG-3 ``district_code``). The caseload shows counts and tasks by number, type, status and deadline:
no client data; a task opens only where the leader may see its casus (AUT-1).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from cris import klok
from cris.accounts.models import Medewerker
from cris.notificaties.models import Soort
from cris.notificaties.services import notificeren
from taken.models import OPEN_TAAKSTATUSSEN, Taak, TaakStatus, te_laat_q
from taken.permissions import geleide_teams
from taken.services import TaakFout
from taken.services.overdracht import taak_overdragen
from werkstroom.models import Lidmaatschap, Team

# --- TAK-4: the caseload of the teams in a district ------------------------------------------------------


@dataclass
class Caseload:
    team: Team
    per_status: dict[str, int]
    open: int
    te_laat: int
    zonder_behandelaar: int
    per_medewerker: list[tuple[str, int, int]] = field(default_factory=list)  # (name, open, overdue)


def caseload(user) -> list[Caseload]:
    """Per led team: open tasks by status, overdue, without handler, and per handler (two grouped queries)."""
    teams = list(geleide_teams(user))
    if not teams:
        return []
    nu = klok.nu()
    open_ = Taak.objects.filter(team__in=teams, status__in=OPEN_TAAKSTATUSSEN)
    per_team = {
        r["team_id"]: r
        for r in open_.values("team_id").annotate(
            open=Count("id"),
            te_laat=Count("id", filter=te_laat_q(nu)),
            zonder=Count("id", filter=Q(behandelaar__isnull=True)),
            **{s: Count("id", filter=Q(status=s)) for s in OPEN_TAAKSTATUSSEN},
        )
    }
    per_mw: dict[int, list] = {}
    rijen = (
        open_.filter(behandelaar__isnull=False)
        .values("team_id", "behandelaar_id", "behandelaar__voornamen", "behandelaar__achternaam")
        .annotate(open=Count("id"), te_laat=Count("id", filter=te_laat_q(nu)))
        .order_by("team_id", "-open", "behandelaar__achternaam")
    )
    for r in rijen:
        naam = f"{r['behandelaar__voornamen']} {r['behandelaar__achternaam']}".strip()
        per_mw.setdefault(r["team_id"], []).append((naam, r["open"], r["te_laat"]))
    uit = []
    for team in teams:
        r = per_team.get(team.pk, {})
        uit.append(
            Caseload(
                team=team,
                per_status={TaakStatus(s).label: r.get(s, 0) for s in OPEN_TAAKSTATUSSEN},
                open=r.get("open", 0),
                te_laat=r.get("te_laat", 0),
                zonder_behandelaar=r.get("zonder", 0),
                per_medewerker=per_mw.get(team.pk, []),
            )
        )
    return uit


def team_werklijst(user, team_id: int) -> QuerySet[Taak] | None:
    """The open tasks of one led team, deadline first (None when this user does not lead it)."""
    if not geleide_teams(user).filter(pk=team_id).exists():
        return None
    return (
        Taak.objects.filter(team_id=team_id, status__in=OPEN_TAAKSTATUSSEN)
        .select_related("type", "behandelaar", "casus")
        .only("pk", "status", "deadline", "prioriteit", "type__naam", "behandelaar", "casus__id")
        .order_by("deadline", "prioriteit", "pk")
    )


# --- Cover: the open tasks of deactivated workers -------------------------------------------------------


def wees_taken(user) -> QuerySet[Taak]:
    """Open tasks in the teams this user leads whose handler was deactivated (AFAS, the admin): nobody works
    on them until the leader hands them on."""
    return (
        Taak.objects.filter(team__in=geleide_teams(user), status__in=OPEN_TAAKSTATUSSEN, behandelaar__is_active=False)
        .select_related("type", "team", "behandelaar")
        .order_by("behandelaar__achternaam", "deadline", "pk")
    )


def wees_melden(medewerkers) -> int:
    """Tell the team leaders of the teams where these (just deactivated) workers hold open tasks. The text holds
    no client data. Returns the number of notifications."""
    ids = [m.pk for m in medewerkers]
    teams = (
        Taak.objects.filter(behandelaar_id__in=ids, status__in=OPEN_TAAKSTATUSSEN)
        .values("team_id")
        .annotate(n=Count("id"))
    )
    gemaakt = 0
    for rij in teams:
        leiders = Lidmaatschap.objects.filter(
            team_id=rij["team_id"], rol=Lidmaatschap.Rol.TEAMLEIDER, medewerker__is_active=True
        ).values_list("medewerker_id", flat=True)
        gemaakt += len(
            notificeren(
                ontvangers=list(leiders),
                soort=Soort.WEESTAKEN,
                tekst=_("%(n)d open taken van een gedeactiveerde medewerker wachten op herverdeling.")
                % {"n": rij["n"]},
                link=reverse("leiding:wees"),
            )
        )
    return gemaakt


def taken_herverdelen(*, actor, taak_ids: list[int], naar: Medewerker) -> tuple[list[Taak], list[str]]:
    """Hand the chosen tasks of deactivated workers to one colleague, each through taak_overdragen (TAK-6: the
    same checks, audit, notification and appointments). All or nothing: one refusal stops the lot."""
    taken = list(wees_taken(actor).filter(pk__in=taak_ids))
    if len(taken) != len(set(taak_ids)):
        return [], [_("Een of meer gekozen taken zijn niet (meer) van een gedeactiveerde medewerker in uw teams.")]
    fouten, klaar = [], []
    try:
        with transaction.atomic():
            for taak in taken:
                try:
                    klaar.append(taak_overdragen(actor=actor, taak=taak, naar=naar))
                except TaakFout as exc:
                    fouten.append(f"{taak.type.naam} ({taak.casus_id and f'CA{taak.casus_id:07d}'}): {exc}")
            if fouten:
                raise TaakFout("")
    except TaakFout:
        return [], fouten
    return klaar, []
