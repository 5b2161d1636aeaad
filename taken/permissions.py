"""Who may do what with a task (TAK-2, TAK-3, TAK-6): one look at the worker's membership of the task's team
(``taak_rechten``), one question per ``mag_*`` function; with an appointment on a task (AGE-1); and who leads
which teams (issue 24, TAK-4). Every service, view and panel asks here."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from casus.access import ziet_casus
from cris.accounts.roles import Rol
from cris.db import VasteQuery
from taken.models import Afspraak, Contactmoment, Subtype, Taak, TaakStatus
from werkstroom.models import Afdeling, Lidmaatschap, Team


@dataclass(frozen=True)
class TaakRechten:
    """What one worker may do with one task, from one look at their membership of the task's team. The
    ``mag_*`` functions below answer one question each from it; a page asking several takes it once."""

    lid: bool  # member (or leader) of the task's team
    leider: bool  # a leader of the task's team
    behandelaar: bool

    @property
    def oppakken(self) -> bool:
        return self.lid

    @property
    def behandelen(self) -> bool:
        """The handler, or a leader of the task's team."""
        return self.behandelaar or self.leider

    @property
    def vervolgtaak(self) -> bool:
        """TAK-3: the task's team (its members and leader) and its handler create follow-up tasks from it, an
        Acute Opvang alert among them (TAK-8)."""
        return self.lid or self.behandelen


def taak_rechten(actor, taak: Taak) -> TaakRechten:
    rollen = {rol for (rol,) in _ROLLEN_IN_TEAM.rijen(medewerker=actor.pk, team=taak.team_id)}
    return TaakRechten(
        lid=bool(rollen), leider=Lidmaatschap.Rol.TEAMLEIDER in rollen, behandelaar=taak.behandelaar_id == actor.pk
    )


_ROLLEN_IN_TEAM = VasteQuery(  # on every task page: compiled once, run prepared (cris.db.VasteQuery)
    lambda medewerker, team: Lidmaatschap.objects.filter(medewerker_id=medewerker, team_id=team).values_list("rol"),
    "medewerker",
    "team",
)


def mag_oppakken(actor, taak: Taak) -> bool:
    return taak_rechten(actor, taak).oppakken


def mag_vervolgtaak(actor, taak: Taak) -> bool:
    return taak_rechten(actor, taak).vervolgtaak


def mag_behandelen(actor, taak: Taak) -> bool:
    return taak.behandelaar_id == actor.pk or taak_rechten(actor, taak).behandelen


OVERDRAAGBAAR = (TaakStatus.TOEGEWEZEN, TaakStatus.IN_BEHANDELING)


def mag_overdragen(actor, taak: Taak, rechten: TaakRechten | None = None) -> bool:
    """TAK-6: the handler or the team leader transfers a task, or some of its services, while it is open
    and held (Toegewezen or In behandeling)."""
    return taak.status in OVERDRAAGBAAR and (rechten.behandelen if rechten else mag_behandelen(actor, taak))


def mag_toewijzen(actor, taak: Taak, rechten: TaakRechten | None = None) -> bool:
    """TAK-2: Toegewezen exists for AB and AD monitor tasks only; the team leader assigns them."""
    return (
        taak.type.subtype == Subtype.MONITOR
        and taak.team.afdeling in (Afdeling.ACTIEVE_BENADERING, Afdeling.ALGEMENE_DIENSTVERLENING)
        and (rechten or taak_rechten(actor, taak)).leider
    )


def mag_verslag_wijzigen(actor, contact: Contactmoment) -> bool:
    """VER-1: a contact report is corrected by whoever wrote it, or by the task's handler or team leader."""
    return contact.medewerker_id == actor.pk or mag_behandelen(actor, contact.taak)


# --- AGE-1: appointments on tasks ------------------------------------------------------------------------


def is_jd_planner(user) -> bool:
    """JD-Admin plans appointments for JD workers, without access to their cases (``taken.agenda``)."""
    return user.heeft_rol(Rol.JD_ADMIN)


def mag_inzien(user, afspraak: Afspraak) -> bool:
    """An appointment follows its casus: its subject, task and case number, and deleting it, only for those
    who may see that casus now; not for a former handler or a planner who lost access (issue 21 item 12)."""
    return ziet_casus(user, afspraak.taak.casus_id)


def mag_wijzigen(user, afspraak: Afspraak, *, behandelen: bool | None = None) -> bool:
    """Who may move or remove an appointment of a casus they see: its worker, its planner, or whoever may
    handle its task (``behandelen``: that right when the caller knows it already, as the task page does)."""
    if user.pk in (afspraak.medewerker_id, afspraak.gepland_door_id):
        return True
    return behandelen if behandelen is not None else mag_behandelen(user, afspraak.taak)


# --- Issue 24, TAK-4: leaders ----------------------------------------------------------------------------


def is_districtsmanager(user) -> bool:
    return (
        user.is_authenticated and user.is_active and user.heeft_rol(Rol.DISTRICTSMANAGER) and bool(user.district_code)
    )


def geleide_teams(user) -> QuerySet[Team]:
    """The active teams this user leads; for a district manager also every team in their district (ORG-3
    ``district_code``): what a leader's pages show (``taken.leiding``), and nothing else."""
    q = Q(lidmaatschappen__medewerker=user, lidmaatschappen__rol=Lidmaatschap.Rol.TEAMLEIDER)
    if is_districtsmanager(user):
        q |= Q(district__code=user.district_code)
    return Team.objects.filter(q, actief=True).distinct().select_related("district").order_by("naam")


def mag_leiden(user) -> bool:
    return user.is_authenticated and user.is_active and geleide_teams(user).exists()
