"""KOP-4: the referrals of a casus to external organisations, and the form to make one; KOP-3: the client's
consents for the online platforms, recorded and withdrawn (caseworkers with access to the casus; 404 for anyone
else, as every casus page)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from casus.access import casus_of_404
from cris.audit.api import audit_read
from cris.versie import VersieConflict
from koppelingen.partners import selectors, services
from koppelingen.partners.forms import DoorverwijzingForm, ToestemmingGevenForm, ToestemmingIntrekkenForm
from koppelingen.partners.models import Doorverwijzing


@login_required
def casus_doorverwijzingen(request, pk: int):
    casus = casus_of_404(request.user, pk)
    audit_read(actor=request.user, obj=casus, client_id=casus.client_id, reason="doorverwijzingen")
    form = DoorverwijzingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            verwijzing = services.doorverwijzen(actor=request.user, casus=casus, **form.cleaned_data)
        except services.DoorverwijzingFout as fout:
            form.add_error(None, str(fout))
        else:
            messages.success(
                request,
                _("Doorverwijzing %(n)s naar %(o)s is verzonden.")
                % {"n": verwijzing.nummer, "o": verwijzing.organisatie},
            )
            return redirect("doorverwijzingen:casus", pk=casus.pk)
    verwijzingen = Doorverwijzing.objects.filter(casus=casus).select_related("organisatie", "aangemaakt_door")
    return render(
        request, "partners/doorverwijzingen.html", {"casus": casus, "form": form, "verwijzingen": verwijzingen}
    )


@login_required
def casus_toestemmingen(request, pk: int):
    """Per platform (Mijnslachtofferhulp, MijnSlachtofferzaak) whether the client agreed to be told about their
    casus there; a button records or withdraws it. A withdrawal names the version it showed (cris.versie)."""
    casus = casus_of_404(request.user, pk)
    audit_read(actor=request.user, obj=casus, client_id=casus.client_id, reason="toestemmingen")
    fout, status = "", 200
    if request.method == "POST":
        intrekken = "toestemming" in request.POST
        form = ToestemmingIntrekkenForm(request.POST) if intrekken else ToestemmingGevenForm(request.POST)
        try:
            if not form.is_valid():
                raise services.ToestemmingFout(next(iter(form.errors.values()))[0])
            if intrekken:
                toestemming = services.toestemming_intrekken(
                    actor=request.user,
                    casus=casus,
                    toestemming_id=form.cleaned_data["toestemming"],
                    versie=form.cleaned_data["versie"],
                )
                melding = _("De toestemming voor %(p)s is ingetrokken.")
            else:
                toestemming = services.toestemming_geven(
                    actor=request.user, casus=casus, partner=form.cleaned_data["partner"]
                )
                melding = _("De toestemming voor %(p)s is vastgelegd.")
        except VersieConflict as conflict:
            fout, status = conflict.bericht, 409
        except services.ToestemmingFout as e:
            fout, status = str(e), 400
        else:
            messages.success(request, melding % {"p": toestemming.partner.naam})
            return redirect("doorverwijzingen:toestemmingen", pk=casus.pk)
    context = {"casus": casus, "regels": selectors.toestemmingen(casus.client_id), "fout": fout}
    return render(request, "partners/toestemmingen.html", context, status=status)
