"""The lifecycle of a service on a task (DIE-2, DIE-3), and what it does at the task's moments (the hooks of
``taken.registry``, called by the task services inside their transaction)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from casus.models import Casus, TijdlijnSoort
from casus.services import tijdlijn_toevoegen
from cris import klok
from cris.audit.api import Actie, audit_record
from diensten.models import OPEN_DIENSTSTATUSSEN, Dienst, DienstSoort, DienstStatus
from diensten.services import DienstFout
from diensten.services.productie import maand_van, maanden_verouderd
from taken.models import Taak, TaakStatus
from taken.permissions import mag_behandelen


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
        maanden_verouderd([maand_van(nu)])  # DIE-4: new in the month of registration
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
        maanden_verouderd([maand_van(dienst.afgesloten_op)])  # DIE-4: closed in this month (none when started)
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
        oud, afgesloten_op_was = dienst.status, dienst.afgesloten_op
        dienst.status = DienstStatus.IN_BEHANDELING
        dienst.open_sinds = nu
        dienst.afgesloten_op = None
        dienst.historie_sinds = None
        dienst.keer_heropend += 1
        dienst.save()
        # DIE-4: it drops out of the afgerond or afgebroken of the month it was closed in
        maanden_verouderd([maand_van(afgesloten_op_was)])
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
        maanden_verouderd([maand_van(nu)])
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
