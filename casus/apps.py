"""Client, Casus, Betrokkene, status derivation, access grants, timeline, search (CLI-*, CAS-*, AUT-*)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasusConfig(AppConfig):
    name = "casus"
    verbose_name = _("Casussen")

    def ready(self):
        # Issue 25: Mijn werk's panels (werkstroom.registry): access decisions waiting for this user.
        from casus.mijn_werk import noodtoegang_beoordelen, toegangsaanvragen
        from werkstroom.registry import paneel_registreren

        paneel_registreren(toegangsaanvragen)
        paneel_registreren(noodtoegang_beoordelen)

        # Issue 25: the inzage page names the tab a casus was read on ("tabblad Tijdlijn"), not "tijdlijn".
        from django.utils.text import format_lazy

        from casus.views import TABS
        from cris.audit.weergave import pagina_registreren

        pagina_registreren("casus.casus", {naam: format_lazy(_("tabblad {}"), label) for naam, _url, label in TABS})
        pagina_registreren("casus.client", {"bsn": _("pagina BSN wijzigen")})
