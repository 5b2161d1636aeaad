"""The import hub's ledger: what arrived (Aanlevering), which messages were taken (Bericht, the idempotency
key) and what could not be taken (Quarantainebericht). For every Aanlevering, at every moment:
ontvangen = geimporteerd + dubbel + quarantaine (a database constraint)."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from cris.versie import Versiebeheerd


class Kanaal(models.TextChoices):
    EDP = "edp", _("politie (EDP)")
    EDOM = "edom", _("Openbaar Ministerie (EDOM)")
    # Partners of the JSON API under /api/ (KOP-3, KOP-4; koppelingen.partners).
    MSH = "msh", _("Mijnslachtofferhulp (API)")
    MSZ = "msz", _("MijnSlachtofferzaak (API)")
    EXTERN = "extern", _("externe organisatie (API)")


API_KANALEN = (Kanaal.MSH, Kanaal.MSZ, Kanaal.EXTERN)


class Ketenpartner(Versiebeheerd):
    """A sender allowed to post messages over HTTP: by bearer token (only its hash is kept) or by the
    subject of its client certificate, as the reverse proxy passes it on. A partner of the API (KOP-3/4)
    may also receive events by webhook: its URL and the shared HMAC secret."""

    naam = models.CharField(_("naam"), max_length=200)
    code = models.SlugField(_("code"), max_length=40, unique=True)
    kanaal = models.CharField(_("kanaal"), max_length=10, choices=Kanaal.choices)
    token_hash = models.CharField(_("token (hash)"), max_length=64, blank=True, editable=False)
    token_begin = models.CharField(
        _("token begint met"), max_length=8, blank=True, editable=False, help_text=_("Om het token te herkennen.")
    )
    certificaat_onderwerp = models.CharField(
        _("onderwerp clientcertificaat"),
        max_length=500,
        blank=True,
        help_text=_("Subject-DN van het clientcertificaat, precies zoals de proxy het doorgeeft."),
    )
    webhook_url = models.URLField(
        _("webhook-URL"), blank=True, help_text=_("Waar CRIS gebeurtenissen (CloudEvents) naartoe stuurt; leeg: niets.")
    )
    webhook_geheim = models.CharField(
        _("webhookgeheim (HMAC)"),
        max_length=100,
        blank=True,
        editable=False,
        help_text=_("Gedeeld geheim waarmee CRIS elke webhook ondertekent (HMAC-SHA256)."),
    )
    actief = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("ketenpartner")
        verbose_name_plural = _("ketenpartners")
        ordering = ["naam"]
        constraints = [
            models.UniqueConstraint(
                fields=["certificaat_onderwerp"],
                condition=~Q(certificaat_onderwerp=""),
                name="partner_certificaat_uniek",
            )
        ]
        indexes = [models.Index(fields=["token_hash"], name="partner_token_idx")]

    def __str__(self) -> str:
        return self.naam

    @staticmethod
    def hash_token(token: str) -> str:
        # Tokens are 256-bit random strings: a plain SHA-256 cannot be brute-forced (unlike a password).
        return hashlib.sha256(token.encode()).hexdigest()

    def nieuw_token(self) -> str:
        """Make a new token, keep only its hash; the token itself is shown once."""
        token = secrets.token_urlsafe(32)
        self.token_hash, self.token_begin = self.hash_token(token), token[:8]
        return token

    def nieuw_webhook_geheim(self) -> str:
        """A new HMAC secret for the webhook; kept (signing needs it), shown once in the admin."""
        self.webhook_geheim = secrets.token_urlsafe(32)
        return self.webhook_geheim


class Bron(models.TextChoices):
    INBOX = "inbox", _("inbox")
    COMMANDO = "commando", _("beheercommando")
    HTTP = "http", _("HTTP")
    HERAANBIEDING = "heraanbieding", _("opnieuw verwerkt")


class AanleveringStatus(models.TextChoices):
    BEZIG = "bezig", _("bezig")
    KLAAR = "klaar", _("klaar")
    AFGEBROKEN = "afgebroken", _("afgebroken")


class Aanlevering(models.Model):
    """One file from the inbox or the command line, or one HTTP post, with its count of messages."""

    naam = models.CharField(_("naam"), max_length=255)
    pad = models.CharField(_("pad"), max_length=1000, blank=True)
    bron = models.CharField(_("bron"), max_length=15, choices=Bron.choices)
    partner = models.ForeignKey(Ketenpartner, models.PROTECT, null=True, blank=True, verbose_name=_("ketenpartner"))
    grootte = models.BigIntegerField(_("grootte (bytes)"), default=0)
    status = models.CharField(_("status"), max_length=10, choices=AanleveringStatus.choices, default="bezig")
    totaal = models.PositiveIntegerField(_("berichten in het bestand"), default=0)
    ontvangen = models.PositiveIntegerField(_("ontvangen"), default=0)
    geimporteerd = models.PositiveIntegerField(_("geïmporteerd"), default=0)
    dubbel = models.PositiveIntegerField(_("dubbel"), default=0)
    quarantaine = models.PositiveIntegerField(_("quarantaine"), default=0)
    gestart = models.DateTimeField(_("gestart"), db_index=True)
    afgerond = models.DateTimeField(_("afgerond"), null=True, blank=True)
    # The last sign of life of the run that handles it (each chunk): a 'bezig' row without one for
    # VERWEESD_NA was left by a process that died, and the reaper (aanleveringen-opruimen) ends it.
    bijgewerkt_op = models.DateTimeField(_("laatste voortgang"), null=True, blank=True)

    class Meta:
        verbose_name = _("aanlevering")
        verbose_name_plural = _("aanleveringen")
        ordering = ["-gestart", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ontvangen=F("geimporteerd") + F("dubbel") + F("quarantaine")),
                name="aanlevering_telling_sluit",
            )
        ]
        indexes = [models.Index(fields=["status"], name="aanlevering_bezig_idx", condition=Q(status="bezig"))]

    def __str__(self) -> str:
        return self.naam

    @property
    def voortgang(self) -> int:
        """Percentage of the file's messages handled so far."""
        return 100 if not self.totaal else min(100, round(100 * self.ontvangen / self.totaal))


class Inboxpoging(models.Model):
    """Issue 23: an inbox file whose processing started and has not finished yet (a running or a crashed
    worker), with how often it was started and the last error. Gone when the file is archived; after
    CRIS_BERICHTEN_INBOX_MAX_POGINGEN starts the file goes to the quarantine (koppelingen.berichten.inbox)."""

    sleutel = models.CharField(_("bestand (naam, grootte)"), max_length=600, unique=True)
    naam = models.CharField(_("naam"), max_length=255)
    pogingen = models.PositiveIntegerField(_("pogingen"), default=0)
    laatste_fout = models.TextField(_("laatste fout"), blank=True)
    bijgewerkt_op = models.DateTimeField(_("laatste poging"))

    class Meta:
        verbose_name = _("verwerkingspoging")
        verbose_name_plural = _("verwerkingspogingen")

    def __str__(self) -> str:
        return f"{self.naam} ({self.pogingen})"


class Bericht(models.Model):
    """A message that was taken: its BerichtId can never be taken again (idempotency, INTERFACES.md §3)."""

    bericht_id = models.UUIDField(_("bericht-id"), unique=True)
    kanaal = models.CharField(_("kanaal"), max_length=10, choices=Kanaal.choices)
    aanlevering = models.ForeignKey(Aanlevering, models.PROTECT, related_name="berichten")
    verzonden = models.DateTimeField(_("verzonden"))
    ontvangen_op = models.DateTimeField(_("ontvangen op"))
    slachtoffers = models.PositiveIntegerField(_("slachtoffers"), default=0)

    class Meta:
        verbose_name = _("bericht")
        verbose_name_plural = _("berichten")

    def __str__(self) -> str:
        return str(self.bericht_id)


class QuarantaineStatus(models.TextChoices):
    OPEN = "open", _("open")
    VERWERKT = "verwerkt", _("opnieuw verwerkt")


class Quarantainebericht(models.Model):
    """A message (or a whole file) that could not be taken, kept whole with the exact reason."""

    aanlevering = models.ForeignKey(Aanlevering, models.PROTECT, related_name="quarantaineberichten")
    kanaal = models.CharField(_("kanaal"), max_length=10, choices=Kanaal.choices, blank=True)
    bericht_id = models.CharField(_("bericht-id"), max_length=64, blank=True)
    inhoud = models.BinaryField(_("inhoud"), help_text=_("Het bericht precies zoals ontvangen."))
    pad = models.CharField(
        _("bestand"),
        max_length=1000,
        blank=True,
        help_text=_("Waar het bestand staat als het te groot was om op te slaan."),
    )
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    regel = models.PositiveIntegerField(_("regel"), null=True, blank=True)
    element = models.CharField(_("element"), max_length=300, blank=True)
    reden = models.TextField(_("reden"))
    status = models.CharField(_("status"), max_length=10, choices=QuarantaineStatus.choices, default="open")
    uitkomst = models.CharField(_("uitkomst"), max_length=200, blank=True)
    pogingen = models.PositiveIntegerField(_("verwerkingspogingen"), default=1)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    afgehandeld_op = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)
    afgehandeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("quarantainebericht")
        verbose_name_plural = _("quarantaine")
        ordering = ["-aangemaakt_op", "-id"]
        constraints = [
            # The same broken message twice is one quarantine item; the second arrival counts as a duplicate.
            models.UniqueConstraint(fields=["sha256"], condition=Q(status="open"), name="quarantaine_open_uniek")
        ]
        indexes = [models.Index(fields=["status", "-aangemaakt_op"], name="quarantaine_status_idx")]

    def __str__(self) -> str:
        return f"{self.bericht_id or self.aanlevering.naam}: {self.reden[:80]}"
