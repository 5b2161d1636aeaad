"""Services on a task (DIE-2) and their time (DIE-3): every write here, under the casus lock the task
services take, with its audit entry and timeline line in the same transaction.

Lead time: a service is open from registration until it is closed (Afgerond or Afgebroken); reopening
starts a new open period. The closed gaps never count (see Dienst.doorlooptijd).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from casus.models import Casus, TijdlijnSoort
from casus.services import tijdlijn_toevoegen
from cris import klok
from cris.audit.api import Actie, audit_record
from cris.notificaties.models import Soort
from cris.notificaties.services import notificeren
from cris.wie import wie
from diensten.models import OPEN_DIENSTSTATUSSEN, Dienst, DienstSoort, DienstStatus, Tijdsbesteding
from diensten.productie import CIJFERS, productie_sql
from taken.models import Taak, TaakStatus
from taken.services import (
    OVERDRAAGBAAR,
    TaakFout,
    mag_behandelen,
    mag_overdragen,
    overdracht_controleren,
    taak_aanmaken,
)
from werkstroom.models import Specialisatie, Team


class DienstFout(TaakFout):
    """A service action that is not possible now; the message is for the user (Dutch)."""


def _lock(dienst_id: int) -> tuple[Dienst, Taak]:
    """Lock casus, task and service in the order the task services use (casus first): no deadlocks."""
    casus_id, taak_id = Dienst.objects.filter(pk=dienst_id).values_list("casus_id", "taak_id").get()
    Casus.objects.select_for_update().filter(pk=casus_id).first()
    taak = Taak.objects.select_for_update().select_related("casus").get(pk=taak_id)
    return Dienst.objects.select_for_update().select_related("soort").get(pk=dienst_id), taak


def _mag_wijzigen(actor, taak: Taak) -> None:
    if taak.status != TaakStatus.IN_BEHANDELING:
        raise DienstFout(_("Diensten wijzigen kan alleen op een taak die in behandeling is."))
    if not mag_behandelen(actor, taak):
        raise DienstFout(_("Alleen de behandelaar of de teamleider legt diensten op deze taak vast."))


def _vastleggen(*, actor, dienst: Dienst, taak: Taak, actie: str, changes: dict, tekst: str, nu=None) -> None:
    audit_record(actie, actor=actor, obj=dienst, client_id=taak.casus.client_id, changes=changes)
    tijdlijn_toevoegen(
        casus=taak.casus, soort=TijdlijnSoort.DIENST, medewerker=actor, obj=dienst, omschrijving=tekst, tijdstip=nu
    )


def dienst_registreren(
    *, actor, taak: Taak, soort: DienstSoort, toelichting: str = "", nu: datetime | None = None
) -> Dienst:
    """DIE-2: a new service on an open task, of a catalogue soort valid today (DIE-1)."""
    nu = nu or klok.nu()
    with transaction.atomic():
        Casus.objects.select_for_update().filter(pk=taak.casus_id).first()
        taak = Taak.objects.select_for_update().select_related("casus").get(pk=taak.pk)
        _mag_wijzigen(actor, taak)
        if not soort.geldig_op(timezone.localdate(nu)):
            raise DienstFout(_("De dienst %(s)s is niet (meer) geldig.") % {"s": soort})
        dienst = Dienst.objects.create(
            taak=taak,
            casus=taak.casus,
            soort=soort,
            team_id=taak.team_id,
            district_id=taak.casus.district_id,
            toelichting=toelichting.strip()[:500],
            aangemaakt_op=nu,
            aangemaakt_door=actor,
            open_sinds=nu,
        )
        _vastleggen(
            actor=actor,
            dienst=dienst,
            taak=taak,
            actie=Actie.AANMAKEN,
            changes={"soort": [None, soort.code], "status": [None, dienst.status]},
            tekst=_("Dienst %(s)s geregistreerd") % {"s": soort},
            nu=nu,
        )
    return dienst


def _status(*, actor, dienst: Dienst, van: Sequence[str], naar: str, tekst: str, nu=None, **velden) -> Dienst:
    nu = nu or klok.nu()
    with transaction.atomic():
        dienst, taak = _lock(dienst.pk)
        _mag_wijzigen(actor, taak)
        if dienst.historie:
            raise DienstFout(_("Deze dienst staat in de historie en kan alleen worden heropend."))
        if dienst.status not in van:
            raise DienstFout(
                _("Deze dienst is intussen %(s)s. Ververs de pagina.") % {"s": dienst.get_status_display().lower()}
            )
        oud = dienst.status
        dienst.status = naar
        if naar in OPEN_DIENSTSTATUSSEN:
            dienst.open_sinds = dienst.open_sinds or nu
        else:
            dienst.doorlooptijd_s = int(dienst.doorlooptijd(nu).total_seconds())
            dienst.open_sinds = None
            dienst.afgesloten_op = nu
        for key, value in velden.items():
            setattr(dienst, key, value)
        dienst.save()
        _vastleggen(
            actor=actor,
            dienst=dienst,
            taak=taak,
            actie=Actie.WIJZIGEN,
            changes={"status": [oud, naar]},
            tekst=tekst % {"s": dienst.soort},
            nu=nu,
        )
    return dienst


def dienst_starten(*, actor, dienst: Dienst, nu: datetime | None = None) -> Dienst:
    tekst = _("Dienst %(s)s in behandeling")
    return _status(
        actor=actor, dienst=dienst, van=[DienstStatus.NIEUW], naar=DienstStatus.IN_BEHANDELING, tekst=tekst, nu=nu
    )


def dienst_afronden(*, actor, dienst: Dienst, nu: datetime | None = None) -> Dienst:
    tekst = _("Dienst %(s)s afgerond")
    return _status(actor=actor, dienst=dienst, van=OPEN_DIENSTSTATUSSEN, naar=DienstStatus.AFGEROND, tekst=tekst, nu=nu)


def dienst_afbreken(*, actor, dienst: Dienst, nu: datetime | None = None) -> Dienst:
    tekst = _("Dienst %(s)s afgebroken")
    return _status(
        actor=actor, dienst=dienst, van=OPEN_DIENSTSTATUSSEN, naar=DienstStatus.AFGEBROKEN, tekst=tekst, nu=nu
    )


def dienst_heropenen(*, actor, dienst: Dienst, nu: datetime | None = None) -> Dienst:
    """DIE-3, CAS-3: a closed service, also from the Historie of a reopened task, is In behandeling again.
    Its lead time goes on from what it was; the time it stood closed does not count."""
    nu = nu or klok.nu()
    with transaction.atomic():
        dienst, taak = _lock(dienst.pk)
        _mag_wijzigen(actor, taak)
        if dienst.open:
            raise DienstFout(_("Deze dienst is al open."))
        oud = dienst.status
        dienst.status = DienstStatus.IN_BEHANDELING
        dienst.open_sinds = nu
        dienst.afgesloten_op = None
        dienst.historie_sinds = None
        dienst.keer_heropend += 1
        dienst.save()
        _vastleggen(
            actor=actor,
            dienst=dienst,
            taak=taak,
            actie=Actie.WIJZIGEN,
            changes={"status": [oud, dienst.status]},
            tekst=_("Dienst %(s)s heropend") % {"s": dienst.soort},
            nu=nu,
        )
    return dienst


def tijd_registreren(*, actor, dienst: Dienst, minuten: int, datum: date, omschrijving: str = "") -> Tijdsbesteding:
    """DIE-3: time actually spent; the service keeps the running total the report sums."""
    if minuten <= 0 or minuten > 24 * 60:
        raise DienstFout(_("Geef een tijd tussen 1 en 1440 minuten op."))
    if datum > klok.vandaag():
        raise DienstFout(_("Tijd kan niet in de toekomst worden geschreven."))
    with transaction.atomic():
        dienst, taak = _lock(dienst.pk)
        _mag_wijzigen(actor, taak)
        if dienst.historie:
            raise DienstFout(_("Deze dienst staat in de historie en kan alleen worden heropend."))
        if datum < timezone.localdate(dienst.aangemaakt_op):
            raise DienstFout(_("Tijd kan niet voor het begin van de dienst worden geschreven."))
        tijd = Tijdsbesteding.objects.create(
            dienst=dienst,
            medewerker=actor,
            datum=datum,
            minuten=minuten,
            omschrijving=omschrijving.strip()[:300],
            soort_id=dienst.soort_id,
            team_id=dienst.team_id,
            district_id=dienst.district_id,
        )
        Dienst.objects.filter(pk=dienst.pk).update(besteed_minuten=F("besteed_minuten") + minuten)
        audit_record(
            Actie.AANMAKEN,
            actor=actor,
            obj=tijd,
            client_id=taak.casus.client_id,
            changes={"minuten": [None, minuten], "datum": [None, datum.isoformat()]},
        )
    return tijd


def contact_tijd_vastleggen(*, actor, taak: Taak, contact, keuze: str) -> Tijdsbesteding | None:
    """DIE-3 (issue 25): the contact just recorded counts its duration as time spent on a service of the task:
    ``keuze`` "d<pk>" an open service of this task, "s<pk>" a new service of that catalogue soort (registered
    at the contact's time). Called inside the contact's transaction (``taken.registry.contact_uitbreidingen``):
    a refusal rolls the contact back too. Audited, and a line on the timeline."""
    if not keuze:
        return None
    if not contact.duur_minuten:
        raise DienstFout(_("Geef de duur van het contact op om tijd op de dienst te schrijven."))
    soort_of_dienst, pk = keuze[:1], int(keuze[1:])
    if soort_of_dienst == "s":
        soort = DienstSoort.objects.get(pk=pk)
        dienst = dienst_registreren(actor=actor, taak=taak, soort=soort, nu=min(contact.tijdstip, klok.nu()))
    else:
        dienst = Dienst.objects.filter(pk=pk, taak_id=taak.pk, historie_sinds=None).select_related("soort").first()
        if dienst is None:
            raise DienstFout(_("Deze dienst hoort niet (meer) bij deze taak. Kies een andere dienst."))
    tijd = tijd_registreren(
        actor=actor,
        dienst=dienst,
        minuten=contact.duur_minuten,
        datum=timezone.localdate(contact.tijdstip),
        omschrijving=_("Contact (%(k)s)") % {"k": contact.get_kanaal_display()},
    )
    tijdlijn_toevoegen(
        casus=taak.casus,
        soort=TijdlijnSoort.DIENST,
        medewerker=actor,
        obj=dienst,
        omschrijving=_("%(n)d minuten van het contact geschreven op dienst %(s)s")
        % {"n": contact.duur_minuten, "s": dienst.soort},
        tijdstip=contact.tijdstip,
    )
    return tijd


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
        tijdlijn_toevoegen(
            casus=casus,
            soort=TijdlijnSoort.DIENST,
            medewerker=actor,
            obj=taak,
            tijdstip=nu,
            omschrijving=_("%(n)d dienst(en) overgedragen aan %(m)s (taak %(t)s): %(d)s") % tekst,
        )
        tijdlijn_toevoegen(
            casus=casus,
            soort=TijdlijnSoort.DIENST,
            medewerker=actor,
            obj=doel,
            tijdstip=nu,
            omschrijving=_("%(n)d dienst(en) ontvangen van taak %(t)s van %(a)s: %(d)s") % tekst,
        )
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


# --- hooks of the task lifecycle (called by taken.services inside its transaction) ---------------------


def taak_kan_gerealiseerd(taak: Taak) -> None:
    """TAK-2: a task is Gerealiseerd only when all its services are closed."""
    if Dienst.objects.filter(taak=taak, status__in=OPEN_DIENSTSTATUSSEN).exists():
        raise DienstFout(_("Rond eerst de open diensten van deze taak af of breek ze af."))


def taak_gesloten(*, actor, taak: Taak, nu: datetime | None = None) -> int:
    """The task is closed (Gerealiseerd or Afgebroken): open services are stopped by the system, and every
    service of the task goes to its Historie (DIE-2). Returns the number of services stopped."""
    nu = nu or klok.nu()
    gestopt = 0
    for dienst in Dienst.objects.select_for_update().filter(taak=taak, status__in=OPEN_DIENSTSTATUSSEN):
        dienst.doorlooptijd_s = int(dienst.doorlooptijd(nu).total_seconds())
        dienst.status, dienst.open_sinds, dienst.afgesloten_op = DienstStatus.AFGEBROKEN, None, nu
        dienst.save(update_fields=["status", "open_sinds", "afgesloten_op", "doorlooptijd_s"])
        audit_record(
            Actie.WIJZIGEN,
            actor=actor,
            obj=dienst,
            client_id=taak.casus.client_id,
            changes={"status": ["open", DienstStatus.AFGEBROKEN]},
            reason=_("taak gesloten"),
        )
        gestopt += 1
    Dienst.objects.filter(taak=taak, historie_sinds=None).update(historie_sinds=nu)
    return gestopt


# --- production figures that outlive a purge (SCH-3, DIE-4) ----------------------------------------------

_VAN_CASUSSEN = productie_sql(
    nieuw="d.casus_id = ANY(%(ids)s)",
    gesloten="d.casus_id = ANY(%(ids)s)",
    tijd="t.dienst_id IN (SELECT id FROM diensten_dienst WHERE casus_id = ANY(%(ids)s))",
    geschoond=None,
)
BEWAREN_SQL = f"""
INSERT INTO diensten_geschoondeproductie (maand, soort_id, district_id, team_id, {", ".join(CIJFERS)})
{_VAN_CASUSSEN}
"""


def productie_bewaren(*, casus_ids: list[int]) -> int:
    """Before purging these cases (SCH-3): keep their production figures as anonymous monthly aggregates,
    with the one definition the production report and the BI view use (diensten.productie), so the report
    counts the purged work the same as before. Call it in the purge's transaction, before the delete; returns the
    rows written."""
    if not casus_ids:
        return 0
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(BEWAREN_SQL, {"tz": settings.TIME_ZONE, "ids": list(casus_ids)})
        return cursor.rowcount
