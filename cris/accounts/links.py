"""Local accounts (issue 22): activation of new staff (first password, then the first authenticator),
a forgotten password reset, changing one's own password, and the notice that a device was added. Every
step is audited; passwords and link secrets never are.

A link is ``/account/activeren/<secret>/`` or ``/account/wachtwoord-herstellen/<secret>/``: the secret is
sent by e-mail only (out of band), the database keeps its SHA-256."""

from __future__ import annotations

import hashlib
import logging
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from cris import klok
from cris.accounts.models import AccountLink, Medewerker
from cris.audit.api import Actie, audit_record

logger = logging.getLogger(__name__)

Doel = AccountLink.Doel


def _hash(sleutel: str) -> str:
    return hashlib.sha256(sleutel.encode()).hexdigest()


def _geldigheid(doel: str) -> timedelta:
    if doel == Doel.ACTIVEREN:
        return timedelta(hours=settings.ACTIVATIELINK_UREN)
    return timedelta(minutes=settings.HERSTELLINK_MINUTEN)


def link_aanmaken(medewerker: Medewerker, doel: str) -> str:
    """A new link; earlier unused links of the same kind stop working. Returns the secret (for the e-mail)."""
    sleutel = secrets.token_urlsafe(32)
    nu = klok.nu()
    with transaction.atomic():
        AccountLink.objects.filter(medewerker=medewerker, doel=doel, gebruikt_op__isnull=True).update(gebruikt_op=nu)
        AccountLink.objects.create(
            medewerker=medewerker,
            doel=doel,
            sleutel_hash=_hash(sleutel),
            aangemaakt_op=nu,
            verloopt_op=nu + _geldigheid(doel),
        )
    return sleutel


def geldige_link(sleutel: str, doel: str) -> AccountLink | None:
    """The unused, unexpired link of this kind for an active Medewerker, or None."""
    if not sleutel or len(sleutel) > 100:
        return None
    return (
        AccountLink.objects.select_related("medewerker")
        .filter(
            sleutel_hash=_hash(sleutel),
            doel=doel,
            gebruikt_op__isnull=True,
            verloopt_op__gt=klok.nu(),
            medewerker__is_active=True,
        )
        .first()
    )


def link_gebruikt(link: AccountLink) -> bool:
    """Mark the link used; False when another request used it first (works once)."""
    return bool(AccountLink.objects.filter(pk=link.pk, gebruikt_op__isnull=True).update(gebruikt_op=klok.nu()))


def _mailen(medewerker: Medewerker, onderwerp: str, tekst: str) -> None:
    """Sent after commit, straight to the mail server: the link's secret is not stored in the outbox."""

    def verzenden():
        try:
            send_mail(onderwerp, tekst, None, [medewerker.email])
        except Exception:  # the audit entry stands; a new link can be asked for
            logger.exception("account e-mail to medewerker %s not sent", medewerker.pk)

    transaction.on_commit(verzenden)


def activatielink_versturen(*, medewerker: Medewerker, actor=None, reden: str = "") -> bool:
    """E-mail an activation link: for new staff (first password, then the first authenticator) and after
    a device reset (the first authenticator again). False when the Medewerker has no e-mail address."""
    if not medewerker.email or not medewerker.is_active:
        return False
    sleutel = link_aanmaken(medewerker, Doel.ACTIVEREN)
    url = settings.SITE_URL.rstrip("/") + reverse("accounts:activeren", args=[sleutel])
    _mailen(
        medewerker,
        _("CRIS: activeer uw account"),
        _(
            "Beste %(naam)s,\n\nMet deze link stelt u uw wachtwoord (als u er nog geen heeft) en uw "
            "authenticator-app voor CRIS in:\n\n%(url)s\n\nDe link werkt één keer en verloopt over %(uren)s uur. "
            "Heeft u hier niet om gevraagd? Meld het dan bij applicatiebeheer.\n"
        )
        % {"naam": medewerker.get_short_name(), "url": url, "uren": settings.ACTIVATIELINK_UREN},
    )
    audit_record(Actie.WIJZIGEN, actor=actor, obj=medewerker, reason=reden or "activatielink verstuurd")
    return True


def authenticator_resetten(*, medewerker: Medewerker, actor) -> bool:
    """Remove the Medewerker's authenticators (a lost phone) and e-mail a new activation link."""
    with transaction.atomic():
        weg, _details = TOTPDevice.objects.filter(user=medewerker).delete()
        audit_record(
            Actie.WIJZIGEN,
            actor=actor,
            obj=medewerker,
            changes={"authenticators": [weg, 0]},
            reason="authenticator gereset",
        )
        return activatielink_versturen(
            medewerker=medewerker, actor=actor, reden="activatielink verstuurd na authenticator-reset"
        )


def herstellink_versturen(*, invoer: str) -> None:
    """A forgotten password: e-mail a reset link to the active local account with this username or
    e-mail address. The caller shows the same answer whether or not one exists."""
    invoer = invoer.strip()
    if not invoer:
        return
    for medewerker in Medewerker.objects.filter(
        Q(username__iexact=invoer) | Q(email__iexact=invoer), is_active=True
    ).exclude(email="")[:2]:
        sleutel = link_aanmaken(medewerker, Doel.HERSTELLEN)
        url = settings.SITE_URL.rstrip("/") + reverse("accounts:wachtwoord_herstellen", args=[sleutel])
        _mailen(
            medewerker,
            _("CRIS: nieuw wachtwoord instellen"),
            _(
                "Beste %(naam)s,\n\nIemand (hopelijk u) vroeg een nieuw wachtwoord voor CRIS aan. Met deze link "
                "stelt u het in:\n\n%(url)s\n\nDe link werkt één keer en verloopt over %(min)s minuten. Heeft u "
                "hier niet om gevraagd? Dan kunt u dit bericht negeren; uw wachtwoord blijft hetzelfde.\n"
            )
            % {"naam": medewerker.get_short_name(), "url": url, "min": settings.HERSTELLINK_MINUTEN},
        )
        audit_record(Actie.WIJZIGEN, obj=medewerker, reason="herstellink wachtwoord verstuurd")


def wachtwoord_instellen(*, medewerker: Medewerker, wachtwoord: str, reden: str, actor=None) -> None:
    """Set a (validated) password: the first one by activation, a reset, or one's own change."""
    with transaction.atomic():
        medewerker.set_password(wachtwoord)
        medewerker.save(update_fields=["password"])
        audit_record(Actie.WIJZIGEN, actor=actor or medewerker, obj=medewerker, reason=reden)


def apparaat_toegevoegd_melden(*, medewerker: Medewerker) -> None:
    """Tell the user, out of band, that an authenticator was added to their account."""
    audit_record(Actie.TWEESTAPS, actor=medewerker, obj=medewerker, reason="melding authenticator toegevoegd")
    if medewerker.email:
        wanneer = timezone.localtime(klok.nu()).strftime("%d-%m-%Y %H:%M")
        _mailen(
            medewerker,
            _("CRIS: er is een authenticator aan uw account toegevoegd"),
            _(
                "Beste %(naam)s,\n\nOp %(wanneer)s is een authenticator-app aan uw CRIS-account gekoppeld. Was u "
                "dat niet? Meld het dan direct bij applicatiebeheer.\n"
            )
            % {
                "naam": medewerker.get_short_name(),
                "wanneer": wanneer,
            },
        )
