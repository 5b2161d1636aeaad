"""TAK-7: call-back notes. A worker asks a colleague of the task's team to call the client back; the
colleague is notified (NOT-1) and marks the note done. Failed call attempts are counted on the task from
its contact records (VER-1: bereikt = nee)."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from casus.models import TijdlijnSoort
from casus.services import tijdlijn_toevoegen
from cris import klok
from cris.accounts.models import Medewerker
from cris.audit.api import Actie, audit_record
from cris.db import VasteQuery
from cris.notificaties.models import Soort
from cris.notificaties.services import notificeren
from cris.wie import wie
from taken.models import Taak, Terugbelnotitie
from taken.services import TaakFout
from werkstroom.models import Lidmaatschap


def collegas_voor_terugbellen(taak: Taak):
    leden = Lidmaatschap.objects.filter(team_id=taak.team_id).values("medewerker_id")
    return Medewerker.objects.filter(pk__in=leden, is_active=True).order_by("achternaam", "voornamen", "pk")


def terugbelnotitie_maken(
    *, actor, taak: Taak, voor, tekst: str, terugbellen_voor: datetime | None = None
) -> Terugbelnotitie:
    if not tekst.strip():
        raise TaakFout(_("Schrijf wat de collega moet weten om terug te bellen."))
    if not collegas_voor_terugbellen(taak).filter(pk=voor.pk).exists():
        raise TaakFout(_("%(m)s is geen actief lid van team %(t)s.") % {"m": voor, "t": taak.team.naam})
    with transaction.atomic():
        notitie = Terugbelnotitie.objects.create(
            taak=taak, voor=voor, door=actor, tekst=tekst.strip(), terugbellen_voor=terugbellen_voor
        )
        audit_record(
            Actie.AANMAKEN, actor=actor, obj=notitie, client_id=taak.casus.client_id, changes={"voor": [None, voor.pk]}
        )
        tijdlijn_toevoegen(
            casus=taak.casus,
            soort=TijdlijnSoort.TAAK,
            medewerker=actor,
            obj=notitie,
            omschrijving=_("Terugbelnotitie voor %(m)s") % {"m": voor},
        )
        notificeren(
            ontvangers=[voor],
            soort=Soort.TERUGBELNOTITIE,
            tekst=_("%(a)s vraagt u terug te bellen voor casus %(c)s.") % {"a": wie(actor), "c": taak.casus.nummer},
            link=reverse("taken:detail", args=[taak.pk]),
        )
    return notitie


def terugbelnotitie_afhandelen(*, actor, notitie: Terugbelnotitie) -> Terugbelnotitie:
    if actor.pk not in (notitie.voor_id, notitie.door_id):
        raise TaakFout(_("Alleen de collega voor wie de notitie is, handelt haar af."))
    with transaction.atomic():
        bijgewerkt = Terugbelnotitie.objects.filter(pk=notitie.pk, afgehandeld_op=None).update(afgehandeld_op=klok.nu())
        if bijgewerkt:
            audit_record(
                Actie.WIJZIGEN, actor=actor, obj=notitie, client_id=notitie.taak.casus.client_id,
                changes={"afgehandeld": [False, True]},
            )  # fmt: skip
    notitie.refresh_from_db()
    return notitie


def open_terugbelnotities(*, user) -> list[Terugbelnotitie]:
    """The open notes for this user, oldest first (at most 20). Most worklist views find none: a narrow probe
    on the partial index first, the joined rows only when there are notes to show."""
    ids = [pk for (pk,) in _OPEN_VOOR.rijen(user=user.pk)]
    if not ids:
        return []
    open_ = Terugbelnotitie.objects.filter(voor=user, afgehandeld_op=None).order_by("aangemaakt_op")
    return list(open_.filter(pk__in=ids).select_related("taak__type", "taak__casus__client", "door"))


_OPEN_VOOR = VasteQuery(  # the probe on every worklist view: compiled once, run prepared (cris.db.VasteQuery)
    lambda user: (
        Terugbelnotitie.objects.filter(voor_id=user, afgehandeld_op=None)
        .order_by("aangemaakt_op")
        .values_list("pk")[:20]
    ),
    "user",
)
