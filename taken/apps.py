"""Taak, task types, lifecycle, taakverdeler, contact reports, agenda (TAK-*, VER-*, AGE-*)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TakenConfig(AppConfig):
    name = "taken"
    verbose_name = _("Taken")
