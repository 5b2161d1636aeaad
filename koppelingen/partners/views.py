"""KOP-4: the referrals of a casus to external organisations, and the form to make one (caseworkers with access
to the casus; 404 for anyone else, as every casus page)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from casus.access import casus_of_404
from cris.audit.api import audit_read
from koppelingen.partners import services
from koppelingen.partners.forms import DoorverwijzingForm
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
