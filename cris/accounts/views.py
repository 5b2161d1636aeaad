from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from cris.accounts import twofactor
from cris.accounts.forms import LoginForm, TokenForm


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


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
    device = twofactor.pending_device(request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if twofactor.totp_confirm(request, device=device, token=form.cleaned_data["token"]):
            return redirect("/")
        form.add_error("token", _("Deze code is niet juist. Controleer de tijd op uw telefoon en probeer opnieuw."))
    context = {"form": form, "qr_svg": twofactor.qr_svg(device), "geheim": twofactor.secret_base32(device)}
    return render(request, "accounts/tweestaps_instellen.html", context)
