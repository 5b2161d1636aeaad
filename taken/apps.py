"""Taak, task types, lifecycle, taakverdeler, contact reports, agenda (TAK-*, VER-*, AGE-*)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TakenConfig(AppConfig):
    name = "taken"
    verbose_name = _("Taken")

    def ready(self):
        # TIJ-1: the timeline shows what its task, contact, note and appointment entries are about.
        from taken.tijdlijn import registreren

        registreren()
        # Issue 25: Mijn werk's panels (werkstroom.registry).
        from taken import mijn_werk

        mijn_werk.registreren()
        # Issue 7/25: the Acute Opvang alert on the casus overview (casus.registry).
        from casus.registry import paneel_registreren
        from taken.casuspagina import ao_alarm_paneel

        paneel_registreren("overzicht", ao_alarm_paneel)
