"""Organisation and work: districts, postcodes, teams, memberships, skills (ORG-1, ORG-2) and worklists."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WerkstroomConfig(AppConfig):
    name = "werkstroom"
    verbose_name = _("Organisatie en werkstromen")
