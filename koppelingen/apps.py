"""Integrations with chain partners; one package per partner (KOP-*)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KoppelingenConfig(AppConfig):
    name = "koppelingen"
    verbose_name = _("Koppelingen")
