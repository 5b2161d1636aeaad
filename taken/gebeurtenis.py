"""TAK-9: copy a contact report to the tasks of the other clients of the same incident.

Which cases belong to "the same incident" is answered by one function, ``zelfde_gebeurtenis``: cases linked
to the same Gebeurtenis (gebeurtenissen/, CAS-9), and cases sharing the PV-nummer (related through one
police report, also before anyone made an event of it). A new kind of relation is added there; the copy and
its page need no change.

A copy never carries the first client's name or case number: it names only the task it came from, so one
client's data does not show on another client's case (CAS-9).
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from casus.access import zichtbaar_voor
from casus.models import Casus, TijdlijnSoort
from casus.services import tijdlijn_toevoegen
from cris.audit.api import Actie, audit_record
from gebeurtenissen.models import GebeurtenisCasus
from taken.models import OPEN_TAAKSTATUSSEN, Contactmoment, Taak
from taken.services import TaakFout


def zelfde_gebeurtenis(casus: Casus) -> list[int]:
    """The other clients' cases of the same incident as this casus. Each relation is its own indexed
    lookup (an OR across them would make PostgreSQL scan every casus)."""
    gebeurtenissen = GebeurtenisCasus.objects.filter(casus_id=casus.pk).values("gebeurtenis_id")
    ids = set(GebeurtenisCasus.objects.filter(gebeurtenis_id__in=gebeurtenissen).values_list("casus_id", flat=True))
    if casus.pv_nummer:
        ids |= set(Casus.objects.filter(pv_nummer=casus.pv_nummer).values_list("pk", flat=True))
    ids.discard(casus.pk)
    return sorted(ids)


def taken_zelfde_gebeurtenis(*, user, taak: Taak) -> QuerySet[Taak]:
    """Open tasks on those cases, of other clients, that this user may see (AUT-1)."""
    return (
        Taak.objects.filter(
            zichtbaar_voor(user, "casus_id"),
            casus_id__in=zelfde_gebeurtenis(taak.casus),
            status__in=OPEN_TAAKSTATUSSEN,
        )
        .exclude(casus__client_id=taak.casus.client_id)
        .select_related("type", "casus", "casus__client")
        .order_by("casus_id", "pk")
    )


def contactverslag_kopieren(*, actor, contact: Contactmoment, naar: list[Taak]) -> list[Contactmoment]:
    toegestaan = {t.pk for t in taken_zelfde_gebeurtenis(user=actor, taak=contact.taak)}
    if not naar or any(t.pk not in toegestaan for t in naar):
        raise TaakFout(_("Kies taken van andere cliënten van dezelfde gebeurtenis."))
    if not contact.verslag.strip():
        raise TaakFout(_("Dit contact heeft geen verslag om te kopiëren."))
    kopieen = []
    with transaction.atomic():
        for taak in naar:
            kopie = Contactmoment.objects.create(
                taak=taak,
                casus_id=taak.casus_id,
                medewerker=actor,
                tijdstip=contact.tijdstip,
                kanaal=contact.kanaal,
                richting=contact.richting,
                bereikt=contact.bereikt,
                duur_minuten=contact.duur_minuten,
                verslag=_("[Gekopieerd van taak %(t)d, dezelfde gebeurtenis]") % {"t": contact.taak_id}
                + "\n"
                + contact.verslag,
            )
            audit_record(
                Actie.AANMAKEN,
                actor=actor,
                obj=kopie,
                client_id=taak.casus.client_id,
                changes={"gekopieerd_van": [None, contact.pk]},
            )
            tijdlijn_toevoegen(
                casus=taak.casus,
                soort=TijdlijnSoort.CONTACT,
                medewerker=actor,
                obj=kopie,
                tijdstip=contact.tijdstip,
                omschrijving=_("Contactverslag gekopieerd (dezelfde gebeurtenis)"),
            )
            kopieen.append(kopie)
    return kopieen
