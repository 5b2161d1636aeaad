from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from aanmelding.permissions import mag_invoeren
from cris.audit.api import audit_lijst
from cris.invoer import geheel_getal
from zoeken import selectors


@login_required
def zoeken(request):
    """ZOE-1: results only where the user may see them; each shown client, case or referral is a read."""
    q = request.GET.get("q", "")[:200]
    pagina = request.GET.get("pagina", "1")
    resultaten = selectors.zoeken(
        user=request.user,
        q=q,
        pagina=geheel_getal(pagina, standaard=1, maximum=999),
        bekend_tonen=mag_invoeren(request.user),
    )
    getoond = selectors.getoond(resultaten)
    objecten: dict[str, list[int]] = {}
    for label, pk, _client_id in getoond:
        objecten.setdefault(label, []).append(pk)
    # AUT-3: one entry for the page, with the clients shown.
    audit_lijst(
        actor=request.user,
        lijst="zoeken",
        client_ids=[client_id for _label, _pk, client_id in getoond],
        objecten=objecten,
        reason=f"zoeken: {q[:100]}",
    )
    return render(request, "zoeken/zoeken.html", {"q": q, "r": resultaten})
