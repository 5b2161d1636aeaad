"""What the partner API received (Clientbericht), what CRIS sends out (Uitgaandbericht: the event outbox) and
who may receive a client's events (Toestemming)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from casus.models import Casus, Client
from cris.versie import Versiebeheerd
from documenten.models import OutboxStatus
from koppelingen.berichten.models import Ketenpartner


class Toestemming(models.Model):
    """KOP-3: the client agreed that CRIS tells this partner (Mijnslachtofferhulp, MijnSlachtofferzaak) about
    their casus. Without a current consent no event about the client leaves CRIS."""

    client = models.ForeignKey(Client, models.CASCADE, related_name="+", verbose_name=_("cliënt"))
    partner = models.ForeignKey(Ketenpartner, models.PROTECT, related_name="+", verbose_name=_("partner"))
    gegeven_op = models.DateTimeField(_("gegeven op"))
    ingetrokken_op = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Optimistic concurrency (cris.versie): a withdrawal names the version it showed.
    versie = models.PositiveIntegerField(default=1, db_default=1, editable=False)

    class Meta:
        verbose_name = _("toestemming voor partner")
        verbose_name_plural = _("toestemmingen voor partners")
        constraints = [
            models.UniqueConstraint(
                fields=["client", "partner"], condition=Q(ingetrokken_op__isnull=True), name="toestemming_actief_uniek"
            )
        ]

    def __str__(self) -> str:
        return f"{self.client_id} → {self.partner}"


class Uitgaandbericht(models.Model):
    """The event outbox (KOP-3/4): one CloudEvent for one partner, written in the transaction of the change it
    reports. Delivered by webhook in order per (partner, casus); after CRIS_OUTBOX_MAX_POGINGEN failures, or
    at once when the partner refuses it (4xx), it is 'mislukt': the dead-letter list, with the reason."""

    partner = models.ForeignKey(Ketenpartner, models.PROTECT, related_name="+", verbose_name=_("partner"))
    # An event goes with its casus when the casus is purged (SCH-3): it names the casus and the client.
    casus = models.ForeignKey(Casus, models.CASCADE, null=True, blank=True, related_name="+")
    # The order is kept per (partner, ordersleutel): the casus, or the referral for a casus-less event.
    ordersleutel = models.CharField(_("volgorde per"), max_length=40)
    event_id = models.UUIDField(_("event-id"), default=uuid.uuid4, unique=True)
    type = models.CharField(_("type"), max_length=100)
    event = models.JSONField(_("CloudEvent"))
    status = models.CharField(_("status"), max_length=10, choices=OutboxStatus.choices, default=OutboxStatus.WACHTRIJ)
    pogingen = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    laatste_fout = models.TextField(_("reden"), blank=True)
    volgende_poging = models.DateTimeField(_("volgende poging"), null=True, blank=True)
    verzonden_op = models.DateTimeField(_("verzonden op"), null=True, blank=True)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"))

    class Meta:
        verbose_name = _("uitgaande gebeurtenis")
        verbose_name_plural = _("uitgaande gebeurtenissen (webhooks)")
        ordering = ["-id"]
        indexes = [
            models.Index(
                fields=["partner", "ordersleutel", "id"], name="uitgaand_wachtrij_idx", condition=Q(status="wachtrij")
            ),
            # The round's heads in id order: a walk over the waiting rows only, stopping at the round's size.
            models.Index(fields=["id"], name="uitgaand_wachtend_id_idx", condition=Q(status="wachtrij")),
            models.Index(fields=["status", "-aangemaakt_op"], name="uitgaand_status_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.type} → {self.partner}"


class Clientbericht(models.Model):
    """KOP-3: a message a client wrote about their casus on Mijnslachtofferhulp."""

    casus = models.ForeignKey(Casus, models.CASCADE, related_name="+")
    bericht_id = models.UUIDField(_("bericht-id"), unique=True)
    onderwerp = models.CharField(_("onderwerp"), max_length=200)
    tekst = models.TextField(_("tekst"))
    ontvangen_op = models.DateTimeField(_("ontvangen op"))

    class Meta:
        verbose_name = _("bericht van cliënt")
        verbose_name_plural = _("berichten van cliënten")

    def __str__(self) -> str:
        return self.onderwerp


class ExterneOrganisatie(Versiebeheerd):
    """KOP-4: an organisation a caseworker can refer a client to (Perspectief Herstelbemiddeling, ...). Its
    Ketenpartner (kanaal 'extern') receives the referral by webhook and reports the status through the API."""

    naam = models.CharField(_("naam"), max_length=200, unique=True)
    omschrijving = models.CharField(_("omschrijving"), max_length=500, blank=True)
    partner = models.ForeignKey(
        Ketenpartner,
        models.PROTECT,
        related_name="+",
        verbose_name=_("ketenpartner"),
        limit_choices_to={"kanaal": "extern"},
        help_text=_("Token en webhook van de organisatie (Ketenpartners, kanaal 'externe organisatie')."),
    )
    actief = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("externe organisatie")
        verbose_name_plural = _("externe organisaties")
        ordering = ["naam"]

    def __str__(self) -> str:
        return self.naam


class DoorverwijzingStatus(models.TextChoices):
    VERZONDEN = "verzonden", _("verzonden")
    ONTVANGEN = "ontvangen", _("ontvangen")
    IN_BEHANDELING = "in_behandeling", _("in behandeling")
    AFGEWEZEN = "afgewezen", _("afgewezen")
    AFGEROND = "afgerond", _("afgerond")


class Contactvoorkeur(models.TextChoices):
    TELEFOON = "telefoon", _("telefoon")
    EMAIL = "email", _("e-mail")
    POST = "post", _("post")


class Doorverwijzing(models.Model):
    """KOP-4 (werkstroom 'Doorverwijzen extern'): a client referred, with consent, to an external organisation."""

    casus = models.ForeignKey(Casus, models.CASCADE, related_name="+", verbose_name=_("casus"))
    organisatie = models.ForeignKey(ExterneOrganisatie, models.PROTECT, related_name="+", verbose_name=_("organisatie"))
    reden = models.TextField(_("reden"), max_length=2000)
    contactvoorkeur = models.CharField(_("contactvoorkeur"), max_length=10, choices=Contactvoorkeur.choices)
    contact_toelichting = models.CharField(_("toelichting bij contact"), max_length=200, blank=True)
    toestemming = models.BooleanField(_("toestemming van de cliënt"))
    status = models.CharField(
        _("status"), max_length=15, choices=DoorverwijzingStatus.choices, default=DoorverwijzingStatus.VERZONDEN
    )
    status_reden = models.CharField(_("reden van de organisatie"), max_length=1000, blank=True)
    aangemaakt_door = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+")
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"))
    bijgewerkt_op = models.DateTimeField(_("bijgewerkt op"))

    class Meta:
        verbose_name = _("doorverwijzing")
        verbose_name_plural = _("doorverwijzingen")
        ordering = ["-aangemaakt_op"]
        constraints = [models.CheckConstraint(condition=Q(toestemming=True), name="doorverwijzing_met_toestemming")]

    def __str__(self) -> str:
        return f"{self.nummer} → {self.organisatie}"

    @property
    def nummer(self) -> str:
        return f"DV{self.pk:07d}"
