from django.db import models
from django.utils.translation import gettext_lazy as _

from cris import klok


class AfasImport(models.Model):
    """One run of the AFAS import, with its counts and the rows it could not take."""

    gestart = models.DateTimeField(_("gestart"), auto_now_add=True)
    afgerond = models.DateTimeField(_("afgerond"), null=True, blank=True)
    bestand = models.CharField(_("bestand"), max_length=500)
    regels = models.PositiveIntegerField(_("regels"), default=0)
    aangemaakt = models.PositiveIntegerField(_("aangemaakt"), default=0)
    bijgewerkt = models.PositiveIntegerField(_("bijgewerkt"), default=0)
    ongewijzigd = models.PositiveIntegerField(_("ongewijzigd"), default=0)
    gedeactiveerd = models.PositiveIntegerField(_("gedeactiveerd"), default=0)
    fouten = models.JSONField(_("fouten"), default=list, blank=True)
    meldingen = models.JSONField(_("meldingen"), default=list, blank=True)

    class Meta:
        verbose_name = _("AFAS-import")
        verbose_name_plural = _("AFAS-imports")
        ordering = ["-gestart"]

    def __str__(self) -> str:
        return f"{klok.als_tekst(self.gestart, '%Y-%m-%d %H:%M')} {self.bestand}"
