"""Contact reports (VER-1, VER-2): drafts saved while typing, finalising, editing for 7 days, and after
that a correction as a new entry linked to the locked one.

Drafts are rows (VerslagConcept) owned by one worker on one task; they are not contacts yet: they do not
count as attempts and are not on the timeline. Every write is audited (the report text itself is personal
data and stays out of the audit entry: only which fields changed).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from casus.models import Casus, TijdlijnSoort
from casus.services import tijdlijn_toevoegen
from cris import klok, versie
from cris.audit.api import Actie, audit_record
from cris.invoer import geheel_getal
from taken import registry
from taken.models import Contactmoment, Taak, TaakStatus, VerslagConcept
from taken.permissions import mag_behandelen, mag_verslag_wijzigen
from taken.services import TaakFout
from taken.services.contacten import contactmoment_vastleggen

BEWERKBAAR = timedelta(days=7)
CONCEPT_VELDEN = ("tijdstip", "kanaal", "richting", "bereikt", "duur_minuten", "verslag")
CONTACT_VELDEN = ("tijdstip", "kanaal", "richting", "bereikt", "duur_minuten", "verslag")


def bewerkbaar_tot(contact: Contactmoment) -> datetime:
    return contact.aangemaakt_op + BEWERKBAAR


def is_bewerkbaar(contact: Contactmoment, nu: datetime | None = None) -> bool:
    """VER-2: a finalised report can be edited for 7 days after it was recorded, then it is locked."""
    return (nu or klok.nu()) < bewerkbaar_tot(contact)


def concept_van(*, actor, taak: Taak) -> VerslagConcept | None:
    return VerslagConcept.objects.filter(taak=taak, medewerker=actor).first()


def _net_vastgelegd(*, actor, taak: Taak, verslag: str) -> bool:
    """An autosave still under way when the worker finalised must not bring the report back as a draft:
    without a draft, the text of a contact this worker recorded on this task a moment ago is not one."""
    if VerslagConcept.objects.filter(taak=taak, medewerker=actor).exists():
        return False
    return Contactmoment.objects.filter(
        taak=taak, medewerker=actor, verslag=verslag.strip(), aangemaakt_op__gte=klok.nu() - timedelta(minutes=2)
    ).exists()


def concept_opslaan(*, actor, taak: Taak, velden: dict, verwacht: int | None = None) -> VerslagConcept | None:
    """Autosave: keep the form as typed (only the report's own fields, as text). None: nothing to keep.
    ``verwacht``: the draft's version this tab last saved or showed (none yet: None); a draft that another
    tab saved since is not overwritten (``versie.VersieConflict``)."""
    if taak.status != TaakStatus.IN_BEHANDELING or not mag_behandelen(actor, taak):
        raise TaakFout(_("Alleen de behandelaar van een taak in behandeling schrijft hier een verslag."))
    schoon = {k: str(velden.get(k, ""))[:50_000] for k in CONCEPT_VELDEN if k in velden}
    with transaction.atomic():
        # The task's row, as finalising locks it: an autosave sent as the form is submitted (the report field's
        # change event, when the focus leaves it for the button) runs wholly before or wholly after the contact.
        Taak.objects.select_for_update().filter(pk=taak.pk).first()
        if _net_vastgelegd(actor=actor, taak=taak, verslag=schoon.get("verslag", "")):
            return None
        concept, nieuw = VerslagConcept.objects.select_for_update().get_or_create(
            taak=taak, medewerker=actor, defaults={"velden": schoon}
        )
        if not nieuw:
            versie.controleer(concept, verwacht)
            gewijzigd = sorted(k for k in schoon if concept.velden.get(k) != schoon[k])
            if not gewijzigd:
                return concept
            concept.velden = schoon
            versie.verhoog(concept)
            concept.save(update_fields=["velden", "bijgewerkt_op", "versie"])
        else:
            gewijzigd = sorted(schoon)
        audit_record(
            Actie.AANMAKEN if nieuw else Actie.WIJZIGEN,
            actor=actor,
            obj=concept,
            client_id=taak.casus.client_id,
            changes={k: ["…", "…"] for k in gewijzigd},
        )
    return concept


def concept_weggooien(*, actor, taak: Taak) -> bool:
    with transaction.atomic():
        concept = VerslagConcept.objects.select_for_update().filter(taak=taak, medewerker=actor).first()
        if concept is None:
            return False
        _concept_verwijderen(actor=actor, taak=taak, concept=concept)
    return True


def _concept_verwijderen(*, actor, taak: Taak, concept: VerslagConcept) -> None:
    audit_record(Actie.VERWIJDEREN, actor=actor, obj=concept, client_id=taak.casus.client_id)
    concept.delete()


_ELK_CONCEPT = object()


def verslag_vastleggen(
    *, actor, taak: Taak, extra: dict | None = None, concept_versie: object = _ELK_CONCEPT, **velden
) -> Contactmoment:
    """Finalise: the contact (or failed attempt, VER-1) is recorded and the draft goes, in one transaction.
    ``extra``: the fields apps above taken added to the contact form (DIE-3: the service and its time); they
    write them in this transaction, so a refusal leaves nothing half-saved. ``concept_versie``: the draft's
    version the form was based on (the form's ``concept_versie``; empty: it knew no draft). Only that draft
    goes: a draft another tab saved since is newer than this contact and stays (issue 23 item 3), unless it holds
    the very report just recorded (this form's own autosave, sent as it was submitted): that one goes too."""
    with transaction.atomic():
        contact = contactmoment_vastleggen(actor=actor, taak=taak, **velden)
        for uitbreiding in registry.contact_uitbreidingen:
            uitbreiding.vastleggen(actor=actor, taak=taak, contact=contact, data=extra or {})
        concept = concept_van(actor=actor, taak=taak)  # one per worker and task (verslagconcept_uniek)
        if concept is not None and (
            concept_versie is _ELK_CONCEPT
            or concept.versie == geheel_getal(concept_versie, standaard=0, maximum=2**31 - 1)
            or str(concept.velden.get("verslag", "")).strip() == contact.verslag.strip()
        ):
            _concept_verwijderen(actor=actor, taak=taak, concept=concept)
    return contact


def verslag_bewerken(
    *, actor, contact: Contactmoment, verwacht: int | None, nu: datetime | None = None, **velden
) -> Contactmoment:
    """VER-2: the author edits a finalised report within 7 days of recording it. ``verwacht``: the version the
    form showed; when the report moved on since (another tab, issue 23 item 3) ``versie.VersieConflict``."""
    nu = nu or klok.nu()
    with transaction.atomic():
        Casus.objects.select_for_update().filter(pk=contact.casus_id).first()
        contact = Contactmoment.objects.select_for_update().select_related("casus", "taak").get(pk=contact.pk)
        if contact.medewerker_id != actor.pk:
            raise TaakFout(_("Alleen wie het verslag schreef kan het bewerken."))
        if not is_bewerkbaar(contact, nu):
            raise TaakFout(
                _("Dit verslag is vergrendeld sinds %(d)s. Leg een correctie vast.")
                % {"d": timezone.localtime(bewerkbaar_tot(contact)).strftime("%d-%m-%Y %H:%M")}
            )
        versie.controleer(contact, verwacht)
        oud = {k: getattr(contact, k) for k in CONTACT_VELDEN}
        for key, value in velden.items():
            if key in CONTACT_VELDEN:
                setattr(contact, key, value)
        gewijzigd = sorted(k for k in CONTACT_VELDEN if getattr(contact, k) != oud[k])
        if not gewijzigd:
            return contact
        contact.gewijzigd_op = nu
        contact.full_clean()
        versie.verhoog(contact)
        contact.save()
        audit_record(
            Actie.WIJZIGEN,
            actor=actor,
            obj=contact,
            client_id=contact.casus.client_id,
            changes={k: (["…", "…"] if k == "verslag" else [oud[k], getattr(contact, k)]) for k in gewijzigd},
        )
        tijdlijn_toevoegen(
            casus=contact.casus,
            soort=TijdlijnSoort.CONTACT,
            medewerker=actor,
            obj=contact,
            tijdstip=nu,
            omschrijving=_("Contactverslag van %(d)s bijgewerkt")
            % {"d": timezone.localtime(contact.tijdstip).strftime("%d-%m-%Y %H:%M")},
        )
    return contact


def verslag_corrigeren(*, actor, contact: Contactmoment, verslag: str, nu: datetime | None = None) -> Contactmoment:
    """VER-2: a locked report stays as it was; the correction is a new entry linked to it, with the same
    contact data, by the author or the task's handler or team leader. Also on a closed task."""
    nu = nu or klok.nu()
    if not verslag.strip():
        raise TaakFout(_("Schrijf de correctie."))
    with transaction.atomic():
        casus = Casus.objects.select_for_update().get(pk=contact.casus_id)
        contact = Contactmoment.objects.select_for_update().select_related("taak").get(pk=contact.pk)
        if not mag_verslag_wijzigen(actor, contact):
            raise TaakFout(_("Alleen de schrijver, de behandelaar of de teamleider kan een correctie vastleggen."))
        if is_bewerkbaar(contact, nu):
            raise TaakFout(_("Dit verslag is nog niet vergrendeld; bewerk het verslag zelf."))
        correctie = Contactmoment.objects.create(
            taak=contact.taak,
            casus=casus,
            medewerker=actor,
            tijdstip=contact.tijdstip,
            kanaal=contact.kanaal,
            richting=contact.richting,
            bereikt=contact.bereikt,
            duur_minuten=None,  # the contact's duration is on the original; a correction adds no contact time
            verslag=verslag.strip(),
            correctie_van=contact,
        )
        audit_record(
            Actie.AANMAKEN,
            actor=actor,
            obj=correctie,
            client_id=casus.client_id,
            changes={"correctie_van": [None, contact.pk]},
        )
        tijdlijn_toevoegen(
            casus=casus,
            soort=TijdlijnSoort.CONTACT,
            medewerker=actor,
            obj=correctie,
            tijdstip=nu,
            omschrijving=_("Correctie op het contactverslag van %(d)s")
            % {"d": timezone.localtime(contact.tijdstip).strftime("%d-%m-%Y %H:%M")},
        )
    return correctie
