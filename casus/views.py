from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from casus import selectors
from cris.audit.api import audit_read


@login_required
def casus_detail(request, pk: int):
    """CAS-1 Casusoverzicht with its tasks and timeline (TIJ-1). 404 for whoever may not see it."""
    casus = selectors.casus_detail(user=request.user, pk=pk)
    audit_read(actor=request.user, obj=casus, client_id=casus.client_id)
    context = {
        "casus": casus,
        # Tasks through the reverse relation: casus sits below taken and does not import it.
        "taken": casus.taken.select_related("type", "team", "behandelaar").order_by("-aangemaakt_op"),
        "tijdlijn": selectors.tijdlijn(casus=casus),
        "strafzaak": selectors.strafzaak(casus=casus),
    }
    return render(request, "casus/casus.html", context)


@login_required
def client_detail(request, pk: int):
    """CLI-1 client card, with only those of the client's cases this user may see."""
    client = selectors.client_detail(user=request.user, pk=pk)
    audit_read(actor=request.user, obj=client, client_id=client.pk)
    context = {
        "client": client,
        "adressen": client.adressen.order_by("-voorkeur"),
        "casussen": selectors.casussen_van_client(user=request.user, client=client).select_related("district"),
    }
    return render(request, "casus/client.html", context)
