"""Documents on a casus with their versions (DOC-1), templates for letters and e-mails (DOC-2), the
letters made from them, and the outbox through which every e-mail leaves CRIS.

Files live under settings.DOCUMENTEN_DIR (outside the web root) under names CRIS makes up; the user's
file name is only shown and offered on download.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casus.models import Casus


class DocumentType(models.TextChoices):
    BRIEF = "brief", _("brief")
    EMAIL = "email", _("e-mail")
    ONTVANGEN = "ontvangen", _("ontvangen stuk")
    JURIDISCH = "juridisch", _("juridisch stuk")
    MEDISCH = "medisch", _("medisch stuk")
    FORMULIER = "formulier", _("formulier")
    OVERIG = "overig", _("overig")


class DocumentStatus(models.TextChoices):
    CONCEPT = "concept", _("concept")
    DEFINITIEF = "definitief", _("definitief")
    VERZONDEN = "verzonden", _("verzonden")


class Document(models.Model):
    casus = models.ForeignKey(Casus, models.CASCADE, verbose_name=_("casus"), related_name="documenten")
    titel = models.CharField(_("titel"), max_length=200)
    type = models.CharField(_("type"), max_length=12, choices=DocumentType.choices)
    status = models.CharField(_("status"), max_length=12, choices=DocumentStatus.choices)
    # The newest version, kept here so that a list of documents is one query with one join.
    huidige_versie = models.ForeignKey(
        "DocumentVersie", models.SET_NULL, verbose_name=_("huidige versie"), null=True, blank=True, related_name="+"
    )
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), default=timezone.now)
    # cris.versie: the status and new-version forms carry the version they showed (issue 23 item 3).
    versie = models.PositiveIntegerField(default=1, db_default=1, editable=False)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documenten")
        indexes = [models.Index(fields=["casus", "-gewijzigd_op"], name="document_casus_idx")]

    def __str__(self) -> str:
        return self.titel

    @property
    def nummer(self) -> str:
        """The number a document is found by (ZOE-1), like CL/CA/AM numbers: prefix and primary key."""
        return f"DO{self.pk:07d}"


class DocumentVersie(models.Model):
    document = models.ForeignKey(Document, models.CASCADE, verbose_name=_("document"), related_name="versies")
    nummer = models.PositiveIntegerField(_("versie"))
    bestandsnaam = models.CharField(_("bestandsnaam"), max_length=255)
    opslagnaam = models.CharField(max_length=100, unique=True)  # relative to DOCUMENTEN_DIR, never user input
    mime = models.CharField(_("soort bestand"), max_length=100)
    grootte = models.PositiveBigIntegerField(_("grootte (bytes)"))
    sha256 = models.CharField(max_length=64)
    toelichting = models.CharField(_("toelichting"), max_length=300, blank=True)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("documentversie")
        verbose_name_plural = _("documentversies")
        constraints = [models.UniqueConstraint(fields=["document", "nummer"], name="documentversie_uniek")]
        ordering = ["-nummer"]

    def __str__(self) -> str:
        return f"{self.bestandsnaam} (v{self.nummer})"


class DocumentDeling(models.Model):
    """A document pointed out to a colleague who has access to the casus (DOC-1 'delen')."""

    document = models.ForeignKey(Document, models.CASCADE, related_name="delingen")
    medewerker = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    gedeeld_door = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    bericht = models.CharField(_("bericht"), max_length=300, blank=True)
    gedeeld_op = models.DateTimeField(_("gedeeld op"), auto_now_add=True)

    class Meta:
        verbose_name = _("gedeeld document")
        verbose_name_plural = _("gedeelde documenten")

    def __str__(self) -> str:
        return f"{self.document} → {self.medewerker}"


class SjabloonSoort(models.TextChoices):
    BRIEF = "brief", _("brief")
    EMAIL = "email", _("e-mail")


class SjabloonDoel(models.TextChoices):
    HANDMATIG = "handmatig", _("handmatig, door een medewerker")
    ONLINE_AANBOD = "online_aanbod", _("online aanbod (AAN-8), automatisch")


class Sjabloon(models.Model):
    """A letter or e-mail template, maintained by functional managers in the admin (DOC-2). Text with
    placeholders such as {{ client.naam }} (documenten.placeholders); nothing else is evaluated."""

    naam = models.CharField(_("naam"), max_length=200)
    soort = models.CharField(_("soort"), max_length=10, choices=SjabloonSoort.choices)
    doel = models.CharField(_("gebruik"), max_length=20, choices=SjabloonDoel.choices, default=SjabloonDoel.HANDMATIG)
    delict_code = models.CharField(
        _("delictcode"),
        max_length=20,
        blank=True,
        help_text=_("Alleen voor casussen met deze delictcode. Leeg: voor alle delicten."),
    )
    onderwerp = models.CharField(
        _("onderwerp"), max_length=200, help_text=_("Onderwerp van de e-mail, of de regel 'Betreft' in de brief.")
    )
    inhoud = models.TextField(_("inhoud"), help_text=_("Tekst met velden als {{ client.aanhef }}; zie de lijst."))
    geldig_van = models.DateField(_("geldig van"), default=timezone.localdate)
    geldig_tot = models.DateField(_("geldig tot en met"), null=True, blank=True)
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    versie = models.PositiveIntegerField(default=1, db_default=1, editable=False)  # cris.versie: the admin form

    class Meta:
        verbose_name = _("sjabloon")
        verbose_name_plural = _("sjablonen")
        ordering = ["soort", "naam"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(geldig_tot__isnull=True) | models.Q(geldig_tot__gte=models.F("geldig_van")),
                name="sjabloon_geldigheid",
            )
        ]

    def __str__(self) -> str:
        return self.naam

    def clean(self):
        from django.core.exceptions import ValidationError

        from documenten.placeholders import PlaceholderFout, controleren

        fouten = {}
        for veld in ("onderwerp", "inhoud"):
            try:
                controleren(getattr(self, veld) or "")
            except PlaceholderFout as fout:
                fouten[veld] = str(fout)
        if self.geldig_tot and self.geldig_van and self.geldig_tot < self.geldig_van:
            fouten["geldig_tot"] = _("De einddatum ligt vóór de begindatum.")
        if fouten:
            raise ValidationError(fouten)

    def geldig_op(self, datum) -> bool:
        return self.geldig_van <= datum and (self.geldig_tot is None or datum <= self.geldig_tot)


class Brief(models.Model):
    """A letter requested from a template; the PDF is made by a Celery task and filed as the document's
    version. The text and the address are fixed when the letter is requested."""

    document = models.OneToOneField(Document, models.CASCADE, related_name="brief")
    sjabloon = models.ForeignKey(Sjabloon, models.PROTECT, related_name="+")
    onderwerp = models.CharField(max_length=200)
    tekst = models.TextField()
    adresregels = models.JSONField(default=list)
    aangevraagd_door = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    aangevraagd_op = models.DateTimeField(auto_now_add=True)
    gemaakt_op = models.DateTimeField(null=True, blank=True)
    fout = models.TextField(blank=True)

    class Meta:
        verbose_name = _("brief")
        verbose_name_plural = _("brieven")

    def __str__(self) -> str:
        return self.onderwerp


class OutboxStatus(models.TextChoices):
    WACHTRIJ = "wachtrij", _("in wachtrij")
    VERZONDEN = "verzonden", _("verzonden")
    MISLUKT = "mislukt", _("mislukt")


class UitgaandeEmail(models.Model):
    """The outbox: every e-mail CRIS sends. Delivered by a Celery task with retries and a growing wait;
    after CRIS_OUTBOX_MAX_POGINGEN failures it is 'mislukt', visible in the admin and to the sender."""

    casus = models.ForeignKey(Casus, models.CASCADE, null=True, blank=True, related_name="+")
    notificatie = models.OneToOneField(
        "notificaties.Notificatie", models.SET_NULL, null=True, blank=True, related_name="+"
    )
    aan = models.EmailField(_("aan"))
    onderwerp = models.CharField(_("onderwerp"), max_length=200)
    tekst = models.TextField(_("tekst"))
    message_id = models.CharField(max_length=200, unique=True)
    status = models.CharField(_("status"), max_length=10, choices=OutboxStatus.choices, default=OutboxStatus.WACHTRIJ)
    pogingen = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    laatste_fout = models.TextField(_("laatste fout"), blank=True)
    volgende_poging = models.DateTimeField(_("volgende poging"), null=True, blank=True)
    verzonden_op = models.DateTimeField(_("verzonden op"), null=True, blank=True)
    document = models.ForeignKey(Document, models.SET_NULL, null=True, blank=True, related_name="+")
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("uitgaande e-mail")
        verbose_name_plural = _("outbox (uitgaande e-mail)")
        ordering = ["-aangemaakt_op"]
        indexes = [
            models.Index(fields=["volgende_poging"], name="outbox_wachtrij_idx", condition=models.Q(status="wachtrij")),
            models.Index(fields=["status", "-aangemaakt_op"], name="outbox_status_idx"),
        ]

    def __str__(self) -> str:
        # Not the subject or recipient: this name shows in the admin, to roles without case access (issue 21).
        return f"e-mail {self.pk}"
