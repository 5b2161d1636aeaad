from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from aanmelding import doorlopend, permissions, selectors, services
from aanmelding.forms import (
    AanmeldingForm,
    AfkeurenForm,
    ClientZoekForm,
    GebeurtenisKoppelenForm,
    GoedkeurenForm,
    OnlineAanbodForm,
    SamenvoegenForm,
)
from aanmelding.models import (
    Aanmelding,
    AanmeldingStatus,
    AutomatischBesluit,
    Delict,
    Doelgroep,
    Signalering,
    Wachtrij,
)
from casus.clientzoeker import (
    Zoekuitkomst,
    aangeboden,
    aangeboden_onthouden,
    clienten_zoeken,
    standaard_keuze,
    zoeken_bij_werk,
)
from casus.models import Casus, Client
from casus.permissions import mag_samenvoegen
from cris.audit.api import audit_lijst, audit_read
from cris.formulieren import weergave_sleutel
from cris.invoer import geheel_getal
from gebeurtenissen.forms import GebeurtenisForm
from gebeurtenissen.permissions import mag_aanmaken
from gebeurtenissen.selectors import gebeurtenissen_om_te_koppelen
from gebeurtenissen.services import gebeurtenis_aanmaken
from taken.services import TaakFout


def _kandidaten(request, **criteria) -> Zoekuitkomst:
    """Possible existing clients (AAN-5), also on a surname alone: the finder is tied to the work at hand
    (issue 24). The list shown is one read of personal data of the clients in it (AUT-3, audit_lijst). The
    session remembers them as offered: only those may be compared for a merge (issue 21 item 2)."""
    uitkomst = zoeken_bij_werk(user=request.user, **criteria)
    aangeboden_onthouden(request.session, uitkomst.kandidaten)
    if uitkomst.kandidaten:
        audit_lijst(
            actor=request.user,
            lijst="clientzoeker",
            client_ids=[k.client.pk for k in uitkomst.kandidaten],
            reason="cliëntzoeker",
        )
    return uitkomst


@login_required
def aanmelding_nieuw(request):
    if not permissions.mag_invoeren(request.user):
        raise PermissionDenied
    zoek = ClientZoekForm(request.GET or None)
    uitkomst = _kandidaten(request, **zoek.criteria()) if zoek.is_bound and zoek.is_valid() else None
    kandidaten = uitkomst.kandidaten if uitkomst else None
    context = {"zoek": zoek, "kandidaten": kandidaten, "melding": uitkomst.melding if uitkomst else ""}
    if kandidaten:
        # Issue 24: an existing client with an open casus comes first: record the call there. The finder counted
        # each hit's open cases: only those clients are looked up.
        lopend = doorlopend.lopende_casussen([k.client.pk for k in kandidaten if k.open_casussen])
        context["lopend"] = [(k, lopend[k.client.pk]) for k in kandidaten if k.client.pk in lopend]
        if context["lopend"] and permissions.mag_vervolgtaak(request.user):
            context["vervolgtypen"] = list(doorlopend.vervolgtypen_cai())
    if (
        request.method == "GET"
        and request.headers.get("HX-Request")
        and not request.headers.get("HX-History-Restore-Request")
    ):
        # The finder from the page: the hits and the matching "koppelen" choice, not the whole entry form again
        # (nor is it built).
        return render(request, "aanmelding/_zoekresultaat.html", {**context, "oob": True})
    form = AanmeldingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        gegevens = form.cleaned_data
        if request.POST.get("voorgestelde_client"):
            # Issue 21 item 7: only a client the finder returns for this referral's own data.
            client_id = geheel_getal(request.POST.get("voorgestelde_client"))
            gegevens["voorgestelde_client"] = (
                _gevonden_client(_criteria(gegevens), str(client_id)) if client_id is not None else None
            )
            if gegevens["voorgestelde_client"] is None:
                form.add_error(
                    None,
                    _(
                        "De gekozen cliënt past niet bij de gegevens van deze aanmelding. Zoek opnieuw en kies een "
                        "gevonden cliënt, of kies 'Nieuwe cliënt'."
                    ),
                )
    if request.method == "POST" and form.is_valid():
        aanmelding = services.aanmelding_registreren(actor=request.user, gegevens=gegevens)
        messages.success(request, _ingevoerd_melding(aanmelding))
        return redirect("aanmelding:detail", pk=aanmelding.pk)
    context["form"] = form
    # The empty entry form's ~36 fields are drawn once per process and key (cris.formulieren); a form posted back
    # with errors is drawn afresh: its values are personal data, kept in no cache.
    context["velden_sleutel"] = None if form.is_bound else weergave_sleutel(form)
    return render(request, "aanmelding/nieuw.html", context)


def _ingevoerd_melding(aanmelding) -> str:
    """What became of a referral just entered: the online offer (AAN-8) is decided as it is stored."""
    aanmelding.refresh_from_db(fields=["status", "signaleringen"])
    n = {"n": aanmelding.nummer}
    if aanmelding.status == AanmeldingStatus.ONLINE_AANBOD:
        return (
            _(
                "Aanmelding %(n)s is ingevoerd. Voor dit delict is er alleen online aanbod: de persoon krijgt het "
                "bericht met de informatiepagina per e-mail. Beoordelen is niet nodig."
            )
            % n
        )
    if Signalering.ONLINE_AANBOD_HANDMATIG in aanmelding.signaleringen:
        return (
            _(
                "Aanmelding %(n)s is ingevoerd. Voor dit delict is er alleen online aanbod, maar het bericht kon niet "
                "automatisch worden verstuurd; de aanmelding staat klaar voor beoordeling."
            )
            % n
        )
    if Delict.objects.filter(code=aanmelding.delict_code, doelgroep=Doelgroep.ALLEEN_ONLINE).exists():
        return (
            _(
                "Aanmelding %(n)s is ingevoerd. Voor dit delict is er alleen online aanbod: het bericht wordt "
                "automatisch verstuurd, of de aanmelding komt ter beoordeling als dat niet kan."
            )
            % n
        )
    return _("Aanmelding %(n)s is ingevoerd en staat klaar voor beoordeling.") % n


@login_required
def beoordelen(request):
    wachtrijen = permissions.wachtrijen_van(request.user)
    if not wachtrijen:
        raise PermissionDenied
    wachtrij = request.GET.get("wachtrij") if request.GET.get("wachtrij") in wachtrijen else None
    pagina = selectors.beoordeling_pagina(user=request.user, wachtrij=wachtrij, nummer=request.GET.get("pagina"))
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


@dataclass
class BeoordelingPagina:
    """What the review page shows (AAN-3, issue 25), assembled by ``beoordelingspagina`` from selectors; the
    template only reads it. The decision (client, first tasks, approve, reject) beside the referral's content;
    merging, events and the manual online offer below it, collapsed. The review fields are only filled for a
    reviewer of an open referral (``mag_beoordelen``)."""

    aanmelding: Aanmelding
    besluit: AutomatischBesluit | None  # the automatic processing's decision, if it took one
    dubbelen_hiervan: list  # referrals merged into this one
    edom_updates: list
    mag_beoordelen: bool = False
    kandidaten: list = field(default_factory=list)  # possible existing clients, best first (AAN-5)
    melding: str = ""  # what the client finder says about its search
    vergelijken_url: str = ""
    zelfde_pv_clienten: list = field(default_factory=list)  # candidates with a casus of this PV-nummer
    goedkeuren: GoedkeurenForm | None = None
    # The client choice as plain (value, label, chosen) rows, printed in one loop: the approve form on this page
    # is never bound (a refused approval redirects back), so no option carries an error.
    client_opties: list[tuple[str, str, bool]] = field(default_factory=list)
    afkeuren: AfkeurenForm | None = None
    zonder_adres: bool = False
    zelfde_pv: list = field(default_factory=list)  # other referrals with this PV-nummer (AAN-10)
    dubbelen: list = field(default_factory=list)  # possible duplicates to merge into
    samenvoegen: SamenvoegenForm | None = None
    gebeurtenis_koppelen: GebeurtenisKoppelenForm | None = None
    gebeurtenis_zoek: str = ""
    nieuwe_gebeurtenis: GebeurtenisForm | None = None
    online_aanbod: OnlineAanbodForm | None = None
    # Keys of the form fields the template keeps in {% cache %} (cris.formulieren.weergave_sleutel): the same
    # task types, teams, reasons and empty fields on every review page.
    sleutels: dict[str, str] = field(default_factory=dict)


def beoordelingspagina(request, aanmelding: Aanmelding) -> BeoordelingPagina:
    """The review page's object from selectors and the permission check."""
    p = BeoordelingPagina(
        aanmelding=aanmelding,
        besluit=selectors.automatisch_besluit(aanmelding),
        dubbelen_hiervan=selectors.dubbelen_hiervan(aanmelding),
        edom_updates=selectors.edom_updates(aanmelding),
    )
    if not (aanmelding.open and permissions.mag_beoordelen(request.user, aanmelding)):
        return p
    p.mag_beoordelen = True
    p.gebeurtenis_zoek = request.GET.get("gebeurtenis_zoek", "")[:200]
    uitkomst = _kandidaten(request, **_criteria(aanmelding))
    p.kandidaten, p.melding = uitkomst.kandidaten, uitkomst.melding
    p.vergelijken_url = _vergelijken_url(request.user, aanmelding, p.kandidaten)
    met_zelfde_pv = selectors.clienten_met_zelfde_pv(aanmelding, [k.client.pk for k in p.kandidaten])
    p.zelfde_pv_clienten = [k.client for k in p.kandidaten if k.client.pk in met_zelfde_pv]
    p.goedkeuren = GoedkeurenForm(
        kandidaten=p.kandidaten,
        initial={"client": standaard_keuze(p.kandidaten, aanmelding.voorgestelde_client_id)},
        standaard_taaktype=services.STANDAARD_TAAKTYPE_PER_WACHTRIJ.get(aanmelding.wachtrij, ""),
    )
    gekozen = str(p.goedkeuren["client"].value())
    p.client_opties = [(w, label, w == gekozen) for w, label in p.goedkeuren.client_keuzes]
    p.afkeuren = AfkeurenForm()
    p.zonder_adres = not (aanmelding.postcode and aanmelding.huisnummer)
    p.zelfde_pv = selectors.zelfde_pv_nummer(user=request.user, aanmelding=aanmelding)
    p.dubbelen = selectors.mogelijke_dubbelen(user=request.user, aanmelding=aanmelding)
    p.samenvoegen = SamenvoegenForm()
    p.gebeurtenis_koppelen = _gebeurtenis_form(aanmelding, p.zelfde_pv, zoek=p.gebeurtenis_zoek)
    p.nieuwe_gebeurtenis = GebeurtenisForm() if mag_aanmaken(request.user) else None
    if Signalering.ONLINE_AANBOD_HANDMATIG in aanmelding.signaleringen:
        p.online_aanbod = OnlineAanbodForm()
    p.sleutels = {
        "eerste_taken": weergave_sleutel(p.goedkeuren, "taaktypen", "team"),
        "afkeuren": weergave_sleutel(p.afkeuren),
        "samenvoegen": weergave_sleutel(p.samenvoegen),
    }
    if p.nieuwe_gebeurtenis is not None:
        p.sleutels["nieuwe_gebeurtenis"] = weergave_sleutel(p.nieuwe_gebeurtenis)
    return p


@login_required
def aanmelding_detail(request, pk: int):
    aanmelding = selectors.aanmelding_detail(user=request.user, pk=pk)
    audit_read(actor=request.user, obj=aanmelding, client_id=aanmelding.casus.client_id if aanmelding.casus else None)
    p = beoordelingspagina(request, aanmelding)
    return render(request, "aanmelding/detail.html", {"p": p, "aanmelding": aanmelding})


def _vergelijken_url(user, aanmelding, kandidaten) -> str:
    """CLI-2 from the work at hand: the merge page comparing the two best matches the finder offered."""
    if len(kandidaten) < 2 or not mag_samenvoegen(user):
        return ""
    vraag = {"bron": kandidaten[1].client.nummer, "doel": kandidaten[0].client.nummer, "reden": aanmelding.nummer}
    return f"{reverse('casus:samenvoegen')}?{urlencode(vraag)}"


@login_required
@require_POST
def gesprek_op_lopende_casus(request, casus_pk: int):
    """Issue 24: CAI records a call on an open casus of a client the finder offered: no file, no new referral."""
    if not permissions.mag_invoeren(request.user):
        raise Http404
    casus = Casus.objects.filter(pk=casus_pk, client_id__in=aangeboden(request.session)).first()
    if casus is None:
        raise Http404
    soort = request.POST.get("soort", "")
    taaktype_id = geheel_getal(request.POST.get("taaktype"))
    taaktype = (
        doorlopend.vervolgtypen_cai().filter(pk=taaktype_id).first()
        if soort == doorlopend.VERVOLGTAAK and taaktype_id is not None
        else None
    )
    try:
        taak = doorlopend.gesprek_vastleggen(
            actor=request.user, casus=casus, soort=soort, tekst=request.POST.get("tekst", ""), taaktype=taaktype
        )
    except doorlopend.DoorlopendFout as fout:
        messages.error(request, str(fout))
        return redirect("aanmelding:nieuw")
    if taak is not None:
        messages.success(
            request,
            _(
                "Vervolgtaak %(t)s aangemaakt voor %(team)s op casus %(c)s; het team is op de hoogte gebracht. Er is "
                "geen nieuwe aanmelding nodig."
            )
            % {"t": taak.type.naam, "team": taak.team, "c": casus.nummer},
        )
        return redirect("aanmelding:nieuw")
    messages.success(
        request,
        _("Vastgelegd op casus %(c)s; het behandelteam is op de hoogte gebracht. Er is geen nieuwe aanmelding nodig.")
        % {"c": casus.nummer},
    )
    return redirect("aanmelding:nieuw")


def _criteria(aanmelding) -> dict:
    """The client finder's question for a referral (AAN-4, AAN-5): a stored one, or the entry form's data."""
    waarde = aanmelding.get if isinstance(aanmelding, dict) else lambda veld: getattr(aanmelding, veld)
    return {
        "bsn": waarde("bsn") or "",
        "achternaam": waarde("achternaam") or "",
        "voornamen": waarde("voornamen") or waarde("voorletters") or "",
        "geboortedatum": waarde("geboortedatum"),
        "postcode": waarde("postcode") or "",
        "huisnummer": waarde("huisnummer") or "",
    }


def _gevonden_client(criteria: dict, client_id: str) -> Client | None:
    """The client with this id if the finder returns it for these criteria, else None (issue 21 item 7)."""
    return next((k.client for k in clienten_zoeken(**criteria, tellen=False) if str(k.client.pk) == client_id), None)


def _te_beoordelen(request, pk: int):
    aanmelding = selectors.aanmelding_detail(user=request.user, pk=pk)
    if not permissions.mag_beoordelen(request.user, aanmelding):
        raise PermissionDenied
    return aanmelding


@login_required
@require_POST
def aanmelding_goedkeuren(request, pk: int):
    aanmelding = _te_beoordelen(request, pk)
    # Issue 21 item 7: the client is one the finder returns for this referral now, never any id from the POST
    # (a proposal made at entry is among them while it still fits).
    kandidaten = clienten_zoeken(**_criteria(aanmelding), tellen=False)
    form = GoedkeurenForm(request.POST, kandidaten=kandidaten)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("aanmelding:detail", pk=pk)
    keuze, team, taaktypen = form.cleaned_data["client"], form.cleaned_data["team"], form.cleaned_data["taaktypen"]
    client = None if keuze == "nieuw" else next(k.client for k in kandidaten if str(k.client.pk) == keuze)
    try:
        casus = services.aanmelding_goedkeuren(
            actor=request.user,
            aanmelding=aanmelding,
            client=client,
            taken=[(t, team if team is not None and team.afdeling == t.afdeling else None) for t in taaktypen],
        )
    except (services.AanmeldingFout, TaakFout) as fout:
        messages.error(request, str(fout))
        return redirect("aanmelding:detail", pk=pk)
    messages.success(request, _("Aanmelding goedgekeurd: casus %(c)s is aangemaakt.") % {"c": casus.nummer})
    eerder = [
        c
        for c in casus.client.casussen.filter(pv_nummer=aanmelding.pv_nummer).exclude(pk=casus.pk)
        if aanmelding.pv_nummer
    ]
    if eerder:
        messages.warning(
            request,
            _("Let op: cliënt %(k)s had al een casus met PV-nummer %(pv)s (%(c)s). Mogelijk is dit dezelfde melding.")
            % {"k": casus.client.nummer, "pv": aanmelding.pv_nummer, "c": ", ".join(c.nummer for c in eerder)},
        )
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
    doel = selectors.samenvoeg_doelen_voor(request.user).filter(pk=form.cleaned_data["doel"]).first()
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
    return redirect("aanmelding:detail", pk=doel.pk if doel.zichtbaar else pk)


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
