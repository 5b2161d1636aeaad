"""BVBSN: the BSN service (SOAP), KOP-2 / AAN-6."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BsnConfig(AppConfig):
    name = "koppelingen.bsn"
    label = "bsn"
    verbose_name = _("BVBSN-koppeling")
