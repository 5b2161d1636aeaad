from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from cris import klok
from cris.accounts import links, twofactor
from cris.accounts.forms import (
    LoginForm,
    TokenForm,
    WachtwoordInstellenForm,
    WachtwoordVergetenForm,
    WachtwoordWijzigenForm,
)
from cris.accounts.models import AccountLink

# The activation link that allows binding the first authenticator in this session (issue 22).
ACTIVATIE_SESSIE = "cris_activatielink"


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        from cris.accounts.oidc import ingesteld

        return {**super().get_context_data(**kwargs), "sso": ingesteld(), "sso_geweigerd": "sso" in self.request.GET}


def _next_url(request) -> str:
    url = request.GET.get("next") or request.POST.get("next") or ""
    if url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return url
    return "/"


@login_required
def tweestaps_controle(request):
    if request.user.is_verified():
        return redirect(_next_url(request))
    if not twofactor.has_confirmed_device(request.user):
        return redirect("accounts:tweestaps_instellen")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if twofactor.totp_verify(request, token=form.cleaned_data["token"]):
            return redirect(_next_url(request))
        form.add_error("token", _("Deze code is niet juist of verlopen. Probeer de nieuwste code."))
    return render(request, "accounts/tweestaps_controle.html", {"form": form, "next": _next_url(request)})


@login_required
def tweestaps_instellen(request):
    if request.user.is_verified():
        return redirect("/")
    if twofactor.has_confirmed_device(request.user):
        return redirect("accounts:tweestaps_controle")
    # The first authenticator is bound only through an e-mailed activation link (issue 22): a password
    # alone does not let anyone bind their own authenticator to an account that has none yet.
    link = AccountLink.objects.filter(
        pk=request.session.get(ACTIVATIE_SESSIE), medewerker=request.user, doel=AccountLink.Doel.ACTIVEREN
    ).first()
    if link is None or link.gebruikt_op is not None or link.verloopt_op <= klok.nu():
        return render(request, "accounts/activatie_nodig.html", status=403)
    device = twofactor.pending_device(request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if twofactor.totp_confirm(request, device=device, token=form.cleaned_data["token"]):
            links.link_gebruikt(link)
            request.session.pop(ACTIVATIE_SESSIE, None)
            links.apparaat_toegevoegd_melden(medewerker=request.user)
            messages.success(request, _("Uw authenticator-app is ingesteld. U krijgt hierover ook een e-mail."))
            return redirect("/")
        form.add_error("token", _("Deze code is niet juist. Controleer de tijd op uw telefoon en probeer opnieuw."))
    context = {"form": form, "qr_svg": twofactor.qr_svg(device), "geheim": twofactor.secret_base32(device)}
    return render(request, "accounts/tweestaps_instellen.html", context)


# --- Local accounts (issue 22): activation, forgotten password, own password ---------------------------


def _ongeldig(request):
    return render(request, "accounts/link_ongeldig.html", status=410)


def activeren(request, sleutel: str):
    """The activation link: new staff choose their first password here (and are then logged in); after a
    device reset the user logs in with their password first. Either way the link then opens the set-up of
    the first authenticator, and is used up when that is confirmed."""
    link = links.geldige_link(sleutel, AccountLink.Doel.ACTIVEREN)
    if link is None:
        return _ongeldig(request)
    medewerker = link.medewerker
    if medewerker.has_usable_password():
        if not request.user.is_authenticated:
            return redirect(f"{reverse('accounts:login')}?next={request.path}")
        if request.user.pk != medewerker.pk:
            return _ongeldig(request)
        request.session[ACTIVATIE_SESSIE] = link.pk
        return redirect("accounts:tweestaps_instellen")
    form = WachtwoordInstellenForm(medewerker, request.POST or None)
    if request.method == "POST" and form.is_valid():
        links.wachtwoord_instellen(
            medewerker=medewerker, wachtwoord=form.cleaned_data["new_password1"], reden="eerste wachtwoord ingesteld"
        )
        auth_login(request, medewerker, backend="cris.accounts.backends.MedewerkerBackend")
        request.session[ACTIVATIE_SESSIE] = link.pk
        return redirect("accounts:tweestaps_instellen")
    return render(request, "accounts/activeren.html", {"form": form, "medewerker": medewerker})


def wachtwoord_vergeten(request):
    form = WachtwoordVergetenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        links.herstellink_versturen(invoer=form.cleaned_data["invoer"])
        return render(request, "accounts/wachtwoord_vergeten.html", {"verstuurd": True})
    return render(request, "accounts/wachtwoord_vergeten.html", {"form": form})


def wachtwoord_herstellen(request, sleutel: str):
    link = links.geldige_link(sleutel, AccountLink.Doel.HERSTELLEN)
    if link is None:
        return _ongeldig(request)
    form = WachtwoordInstellenForm(link.medewerker, request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not links.link_gebruikt(link):
            return _ongeldig(request)
        links.wachtwoord_instellen(
            medewerker=link.medewerker, wachtwoord=form.cleaned_data["new_password1"], reden="wachtwoord hersteld"
        )
        messages.success(request, _("Uw nieuwe wachtwoord is ingesteld. U kunt nu inloggen."))
        return redirect("accounts:login")
    return render(request, "accounts/wachtwoord_herstellen.html", {"form": form})


@login_required
def wachtwoord_wijzigen(request):
    form = WachtwoordWijzigenForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        links.wachtwoord_instellen(
            medewerker=request.user, wachtwoord=form.cleaned_data["new_password1"], reden="eigen wachtwoord gewijzigd"
        )
        update_session_auth_hash(request, request.user)
        messages.success(request, _("Uw wachtwoord is gewijzigd."))
        return redirect("/")
    return render(request, "accounts/wachtwoord_wijzigen.html", {"form": form})
