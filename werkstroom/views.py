from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from cris.audit.api import audit_lijst
from werkstroom.registry import Paneel, panelen_voor
from werkstroom.selectors import lidmaatschappen_van


@dataclass
class MijnWerkPagina:
    """Home page (issue 25): what waits for this user, panel by panel (werkstroom.registry), and their teams."""

    panelen: list[Paneel]
    lidmaatschappen: list


@login_required
def mijn_werk(request):
    p = MijnWerkPagina(panelen=panelen_voor(request.user), lidmaatschappen=lidmaatschappen_van(medewerker=request.user))
    client_ids = [rij.client_id for paneel in p.panelen for rij in paneel.rijen if rij.client_id]
    if client_ids:  # AUT-3: one entry for the page with the clients its panels name (issue 22)
        audit_lijst(actor=request.user, lijst="mijn_werk", client_ids=client_ids)
    return render(request, "werkstroom/mijn_werk.html", {"p": p})
