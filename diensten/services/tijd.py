"""DIE-3: time spent on a service, also written with a contact (TAK-2's contact form)."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from casus.models import TijdlijnSoort
from casus.services import tijdlijn_toevoegen
from cris import klok
from cris.audit.api import Actie, audit_record
from diensten.models import Dienst, DienstSoort, Tijdsbesteding
from diensten.services import DienstFout
from diensten.services.levenscyclus import _lock, _mag_wijzigen, dienst_registreren
from diensten.services.productie import maand_van, maanden_verouderd
from taken.models import Taak


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
        maanden_verouderd([maand_van(datum)])  # DIE-4: minutes count in the month of their date
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
