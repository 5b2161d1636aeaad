from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from casus.access import casussen_zichtbaar_voor
from cris.audit.api import audit_lijst
from gebeurtenissen import permissions, selectors, services
from gebeurtenissen.forms import CasusKoppelenForm, GebeurtenisForm


@login_required
def lijst(request):
    pagina = Paginator(selectors.gebeurtenissen_lijst(), 50).get_page(request.GET.get("pagina"))
    context = {"pagina": pagina, "mag_aanmaken": permissions.mag_aanmaken(request.user)}
    return render(request, "gebeurtenissen/lijst.html", context)


@login_required
def nieuw(request):
    if not permissions.mag_aanmaken(request.user):
        raise PermissionDenied
    form = GebeurtenisForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        gebeurtenis = services.gebeurtenis_aanmaken(actor=request.user, gegevens=form.cleaned_data)
        messages.success(request, _("Gebeurtenis %(g)s is vastgelegd.") % {"g": gebeurtenis})
        return redirect("gebeurtenissen:detail", pk=gebeurtenis.pk)
    return render(request, "gebeurtenissen/nieuw.html", {"form": form})


@login_required
def detail(request, pk: int):
    """CAS-9: the event with its cases — each shown only to who may see it, the rest as a count."""
    gebeurtenis = selectors.gebeurtenis_of_404(pk)
    koppelingen, verborgen = selectors.gekoppelde_casussen(user=request.user, gebeurtenis=gebeurtenis)
    # AUT-3: one entry for the page, with the clients of the cases shown.
    audit_lijst(
        actor=request.user,
        lijst="gebeurtenis",
        client_ids=[k.casus.client_id for k in koppelingen],
        objecten={"casus.casus": [k.casus_id for k in koppelingen]},
        reason=_("gebeurtenis %(g)s") % {"g": gebeurtenis.nummer},
    )
    context = {
        "gebeurtenis": gebeurtenis,
        "koppelingen": koppelingen,
        "verborgen": verborgen,
        "koppelen": CasusKoppelenForm(),
    }
    return render(request, "gebeurtenissen/detail.html", context)


@login_required
@require_POST
def casus_koppelen(request, pk: int):
    gebeurtenis = selectors.gebeurtenis_of_404(pk)
    form = CasusKoppelenForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("gebeurtenissen:detail", pk=pk)
    casus = casussen_zichtbaar_voor(request.user).filter(pk=form.cleaned_data["casus"]).first()
    if casus is None:
        # The same answer whether the casus does not exist or may not be seen (AUT-1).
        messages.error(request, _("Casus niet gevonden onder uw casussen."))
        return redirect("gebeurtenissen:detail", pk=pk)
    if services.casus_koppelen(actor=request.user, gebeurtenis=gebeurtenis, casus=casus):
        messages.success(request, _("Casus %(c)s is gekoppeld.") % {"c": casus.nummer})
    else:
        messages.info(request, _("Casus %(c)s was al gekoppeld.") % {"c": casus.nummer})
    return redirect("gebeurtenissen:detail", pk=pk)
