"""AuditEntry: one row per read or write of personal data, login and admin change (AUT-3).

Append-only at the database (migration 0003, docs/operations.md "Databaserollen"): the application role
has no UPDATE, DELETE or TRUNCATE on this table, and a trigger refuses them from anyone but the purge's
SECURITY DEFINER functions (``cris.audit.api.audit_schrobben_*``). Partitioned by month on ``tijdstip``.
No foreign keys: an entry must outlive the user and the object it is about.

A list page (worklist, review queue, search results, event page) writes ONE entry per page view, with
the ids of the clients shown in ``client_ids`` (AUT-3).
"""

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import BrinIndex, GinIndex
from django.db import models
from django.utils.translation import gettext_lazy as _


class Actie(models.TextChoices):
    LEZEN = "lezen", _("gelezen")
    AANMAKEN = "aanmaken", _("aangemaakt")
    WIJZIGEN = "wijzigen", _("gewijzigd")
    VERWIJDEREN = "verwijderen", _("verwijderd")
    EXPORTEREN = "exporteren", _("geëxporteerd")
    INLOGGEN = "inloggen", _("ingelogd")
    INLOGGEN_MISLUKT = "inloggen_mislukt", _("inloggen mislukt")
    UITLOGGEN = "uitloggen", _("uitgelogd")
    TWEESTAPS = "tweestaps", _("tweestapsverificatie")


class Bron(models.TextChoices):
    WEB = "web", _("webapplicatie")
    BEHEER = "beheer", _("beheeromgeving")
    TAAK = "taak", _("achtergrondtaak")
    COMMANDO = "commando", _("beheercommando")
    SYSTEEM = "systeem", _("systeem")
    API = "api", _("partner-API")


class AuditEntry(models.Model):
    tijdstip = models.DateTimeField(_("tijdstip"), auto_now_add=True)
    actor_id = models.BigIntegerField(_("medewerker-id"), null=True, blank=True)
    actor_weergave = models.CharField(_("medewerker"), max_length=200, blank=True)
    actie = models.CharField(_("actie"), max_length=20, choices=Actie.choices)
    bron = models.CharField(_("bron"), max_length=10, choices=Bron.choices, default=Bron.SYSTEEM)
    object_type = models.CharField(_("objecttype"), max_length=100, blank=True)
    object_id = models.CharField(_("object-id"), max_length=64, blank=True)
    object_weergave = models.CharField(_("object"), max_length=300, blank=True)
    client_id = models.BigIntegerField(_("cliënt-id"), null=True, blank=True)
    reden = models.TextField(_("reden"), blank=True)
    request_id = models.CharField(_("verzoek-id"), max_length=64, blank=True)
    ip_adres = models.GenericIPAddressField(_("IP-adres"), null=True, blank=True)
    wijzigingen = models.JSONField(_("wijzigingen"), default=dict, blank=True)
    client_ids = ArrayField(models.BigIntegerField(), default=list, blank=True, verbose_name=_("cliënt-ids (lijsten)"))

    class Meta:
        verbose_name = _("auditregel")
        verbose_name_plural = _("auditlog")
        ordering = ["-tijdstip", "-id"]
        default_permissions = ("view",)
        indexes = [
            # "Who looked at this client?" and "what did this user do?", newest first.
            models.Index(
                fields=["client_id", "-tijdstip"], name="audit_client_idx", condition=models.Q(client_id__isnull=False)
            ),
            models.Index(fields=["object_type", "object_id", "-tijdstip"], name="audit_object_idx"),
            models.Index(fields=["actor_id", "-tijdstip"], name="audit_actor_idx"),
            # Append-only and time-ordered: a BRIN index serves date ranges at a fraction of the size.
            BrinIndex(fields=["tijdstip"], name="audit_tijdstip_brin"),
            # The clients shown on a list page: "where did this client appear?".
            GinIndex(fields=["client_ids"], name="audit_client_ids_gin", condition=~models.Q(client_ids=[])),
        ]

    def __str__(self) -> str:
        from cris.audit.weergave import onderwerp, tijdstip

        # Local time and the object in words (issue 25); nothing from the reason (the admin's title).
        return f"{tijdstip(self.tijdstip)} {self.actor_weergave} {self.get_actie_display()} {onderwerp(self)}"
