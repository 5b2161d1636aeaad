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
        # Issue 25: the admin's headings for packages that give their app an English, untranslated name.
        from django.apps import apps

        apps.get_app_config("axes").verbose_name = _("Inlogpogingen en blokkeringen")
        # django-celery-beat leaves one label untranslatable; as a lazy text locale/nl gives it its Dutch.
        # (makemigrations compares without translation: "Task Name" either way, no migration.)
        from django_celery_beat.admin import PeriodicTaskAdmin
        from django_celery_beat.models import PeriodicTask

        PeriodicTask._meta.get_field("task").verbose_name = _("Task Name")
        PeriodicTaskAdmin.crontab_translation.short_description = _("cronschema in woorden")  # type: ignore[attr-defined]
        _cron_in_het_nederlands()
        user_logged_in.connect(_sso_sessie, dispatch_uid="cris.accounts.sso_sessie")


def _cron_in_het_nederlands() -> None:
    """django-celery-beat describes a crontab ("Every minute") with cron-descriptor in the language of the
    process's C locale, which the image does not have: it asks for Dutch (cron-descriptor ships nl_NL)."""
    from cron_descriptor import Options, get_description
    from django_celery_beat import models

    opties = Options()
    opties.locale_code = "nl_NL"
    opties.use_24hour_time_format = True
    models.get_description = lambda expressie: get_description(expressie, opties)  # type: ignore[attr-defined]


def _sso_sessie(sender, request, user, **kwargs):
    """Mark a session that logged in through the identity provider (it did the second factor)."""
    from cris.accounts.oidc import BACKEND, SSO_SESSIE

    if request is not None and getattr(user, "backend", "") == BACKEND:
        request.session[SSO_SESSIE] = True
