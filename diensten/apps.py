"""Service catalogue, registration and production reporting (DIE-*)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DienstenConfig(AppConfig):
    name = "diensten"
    verbose_name = _("Diensten")
