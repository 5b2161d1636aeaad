"""Multi-client events and case relations (CAS-9)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GebeurtenissenConfig(AppConfig):
    name = "gebeurtenissen"
    verbose_name = _("Gebeurtenissen")
