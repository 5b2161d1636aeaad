from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from werkstroom.selectors import lidmaatschappen_van


@login_required
def mijn_werk(request):
    """Home page: the user's teams. Later issues add their worklists here."""
    context = {"lidmaatschappen": lidmaatschappen_van(medewerker=request.user)}
    return render(request, "werkstroom/mijn_werk.html", context)
