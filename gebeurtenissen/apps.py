"""Multi-client events and case relations (CAS-9)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GebeurtenissenConfig(AppConfig):
    name = "gebeurtenissen"
    verbose_name = _("Gebeurtenissen")

    def ready(self):
        # TIJ-1: the timeline links its event entries to the event.
        from casus.tijdlijn import bron_registreren
        from gebeurtenissen.selectors import tijdlijn_onderwerpen

        bron_registreren("gebeurtenissen.gebeurtenis", tijdlijn_onderwerpen)
