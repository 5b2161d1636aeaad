"""Medewerkers (staff), function profiles, roles, login and two-factor authentication (ORG-3, ORG-4)."""

from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "cris.accounts"
    label = "accounts"
    verbose_name = _("Medewerkers en rollen")

    def ready(self) -> None:
        from cris.accounts.roles import roles_install

        post_migrate.connect(roles_install, dispatch_uid="cris.accounts.roles_install")
        user_logged_in.connect(_sso_sessie, dispatch_uid="cris.accounts.sso_sessie")


def _sso_sessie(sender, request, user, **kwargs):
    """Mark a session that logged in through the identity provider (it did the second factor)."""
    from cris.accounts.oidc import BACKEND, SSO_SESSIE

    if request is not None and getattr(user, "backend", "") == BACKEND:
        request.session[SSO_SESSIE] = True
