"""Gebeurtenis (CAS-9): one event with several clients (an aviation disaster, a traffic accident).

Referrals are linked to an event at review (AAN-10, the link lives on the referral); cases are linked here,
by approval of a linked referral or by hand. An event holds no client data itself: who may see a linked
casus is decided per casus (casus.access), never by the event.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from casus.models import Casus
from cris.versie import Versiebeheerd


class GebeurtenisType(models.TextChoices):
    VERKEERSONGEVAL = "verkeersongeval", _("verkeersongeval")
    RAMP = "ramp", _("ramp of groot incident")
    GEWELD = "geweld", _("geweldsincident")
    BRAND = "brand", _("brand of explosie")
    OVERIG = "overig", _("overig")


class Gebeurtenis(Versiebeheerd):
    naam = models.CharField(_("naam"), max_length=200)
    datum = models.DateField(_("datum"))
    type = models.CharField(_("soort"), max_length=20, choices=GebeurtenisType.choices)
    plaats = models.CharField(_("plaats"), max_length=200, blank=True)
    omschrijving = models.TextField(_("omschrijving"), blank=True)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    casussen = models.ManyToManyField(Casus, through="GebeurtenisCasus", related_name="gebeurtenissen")

    class Meta:
        verbose_name = _("gebeurtenis")
        verbose_name_plural = _("gebeurtenissen")
        ordering = ["-datum", "-pk"]
        indexes = [models.Index(fields=["-datum", "-id"], name="gebeurtenis_datum_idx")]

    def __str__(self) -> str:
        return f"{self.naam} ({self.datum:%d-%m-%Y})"

    @property
    def nummer(self) -> str:
        return f"GB{self.pk:05d}"


class GebeurtenisCasus(models.Model):
    gebeurtenis = models.ForeignKey(Gebeurtenis, models.CASCADE, related_name="koppelingen")
    casus = models.ForeignKey(Casus, models.CASCADE, related_name="+")
    gekoppeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    gekoppeld_op = models.DateTimeField(_("gekoppeld op"), auto_now_add=True)

    class Meta:
        verbose_name = _("casus bij gebeurtenis")
        verbose_name_plural = _("casussen bij gebeurtenis")
        constraints = [models.UniqueConstraint(fields=["gebeurtenis", "casus"], name="gebeurtenis_casus_uniek")]
        # The unique index serves "cases of this event"; this one "events of this casus".
        indexes = [models.Index(fields=["casus"], name="gebeurtenis_casus_idx")]

    def __str__(self) -> str:
        return f"{self.gebeurtenis} – {self.casus_id}"
