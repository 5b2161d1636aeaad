"""Two-factor login: when CRIS_2FA_VERPLICHT is on, a logged-in user reaches nothing but the 2FA pages,
logout and static files until they have verified a TOTP code in this session."""

import time

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers

from cris.accounts.twofactor import has_confirmed_device


class TwoFactorRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.TWO_FACTOR_REQUIRED and self._must_verify(request):
            if has_confirmed_device(request.user):
                return redirect(f"{reverse('accounts:tweestaps_controle')}?next={request.get_full_path()}")
            return redirect("accounts:tweestaps_instellen")
        return self.get_response(request)

    @staticmethod
    def _must_verify(request) -> bool:
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return False
        if settings.OIDC_MFA_BIJ_IDP and request.session.get("cris_sso"):
            return False  # single sign-on: the identity provider asked the second factor (issue 22)
        allowed = (
            reverse("accounts:tweestaps_controle"),
            reverse("accounts:tweestaps_instellen"),
            reverse("accounts:activeren", args=["x"]).removesuffix("x/"),
            reverse("accounts:logout"),
            reverse("gezondheid"),
            settings.STATIC_URL,
        )
        return not request.path.startswith(allowed)


class SessieVerlengenMiddleware:
    """The 30-minute idle timeout without a database write on every page: a logged-in session's expiry is
    moved forward at most once per VERLENGEN_NA seconds. A session thus ends 29 to 30 minutes after the last
    request, and a busy worker's page views cost no session UPDATE."""

    VERLENGEN_NA = 60

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and session.session_key and not session.is_empty():
            nu = int(time.time())
            if nu - session.get("_verlengd", 0) >= self.VERLENGEN_NA:
                session["_verlengd"] = nu  # modified → SessionMiddleware saves it with a new expiry
        return response


class GeenCacheMiddleware:
    """Nothing a logged-in user is shown is kept by a browser or proxy cache (issue 21 item 9): every page,
    download and fragment (the 2FA setup page shows the TOTP secret) gets ``Cache-Control: no-store``, so the
    back button after logout and a shared computer's disk cache show nothing."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response
