"""Production reporting (DIE-4) and management views: aggregates only, never a person."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RapportageConfig(AppConfig):
    name = "rapportage"
    verbose_name = _("Rapportage")
