"""Documents, templates, PDF letters, e-mail outbox (DOC-*, NOT-*)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentenConfig(AppConfig):
    name = "documenten"
    verbose_name = _("Documenten")

    def ready(self):
        # TIJ-1: the timeline shows the title of its document entries, linked to the document.
        from casus.tijdlijn import bron_registreren
        from documenten.selectors import tijdlijn_onderwerpen

        bron_registreren("documenten.document", tijdlijn_onderwerpen)
        # CAS-1: the Documenten tab of the casus page (casus.registry).
        from casus.registry import paneel_registreren
        from documenten.casuspagina import documenten_paneel

        paneel_registreren("documenten", documenten_paneel)
