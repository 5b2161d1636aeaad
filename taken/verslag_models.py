"""VER-2: the server-side draft of a contact report, saved while the worker types (htmx autosave), so a
closed tab or a lost connection loses nothing. One draft per worker per task; finalising turns it into a
Contactmoment and removes it. Imported by taken.models."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class VerslagConcept(models.Model):
    taak = models.ForeignKey("taken.Taak", models.CASCADE, related_name="verslagconcepten")
    medewerker = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="+")
    # The form as typed, raw: a half-filled or not yet valid form is kept as it is.
    velden = models.JSONField(default=dict)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    bijgewerkt_op = models.DateTimeField(auto_now=True)
    # cris.versie: two tabs autosaving one draft; the form carries the version it last saved (concept_versie).
    versie = models.PositiveIntegerField(default=1, db_default=1, editable=False)

    class Meta:
        app_label = "taken"
        verbose_name = _("verslagconcept")
        verbose_name_plural = _("verslagconcepten")
        constraints = [models.UniqueConstraint(fields=["taak", "medewerker"], name="verslagconcept_uniek")]

    def __str__(self) -> str:
        return f"Concept bij taak {self.taak_id}"
