"""Single sign-on with OpenID Connect (issue 22), on mozilla-django-oidc: the organisation's identity
provider authenticates; CRIS maps the person to the Medewerker that the AFAS import created, by personnel
number (claim ``CRIS_OIDC_PERSONEELSNUMMER_CLAIM``) or else by e-mail address. CRIS never creates or
changes a Medewerker from a login: the roles still come from AFAS. A person unknown to AFAS, or
deactivated there, is refused, and the refusal is audited. Local passwords stay for development and as a
break-glass path."""

from __future__ import annotations

import jwt
import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousOperation
from django.http import Http404
from mozilla_django_oidc import views as oidc_views
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from cris.accounts.models import Medewerker
from cris.audit.api import Actie, audit_record

BACKEND = "cris.accounts.oidc.MedewerkerOIDCBackend"
SSO_SESSIE = "cris_sso"  # set on a session that logged in through the identity provider


def ingesteld() -> bool:
    return bool(settings.OIDC_RP_CLIENT_ID and settings.OIDC_OP_AUTHORIZATION_ENDPOINT)


class MedewerkerOIDCBackend(OIDCAuthenticationBackend):
    def __init__(self, *args, **kwargs):
        if ingesteld():
            super().__init__(*args, **kwargs)
        else:  # no SSO configured: a backend that answers nothing (mozilla's would refuse to start)
            self.UserModel = get_user_model()

    def authenticate(self, request, **kwargs):
        if not ingesteld() or request is None or "code" not in request.GET:
            return None  # a password login: not ours
        try:
            return super().authenticate(request, **kwargs)
        except (jwt.PyJWTError, SuspiciousOperation, requests.RequestException) as fout:
            # A token not (yet) valid by our clock, a bad signature, a provider that does not answer: the
            # login fails with the failure page's Dutch message, audited, instead of a 500.
            self._weigeren({}, f"token of provider onbruikbaar ({type(fout).__name__})")
            return None

    def verify_claims(self, claims) -> bool:
        return bool(claims.get("sub")) and bool(self._nummer(claims) or claims.get("email"))

    @staticmethod
    def _nummer(claims) -> str:
        return str(claims.get(settings.OIDC_PERSONEELSNUMMER_CLAIM) or "").strip()

    def filter_users_by_claims(self, claims):
        nummer = self._nummer(claims)
        gevonden = Medewerker.objects.none()
        if nummer:
            gevonden = Medewerker.objects.filter(personeelsnummer=nummer)
        email = (claims.get("email") or "").strip()
        if not gevonden.exists() and email and claims.get("email_verified", True) is not False:
            gevonden = Medewerker.objects.filter(email__iexact=email)
            if gevonden.count() > 1:
                return self._weigeren(claims, "meer dan één medewerker met dit e-mailadres")
        medewerker = gevonden.first()
        if medewerker is None:
            return self._weigeren(claims, "onbekend in AFAS")
        if not medewerker.is_active:
            return self._weigeren(claims, "gedeactiveerd in AFAS", medewerker)
        return [medewerker]

    def _weigeren(self, claims, waarom: str, medewerker: Medewerker | None = None):
        audit_record(
            Actie.INLOGGEN_MISLUKT,
            obj=medewerker,
            object_type="accounts.medewerker",
            object_id=medewerker.pk if medewerker else "",
            reason=f"single sign-on geweigerd: {waarom}",
            changes={"sso": [None, {"sub": str(claims.get("sub", ""))[:100], "email": str(claims.get("email", ""))}]},
        )
        return []

    def create_user(self, claims):
        return None  # never: Medewerkers come from AFAS

    def update_user(self, user, claims):
        return user  # names and roles come from AFAS, not from the identity provider


def _alleen_ingesteld(view):
    def wrapper(request, *args, **kwargs):
        if not ingesteld():
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


inloggen = _alleen_ingesteld(oidc_views.OIDCAuthenticationRequestView.as_view())
terug = _alleen_ingesteld(oidc_views.OIDCAuthenticationCallbackView.as_view())  # refusal: LOGIN_REDIRECT_URL_FAILURE
