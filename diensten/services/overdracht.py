"""TAK-6: services handed to a colleague, with their task or apart."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from functools import partial

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from casus.models import Casus, TijdlijnSoort
from casus.services import tijdlijn_toevoegen
from cris import klok
from cris.audit.api import Actie, audit_record
from cris.notificaties.models import Soort
from cris.notificaties.services import notificeren
from cris.wie import wie
from diensten.models import OPEN_DIENSTSTATUSSEN, Dienst
from diensten.services import DienstFout
from taken.models import Taak
from taken.permissions import OVERDRAAGBAAR, mag_overdragen
from taken.services.levenscyclus import taak_aanmaken
from taken.services.overdracht import overdracht_controleren
from werkstroom.models import Specialisatie, Team


@dataclass(frozen=True)
class DienstOverdracht:
    """What ``diensten_overdragen`` did: the colleague's task the services went to, how many, and whether
    the original task is left without open services (it stays open: the worker decides)."""

    doel: Taak
    aantal: int
    bron_zonder_open_diensten: bool


def diensten_overdragen(
    *,
    actor,
    taak: Taak,
    diensten: Iterable[Dienst],
    naar,
    team: Team | None = None,
    specialisatie: Specialisatie | None = None,
) -> DienstOverdracht:
    """TAK-6: hand some of a task's open services (Actief: Nieuw or In behandeling) to a colleague, chosen
    with the filters of the whole-task transfer (team of the task's department, skill). Closed services and
    the Historie stay: they are the record of the work done on this task.

    The services go to the colleague's open task of the same type on this casus, or to a new one (routed to
    the chosen team, held by the colleague in the status of this task, with its priority, required skill
    and deadline). Each service keeps its time entries, its lead time (its open period runs on: it was
    never closed) and its registration team and district (the production report's dimensions, DIE-4)."""
    ids = sorted({d.pk for d in diensten})
    if not ids:
        raise DienstFout(_("Kies ten minste één dienst om over te dragen."))
    nu = klok.nu()
    with transaction.atomic():
        casus = Casus.objects.select_for_update().get(pk=taak.casus_id)
        taak = Taak.objects.select_for_update(of=("self",)).select_related("casus", "type", "team").get(pk=taak.pk)
        if not mag_overdragen(actor, taak):
            raise DienstFout(_("Alleen de behandelaar of de teamleider kan diensten van deze taak overdragen."))
        team = overdracht_controleren(taak=taak, naar=naar, team=team, specialisatie=specialisatie)
        gekozen = list(
            Dienst.objects.select_for_update(of=("self",))
            .select_related("soort")
            .filter(pk__in=ids)
            .order_by("aangemaakt_op", "pk")
        )
        if len(gekozen) != len(ids) or any(d.taak_id != taak.pk for d in gekozen):
            raise DienstFout(_("Kies alleen diensten van deze taak."))
        if any(not d.open or d.historie for d in gekozen):
            raise DienstFout(_("Alleen actieve diensten (nieuw of in behandeling) kunnen worden overgedragen."))
        doel = _taak_van_collega(actor=actor, taak=taak, naar=naar, team=team)
        namen = ", ".join(str(d.soort) for d in gekozen)
        for dienst in gekozen:
            dienst.taak = doel
            dienst.save(update_fields=["taak"])
            audit_record(
                Actie.WIJZIGEN,
                actor=actor,
                obj=dienst,
                client_id=casus.client_id,
                changes={"taak": [taak.pk, doel.pk], "behandelaar": [taak.behandelaar_id, naar.pk]},
            )
        tekst = {"n": len(gekozen), "d": namen, "m": naar, "t": doel.type.naam, "a": actor}
        regel = partial(tijdlijn_toevoegen, casus=casus, soort=TijdlijnSoort.DIENST, medewerker=actor, tijdstip=nu)
        regel(obj=taak, omschrijving=_("%(n)d dienst(en) overgedragen aan %(m)s (taak %(t)s): %(d)s") % tekst)
        regel(obj=doel, omschrijving=_("%(n)d dienst(en) ontvangen van taak %(t)s van %(a)s: %(d)s") % tekst)
        notificeren(
            ontvangers=[naar],
            soort=Soort.TAAK_OVERGEDRAGEN,
            tekst=_("%(a)s heeft %(n)d dienst(en) van de taak %(t)s op casus %(c)s aan u overgedragen.")
            % {**tekst, "c": casus.nummer},
            link=reverse("taken:detail", args=[doel.pk]),
        )
        leeg = not Dienst.objects.filter(taak=taak, status__in=OPEN_DIENSTSTATUSSEN).exists()
    return DienstOverdracht(doel=doel, aantal=len(gekozen), bron_zonder_open_diensten=leeg)


def _taak_van_collega(*, actor, taak: Taak, naar, team: Team) -> Taak:
    """The colleague's open task of this type on this casus, else a new one held by them (TAK-6)."""
    bestaand = (
        Taak.objects.select_for_update(of=("self",))
        .select_related("type")
        .filter(casus_id=taak.casus_id, type_id=taak.type_id, behandelaar=naar, status__in=OVERDRAAGBAAR)
        .order_by("aangemaakt_op", "pk")
        .first()
    )
    if bestaand is not None:
        return bestaand
    uren = taak.type.deadline_uren
    return taak_aanmaken(
        actor=actor,
        casus=taak.casus,
        taaktype=taak.type,
        team=team,
        # the deadline of the task the work comes from: the client's clock does not restart
        vanaf=taak.deadline - timedelta(hours=uren) if taak.deadline and uren else None,
        prioriteit=taak.prioriteit,
        specialisatie=taak.specialisatie,
        reden=_("diensten overgedragen door %(m)s") % {"m": wie(actor)},
        behandelaar=naar,
        status=taak.status,
    )
