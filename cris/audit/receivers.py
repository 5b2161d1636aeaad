"""Logins, logouts and failed logins go into the audit log (AUT-3)."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from cris.audit.api import Actie, audit_record


@receiver(user_logged_in, dispatch_uid="audit_login")
def _logged_in(sender, request, user, **kwargs):
    audit_record(Actie.INLOGGEN, actor=user, obj=user)


@receiver(user_logged_out, dispatch_uid="audit_logout")
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        audit_record(Actie.UITLOGGEN, actor=user, obj=user)


@receiver(user_login_failed, dispatch_uid="audit_login_failed")
def _login_failed(sender, credentials, request=None, **kwargs):
    # Django already masks the password in `credentials`; we keep only the user name that was tried.
    username = str(credentials.get("username", ""))[:150]
    audit_record(
        Actie.INLOGGEN_MISLUKT,
        object_type="accounts.medewerker",
        changes={"gebruikersnaam": [None, username]},
    )
