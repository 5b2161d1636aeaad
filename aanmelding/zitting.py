"""Issue 24: a hearing (zitting) with speaking right (spreekrecht), announced by the prosecution (EDOM), alerts
the Juridische Dienstverlening worker of the casus, once per hearing.

Whoever holds an open JD task on the casus gets the alert (a notification, and the hearing in Mijn werk); with
open JD tasks that nobody holds, their teams' members; with no open JD task, a JD task is created (a follow-up
from the JD-Admin werkstroom, through the follow-up matrix: taken.services.vervolg.vervolgtaak_toegestaan) and its team
is alerted. The hearing is judged on the casus's legal part after the update (casus.Strafzaak), so a later
message that leaves out the speaking right still counts it. A hearing in the past is not announced. A message
imported again, or another message about the same hearing, alerts nobody twice (Zittingsmelding, unique per
casus and hearing); a hearing moved to another date is a new hearing.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from aanmelding.models import Zittingsmelding
from casus.models import Casus, Strafzaak, TijdlijnSoort
from casus.services import tijdlijn_toevoegen
from cris import klok
from cris.accounts.models import Medewerker
from cris.audit.api import Actie, audit_record
from cris.notificaties.models import Soort
from cris.notificaties.services import notificeren
from taken.models import OPEN_TAAKSTATUSSEN, Prioriteit, Taak, TaakType
from taken.services import TaakFout
from taken.services.levenscyclus import taak_aanmaken
from werkstroom.models import Afdeling, Lidmaatschap

ZITTING_TAAKTYPE = "JD-INTAKE"
logger = logging.getLogger(__name__)

WERKSTROOM = Afdeling.JD_ADMIN  # prosecution messages are JD-Admin's (AAN-3): its row of the follow-up matrix


def zittingen_melden(strafzaken: Iterable[Strafzaak]) -> list[Zittingsmelding]:
    """Alert the JD worker of each casus whose legal part now has a coming hearing with speaking right, once per
    hearing. Returns the new alerts."""
    nu = klok.nu()
    te_melden = [s for s in strafzaken if s.spreekrecht and s.zittingsdatum and s.zittingsdatum > nu]
    nieuw = []
    for strafzaak in te_melden:
        with transaction.atomic():
            melding, aangemaakt = Zittingsmelding.objects.get_or_create(
                casus_id=strafzaak.casus_id, zittingsdatum=strafzaak.zittingsdatum
            )
            if aangemaakt:
                _melden(melding, Casus.objects.get(pk=strafzaak.casus_id), strafzaak)
                nieuw.append(melding)
    return nieuw


def _melden(melding: Zittingsmelding, casus: Casus, strafzaak: Strafzaak) -> None:
    wanneer = timezone.localtime(strafzaak.zittingsdatum).strftime("%d-%m-%Y %H:%M")
    open_jd = list(
        Taak.objects.filter(
            casus=casus, status__in=OPEN_TAAKSTATUSSEN, team__afdeling=Afdeling.JURIDISCHE_DIENSTVERLENING
        ).order_by("-behandelaar_id", "pk")
    )
    gehouden = [t for t in open_jd if t.behandelaar_id]
    if gehouden:
        taak, ontvangers = gehouden[0], sorted({t.behandelaar_id for t in gehouden})
        wie = _("de behandelaar van de JD-taak")
    else:
        if open_jd:
            taak = open_jd[0]
            wie = _("het JD-team (de JD-taak heeft geen behandelaar)")
        else:
            try:
                taak = taak_aanmaken(
                    actor=None,
                    casus=casus,
                    taaktype=TaakType.objects.get(code=ZITTING_TAAKTYPE),
                    vanuit_werkstroom=WERKSTROOM,
                    prioriteit=Prioriteit.HOOG,
                    reden=_("zitting op %(d)s met spreekrecht (OM)") % {"d": wanneer},
                )
            except (TaakFout, TaakType.DoesNotExist) as fout:
                # No JD team to route to (or the matrix forbids it): the import goes on; the timeline says so,
                # and JD-Admin sees the hearing in the legal part of the casus.
                logger.warning("hearing of casus %s: no JD task created: %s", casus.pk, fout)
                _tijdlijn(casus, melding, strafzaak, _("niemand gemeld: %(f)s") % {"f": fout})
                return
            wie = _("het JD-team (nieuwe JD-taak)")
        leden = Lidmaatschap.objects.filter(team_id__in={t.team_id for t in open_jd} | {taak.team_id})
        ontvangers = list(
            Medewerker.objects.filter(pk__in=leden.values("medewerker_id"), is_active=True).values_list("pk", flat=True)
        )
    melding.taak = taak
    melding.save(update_fields=["taak"])
    notificeren(
        ontvangers=ontvangers,
        soort=Soort.ZITTING,
        tekst=_("Zitting op %(d)s met spreekrecht in casus %(c)s: bereid de cliënt voor.")
        % {"d": wanneer, "c": casus.nummer},
        link=reverse("taken:detail", args=[taak.pk]),
    )
    _tijdlijn(casus, melding, strafzaak, _("gemeld aan %(w)s") % {"w": wie}, taak=taak)


def _tijdlijn(casus: Casus, melding: Zittingsmelding, strafzaak: Strafzaak, gemeld: str, taak=None) -> None:
    wanneer = timezone.localtime(strafzaak.zittingsdatum).strftime("%d-%m-%Y %H:%M")
    omschrijving = _("Zitting op %(d)s met spreekrecht aangekondigd door het OM; %(g)s") % {"d": wanneer, "g": gemeld}
    tijdlijn_toevoegen(casus=casus, soort=TijdlijnSoort.JURIDISCH, omschrijving=omschrijving[:500], obj=taak)
    audit_record(
        Actie.AANMAKEN,
        obj=melding,
        client_id=casus.client_id,
        reason=omschrijving,
        changes={
            "zittingsdatum": [None, strafzaak.zittingsdatum.isoformat()],
            "taak": [None, taak.pk if taak else None],
        },
    )


def komende_zittingen(user, limiet: int = 10) -> list[Zittingsmelding]:
    """Mijn werk: the coming hearings with speaking right of the open JD tasks this user holds, or that nobody
    holds in the user's teams; soonest first."""
    teams = Lidmaatschap.objects.filter(medewerker=user).values("team_id")
    return list(
        Zittingsmelding.objects.filter(zittingsdatum__gte=klok.nu(), taak__status__in=OPEN_TAAKSTATUSSEN)
        .filter(Q(taak__behandelaar=user) | Q(taak__behandelaar__isnull=True, taak__team_id__in=teams))
        .select_related("casus")
        .order_by("zittingsdatum", "pk")[:limiet]
    )
