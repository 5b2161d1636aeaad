"""Documents, templates, PDF letters, e-mail outbox (DOC-*, NOT-*)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentenConfig(AppConfig):
    name = "documenten"
    verbose_name = _("Documenten")
