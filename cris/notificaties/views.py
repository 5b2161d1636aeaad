from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cris.notificaties import selectors, services


@login_required
def lijst(request):
    """NOT-1: the user's notifications, newest first, unread ones marked."""
    pagina = Paginator(selectors.notificaties_van(user=request.user), 50).get_page(request.GET.get("pagina"))
    return render(request, "notificaties/lijst.html", {"pagina": pagina})


@login_required
@require_POST
def gelezen(request, pk: int):
    notificatie = services.notificatie_gelezen(actor=request.user, pk=pk)
    if notificatie is None:
        raise Http404
    if request.headers.get("HX-Request"):
        context = {"notificatie": notificatie, "oob": True}
        return render(request, "notificaties/_notificatie.html", context)
    return redirect("notificaties:lijst")


@login_required
@require_POST
def alles_gelezen(request):
    aantal = services.alles_gelezen(actor=request.user)
    messages.success(request, _("%(n)d notificaties gemarkeerd als gelezen.") % {"n": aantal})
    return redirect("notificaties:lijst")
