from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from aanmelding.selectors import mag_invoeren
from cris.audit.api import audit_record_many
from cris.audit.models import Actie
from zoeken import selectors


@login_required
def zoeken(request):
    """ZOE-1: results only where the user may see them; each shown client, case or referral is a read."""
    q = request.GET.get("q", "")[:200]
    pagina = request.GET.get("pagina", "1")
    resultaten = selectors.zoeken(
        user=request.user,
        q=q,
        pagina=int(pagina) if pagina.isdigit() and int(pagina) < 1000 else 1,
        bekend_tonen=mag_invoeren(request.user),
    )
    audit_record_many(
        Actie.LEZEN,
        (
            {"object_type": t, "object_id": pk, "client_id": client_id}
            for t, pk, client_id in selectors.getoond(resultaten)
        ),
        actor=request.user,
        reason=f"zoeken: {q[:100]}",
    )
    return render(request, "zoeken/zoeken.html", {"q": q, "r": resultaten})
