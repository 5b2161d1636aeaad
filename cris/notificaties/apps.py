"""In-app notifications (NOT-1), with optional e-mail copies that the documenten outbox sends."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificatiesConfig(AppConfig):
    name = "cris.notificaties"
    label = "notificaties"
    verbose_name = _("Notificaties")
