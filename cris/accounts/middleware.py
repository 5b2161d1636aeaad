"""Two-factor login: when CRIS_2FA_VERPLICHT is on, a logged-in user reaches nothing but the 2FA pages,
logout and static files until they have verified a TOTP code in this session."""

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

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
        allowed = (
            reverse("accounts:tweestaps_controle"),
            reverse("accounts:tweestaps_instellen"),
            reverse("accounts:logout"),
            reverse("gezondheid"),
            settings.STATIC_URL,
        )
        return not request.path.startswith(allowed)
