"""Writes of schoning (SCH-1…SCH-3): the nightly selection, deselection, four-eyes approval, legal holds and
rules. Every write is audited in its own transaction."""

from __future__ import annotations

import math
from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from cris import klok
from cris.audit.api import Actie, audit_record, changes_between
from schoning import selectie as sql
from schoning.models import (
    Bewaarplicht,
    Bewaarregel,
    ItemStatus,
    Selectie,
    SelectieItem,
    SelectieStatus,
    Soort,
    Uitzondering,
)
from schoning.permissions import mag_beoordelen, mag_goedkeuren


def selectie_maken(*, actor=None, nu: datetime | None = None, batch_grootte: int = 1000) -> Selectie | None:
    """SCH-2, nightly: a new dated list from the active rules. An unreviewed older list is replaced (its
    deselections live on as Uitzondering); while a list awaits approval or the purge, none is made."""
    nu = nu or klok.nu()
    regels = list(Bewaarregel.objects.filter(actief=True))
    with transaction.atomic():
        if (
            Selectie.objects.select_for_update()
            .filter(status__in=[SelectieStatus.TER_GOEDKEURING, SelectieStatus.GOEDGEKEURD, SelectieStatus.BEZIG])
            .exists()
        ):
            return None
        Selectie.objects.filter(status=SelectieStatus.CONCEPT).update(status=SelectieStatus.VERVALLEN)
        selectie = Selectie.objects.create(datum=timezone.localdate(nu), batch_grootte=batch_grootte)
        toegepast = {}
        # The casus rule first: documents of a casus that goes whole are then not listed separately.
        for regel in sorted(regels, key=lambda r: r.soort != Soort.CASUS):
            grens = sql.grens(regel.termijn_maanden, nu)
            n = sql.items_invoegen(
                selectie_id=selectie.pk,
                soort=regel.soort,
                telt_vanaf=regel.telt_vanaf,
                grens=grens,
                vandaag=timezone.localdate(nu),
            )
            toegepast[regel.soort] = {
                "termijn_maanden": regel.termijn_maanden,
                "telt_vanaf": regel.telt_vanaf,
                "grens": grens.isoformat(),
                "items": n,
            }
        selectie.regels = toegepast
        selectie.save(update_fields=["regels"])
        audit_record(
            Actie.AANMAKEN,
            actor=actor,
            obj=selectie,
            changes={soort: [None, r["items"]] for soort, r in toegepast.items()},
        )
    return selectie


def tellingen(selectie: Selectie) -> dict[str, dict[str, int]]:
    """{soort: {status: aantal}} for the list."""
    uit: dict[str, dict[str, int]] = {}
    rijen = selectie.items.order_by().values("soort", "status").annotate(n=Count("id"))
    for rij in rijen:
        uit.setdefault(rij["soort"], {})[rij["status"]] = rij["n"]
    return uit


def _kan_beoordelen(actor, selectie: Selectie) -> None:
    if not mag_beoordelen(actor):
        raise PermissionDenied
    if selectie.status not in (SelectieStatus.CONCEPT, SelectieStatus.TER_GOEDKEURING):
        raise ValidationError(_("Deze lijst kan niet meer worden gewijzigd."))


def item_uitzonderen(*, actor, item: SelectieItem, reden: str, tot: date | None = None) -> Uitzondering:
    """SCH-2: take an item off the list, with a reason, for good or until a date; later lists skip it too.
    A list awaiting approval goes back to review: the approver must see the list as it will be purged."""
    reden = (reden or "").strip()
    if not reden:
        raise ValidationError({"reden": _("Geef een reden op.")})
    if tot is not None and tot < klok.vandaag():
        raise ValidationError({"tot": _("De datum ligt in het verleden.")})
    with transaction.atomic():
        selectie = Selectie.objects.select_for_update().get(pk=item.selectie_id)
        _kan_beoordelen(actor, selectie)
        item = SelectieItem.objects.select_for_update().get(pk=item.pk)
        if item.status != ItemStatus.GESELECTEERD:
            raise ValidationError(_("Dit item staat niet (meer) geselecteerd."))
        uitzondering = Uitzondering.objects.create(
            soort=item.soort, object_id=item.object_id, reden=reden, tot=tot, selectie=selectie, door=actor
        )
        item.status = ItemStatus.UITGEZONDERD
        item.save(update_fields=["status"])
        if selectie.status == SelectieStatus.TER_GOEDKEURING:
            selectie.status, selectie.voorbereid_door, selectie.voorbereid_op = SelectieStatus.CONCEPT, None, None
            selectie.save(update_fields=["status", "voorbereid_door", "voorbereid_op"])
        audit_record(
            Actie.AANMAKEN,
            actor=actor,
            obj=uitzondering,
            reason=reden,
            changes={"item": [None, item.omschrijving], "tot": [None, tot]},
        )
    return uitzondering


def selectie_aanbieden(*, actor, selectie: Selectie) -> Selectie:
    """The reviewer offers the list for approval; from now on someone else must approve it."""
    with transaction.atomic():
        selectie = Selectie.objects.select_for_update().get(pk=selectie.pk)
        _kan_beoordelen(actor, selectie)
        if selectie.status != SelectieStatus.CONCEPT:
            raise ValidationError(_("Deze lijst is al ter goedkeuring aangeboden."))
        selectie.status, selectie.voorbereid_door, selectie.voorbereid_op = (
            SelectieStatus.TER_GOEDKEURING,
            actor,
            klok.nu(),
        )
        selectie.save(update_fields=["status", "voorbereid_door", "voorbereid_op"])
        audit_record(Actie.WIJZIGEN, actor=actor, obj=selectie, changes={"status": ["concept", selectie.status]})
    return selectie


def selectie_goedkeuren(*, actor, selectie: Selectie) -> Selectie:
    """Four eyes (SCH-2): a second authorised person approves; the purge is then queued."""
    with transaction.atomic():
        selectie = Selectie.objects.select_for_update().get(pk=selectie.pk)
        if not mag_goedkeuren(actor):
            raise PermissionDenied
        if selectie.status != SelectieStatus.TER_GOEDKEURING:
            raise ValidationError(_("Alleen een lijst die ter goedkeuring is aangeboden kan worden goedgekeurd."))
        if selectie.voorbereid_door_id == actor.pk:
            raise ValidationError(_("Een ander dan wie de lijst heeft voorbereid moet hem goedkeuren (vier ogen)."))
        geselecteerd = dict(
            selectie.items.filter(status=ItemStatus.GESELECTEERD)
            .order_by()
            .values_list("soort")
            .annotate(n=Count("id"))
        )
        selectie.batches_totaal = sum(
            n if soort == Soort.AUDIT else math.ceil(n / selectie.batch_grootte) for soort, n in geselecteerd.items()
        )
        selectie.status, selectie.goedgekeurd_door, selectie.goedgekeurd_op = (
            SelectieStatus.GOEDGEKEURD,
            actor,
            klok.nu(),
        )
        selectie.save(update_fields=["status", "goedgekeurd_door", "goedgekeurd_op", "batches_totaal"])
        audit_record(
            Actie.WIJZIGEN,
            actor=actor,
            obj=selectie,
            changes={"status": ["ter_goedkeuring", selectie.status], **{s: [None, n] for s, n in geselecteerd.items()}},
        )
        from schoning.tasks import uitvoeren

        transaction.on_commit(lambda: uitvoeren.delay(selectie.pk))
    return selectie


def bewaarplicht_opslaan(*, actor, bewaarplicht: Bewaarplicht, oud: dict | None = None) -> Bewaarplicht:
    """A legal hold set or changed in the admin, audited with the client it concerns."""
    nieuw = bewaarplicht.pk is None
    if nieuw:
        bewaarplicht.vastgelegd_door = actor
    bewaarplicht.full_clean()
    with transaction.atomic():
        bewaarplicht.save()
        client_id = bewaarplicht.client_id or (bewaarplicht.casus.client_id if bewaarplicht.casus_id else None)
        audit_record(
            Actie.AANMAKEN if nieuw else Actie.WIJZIGEN,
            actor=actor,
            obj=bewaarplicht,
            client_id=client_id,
            changes=changes_between(oud, bewaarplicht, ["casus", "client", "reden", "tot"]),
        )
    return bewaarplicht


def bewaarregel_opslaan(*, actor, regel: Bewaarregel, oud: dict | None = None) -> Bewaarregel:
    regel.full_clean()
    with transaction.atomic():
        nieuw = regel.pk is None
        regel.save()
        audit_record(
            Actie.AANMAKEN if nieuw else Actie.WIJZIGEN,
            actor=actor,
            obj=regel,
            changes=changes_between(oud, regel, ["soort", "termijn_maanden", "telt_vanaf", "actief", "grondslag"]),
        )
    return regel
