"""Referrals: intake form, review worklists, approval, client finder (AAN-*)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AanmeldingConfig(AppConfig):
    name = "aanmelding"
    verbose_name = _("Aanmeldingen")
