"""AFAS (HR) staff import (ORG-3, KOP-5)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AfasConfig(AppConfig):
    name = "koppelingen.afas"
    label = "afas"
    verbose_name = _("AFAS-koppeling")
