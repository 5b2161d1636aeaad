"""Documents on a casus: upload checked on content, versions, status and sharing (DOC-1)."""

from __future__ import annotations

import re

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils.translation import gettext as _

from casus import signalen
from casus.access import ziet_casus
from casus.models import Casus, TijdlijnSoort
from casus.services import tijdlijn_toevoegen
from cris import klok
from cris import versie as rijversie
from cris.audit.api import Actie, audit_record
from cris.notificaties.models import Soort
from cris.notificaties.services import notificeren
from documenten import bestandstype, opslag
from documenten.models import Document, DocumentDeling, DocumentStatus, DocumentType, DocumentVersie
from documenten.services import DocumentFout


def casus_url(casus_id: int) -> str:
    return reverse("casus:documenten", args=[casus_id]) + "#documenten"


def document_url(document: Document) -> str:
    return reverse("documenten:detail", args=[document.casus_id, document.pk])


def bestand_controleren(bestand) -> bestandstype.Bestandstype:
    """Size and real type of an uploaded file; BestandGeweigerd with the reason for the user."""
    limiet = settings.DOCUMENT_MAX_MB * 1024 * 1024
    if bestand.size > limiet:
        raise bestandstype.BestandGeweigerd(
            _("Het bestand is %(mb).1f MB; het maximum is %(max)d MB. Verklein het bestand of splits het op.")
            % {"mb": bestand.size / 1024 / 1024, "max": settings.DOCUMENT_MAX_MB}
        )
    if bestand.size == 0:
        raise bestandstype.BestandGeweigerd(_("Het bestand is leeg."))
    return bestandstype.herkennen(bestand, bestand.name)


def _bestandsnaam(naam: str) -> str:
    naam = naam.replace("\\", "/").rsplit("/", 1)[-1]
    naam = re.sub(r"[\x00-\x1f\x7f]", "", naam).strip() or "document"
    return naam[-200:]


def _versie_opslaan(*, document, opgeslagen, bestandsnaam, mime, actor, toelichting="") -> DocumentVersie:
    laatste = document.versies.order_by("-nummer").values_list("nummer", flat=True).first() or 0
    versie = DocumentVersie.objects.create(
        document=document,
        nummer=laatste + 1,
        bestandsnaam=bestandsnaam,
        opslagnaam=opgeslagen.opslagnaam,
        mime=mime,
        grootte=opgeslagen.grootte,
        sha256=opgeslagen.sha256,
        toelichting=toelichting,
        aangemaakt_door=actor if getattr(actor, "is_authenticated", False) else None,
    )
    document.huidige_versie = versie
    document.gewijzigd_op = klok.nu()
    document.save(update_fields=["huidige_versie", "gewijzigd_op", "status"])
    # cris.versie: a new version moves the document on; counted in the database, as the letter task holds no
    # lock on the document row.
    Document.objects.filter(pk=document.pk).update(versie=F("versie") + 1)
    document.versie += 1
    return versie


def document_toevoegen(*, actor, casus: Casus, bestand, titel: str, type: str, status: str) -> Document:
    """DOC-1: a file added to a casus; refused when it is too large or not what it claims to be."""
    soort = bestand_controleren(bestand)
    naam = _bestandsnaam(bestand.name)
    with opslag.bewaren(bestand.chunks()) as opgeslagen, transaction.atomic():
        document = Document(casus=casus, titel=(titel or naam)[:200], type=type, status=status, aangemaakt_door=actor)
        document.full_clean(exclude=["huidige_versie"])
        document.save()
        versie = _versie_opslaan(
            document=document, opgeslagen=opgeslagen, bestandsnaam=naam, mime=soort.mime, actor=actor
        )
        audit_record(
            Actie.AANMAKEN,
            actor=actor,
            obj=document,
            client_id=casus.client_id,
            changes={"titel": [None, document.titel], "type": [None, type], "bestand": [None, versie.sha256]},
        )
        tijdlijn_toevoegen(
            casus=casus,
            soort=TijdlijnSoort.DOCUMENT,
            medewerker=actor,
            obj=document,
            omschrijving=_("Document '%(t)s' toegevoegd (%(type)s)")
            % {"t": document.titel, "type": document.get_type_display()},
        )
    return document


def versie_toevoegen(
    *, actor, document: Document, bestand, verwacht: int | None, toelichting: str = ""
) -> DocumentVersie:
    """A new version of a document; the earlier ones stay. A sent document no longer changes. ``verwacht``: the
    document's version the form showed (cris.versie): a version uploaded on top of one the worker never saw
    is refused with ``VersieConflict``."""
    if document.status == DocumentStatus.VERZONDEN:
        raise DocumentFout(_("Een verzonden document wijzigt niet meer. Voeg een nieuw document toe."))
    soort = bestand_controleren(bestand)
    with opslag.bewaren(bestand.chunks()) as opgeslagen, transaction.atomic():
        document = Document.objects.select_for_update().get(pk=document.pk)
        rijversie.controleer(document, verwacht)
        versie = _versie_opslaan(
            document=document,
            opgeslagen=opgeslagen,
            bestandsnaam=_bestandsnaam(bestand.name),
            mime=soort.mime,
            actor=actor,
            toelichting=toelichting,
        )
        audit_record(
            Actie.WIJZIGEN,
            actor=actor,
            obj=document,
            client_id=document.casus.client_id,
            changes={"versie": [versie.nummer - 1, versie.nummer], "bestand": [None, versie.sha256]},
        )
        tijdlijn_toevoegen(
            casus=document.casus,
            soort=TijdlijnSoort.DOCUMENT,
            medewerker=actor,
            obj=document,
            omschrijving=_("Nieuwe versie %(n)d van '%(t)s'") % {"n": versie.nummer, "t": document.titel},
        )
    return versie


_STATUS_VOLGORDE = [DocumentStatus.CONCEPT, DocumentStatus.DEFINITIEF, DocumentStatus.VERZONDEN]


def document_status_wijzigen(*, actor, document: Document, status: str, verwacht: int | None) -> Document:
    with transaction.atomic():
        document = Document.objects.select_for_update().select_related("casus").get(pk=document.pk)
        rijversie.controleer(document, verwacht)
        oud = document.status
        if oud == status:
            return document
        if oud == DocumentStatus.VERZONDEN:
            raise DocumentFout(_("Een verzonden document blijft verzonden."))
        if status != DocumentStatus.CONCEPT and document.huidige_versie_id is None:
            raise DocumentFout(_("Dit document heeft nog geen bestand; de brief wordt nog gemaakt."))
        document.status = status
        document.gewijzigd_op = klok.nu()
        rijversie.verhoog(document)
        document.save(update_fields=["status", "gewijzigd_op", "versie"])
        audit_record(
            Actie.WIJZIGEN,
            actor=actor,
            obj=document,
            client_id=document.casus.client_id,
            changes={"status": [oud, status]},
        )
        tijdlijn_toevoegen(
            casus=document.casus,
            soort=TijdlijnSoort.DOCUMENT,
            medewerker=actor,
            obj=document,
            omschrijving=_("Document '%(t)s' is nu %(s)s") % {"t": document.titel, "s": document.get_status_display()},
        )
        if status == DocumentStatus.VERZONDEN and document.type == DocumentType.BRIEF:
            signalen.melden(  # KOP-3: the letter's title, never its content
                casus_id=document.casus_id,
                client_id=document.casus.client_id,
                soort=signalen.BRIEF_VERZONDEN,
                gegevens={"titel": document.titel},
            )
    return document


def document_delen(*, actor, document: Document, ontvanger, bericht: str = "") -> DocumentDeling:
    """DOC-1: point a colleague to a document. Only a colleague who may see the casus; they are notified."""
    if ontvanger.pk == actor.pk:
        raise DocumentFout(_("U kunt een document niet met uzelf delen."))
    if not ziet_casus(ontvanger, document.casus_id):
        raise DocumentFout(
            _("%(m)s heeft geen toegang tot deze casus. Delen kan alleen met collega's die de casus mogen zien.")
            % {"m": ontvanger}
        )
    with transaction.atomic():
        deling = DocumentDeling.objects.create(
            document=document, medewerker=ontvanger, gedeeld_door=actor, bericht=bericht.strip()[:300]
        )
        casus = document.casus
        audit_record(
            Actie.WIJZIGEN,
            actor=actor,
            obj=document,
            client_id=casus.client_id,
            changes={"gedeeld_met": [None, ontvanger.pk]},
        )
        tijdlijn_toevoegen(
            casus=casus,
            soort=TijdlijnSoort.DOCUMENT,
            medewerker=actor,
            obj=document,
            omschrijving=_("Document '%(t)s' gedeeld met %(m)s") % {"t": document.titel, "m": ontvanger},
        )
        notificeren(
            ontvangers=[ontvanger],
            soort=Soort.DOCUMENT_GEDEELD,
            tekst=_("%(a)s heeft een document met u gedeeld op casus %(c)s.") % {"a": actor, "c": casus.nummer},
            link=document_url(document),
        )
    return deling
