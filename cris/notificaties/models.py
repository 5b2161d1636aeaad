"""Notificatie: a message to one medewerker inside CRIS (NOT-1).

The text never holds client data (no names, no addresses): it names the kind of event and the case or
task number, and links to the page, where access is checked again. That keeps e-mail copies harmless.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Soort(models.TextChoices):
    TERUGBELNOTITIE = "terugbelnotitie", _("terugbelnotitie")
    TAAK_TOEGEWEZEN = "taak_toegewezen", _("taak toegewezen")
    TAAK_OVERGEDRAGEN = "taak_overgedragen", _("taak overgedragen")
    TOEGANGSVERZOEK = "toegangsverzoek", _("toegangsverzoek")
    TOEGANGSBESLUIT = "toegangsbesluit", _("besluit over toegang")
    IMPORT_QUARANTAINE = "import_quarantaine", _("import in quarantaine")
    DOCUMENT_GEDEELD = "document_gedeeld", _("document gedeeld")
    BRIEF_MISLUKT = "brief_mislukt", _("brief niet gemaakt")
    EMAIL_MISLUKT = "email_mislukt", _("e-mail niet afgeleverd")
    CLIENTBERICHT = "clientbericht", _("bericht van cliënt (Mijnslachtofferhulp)")
    DOORVERWIJZING = "doorverwijzing", _("terugmelding op doorverwijzing")
    WEESTAKEN = "weestaken", _("open taken van een gedeactiveerde medewerker")
    ZITTING = "zitting", _("zitting met spreekrecht")


class Notificatie(models.Model):
    ontvanger = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, verbose_name=_("ontvanger"), related_name="notificaties"
    )
    soort = models.CharField(_("soort"), max_length=30, choices=Soort.choices)
    tekst = models.CharField(_("tekst"), max_length=300)
    link = models.CharField(_("link"), max_length=300, blank=True)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    gelezen_op = models.DateTimeField(_("gelezen op"), null=True, blank=True)
    # An e-mail copy was asked for; the outbox (documenten) takes it and stamps email_verwerkt_op.
    email = models.BooleanField(_("ook per e-mail"), default=False)
    email_verwerkt_op = models.DateTimeField(_("e-mail in wachtrij gezet op"), null=True, blank=True)

    class Meta:
        verbose_name = _("notificatie")
        verbose_name_plural = _("notificaties")
        ordering = ["-aangemaakt_op", "-id"]
        indexes = [
            # The unread count in every page header.
            models.Index(fields=["ontvanger", "gelezen_op"], name="notificatie_ongelezen_idx"),
            # The list page, newest first.
            models.Index(fields=["ontvanger", "-aangemaakt_op"], name="notificatie_lijst_idx"),
            # The outbox picks up the e-mail copies still to be sent.
            models.Index(
                fields=["aangemaakt_op"],
                name="notificatie_email_open_idx",
                condition=models.Q(email=True, email_verwerkt_op__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return self.tekst

    @property
    def gelezen(self) -> bool:
        return self.gelezen_op is not None
