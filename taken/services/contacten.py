"""VER-1: contacts and failed contact attempts on a task."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from casus.models import TijdlijnSoort
from casus.services import tijdlijn_toevoegen
from cris.audit.api import Actie, audit_record
from taken.models import Contactmoment, Taak, TaakStatus
from taken.permissions import mag_behandelen
from taken.services import TaakFout
from taken.services.levenscyclus import _lock


def contactmoment_vastleggen(
    *,
    actor,
    taak: Taak,
    kanaal: str,
    richting: str,
    bereikt: bool,
    tijdstip: datetime,
    verslag: str,
    duur_minuten: int | None = None,
) -> Contactmoment:
    """VER-1: a contact or a failed attempt (bereikt=False; the task's attempt count is derived from these)."""
    with transaction.atomic():
        casus = _lock(taak.casus_id)
        taak = Taak.objects.select_for_update().get(pk=taak.pk)
        if taak.status != TaakStatus.IN_BEHANDELING:
            raise TaakFout(_("Pak de taak eerst op; dan kunt u een contact vastleggen."))
        if not mag_behandelen(actor, taak):
            raise TaakFout(_("Alleen de behandelaar legt contacten op deze taak vast."))
        contact = Contactmoment(
            taak=taak,
            casus=casus,
            medewerker=actor,
            tijdstip=tijdstip,
            kanaal=kanaal,
            richting=richting,
            bereikt=bereikt,
            duur_minuten=duur_minuten,
            verslag=verslag,
        )
        contact.full_clean()
        contact.save()
        audit_record(
            Actie.AANMAKEN,
            actor=actor,
            obj=contact,
            client_id=casus.client_id,
            changes={"bereikt": [None, bereikt], "kanaal": [None, kanaal]},
        )
        wat = _("Contact") if bereikt else _("Mislukte contactpoging")
        tijdlijn_toevoegen(
            casus=casus,
            soort=TijdlijnSoort.CONTACT,
            medewerker=actor,
            obj=contact,
            tijdstip=tijdstip,
            omschrijving=f"{wat} ({contact.get_kanaal_display()}, {contact.get_richting_display()})",
        )
    return contact
