from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from aanmelding import selectors, services
from aanmelding.forms import (
    AanmeldingForm,
    AfkeurenForm,
    ClientZoekForm,
    GebeurtenisKoppelenForm,
    GoedkeurenForm,
    OnlineAanbodForm,
    SamenvoegenForm,
)
from aanmelding.models import AutomatischBesluit, Signalering, Wachtrij
from casus.clientzoeker import Kandidaat, clienten_zoeken
from casus.models import Client
from cris.audit.api import audit_lijst, audit_read, audit_record_many
from cris.audit.models import Actie
from cris.invoer import geheel_getal
from gebeurtenissen.forms import GebeurtenisForm
from gebeurtenissen.selectors import gebeurtenissen_om_te_koppelen, mag_aanmaken
from gebeurtenissen.services import gebeurtenis_aanmaken
from taken.services import TaakFout


def _kandidaten(user, **criteria):
    """Possible existing clients (AAN-5); each shown one is a read of personal data (AUT-3)."""
    kandidaten = clienten_zoeken(user=user, **criteria)
    audit_record_many(
        Actie.LEZEN,
        ({"obj": k.client, "client_id": k.client.pk} for k in kandidaten),
        actor=user,
        reason="cliëntzoeker",
    )
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
        client_id = geheel_getal(request.POST.get("voorgestelde_client"))
        if client_id is not None:
            gegevens["voorgestelde_client"] = Client.objects.filter(pk=client_id).first()
        aanmelding = services.aanmelding_registreren(actor=request.user, gegevens=gegevens)
        messages.success(
            request, _("Aanmelding %(n)s is ingevoerd en staat klaar voor beoordeling.") % {"n": aanmelding.nummer}
        )
        return redirect("aanmelding:detail", pk=aanmelding.pk)
    context = {"form": form, "zoek": zoek, "kandidaten": kandidaten}
    if (
        request.method == "GET"
        and request.headers.get("HX-Request")
        and not request.headers.get("HX-History-Restore-Request")
    ):
        # The finder from the page: the hits and the matching "koppelen" choice, not the whole entry form again.
        return render(request, "aanmelding/_zoekresultaat.html", {**context, "oob": True})
    return render(request, "aanmelding/nieuw.html", context)


@login_required
def beoordelen(request):
    wachtrijen = selectors.wachtrijen_van(request.user)
    if not wachtrijen:
        raise PermissionDenied
    wachtrij = request.GET.get("wachtrij") if request.GET.get("wachtrij") in wachtrijen else None
    lijst = selectors.beoordelingslijst(user=request.user, wachtrij=wachtrij)
    pagina = selectors.beoordeling_pagina(lijst, request.GET.get("pagina"))
    audit_lijst(  # AUT-3: one entry for the page
        actor=request.user,
        lijst="beoordelen",
        client_ids=[r.client_id for r in pagina],
        objecten={"aanmelding.aanmelding": [r.pk for r in pagina]},
    )
    context = {
        "pagina": pagina,
        "wachtrijen": [(w, Wachtrij(w).label) for w in wachtrijen],
        "wachtrij": wachtrij,
        "automatisch": selectors.automatische_besluiten_per_dag(dagen=7),
    }
    return render(request, "aanmelding/beoordelen.html", context)


@login_required
def aanmelding_detail(request, pk: int):
    aanmelding = selectors.aanmelding_detail(user=request.user, pk=pk)
    audit_read(actor=request.user, obj=aanmelding, client_id=aanmelding.casus.client_id if aanmelding.casus else None)
    context = {
        "aanmelding": aanmelding,
        "mag_beoordelen": False,
        "besluit": AutomatischBesluit.objects.filter(aanmelding=aanmelding).select_related("regel").first(),
        "dubbelen_hiervan": list(aanmelding.samengevoegd.order_by("pk")[:20]),
    }
    if aanmelding.open and selectors.mag_beoordelen(request.user, aanmelding):
        gebeurtenis_zoek = request.GET.get("gebeurtenis_zoek", "")[:200]
        kandidaten = _kandidaten(request.user, **_criteria(aanmelding))
        initial = {"client": str(aanmelding.voorgestelde_client_id or "nieuw")}
        zelfde_pv = selectors.zelfde_pv_nummer(user=request.user, aanmelding=aanmelding)
        context.update(
            mag_beoordelen=True,
            kandidaten=kandidaten,
            afkeuren=AfkeurenForm(),
            goedkeuren=GoedkeurenForm(kandidaten=kandidaten, initial=initial),
            zelfde_pv=zelfde_pv,
            dubbelen=selectors.mogelijke_dubbelen(user=request.user, aanmelding=aanmelding),
            samenvoegen=SamenvoegenForm(),
            gebeurtenis_koppelen=_gebeurtenis_form(aanmelding, zelfde_pv, zoek=gebeurtenis_zoek),
            gebeurtenis_zoek=gebeurtenis_zoek,
            nieuwe_gebeurtenis=GebeurtenisForm() if mag_aanmaken(request.user) else None,
            online_aanbod=OnlineAanbodForm()
            if Signalering.ONLINE_AANBOD_HANDMATIG in aanmelding.signaleringen
            else None,
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
        messages.error(request, _fouten(form))
        return redirect("aanmelding:detail", pk=pk)
    try:
        services.aanmelding_afkeuren(
            actor=request.user,
            aanmelding=aanmelding,
            reden=form.cleaned_data["reden"],
            afwijsreden=form.cleaned_data["afwijsreden"],
        )
    except services.AanmeldingFout as fout:
        messages.error(request, str(fout))
        return redirect("aanmelding:detail", pk=pk)
    messages.success(request, _("Aanmelding %(n)s is afgekeurd.") % {"n": aanmelding.nummer})
    return redirect("aanmelding:beoordelen")


def _gebeurtenis_form(aanmelding, zelfde_pv, data=None, zoek: str = "") -> GebeurtenisKoppelenForm:
    """AAN-10: the events of referrals with the same PV-nummer are offered first, and those referrals too.
    The event already linked, and on saving the one chosen (possibly found by searching), are offered as well."""
    voorgesteld = sorted({a.gebeurtenis_id for a in zelfde_pv if a.gebeurtenis_id})
    initial = {"gebeurtenis": str(aanmelding.gebeurtenis_id or (voorgesteld[0] if voorgesteld else ""))}
    vast = set(voorgesteld) | {aanmelding.gebeurtenis_id} - {None}
    if data is not None and geheel_getal(data.get("gebeurtenis")) is not None:
        vast.add(geheel_getal(data.get("gebeurtenis")))
    return GebeurtenisKoppelenForm(
        data,
        gebeurtenissen=gebeurtenissen_om_te_koppelen(voorgesteld=sorted(vast), zoek=zoek),
        zelfde_pv=zelfde_pv,
        initial=initial,
    )


def _fouten(form) -> str:
    return " ".join(e for errors in form.errors.values() for e in errors)


@login_required
@require_POST
def aanmelding_samenvoegen(request, pk: int):
    """AAN-3: close this referral as a duplicate of another one the reviewer may see."""
    aanmelding = _te_beoordelen(request, pk)
    form = SamenvoegenForm(request.POST)
    if not form.is_valid():
        messages.error(request, _fouten(form))
        return redirect("aanmelding:detail", pk=pk)
    doel = selectors.aanmeldingen_zichtbaar_voor(request.user).filter(pk=form.cleaned_data["doel"]).first()
    if doel is None:
        messages.error(request, _("Aanmelding niet gevonden onder de aanmeldingen die u mag inzien."))
        return redirect("aanmelding:detail", pk=pk)
    try:
        services.aanmelding_samenvoegen(
            actor=request.user, aanmelding=aanmelding, doel=doel, toelichting=form.cleaned_data["toelichting"]
        )
    except services.AanmeldingFout as fout:
        messages.error(request, str(fout))
        return redirect("aanmelding:detail", pk=pk)
    messages.success(
        request, _("Aanmelding %(n)s is samengevoegd met %(d)s.") % {"n": aanmelding.nummer, "d": doel.nummer}
    )
    return redirect("aanmelding:detail", pk=doel.pk)


@login_required
@require_POST
def aanmelding_gebeurtenis(request, pk: int):
    """AAN-10: link the referral (and chosen ones with the same PV-nummer) to an existing or a new event."""
    aanmelding = _te_beoordelen(request, pk)
    zelfde_pv = selectors.zelfde_pv_nummer(user=request.user, aanmelding=aanmelding)
    if request.POST.get("actie") == "nieuw":
        if not mag_aanmaken(request.user):
            raise PermissionDenied
        nieuw = GebeurtenisForm(request.POST)
        if not nieuw.is_valid():
            messages.error(request, _fouten(nieuw))
            return redirect("aanmelding:detail", pk=pk)
        gebeurtenis = gebeurtenis_aanmaken(actor=request.user, gegevens=nieuw.cleaned_data)
        ook = []
    else:
        form = _gebeurtenis_form(aanmelding, zelfde_pv, data=request.POST)
        if not form.is_valid():
            messages.error(request, _fouten(form))
            return redirect("aanmelding:detail", pk=pk)
        keuze = form.cleaned_data["gebeurtenis"]
        gebeurtenis = next((g for g in form.gebeurtenissen if str(g.pk) == keuze), None) if keuze else None
        ook = [int(x) for x in form.cleaned_data.get("ook", [])]
    aanmeldingen = [aanmelding, *(a for a in zelfde_pv if a.pk in ook)]
    services.aanmeldingen_aan_gebeurtenis_koppelen(
        actor=request.user, aanmeldingen=aanmeldingen, gebeurtenis=gebeurtenis
    )
    if gebeurtenis is None:
        messages.success(request, _("De koppeling met de gebeurtenis is verwijderd."))
    else:
        messages.success(
            request,
            _("%(n)d aanmelding(en) gekoppeld aan gebeurtenis %(g)s.") % {"n": len(aanmeldingen), "g": gebeurtenis},
        )
    return redirect("aanmelding:detail", pk=pk)


@login_required
@require_POST
def aanmelding_online_aanbod(request, pk: int):
    """AAN-8 by hand, for a referral whose online offer could not go by e-mail."""
    aanmelding = _te_beoordelen(request, pk)
    form = OnlineAanbodForm(request.POST)
    if not form.is_valid():
        messages.error(request, _fouten(form))
        return redirect("aanmelding:detail", pk=pk)
    try:
        services.online_aanbod_afhandelen(
            actor=request.user, aanmelding=aanmelding, toelichting=form.cleaned_data["toelichting"]
        )
    except services.AanmeldingFout as fout:
        messages.error(request, str(fout))
        return redirect("aanmelding:detail", pk=pk)
    messages.success(request, _("Aanmelding %(n)s is afgehandeld met het online aanbod.") % {"n": aanmelding.nummer})
    return redirect("aanmelding:beoordelen")
