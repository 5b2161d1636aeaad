"""The partner API under /api/ and the events CRIS sends out (KOP-3 Mijnslachtofferhulp/MijnSlachtofferzaak,
KOP-4 PHB and other external referrals). See docs/koppelingen.md."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "koppelingen.partners"
    label = "partners"
    verbose_name = _("Partnerkoppelingen (API en webhooks)")

    def ready(self):
        from cris.audit.weergave import pagina_registreren
        from koppelingen.partners import gebeurtenissen  # noqa: F401 - connects the casus signal to the outbox

        pagina_registreren("casus.casus", {"doorverwijzingen": _("pagina Doorverwijzingen")})
