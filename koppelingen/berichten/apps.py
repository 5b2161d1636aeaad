"""EDP and EDOM: police and prosecution referrals in (KOP-1, INTERFACES.md §1-3)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BerichtenConfig(AppConfig):
    name = "koppelingen.berichten"
    label = "berichten"
    verbose_name = _("EDP/EDOM-berichten")
