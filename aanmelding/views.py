from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from aanmelding import selectors, services
from aanmelding.forms import AanmeldingForm, AfkeurenForm, ClientZoekForm, GoedkeurenForm
from aanmelding.models import Wachtrij
from casus.clientzoeker import Kandidaat, clienten_zoeken
from casus.models import Client
from cris.audit.api import audit_read
from taken.services import TaakFout


def _kandidaten(user, **criteria):
    """Possible existing clients (AAN-5); each shown one is a read of personal data (AUT-3)."""
    kandidaten = clienten_zoeken(user=user, **criteria)
    for kandidaat in kandidaten:
        audit_read(actor=user, obj=kandidaat.client, client_id=kandidaat.client.pk, reason="cliëntzoeker")
    return kandidaten


@login_required
def aanmelding_nieuw(request):
    if not selectors.mag_invoeren(request.user):
        raise PermissionDenied
    zoek = ClientZoekForm(request.GET or None)
    kandidaten = _kandidaten(request.user, **zoek.criteria()) if zoek.is_bound and zoek.is_valid() else None
    form = AanmeldingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        gegevens = form.cleaned_data
        client_id = request.POST.get("voorgestelde_client")
        if client_id and client_id.isdigit():
            gegevens["voorgestelde_client"] = Client.objects.filter(pk=client_id).first()
        aanmelding = services.aanmelding_registreren(actor=request.user, gegevens=gegevens)
        messages.success(
            request, _("Aanmelding %(n)s is ingevoerd en staat klaar voor beoordeling.") % {"n": aanmelding.nummer}
        )
        return redirect("aanmelding:detail", pk=aanmelding.pk)
    context = {"form": form, "zoek": zoek, "kandidaten": kandidaten}
    return render(request, "aanmelding/nieuw.html", context)


@login_required
def beoordelen(request):
    wachtrijen = selectors.wachtrijen_van(request.user)
    if not wachtrijen:
        raise PermissionDenied
    wachtrij = request.GET.get("wachtrij") if request.GET.get("wachtrij") in wachtrijen else None
    lijst = selectors.beoordelingslijst(user=request.user, wachtrij=wachtrij)
    pagina = Paginator(
        lijst.only(
            "id",
            "kanaal",
            "ontvangen_op",
            "achternaam",
            "voorletters",
            "voornamen",
            "tussenvoegsel",
            "geboortedatum",
            "delict_omschrijving",
            "status",
            "wachtrij",
            "signaleringen",
        ),
        50,
    )
    context = {
        "pagina": pagina.get_page(request.GET.get("pagina")),
        "wachtrijen": [(w, Wachtrij(w).label) for w in wachtrijen],
        "wachtrij": wachtrij,
    }
    return render(request, "aanmelding/beoordelen.html", context)


@login_required
def aanmelding_detail(request, pk: int):
    aanmelding = selectors.aanmelding_detail(user=request.user, pk=pk)
    audit_read(actor=request.user, obj=aanmelding, client_id=aanmelding.casus.client_id if aanmelding.casus else None)
    context = {"aanmelding": aanmelding, "mag_beoordelen": False}
    if aanmelding.open and selectors.mag_beoordelen(request.user, aanmelding):
        kandidaten = _kandidaten(request.user, **_criteria(aanmelding))
        initial = {"client": str(aanmelding.voorgestelde_client_id or "nieuw")}
        context.update(
            mag_beoordelen=True,
            kandidaten=kandidaten,
            afkeuren=AfkeurenForm(),
            goedkeuren=GoedkeurenForm(kandidaten=kandidaten, initial=initial),
        )
    return render(request, "aanmelding/detail.html", context)


def _criteria(aanmelding) -> dict:
    """The client finder's question for a referral under review (AAN-4, AAN-5)."""
    return {
        "bsn": aanmelding.bsn,
        "achternaam": aanmelding.achternaam,
        "voornamen": aanmelding.voornamen or aanmelding.voorletters,
        "geboortedatum": aanmelding.geboortedatum,
        "postcode": aanmelding.postcode,
        "huisnummer": aanmelding.huisnummer,
    }


def _te_beoordelen(request, pk: int):
    aanmelding = selectors.aanmelding_detail(user=request.user, pk=pk)
    if not selectors.mag_beoordelen(request.user, aanmelding):
        raise PermissionDenied
    return aanmelding


@login_required
@require_POST
def aanmelding_goedkeuren(request, pk: int):
    aanmelding = _te_beoordelen(request, pk)
    kandidaten = clienten_zoeken(**_criteria(aanmelding), tellen=False)
    if aanmelding.voorgestelde_client_id and all(k.client.pk != aanmelding.voorgestelde_client_id for k in kandidaten):
        kandidaten.append(Kandidaat(aanmelding.voorgestelde_client, "voorstel"))
    form = GoedkeurenForm(request.POST, kandidaten=kandidaten)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("aanmelding:detail", pk=pk)
    client = (
        None if form.cleaned_data["client"] == "nieuw" else get_object_or_404(Client, pk=form.cleaned_data["client"])
    )
    try:
        casus = services.aanmelding_goedkeuren(
            actor=request.user,
            aanmelding=aanmelding,
            client=client,
            taken=[(t, None) for t in form.cleaned_data["taaktypen"]],
        )
    except (services.AanmeldingFout, TaakFout) as fout:
        messages.error(request, str(fout))
        return redirect("aanmelding:detail", pk=pk)
    messages.success(request, _("Aanmelding goedgekeurd: casus %(c)s is aangemaakt.") % {"c": casus.nummer})
    return redirect("aanmelding:beoordelen")


@login_required
@require_POST
def aanmelding_afkeuren(request, pk: int):
    aanmelding = _te_beoordelen(request, pk)
    form = AfkeurenForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Geef de reden van afwijzing op."))
        return redirect("aanmelding:detail", pk=pk)
    try:
        services.aanmelding_afkeuren(actor=request.user, aanmelding=aanmelding, reden=form.cleaned_data["reden"])
    except services.AanmeldingFout as fout:
        messages.error(request, str(fout))
        return redirect("aanmelding:detail", pk=pk)
    messages.success(request, _("Aanmelding %(n)s is afgekeurd.") % {"n": aanmelding.nummer})
    return redirect("aanmelding:beoordelen")
