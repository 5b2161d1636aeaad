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
