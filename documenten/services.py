"""Writes on documents, letters and e-mail (DOC-1, DOC-2). Every write is audited and put on the casus
timeline in its own transaction; Celery work is enqueued on commit."""

from __future__ import annotations

import logging
import re
import smtplib
from dataclasses import dataclass
from datetime import timedelta
from email.utils import make_msgid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

from casus import signalen
from casus.access import casussen_zichtbaar_voor
from casus.models import Adres, Casus, Client, Geslacht, TijdlijnSoort
from casus.services import tijdlijn_toevoegen, voorkeursadres
from cris import klok
from cris import versie as rijversie
from cris.audit.api import Actie, audit_record
from cris.notificaties.models import Notificatie, Soort
from cris.notificaties.services import notificeren
from documenten import bestandstype, opslag, placeholders
from documenten.models import (
    Brief,
    Document,
    DocumentDeling,
    DocumentStatus,
    DocumentType,
    DocumentVersie,
    OutboxStatus,
    Sjabloon,
    SjabloonSoort,
    UitgaandeEmail,
)
from taken.models import Taak
from werkstroom.models import Lidmaatschap

logger = logging.getLogger(__name__)


class DocumentFout(Exception):
    """A document action that is not possible; the message is for the user (Dutch)."""


def casus_url(casus_id: int) -> str:
    return reverse("casus:documenten", args=[casus_id]) + "#documenten"


def document_url(document: Document) -> str:
    return reverse("documenten:detail", args=[document.casus_id, document.pk])


# --- Files ----------------------------------------------------------------------------------------------


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
    if not casussen_zichtbaar_voor(ontvanger).filter(pk=document.casus_id).exists():
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


# --- Templates: the values of the placeholders -----------------------------------------------------------


def _aanhef(client: Client) -> str:
    achternaam = " ".join(p for p in (client.tussenvoegsel.capitalize(), client.achternaam) if p)
    if client.geslacht == Geslacht.VROUW:
        return _("Geachte mevrouw %(n)s") % {"n": achternaam}
    if client.geslacht == Geslacht.MAN:
        return _("Geachte heer %(n)s") % {"n": achternaam}
    return _("Beste %(n)s") % {"n": client.naam}


def _datum(waarde) -> str:
    if not waarde:
        return ""
    if hasattr(waarde, "hour"):
        return date_format(timezone.localtime(waarde), "j F Y H:i")
    return date_format(waarde, "j F Y")


def waarden(*, casus: Casus, taak: Taak | None, afzender) -> dict[str, str]:
    """The value of every placeholder (documenten.placeholders.VELDEN) for this casus, task and sender."""
    client = casus.client
    team = (
        Lidmaatschap.objects.filter(medewerker=afzender, standaard=True).select_related("team").first()
        if afzender is not None and afzender.pk
        else None
    )
    return {
        "client.aanhef": _aanhef(client),
        "client.naam": client.naam,
        "client.voornamen": client.voornamen or client.voorletters,
        "client.achternaam": " ".join(p for p in (client.tussenvoegsel, client.achternaam) if p),
        "client.nummer": client.nummer if client.pk else "",
        "client.telefoon": client.telefoon,
        "casus.nummer": casus.nummer if casus.pk else "",
        "casus.delict": casus.delict_omschrijving,
        "casus.delictdatum": _datum(casus.delict_datum),
        "casus.pv_nummer": casus.pv_nummer,
        "casus.district": str(casus.district) if casus.district_id or casus.district else "",
        "taak.naam": taak.type.naam if taak else "",
        "taak.team": taak.team.naam if taak else "",
        "taak.deadline": _datum(taak.deadline) if taak else "",
        "afzender.naam": afzender.get_full_name() if afzender else "",
        "afzender.email": afzender.email if afzender else "",
        "afzender.telefoon": afzender.telefoon if afzender else "",
        "afzender.team": team.team.naam if team else "",
        "organisatie.naam": settings.ORGANISATIE_NAAM,
        "organisatie.telefoon": settings.ORGANISATIE_TELEFOON,
        "organisatie.website": settings.ORGANISATIE_WEBSITE,
    }


def _sjabloon_controleren(*, sjabloon: Sjabloon, soort: str, casus: Casus, taak: Taak | None) -> None:
    if sjabloon.soort != soort:
        raise DocumentFout(_("Dit sjabloon is geen %(s)s.") % {"s": SjabloonSoort(soort).label})
    if not sjabloon.geldig_op(klok.vandaag()):
        raise DocumentFout(_("Het sjabloon '%(n)s' is vandaag niet geldig.") % {"n": sjabloon.naam})
    if sjabloon.delict_code and sjabloon.delict_code != casus.delict_code:
        raise DocumentFout(_("Het sjabloon '%(n)s' hoort bij een ander delict.") % {"n": sjabloon.naam})
    if taak is not None and taak.casus_id != casus.pk:
        raise DocumentFout(_("Die taak hoort niet bij deze casus."))
    gebruikt = placeholders.velden_in(sjabloon.onderwerp + sjabloon.inhoud)
    if taak is None and any(v.startswith("taak.") for v in gebruikt):
        raise DocumentFout(
            _("Het sjabloon '%(n)s' gebruikt gegevens van een taak; kies de taak.") % {"n": sjabloon.naam}
        )


def _invullen(sjabloon: Sjabloon, w: dict[str, str]) -> tuple[str, str]:
    onderwerp = " ".join(placeholders.invullen(sjabloon.onderwerp, w).split())[:200]
    return onderwerp, placeholders.invullen(sjabloon.inhoud, w)


# --- Letters ---------------------------------------------------------------------------------------------


def adresregels(client: Client, adres: Adres) -> list[str]:
    nummer = "".join(p for p in (adres.huisnummer, adres.huisletter) if p)
    straat = " ".join(p for p in (adres.straat, nummer, adres.toevoeging) if p)
    regels = [client.naam, straat, f"{adres.postcode}  {adres.woonplaats.upper()}"]
    if adres.land and adres.land.strip().lower() != "nederland":
        regels.append(adres.land.upper())
    return regels


def postadres_controleren(client: Client) -> Adres:
    """Safe contact: no letter to a secret address or to a client who wants no post at home."""
    if client.geheim_adres:
        raise DocumentFout(
            _(
                "Het adres van deze cliënt is geheim: brieven naar dit adres zijn geblokkeerd. "
                "Neem op een andere manier contact op, bijvoorbeeld telefonisch."
            )
        )
    if client.geen_post_huisadres:
        raise DocumentFout(
            _(
                "Deze cliënt wil geen post op het huisadres: de brief is niet gemaakt. "
                "Neem op een andere manier contact op, bijvoorbeeld telefonisch."
            )
        )
    adres = voorkeursadres(client)
    if adres is None or not (adres.straat and adres.huisnummer and adres.postcode and adres.woonplaats):
        raise DocumentFout(
            _("Van deze cliënt is geen volledig postadres bekend (straat, huisnummer, postcode, woonplaats).")
        )
    return adres


def brief_aanvragen(*, actor, casus: Casus, sjabloon: Sjabloon, taak: Taak | None = None) -> Brief:
    """DOC-2: a letter from a template, filed on the casus as a concept; a Celery task makes the PDF."""
    _sjabloon_controleren(sjabloon=sjabloon, soort=SjabloonSoort.BRIEF, casus=casus, taak=taak)
    adres = postadres_controleren(casus.client)
    onderwerp, tekst = _invullen(sjabloon, waarden(casus=casus, taak=taak, afzender=actor))
    with transaction.atomic():
        document = Document.objects.create(
            casus=casus,
            titel=sjabloon.naam[:200],
            type=DocumentType.BRIEF,
            status=DocumentStatus.CONCEPT,
            aangemaakt_door=actor,
        )
        brief = Brief.objects.create(
            document=document,
            sjabloon=sjabloon,
            onderwerp=onderwerp,
            tekst=tekst,
            adresregels=adresregels(casus.client, adres),
            aangevraagd_door=actor,
        )
        audit_record(
            Actie.AANMAKEN,
            actor=actor,
            obj=document,
            client_id=casus.client_id,
            changes={"sjabloon": [None, sjabloon.pk], "onderwerp": [None, onderwerp]},
        )
        tijdlijn_toevoegen(
            casus=casus,
            soort=TijdlijnSoort.DOCUMENT,
            medewerker=actor,
            obj=document,
            omschrijving=_("Brief '%(t)s' aangevraagd") % {"t": sjabloon.naam},
        )
        from documenten.tasks import brief_maken

        transaction.on_commit(lambda: brief_maken.delay(brief.pk))
    return brief


def brief_html(*, onderwerp: str, tekst: str, adresregels: list[str], kenmerk: str, afzender: str, datum) -> str:
    return render_to_string(
        "documenten/brief.html",
        {
            "organisatie": {
                "naam": settings.ORGANISATIE_NAAM,
                "adres": settings.ORGANISATIE_ADRES,
                "telefoon": settings.ORGANISATIE_TELEFOON,
                "website": settings.ORGANISATIE_WEBSITE,
            },
            "onderwerp": onderwerp,
            "alineas": [a.strip() for a in re.split(r"\n\s*\n", tekst.replace("\r\n", "\n")) if a.strip()],
            "adresregels": adresregels,
            "kenmerk": kenmerk,
            "afzender": afzender,
            "datum": datum,
        },
    )


def _geen_externe_bronnen(url, *args, **kwargs):
    raise ValueError(f"external resource refused in a letter: {url}")


def pdf_maken(html: str) -> bytes:
    """WeasyPrint, without fetching anything from outside (the letter is self-contained)."""
    from weasyprint import HTML

    return HTML(string=html, url_fetcher=_geen_externe_bronnen).write_pdf()


def brief_pdf_maken(*, brief_id: int) -> Brief:
    """The Celery task's work: render the letter to PDF and file it as the document's version. Idempotent."""
    with transaction.atomic():
        brief = (
            Brief.objects.select_for_update(of=("self",))
            .select_related("document__casus", "aangevraagd_door")
            .get(pk=brief_id)
        )
        if brief.gemaakt_op is not None:
            return brief
        document = brief.document
        html = brief_html(
            onderwerp=brief.onderwerp,
            tekst=brief.tekst,
            adresregels=brief.adresregels,
            kenmerk=document.casus.nummer,
            afzender=str(brief.aangevraagd_door or ""),
            datum=timezone.localtime(brief.aangevraagd_op).date(),
        )
        pdf = pdf_maken(html)
        with opslag.bewaren([pdf]) as opgeslagen:
            document.status = DocumentStatus.DEFINITIEF
            _versie_opslaan(
                document=document,
                opgeslagen=opgeslagen,
                bestandsnaam=f"{slugify(brief.onderwerp)[:80] or 'brief'}-{document.casus.nummer}.pdf",
                mime=bestandstype.PDF.mime,
                actor=brief.aangevraagd_door,
            )
            brief.gemaakt_op = klok.nu()
            brief.fout = ""
            brief.save(update_fields=["gemaakt_op", "fout"])
            audit_record(
                Actie.WIJZIGEN,
                actor=brief.aangevraagd_door,
                obj=document,
                client_id=document.casus.client_id,
                changes={
                    "status": [DocumentStatus.CONCEPT, DocumentStatus.DEFINITIEF],
                    "bestand": [None, opgeslagen.sha256],
                },
            )
            tijdlijn_toevoegen(
                casus=document.casus,
                soort=TijdlijnSoort.DOCUMENT,
                obj=document,
                omschrijving=_("Brief '%(t)s' gemaakt (PDF)") % {"t": document.titel},
            )
    return brief


def brief_mislukt(*, brief_id: int, fout: str) -> None:
    """The PDF could not be made: the letter says why, and the person who asked for it is told."""
    with transaction.atomic():
        brief = Brief.objects.select_related("document__casus").get(pk=brief_id)
        brief.fout = fout[:2000]
        brief.save(update_fields=["fout"])
        notificeren(
            ontvangers=[brief.aangevraagd_door_id],
            soort=Soort.BRIEF_MISLUKT,
            tekst=_("De brief '%(t)s' op casus %(c)s kon niet worden gemaakt.")
            % {"t": brief.document.titel, "c": brief.document.casus.nummer},
            link=document_url(brief.document),
        )


# --- E-mail and the outbox -------------------------------------------------------------------------------


def _message_id() -> str:
    domein = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1] or "cris.local"
    return make_msgid(domain=domein)


def _in_wachtrij(mail: UitgaandeEmail) -> None:
    from documenten.tasks import email_verzenden

    pk, poging = mail.pk, mail.pogingen
    transaction.on_commit(lambda: email_verzenden.delay(pk, poging))


def email_aanmaken(*, actor, casus: Casus, sjabloon: Sjabloon, aan: str, taak: Taak | None = None) -> UitgaandeEmail:
    """DOC-2: an e-mail to the client from a template, through the outbox; filed on the casus once sent."""
    _sjabloon_controleren(sjabloon=sjabloon, soort=SjabloonSoort.EMAIL, casus=casus, taak=taak)
    try:
        validate_email(aan)
    except ValidationError:
        raise DocumentFout(_("'%(a)s' is geen geldig e-mailadres.") % {"a": aan}) from None
    onderwerp, tekst = _invullen(sjabloon, waarden(casus=casus, taak=taak, afzender=actor))
    with transaction.atomic():
        mail = UitgaandeEmail.objects.create(
            casus=casus,
            aan=aan,
            onderwerp=onderwerp,
            tekst=tekst,
            message_id=_message_id(),
            volgende_poging=klok.nu(),
            aangemaakt_door=actor,
        )
        audit_record(
            Actie.AANMAKEN,
            actor=actor,
            obj=mail,
            client_id=casus.client_id,
            changes={"aan": [None, aan], "sjabloon": [None, sjabloon.pk]},
        )
        tijdlijn_toevoegen(
            casus=casus,
            soort=TijdlijnSoort.DOCUMENT,
            medewerker=actor,
            obj=mail,
            omschrijving=_("E-mail '%(o)s' aan %(a)s klaargezet voor verzending") % {"o": onderwerp, "a": aan},
        )
        _in_wachtrij(mail)
    return mail


def online_aanbod_klaarzetten(
    *, sjabloon: Sjabloon, casus: Casus, aan: str, informatiepagina: str, reden: str
) -> UitgaandeEmail:
    """AAN-8: the online-offer message to a person who is not (yet) a client. ``casus`` is unsaved: it only
    fills the template (name, delict, PV-nummer); the e-mail belongs to no casus and is not filed on one.
    Sent by the system; the caller records the decision on the referral."""
    _sjabloon_controleren(sjabloon=sjabloon, soort=SjabloonSoort.EMAIL, casus=casus, taak=None)
    try:
        validate_email(aan)
    except ValidationError:
        raise DocumentFout(_("'%(a)s' is geen geldig e-mailadres.") % {"a": aan}) from None
    w = {**waarden(casus=casus, taak=None, afzender=None), "delict.informatiepagina": informatiepagina}
    onderwerp, tekst = _invullen(sjabloon, w)
    with transaction.atomic():
        mail = UitgaandeEmail.objects.create(
            aan=aan, onderwerp=onderwerp, tekst=tekst, message_id=_message_id(), volgende_poging=klok.nu()
        )
        audit_record(
            Actie.AANMAKEN, obj=mail, reason=reden, changes={"aan": [None, aan], "sjabloon": [None, sjabloon.pk]}
        )
        _in_wachtrij(mail)
    return mail


def _bericht(mail: UitgaandeEmail) -> EmailMessage:
    afzender = mail.aangemaakt_door
    bericht = EmailMessage(
        subject=mail.onderwerp,
        body=mail.tekst,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[mail.aan],
        reply_to=[afzender.email] if afzender is not None and afzender.email else None,
        headers={"Message-ID": mail.message_id},
    )
    return bericht


@dataclass(frozen=True)
class Aflevering:
    """What the task does next: nothing, or try again after ``opnieuw_na`` seconds as attempt ``poging``."""

    status: str | None
    opnieuw_na: int | None = None
    poging: int | None = None


def wachttijd(pogingen: int) -> int:
    return settings.OUTBOX_WACHTTIJD_SECONDEN * 2 ** max(pogingen - 1, 0)


def email_afleveren(*, pk: int, poging: int | None = None) -> Aflevering:
    """One delivery attempt. ``poging`` is the number of attempts the caller expects to have been made
    (the task's own retry); None means 'if it is due' (the periodic sweep). Either way only one worker
    gets the row, and a sent e-mail is never sent again by this function."""
    nu = klok.nu()
    with transaction.atomic():
        rijen = UitgaandeEmail.objects.select_for_update(skip_locked=True, of=("self",)).filter(
            pk=pk, status=OutboxStatus.WACHTRIJ
        )
        if poging is None:
            rijen = rijen.filter(Q(volgende_poging__isnull=True) | Q(volgende_poging__lte=nu))
        else:
            rijen = rijen.filter(pogingen=poging)
        mail = rijen.select_related("aangemaakt_door", "casus").first()
        if mail is None:
            return Aflevering(status=None)
        bericht = _bericht(mail)
        mail.pogingen += 1
        try:
            bericht.send(fail_silently=False)
        except (smtplib.SMTPException, OSError) as fout:
            return _niet_afgeleverd(mail, fout, nu)
        mail.status = OutboxStatus.VERZONDEN
        mail.verzonden_op = nu
        mail.volgende_poging = None
        if mail.casus_id:
            mail.document = _email_archiveren(mail, bericht)
        mail.save()
    return Aflevering(status=mail.status)


def _tekst(waarde) -> str:
    return waarde.decode("utf-8", "replace") if isinstance(waarde, bytes) else str(waarde)


def foutmelding(fout: Exception) -> str:
    """The SMTP server's own answer where there is one ('550 5.1.1 …'), readable in the admin."""
    if isinstance(fout, smtplib.SMTPRecipientsRefused):
        return "; ".join(f"{adres}: {code} {_tekst(tekst)}" for adres, (code, tekst) in fout.recipients.items())
    if isinstance(fout, smtplib.SMTPResponseException):
        return f"{fout.smtp_code} {_tekst(fout.smtp_error)}"
    return f"{type(fout).__name__}: {fout}"


def _niet_afgeleverd(mail: UitgaandeEmail, fout: Exception, nu) -> Aflevering:
    mail.laatste_fout = foutmelding(fout)[:2000]
    logger.warning("e-mail %s not delivered (attempt %s): %s", mail.pk, mail.pogingen, mail.laatste_fout)
    if mail.pogingen < settings.OUTBOX_MAX_POGINGEN:
        wacht = wachttijd(mail.pogingen)
        mail.volgende_poging = nu + timedelta(seconds=wacht)
        mail.save(update_fields=["pogingen", "laatste_fout", "volgende_poging"])
        return Aflevering(status=mail.status, opnieuw_na=wacht, poging=mail.pogingen)
    mail.status = OutboxStatus.MISLUKT
    mail.volgende_poging = None
    mail.save(update_fields=["pogingen", "laatste_fout", "volgende_poging", "status"])
    audit_record(
        Actie.WIJZIGEN,
        actor=None,
        obj=mail,
        client_id=mail.casus.client_id if mail.casus_id else None,
        changes={"status": [OutboxStatus.WACHTRIJ, OutboxStatus.MISLUKT]},
        reason=mail.laatste_fout[:500],
    )
    if mail.casus_id:
        tijdlijn_toevoegen(
            casus=mail.casus,
            soort=TijdlijnSoort.DOCUMENT,
            obj=mail,
            omschrijving=_("E-mail '%(o)s' aan %(a)s niet afgeleverd na %(n)d pogingen")
            % {"o": mail.onderwerp, "a": mail.aan, "n": mail.pogingen},
        )
        notificeren(
            ontvangers=[mail.aangemaakt_door_id],
            soort=Soort.EMAIL_MISLUKT,
            tekst=_("Een e-mail op casus %(c)s kon niet worden afgeleverd.") % {"c": mail.casus.nummer},
            link=casus_url(mail.casus_id),
        )
    return Aflevering(status=mail.status)


def _email_archiveren(mail: UitgaandeEmail, bericht: EmailMessage) -> Document:
    """The sent message, as it left (.eml), filed on the casus (DOC-2)."""
    inhoud = bericht.message().as_bytes()
    document = Document.objects.create(
        casus_id=mail.casus_id,
        titel=mail.onderwerp[:200],
        type=DocumentType.EMAIL,
        status=DocumentStatus.VERZONDEN,
        aangemaakt_door=mail.aangemaakt_door,
    )
    with opslag.bewaren([inhoud]) as opgeslagen:
        _versie_opslaan(
            document=document,
            opgeslagen=opgeslagen,
            bestandsnaam=f"{slugify(mail.onderwerp)[:80] or 'e-mail'}.eml",
            mime=bestandstype.EML.mime,
            actor=mail.aangemaakt_door,
        )
        audit_record(
            Actie.AANMAKEN,
            actor=mail.aangemaakt_door,
            obj=document,
            client_id=mail.casus.client_id,
            changes={"verzonden_aan": [None, mail.aan], "bestand": [None, opgeslagen.sha256]},
        )
        tijdlijn_toevoegen(
            casus=mail.casus,
            soort=TijdlijnSoort.DOCUMENT,
            obj=document,
            omschrijving=_("E-mail '%(o)s' verzonden aan %(a)s") % {"o": mail.onderwerp, "a": mail.aan},
        )
    return document


def outbox_opnieuw(*, actor, ids) -> int:
    """Admin action: failed e-mails go back into the queue with a fresh count of attempts."""
    with transaction.atomic():
        mails = list(UitgaandeEmail.objects.select_for_update().filter(pk__in=ids, status=OutboxStatus.MISLUKT))
        for mail in mails:
            mail.status = OutboxStatus.WACHTRIJ
            mail.pogingen = 0
            mail.volgende_poging = klok.nu()
            mail.save(update_fields=["status", "pogingen", "volgende_poging"])
            audit_record(
                Actie.WIJZIGEN,
                actor=actor,
                obj=mail,
                client_id=mail.casus.client_id if mail.casus_id else None,
                changes={"status": [OutboxStatus.MISLUKT, OutboxStatus.WACHTRIJ]},
                bron="beheer",
            )
            _in_wachtrij(mail)
    return len(mails)


def notificatie_emails_klaarzetten(*, limiet: int = 500) -> int:
    """NOT-1: the e-mail copies that notifications asked for, into the outbox. Each is taken once."""
    with transaction.atomic():
        notificaties = list(
            Notificatie.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(email=True, email_verwerkt_op__isnull=True)
            .select_related("ontvanger")
            .order_by("aangemaakt_op")[:limiet]
        )
        nu = klok.nu()
        for notificatie in notificaties:
            notificatie.email_verwerkt_op = nu
            notificatie.save(update_fields=["email_verwerkt_op"])
            if not notificatie.ontvanger.email or not notificatie.ontvanger.is_active:
                continue
            link = f"{settings.SITE_URL}{notificatie.link}" if notificatie.link else settings.SITE_URL
            mail = UitgaandeEmail.objects.create(
                notificatie=notificatie,
                aan=notificatie.ontvanger.email,
                onderwerp=_("CRIS: %(s)s") % {"s": notificatie.get_soort_display()},
                tekst=_("%(t)s\n\nBekijk het in CRIS: %(l)s\n") % {"t": notificatie.tekst, "l": link},
                message_id=_message_id(),
                volgende_poging=nu,
            )
            _in_wachtrij(mail)
    return len(notificaties)


def outbox_verwerken(*, limiet: int = 500) -> dict:
    """Periodic: notification copies into the outbox, and e-mails whose retry is overdue (a lost task)
    sent again. The margin keeps the sweep out of the way of the tasks' own retries."""
    klaargezet = notificatie_emails_klaarzetten(limiet=limiet)
    grens = klok.nu() - timedelta(minutes=2)
    achterstallig = list(
        UitgaandeEmail.objects.filter(status=OutboxStatus.WACHTRIJ, volgende_poging__lte=grens)
        .order_by("volgende_poging")
        .values_list("pk", flat=True)[:limiet]
    )
    from documenten.tasks import email_verzenden

    for pk in achterstallig:
        email_verzenden.delay(pk, None)
    return {"notificaties": klaargezet, "opnieuw": len(achterstallig)}


# --- Preview for functional managers ---------------------------------------------------------------------


def voorbeeld(*, sjabloon: Sjabloon, afzender) -> dict:
    """The template filled in for a made-up client and casus (no real data in the admin)."""
    from datetime import date

    from taken.models import TaakType
    from werkstroom.models import District, Team

    client = Client(pk=1234567, voornamen="Anna", tussenvoegsel="de", achternaam="Voorbeeld", geslacht=Geslacht.VROUW)
    adres = Adres(straat="Voorbeeldstraat", huisnummer="1", postcode="1234 AB", woonplaats="Voorbeeldstad")
    casus = Casus(
        pk=7654321,
        client=client,
        delict_code=sjabloon.delict_code or "FIETS",
        delict_omschrijving="Fietsdiefstal",
        delict_datum=date(2026, 1, 15),
        pv_nummer="PL0900-2026000001",
        district=District(naam="Midden-Nederland"),
    )
    taak = Taak(type=TaakType(naam="Benaderingsgesprek"), team=Team(naam="AB Midden-Nederland"), deadline=klok.nu())
    onderwerp, tekst = _invullen(sjabloon, waarden(casus=casus, taak=taak, afzender=afzender))
    return {
        "onderwerp": onderwerp,
        "tekst": tekst,
        "adresregels": adresregels(client, adres),
        "kenmerk": casus.nummer,
        "afzender": str(afzender),
        "datum": klok.vandaag(),
    }
