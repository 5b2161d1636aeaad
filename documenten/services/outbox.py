"""E-mail and the outbox (DOC-2, NOT-1): mail made from a template, delivered by Celery with retries, archived
on the casus."""

from __future__ import annotations

import logging
import smtplib
from dataclasses import dataclass
from datetime import timedelta
from email.utils import make_msgid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import gettext as _

from casus.models import Casus, TijdlijnSoort
from casus.services import tijdlijn_toevoegen
from cris import klok
from cris.audit.api import Actie, audit_record
from cris.notificaties.models import Notificatie, Soort
from cris.notificaties.services import notificeren
from documenten import bestandstype, opslag
from documenten.models import (
    Document,
    DocumentStatus,
    DocumentType,
    OutboxStatus,
    Sjabloon,
    SjabloonSoort,
    UitgaandeEmail,
)
from documenten.services import DocumentFout
from documenten.services.bestanden import _versie_opslaan, casus_url
from documenten.services.sjablonen import _invullen, _sjabloon_controleren, waarden
from taken.models import Taak

logger = logging.getLogger(__name__)


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


def _status_vastleggen(rij, van: str, naar: str, *, actor, reason: str, bron: str | None = None) -> None:
    """The audit entry of an outbox row's change of status (to the dead-letter list, back into the queue)."""
    client_id = rij.casus.client_id if rij.casus_id else None
    changes = {"status": [van, naar]}
    audit_record(Actie.WIJZIGEN, actor=actor, obj=rij, client_id=client_id, changes=changes, reason=reason, bron=bron)


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
    _status_vastleggen(mail, OutboxStatus.WACHTRIJ, OutboxStatus.MISLUKT, actor=None, reason=mail.laatste_fout[:500])
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


def opnieuw_in_wachtrij(model, *, actor, ids, reason: str = "") -> list:
    """Replay of a dead-letter list (the e-mail outbox here, the partners' event outbox in
    koppelingen.partners.uitgaand): the failed rows among ``ids`` go back into the queue with a fresh count of
    attempts, each with its audit entry (``reason``). Call inside the transaction; the caller queues delivery."""
    rijen = list(
        model.objects.select_for_update(of=("self",))
        .filter(pk__in=ids, status=OutboxStatus.MISLUKT)
        .select_related("casus")
    )
    for rij in rijen:
        rij.status, rij.pogingen, rij.volgende_poging = OutboxStatus.WACHTRIJ, 0, klok.nu()
        rij.save(update_fields=["status", "pogingen", "volgende_poging"])
        _status_vastleggen(rij, OutboxStatus.MISLUKT, OutboxStatus.WACHTRIJ, actor=actor, reason=reason, bron="beheer")
    return rijen


def outbox_opnieuw(*, actor, ids) -> int:
    """Admin action: failed e-mails go back into the queue with a fresh count of attempts."""
    with transaction.atomic():
        mails = opnieuw_in_wachtrij(UitgaandeEmail, actor=actor, ids=ids)
        for mail in mails:
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
