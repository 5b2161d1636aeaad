from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

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
    return render(request, "werkstroom/mijn_werk.html", {"p": p})
