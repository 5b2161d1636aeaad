"""The append-only audit log of every read and write of personal data (AUT-3)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "cris.audit"
    label = "audit"
    verbose_name = _("Audit")

    def ready(self) -> None:
        from cris.audit import receivers  # noqa: F401  (connects the login signals)
