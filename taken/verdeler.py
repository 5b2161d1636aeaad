"""The taakverdeler (TAK-5) and the routing of Acute Opvang alerts (TAK-8).

"Volgende taak" first hands an AB, AD or JD worker the tasks a team leader already assigned to them
(Toegewezen, TAK-2), then the best unassigned task of their teams (their district team, or a national team).
Within each: highest priority first, then the earliest deadline, then the oldest; from the pool only tasks
whose required skill the worker has (an assigned task was chosen for them by the team leader). The row is
claimed with SELECT … FOR UPDATE SKIP LOCKED on the task and its casus together, so two people asking at once
never get the same task and nobody waits for another's transaction; the claim and the pick-up (TAK-2) are
one transaction.
"""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from casus.models import Casus
from cris import klok
from cris.notificaties.models import Soort
from cris.notificaties.services import notificeren
from taken.models import Prioriteit, Taak, TaakStatus, TaakType
from taken.services import TaakFout
from taken.services.levenscyclus import taak_aanmaken, taak_oppakken
from werkstroom.models import Afdeling, Lidmaatschap
from werkstroom.piket import verantwoordelijke

VERDELER_AFDELINGEN = (
    Afdeling.ACTIEVE_BENADERING,
    Afdeling.ALGEMENE_DIENSTVERLENING,
    Afdeling.JURIDISCHE_DIENSTVERLENING,
)
VERDEELVOLGORDE = ("prioriteit", F("deadline").asc(nulls_last=True), "id")


def verdeler_teams(actor) -> list[int]:
    return list(
        Lidmaatschap.objects.filter(
            medewerker=actor, team__afdeling__in=VERDELER_AFDELINGEN, team__actief=True
        ).values_list("team_id", flat=True)
    )


def toegewezen(actor, team_ids: list[int]):
    """The tasks of these teams assigned to this worker and not yet started: the taakverdeler offers these
    first, in its order."""
    return Taak.objects.filter(team_id__in=team_ids, status=TaakStatus.TOEGEWEZEN, behandelaar=actor).order_by(
        *VERDEELVOLGORDE
    )


def kandidaten(actor, team_ids: list[int]):
    """The unassigned tasks the taakverdeler may give this worker, in the order it gives them."""
    vaardigheden = actor.specialisaties.values("pk")
    return (
        Taak.objects.filter(team_id__in=team_ids, status=TaakStatus.NIEUW)
        .filter(Q(specialisatie__isnull=True) | Q(specialisatie__in=vaardigheden))
        .order_by(*VERDEELVOLGORDE)
    )


def volgende_taak(*, actor) -> Taak | None:
    """TAK-5: claim and pick up the next task for this worker; None when there is nothing for them."""
    team_ids = verdeler_teams(actor)
    if not team_ids:
        raise TaakFout(_("De taakverdeler is er voor medewerkers van Actieve Benadering, AD en JD."))
    with transaction.atomic():
        for bron in (toegewezen(actor, team_ids), kandidaten(actor, team_ids)):
            taak = bron.select_related("casus").select_for_update(skip_locked=True, of=("self", "casus")).first()
            if taak is not None:
                return taak_oppakken(actor=actor, taak=taak)
        return None


def ao_alarmeren(*, actor, casus: Casus, tijdstip: datetime | None = None) -> Taak:
    """TAK-8: an Acute Opvang alert. The AO task goes to the AO team of the client's district (postcode,
    TAK-5) with a deadline of two hours from the alert (the task type's deadline); whoever is responsible now
    (the piketleider in the piket period, else the office team, CAI) is notified, and the task says who."""
    tijdstip = tijdstip or klok.nu()
    taaktype = TaakType.objects.filter(afdeling=Afdeling.ACUTE_OPVANG, actief=True).order_by("pk").first()
    if taaktype is None:
        raise TaakFout(_("Er is geen actief taaktype voor Acute Opvang."))
    wie = verantwoordelijke(tijdstip)
    from taken.services.verdeling import team_voor

    team, route = team_voor(afdeling=Afdeling.ACUTE_OPVANG, casus=casus)
    reden = _("AO-alarmering %(t)s; %(r)s; verantwoordelijk: %(w)s") % {
        "t": timezone.localtime(tijdstip).strftime("%d-%m-%Y %H:%M"),
        "r": route,
        "w": wie.reden,
    }
    with transaction.atomic():
        taak = taak_aanmaken(
            actor=actor,
            casus=casus,
            taaktype=taaktype,
            team=team,
            vanaf=tijdstip,
            prioriteit=Prioriteit.HOOG,
            reden=reden,
        )
        notificeren(
            ontvangers=wie.medewerker_ids,
            soort=Soort.TAAK_TOEGEWEZEN,
            tekst=_("AO-alarmering op casus %(c)s: binnen 2 uur ter plaatse.") % {"c": casus.nummer},
            link=reverse("taken:detail", args=[taak.pk]),
            email=True,
        )
    return taak
