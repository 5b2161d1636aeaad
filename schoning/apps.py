"""Retention rules, selection, deselection and purge (SCH-*)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SchoningConfig(AppConfig):
    name = "schoning"
    verbose_name = _("Schoning")
