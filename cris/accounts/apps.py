"""Medewerkers (staff), function profiles, roles, login and two-factor authentication (ORG-3, ORG-4)."""

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "cris.accounts"
    label = "accounts"
    verbose_name = _("Medewerkers en rollen")

    def ready(self) -> None:
        from cris.accounts.roles import roles_install

        post_migrate.connect(roles_install, dispatch_uid="cris.accounts.roles_install")
