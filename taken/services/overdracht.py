"""Who holds a task: transfer to a colleague (TAK-6) and a team leader's assignment of monitor tasks (TAK-2)."""

from __future__ import annotations

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from cris import klok
from cris.accounts.models import Medewerker
from cris.audit.api import Actie, audit_record
from cris.notificaties.models import Soort
from cris.notificaties.services import notificeren
from cris.wie import wie
from taken.models import Afspraak, Taak, TaakStatus
from taken.permissions import OVERDRAAGBAAR, mag_behandelen, mag_toewijzen
from taken.services import TaakFout
from taken.services.levenscyclus import _wijzig
from werkstroom.models import Lidmaatschap, Specialisatie, Team


def collegas_voor_overdracht(taak: Taak, *, team: Team | None = None, specialisatie: Specialisatie | None = None):
    """TAK-6: active members of the chosen team (a team of the task's department; default the task's own
    team), optionally only those with a skill, except the current handler."""
    team_id = team.pk if team is not None and team.afdeling == taak.team.afdeling else taak.team_id
    leden = Lidmaatschap.objects.filter(team_id=team_id).values("medewerker_id")
    qs = Medewerker.objects.filter(pk__in=leden, is_active=True).exclude(pk=taak.behandelaar_id)
    if specialisatie is not None:
        qs = qs.filter(specialisaties=specialisatie)
    return qs.order_by("achternaam", "voornamen", "pk")


def teams_voor_overdracht(taak: Taak):
    return Team.objects.filter(afdeling=taak.team.afdeling, actief=True).select_related("district").order_by("naam")


def overdracht_controleren(
    *, taak: Taak, naar, team: Team | None = None, specialisatie: Specialisatie | None = None
) -> Team:
    """TAK-6: the colleague chosen for a transfer (of the task or of some of its services) is an active member
    of the chosen team, a team of the task's department (default the task's team), and has the chosen skill.
    Returns the team."""
    team = team or taak.team
    if team.afdeling != taak.team.afdeling:
        raise TaakFout(_("Een taak gaat alleen naar een team van dezelfde afdeling."))
    if not collegas_voor_overdracht(taak, team=team).filter(pk=naar.pk).exists():
        raise TaakFout(_("%(m)s is geen actief lid van team %(t)s.") % {"m": naar, "t": team.naam})
    if specialisatie is not None and not naar.specialisaties.filter(pk=specialisatie.pk).exists():
        raise TaakFout(_("%(m)s heeft de specialisatie %(s)s niet.") % {"m": naar, "s": specialisatie})
    return team


def taak_overdragen(
    *, actor, taak: Taak, naar, team: Team | None = None, specialisatie: Specialisatie | None = None
) -> Taak:
    """TAK-6: the handler or the team leader hands the task to a colleague, of its team or of another team
    of the same department (then the task moves to that team). The colleague is notified (NOT-1), the
    task's coming appointments move to them (AGE-1) and access follows (AUT-1). The status stays.
    Part of a task's services goes with ``diensten.services.overdracht.diensten_overdragen``."""
    vorige = None

    def controle(taak: Taak) -> dict:
        nonlocal vorige
        if not mag_behandelen(actor, taak):
            raise TaakFout(_("Alleen de behandelaar of de teamleider kan deze taak overdragen."))
        doel = overdracht_controleren(taak=taak, naar=naar, team=team, specialisatie=specialisatie)
        vorige = taak.behandelaar_id
        if doel.pk != taak.team_id:
            return {"team": doel, "routering": (_("overgedragen door %(m)s") % {"m": wie(actor)})[:300]}
        return {}

    with transaction.atomic():
        taak = _wijzig(
            actor=actor,
            taak=taak,
            van=list(OVERDRAAGBAAR),
            naar=None,
            omschrijving=_("Taak %(t)s overgedragen aan ") + str(naar),
            controle=controle,
            behandelaar=naar,
        )
        verplaatst = Afspraak.objects.filter(taak=taak, medewerker_id=vorige, einde__gte=klok.nu()).update(
            medewerker=naar
        )
        if verplaatst:
            audit_record(
                Actie.WIJZIGEN,
                actor=actor,
                obj=taak,
                client_id=taak.casus.client_id,
                changes={"afspraken_naar": [vorige, naar.pk], "aantal": [None, verplaatst]},
            )
        notificeren(
            ontvangers=[naar],
            soort=Soort.TAAK_OVERGEDRAGEN,
            tekst=_("%(a)s heeft de taak %(t)s op casus %(c)s aan u overgedragen.")
            % {"a": wie(actor), "t": taak.type.naam, "c": taak.casus.nummer},
            link=reverse("taken:detail", args=[taak.pk]),
        )
    return taak


def taak_toewijzen(*, actor, taak: Taak, aan) -> Taak:
    """TAK-2: a team leader assigns an AB or AD monitor task to a member (Toegewezen: not yet started)."""

    def controle(taak: Taak) -> None:
        if not mag_toewijzen(actor, taak):
            raise TaakFout(_("Alleen een teamleider wijst monitortaken van AB en AD toe."))
        if not collegas_voor_overdracht(taak).filter(pk=aan.pk).exists():
            raise TaakFout(_("%(m)s is geen actief lid van team %(t)s.") % {"m": aan, "t": taak.team.naam})

    with transaction.atomic():
        taak = _wijzig(
            actor=actor,
            taak=taak,
            van=[TaakStatus.NIEUW, TaakStatus.TOEGEWEZEN],
            naar=TaakStatus.TOEGEWEZEN,
            omschrijving=_("Taak %(t)s toegewezen aan ") + str(aan),
            behandelaar=aan,
            controle=controle,
        )
        notificeren(
            ontvangers=[aan],
            soort=Soort.TAAK_TOEGEWEZEN,
            tekst=_("De taak %(t)s op casus %(c)s is aan u toegewezen.")
            % {"t": taak.type.naam, "c": taak.casus.nummer},
            link=reverse("taken:detail", args=[taak.pk]),
        )
    return taak
