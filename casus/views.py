"""The casus pages (CAS-1 tabs), the client card, and the access pages (AUT-2).

Every tab is its own URL: a full page when opened directly, only the tab part when htmx switches tabs.
Each view reads the casus through casus.access (404 for whoever may not see it) and audits the read, with
the reason of the grant when the user sees the casus through temporary or emergency access (AUT-3).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models.expressions import RawSQL
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from casus import bewerken, permissions, registry, selectors, tevredenheid, tijdlijn, toegang
from casus.access import casus_of_404, casussen_zichtbaar_voor, client_zichtbaar_voor, vaste_casus_query
from casus.betrokkenen import RelatieFout, betrokkene_toevoegen, betrokkene_verwijderen, casussen_relateren
from casus.clientzoeker import aangeboden
from casus.forms import (
    AdresForm,
    BeoordelingForm,
    BesluitForm,
    BetrokkeneForm,
    BsnForm,
    CasusGegevensForm,
    ClientKaartForm,
    NoodtoegangForm,
    RelatieForm,
    ToegangAanvraagForm,
)
from casus.models import (
    Adres,
    Betrokkene,
    Casus,
    Client,
    MshAccount,
    TijdlijnSoort,
    ToegangSoort,
    Toegangsverlening,
    verlening_geldig_sql,
)
from cris import klok
from cris.audit.api import audit_read
from cris.invoer import geheel_getal
from cris.versie import VersieConflict

TABS = [
    ("overzicht", "casus:detail", gettext_lazy("Casusoverzicht")),
    ("tijdlijn", "casus:tijdlijn", gettext_lazy("Tijdlijn")),
    ("betrokkenen", "casus:betrokkenen", gettext_lazy("Betrokkenen")),
    ("taken", "casus:taken", gettext_lazy("Taken")),
    ("msh", "casus:msh", gettext_lazy("MSH")),
    ("juridisch", "casus:juridisch", gettext_lazy("Juridisch")),
    ("documenten", "casus:documenten", gettext_lazy("Documenten")),
]


def _verlening_van(user_id: int) -> RawSQL:
    """ "soort|reden" of the user's running temporary or emergency grant on the casus (AUT-2), else NULL. As
    SQL text: two ORM subqueries here cost more Python to compile than the whole casus query takes to run."""
    tabel, casus = Toegangsverlening._meta.db_table, Casus._meta.db_table
    return RawSQL(  # noqa: S611 (names from model metadata, values as parameters)
        f"SELECT v.soort || '|' || v.reden FROM {tabel} v WHERE v.casus_id = {casus}.id "  # noqa: S608
        f"AND v.medewerker_id = %s AND {verlening_geldig_sql('v')} "
        "ORDER BY v.geldig_tot DESC LIMIT 1",
        [user_id, klok.NU],
    )


_CASUS_PAGINA = vaste_casus_query(
    lambda user: Casus.objects.select_related("client", "district").annotate(toegang=_verlening_van(user))
)


def _casus(request, pk: int, tab: str) -> Casus:
    """The casus for this user (404 otherwise), with the reason of their grant if they hold one; the read
    is audited with that reason."""
    casus = casus_of_404(request.user, pk, vast=_CASUS_PAGINA)
    casus.toegang_soort, _, casus.toegang_reden = casus.toegang.partition("|") if casus.toegang else ("", "", "")
    reden = f"{tab}"
    if casus.toegang_reden:
        reden = f"{tab}; {ToegangSoort(casus.toegang_soort).label}: {casus.toegang_reden}"
    audit_read(actor=request.user, obj=casus, client_id=casus.client_id, reason=reden[:1000])
    return casus


def _render(request, casus: Casus, tab: str, context: dict):
    tabs = [(naam, reverse(url, args=[casus.pk]), label) for naam, url, label in TABS]
    context = {"casus": casus, "tab": tab, "tabs": tabs, "tab_template": f"casus/tabs/{tab}.html", **context}
    if request.headers.get("HX-Request") and not request.headers.get("HX-History-Restore-Request"):
        return render(request, "casus/_tab.html", context)
    return render(request, "casus/casus.html", context)


def _taken(casus: Casus):
    # Tasks through the reverse relation: casus sits below taken and does not import it.
    return casus.taken.select_related("type", "team", "behandelaar").order_by("-aangemaakt_op")


@login_required
def casus_detail(request, pk: int):
    """CAS-1 Casusoverzicht: the case data (CAS-2) and related cases (CAS-9)."""
    casus = _casus(request, pk, "overzicht")
    context = {
        "gerelateerd": selectors.gerelateerde_casussen(user=request.user, casus=casus),
        "panelen": registry.panelen_voor("overzicht", user=request.user, casus=casus),
    }
    return _render(request, casus, "overzicht", context)


# Issue 11: forms of the casus page that most visits never open (as taken:onderdeel on the task page).
ONDERDELEN = {
    "relateren": (gettext_lazy("Casus relateren"), lambda request, casus: {"relatie_form": RelatieForm()}),
}


@login_required
def casus_onderdeel(request, pk: int, naam: str):
    """One form of the casus page, loaded when its panel opens (htmx: the form alone) or, without
    JavaScript, as a page of its own. The page's access check (404 outside the casus) and its audited read."""
    if naam not in ONDERDELEN:
        raise Http404
    casus = _casus(request, pk, "overzicht")
    titel, maken = ONDERDELEN[naam]
    context = {"casus": casus, "titel": titel, "fragment": f"casus/onderdelen/{naam}.html", **maken(request, casus)}
    if request.headers.get("HX-Request"):
        return render(request, context["fragment"], context)
    return render(request, "casus/onderdeel.html", context)


@login_required
def casus_tijdlijn(request, pk: int):
    """TIJ-1: every activity, newest first, filterable by kind; each with what it is about (casus.tijdlijn)."""
    casus = _casus(request, pk, "tijdlijn")
    soort = request.GET.get("soort", "")
    soort = soort if soort in TijdlijnSoort.values else ""
    context = {
        "tijdlijn": tijdlijn.onderwerpen(casus.pk, selectors.tijdlijn(casus=casus, soort=soort)),
        "soort": soort,
        "soorten": TijdlijnSoort.choices,
    }
    return _render(request, casus, "tijdlijn", context)


@login_required
def casus_betrokkenen(request, pk: int):
    """CAS-4: other persons on the case with their role; add one."""
    casus = _casus(request, pk, "betrokkenen")
    form = BetrokkeneForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            betrokkene_toevoegen(actor=request.user, casus=casus, gegevens=form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Betrokkene toegevoegd."))
            return redirect("casus:betrokkenen", pk=casus.pk)
    context = {"betrokkenen": casus.betrokkenen.order_by("rol", "naam"), "form": form}
    return _render(request, casus, "betrokkenen", context)


@login_required
@require_POST
def betrokkene_verwijderen_view(request, pk: int, betrokkene_pk: int):
    casus = _casus(request, pk, "betrokkenen")
    betrokkene = get_object_or_404(Betrokkene, pk=betrokkene_pk, casus=casus)
    betrokkene_verwijderen(actor=request.user, betrokkene=betrokkene)
    messages.success(request, _("Betrokkene verwijderd."))
    return redirect("casus:betrokkenen", pk=casus.pk)


@login_required
def casus_taken(request, pk: int):
    casus = _casus(request, pk, "taken")
    return _render(request, casus, "taken", {"taken": _taken(casus)})


@login_required
def casus_msh(request, pk: int):
    """The client's status on Mijnslachtofferhulp, the online platform."""
    casus = _casus(request, pk, "msh")
    account = MshAccount.objects.filter(client_id=casus.client_id).first()
    return _render(request, casus, "msh", {"account": account})


@login_required
def casus_juridisch(request, pk: int):
    """CAS-2 legal part: prosecution data, court date, speaking right, claim (voeging)."""
    casus = _casus(request, pk, "juridisch")
    return _render(request, casus, "juridisch", {"strafzaak": selectors.strafzaak(casus=casus)})


@login_required
def casus_documenten(request, pk: int):
    casus = _casus(request, pk, "documenten")
    panelen = registry.panelen_voor("documenten", user=request.user, casus=casus, taken=_taken(casus))
    return _render(request, casus, "documenten", {"panelen": panelen})


@login_required
@require_POST
def casus_relateren(request, pk: int):
    """CAS-9: relate this casus by hand to another one the user may also see."""
    casus = _casus(request, pk, "overzicht")
    form = RelatieForm(request.POST)
    if form.is_valid():
        ander = casussen_zichtbaar_voor(request.user).filter(pk=form.cleaned_data["casus"]).first()
        if ander is None:
            messages.error(request, _("Die casus bestaat niet of je hebt er geen toegang toe."))
        else:
            try:
                casussen_relateren(
                    actor=request.user, casus=casus, ander=ander, toelichting=form.cleaned_data["toelichting"]
                )
                messages.success(request, _("Casus %(nr)s gerelateerd.") % {"nr": ander.nummer})
            except RelatieFout as exc:
                messages.error(request, str(exc))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("casus:detail", pk=casus.pk)


@login_required
def client_detail(request, pk: int):
    """CLI-1 client card, with only those of the client's cases this user may see, and its edit panels."""
    client = selectors.client_detail(user=request.user, pk=pk)
    return _client_pagina(request, client)


# --- AUT-2 -----------------------------------------------------------------------------------------------


@login_required
def toegang_overzicht(request):
    """My requests and grants; the requests I decide on; for the privacy officer, emergency grants to review."""
    context = toegang.overzicht(request.user)
    context["mag_nood"] = permissions.mag_noodtoegang(request.user)
    context["is_privacy_officer"] = permissions.mag_noodtoegang_beoordelen(request.user)
    return render(request, "casus/toegang.html", context)


@login_required
def toegang_aanvragen(request):
    """Ask for temporary access. The answer is the same whether or not the number exists: no hint."""
    form = ToegangAanvraagForm(request.POST or None, initial={"casus": request.GET.get("casus", "")[:20]})
    if request.method == "POST" and form.is_valid():
        try:
            toegang.toegang_aanvragen(
                actor=request.user,
                casus=form.cleaned_data["casus"],
                reden=form.cleaned_data["reden"],
                dagen=form.cleaned_data["dagen"],
            )
        except ValidationError as exc:
            _fouten(form, exc)
        else:
            messages.success(request, _("Je verzoek is verstuurd. Je krijgt een notificatie zodra erover is besloten."))
            return redirect("casus:toegang")
    return render(request, "casus/toegang_aanvragen.html", {"form": form})


def _fouten(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for veld, fouten in exc.message_dict.items():
            form.add_error(veld if veld in form.fields else None, fouten)
    else:
        form.add_error(None, exc.messages)


def _verlening(pk: int) -> Toegangsverlening:
    return get_object_or_404(Toegangsverlening.objects.select_related("casus", "medewerker"), pk=pk)


def _toegang_uitvoeren(request, doe, succes: str, form=None, onvolledig: str = ""):
    """Run one service on a grant and go back to the access page: a refusal is a 404 (AUT-1), a request the
    service turns down is a message. With a form, ``doe`` gets its cleaned data; an invalid one is the
    message ``onvolledig`` and nothing runs."""
    if form is not None and not form.is_valid():
        messages.error(request, onvolledig)
        return redirect("casus:toegang")
    try:
        doe(form.cleaned_data if form is not None else {})
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, succes)
    return redirect("casus:toegang")


@login_required
@require_POST
def toegang_besluiten(request, pk: int):
    verlening = _verlening(pk)
    if not permissions.mag_beslissen(request.user, verlening):
        raise Http404

    def besluiten(besluit: dict) -> None:
        toegang.toegang_besluiten(
            actor=request.user,
            verlening=verlening,
            goedkeuren=besluit["besluit"] == "verlenen",
            dagen=besluit["dagen"],
            toelichting=besluit["toelichting"],
        )

    form = BesluitForm(request.POST)
    return _toegang_uitvoeren(request, besluiten, _("Besluit vastgelegd."), form, _("Kies verlenen of afwijzen."))


@login_required
@require_POST
def toegang_intrekken(request, pk: int):
    verlening = _verlening(pk)
    return _toegang_uitvoeren(
        request,
        lambda _geen: toegang.toegang_intrekken(actor=request.user, verlening=verlening),
        _("Toegang beëindigd."),
    )


@login_required
def noodtoegang(request):
    """Emergency access for the piket (Acute Opvang), outside office hours only; immediate, with a reason."""
    if not permissions.mag_noodtoegang_nemen(request.user):
        raise Http404
    form = NoodtoegangForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        casus = Casus.objects.filter(pk=form.cleaned_data["casus"]).first()
        if casus is None:
            form.add_error("casus", _("Er is geen casus met dit nummer."))
        else:
            try:
                toegang.noodtoegang_nemen(actor=request.user, casus=casus, reden=form.cleaned_data["reden"])
            except ValidationError as exc:
                _fouten(form, exc)
            else:
                messages.warning(request, _("Noodtoegang verleend. De privacy officer beoordeelt deze achteraf."))
                return redirect("casus:detail", pk=casus.pk)
    context = {"form": form, "buiten_kantooruren": toegang.buiten_kantooruren()}
    return render(request, "casus/noodtoegang.html", context)


@login_required
@require_POST
def noodtoegang_beoordelen(request, pk: int):
    if not permissions.mag_noodtoegang_beoordelen(request.user):
        raise Http404
    verlening = _verlening(pk)

    def beoordelen(gegevens: dict) -> None:
        toegang.noodtoegang_beoordelen(actor=request.user, verlening=verlening, beoordeling=gegevens["beoordeling"])

    form = BeoordelingForm(request.POST)
    return _toegang_uitvoeren(request, beoordelen, _("Beoordeling vastgelegd."), form, _("Schrijf je beoordeling op."))


# --- CAS-5 -----------------------------------------------------------------------------------------------


@login_required
def tevredenheid_tellingen(request):
    """Counts of the satisfaction survey for management: no personal data, only numbers."""
    if not permissions.mag_tevredenheid_zien(request.user):
        raise PermissionDenied
    return render(request, "casus/tevredenheid.html", tevredenheid.tellingen())


# --- Issue 24: corrections after intake (CLI-1, CAS-2); the rules and the writes are in casus.bewerken -----


def _kaart_initial(client: Client) -> dict:
    return {"versie": client.versie, **{f: getattr(client, f) for f in ClientKaartForm.velden}}


def _adres_initial(client: Client, adres: Adres) -> dict:
    return {"versie": client.versie, "voorkeur": adres.voorkeur, **{f: getattr(adres, f) for f in AdresForm.velden}}


def _client_pagina(request, client: Client, *, open_paneel: str = "", form=None, status: int = 200):
    """The client card with its edit panels (collapsed; the one with errors or a conflict open)."""
    audit_read(actor=request.user, obj=client, client_id=client.pk)
    adressen = list(client.adressen.order_by("-voorkeur", "pk"))
    kaart = form if open_paneel == "kaart" else ClientKaartForm(initial=_kaart_initial(client), prefix="kaart")
    adres_panelen = []
    for adres in adressen:
        naam = f"adres-{adres.pk}"
        adres_form = form if open_paneel == naam else AdresForm(initial=_adres_initial(client, adres), prefix=naam)
        adres_panelen.append((naam, adres, adres_form))
    nieuw = (
        form
        if open_paneel == "adres-nieuw"
        else AdresForm(initial={"versie": client.versie, "land": "Nederland"}, prefix="adres-nieuw")
    )
    context = {
        "client": client,
        "adressen": adressen,
        "casussen": selectors.casussen_van_client(user=request.user, client=client).select_related("district"),
        "kaart_form": kaart,
        "adres_panelen": adres_panelen,
        "nieuw_adres_form": nieuw,
        "open_paneel": open_paneel,
        "mag_bsn": permissions.mag_bsn_wijzigen(request.user),
    }
    return render(request, "casus/client.html", context, status=status)


def _conflict(request, exc: VersieConflict) -> None:
    messages.error(request, exc.bericht)


def _versie_opslaan(request, form, opslaan, *, ook_niet: tuple[str, ...] = ()):
    """Save a form that carries the version it was made from: ``opslaan(verwacht, gegevens)`` with the form's
    data but its version (and ``ook_niet``). Returns the outcome and 200; None and 409 after a conflict (its
    message given); None and 422 when the form or the service refuses the data (messages at the fields)."""
    if not form.is_valid():
        return None, 422
    gegevens = {k: v for k, v in form.cleaned_data.items() if k not in ("versie", *ook_niet)}
    try:
        return opslaan(form.cleaned_data["versie"], gegevens), 200
    except VersieConflict as exc:
        _conflict(request, exc)
        return None, 409
    except ValidationError as exc:
        _fouten(form, exc)
        return None, 422


@login_required
@require_POST
def client_bewerken(request, pk: int):
    """CLI-1: a caseworker corrects the client card."""
    client = selectors.client_detail(user=request.user, pk=pk)
    form = ClientKaartForm(request.POST, prefix="kaart")

    def opslaan(verwacht, gegevens):
        return bewerken.client_bijwerken(actor=request.user, client_id=client.pk, verwacht=verwacht, gegevens=gegevens)

    uitkomst, status = _versie_opslaan(request, form, opslaan)
    if status == 200:
        if uitkomst.gewijzigd:
            messages.success(request, _("Cliëntgegevens opgeslagen."))
        else:
            messages.info(request, _("Er was niets gewijzigd."))
        return redirect("casus:client", pk=client.pk)
    if status == 409:
        client.refresh_from_db()
        form = ClientKaartForm(initial=_kaart_initial(client), prefix="kaart")
    return _client_pagina(request, client, open_paneel="kaart", form=form, status=status)


def _adres_opslaan(request, client: Client, adres: Adres | None):
    naam = f"adres-{adres.pk}" if adres else "adres-nieuw"
    form = AdresForm(request.POST, prefix=naam)

    def opslaan(verwacht, gegevens):
        adres_id, voorkeur = adres.pk if adres else None, form.cleaned_data["voorkeur"]
        return bewerken.adres_opslaan(
            actor=request.user,
            client_id=client.pk,
            verwacht=verwacht,
            gegevens=gegevens,
            adres_id=adres_id,
            voorkeur=voorkeur,
        )

    uitkomst, status = _versie_opslaan(request, form, opslaan, ook_niet=("voorkeur",))
    if status == 200:
        messages.success(request, _("Adres opgeslagen.") if uitkomst.gewijzigd else _("Er was niets gewijzigd."))
        if uitkomst.melding:
            messages.warning(request, uitkomst.melding)
        return redirect("casus:client", pk=client.pk)
    if status == 409:
        client.refresh_from_db()
        return _client_pagina(request, client, open_paneel=naam if adres else "", status=409)
    return _client_pagina(request, client, open_paneel=naam, form=form, status=422)


@login_required
@require_POST
def adres_toevoegen(request, pk: int):
    client = selectors.client_detail(user=request.user, pk=pk)
    return _adres_opslaan(request, client, None)


@login_required
@require_POST
def adres_wijzigen(request, pk: int, adres_pk: int):
    client = selectors.client_detail(user=request.user, pk=pk)
    adres = get_object_or_404(Adres, pk=adres_pk, client=client)
    return _adres_opslaan(request, client, adres)


@login_required
@require_POST
def adres_verwijderen(request, pk: int, adres_pk: int):
    client = selectors.client_detail(user=request.user, pk=pk)
    adres = get_object_or_404(Adres, pk=adres_pk, client=client)
    try:
        bewerken.adres_verwijderen(
            actor=request.user, client_id=client.pk, verwacht=_versie(request.POST), adres_id=adres.pk
        )
    except VersieConflict as exc:
        _conflict(request, exc)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Adres verwijderd."))
    return redirect("casus:client", pk=client.pk)


def _versie(data) -> int | None:
    return geheel_getal(data.get("versie"), maximum=2**31 - 1)  # "²".isdigit() is true, int("²") raises


@login_required
def bsn_wijzigen(request, pk: int):
    """The BSN of a client, for intake staff (Administratie, JD-Admin) only: identification, not the file. Of a
    client whose casus they may see, or that the client finder offered them for the work at hand (as the
    merge page, issue 21 item 2): not of any client by its number."""
    if not permissions.mag_bsn_wijzigen(request.user):
        raise Http404
    if (
        pk not in aangeboden(request.session)
        and not Client.objects.filter(client_zichtbaar_voor(request.user), pk=pk).exists()
    ):
        raise Http404
    client = get_object_or_404(Client, pk=pk)
    audit_read(actor=request.user, obj=client, client_id=client.pk, reason="bsn")
    form = BsnForm(request.POST or None, initial={"versie": client.versie, "bsn": client.bsn or ""})
    status = 200
    if request.method == "POST":

        def opslaan(verwacht, gegevens):
            return bewerken.bsn_wijzigen(actor=request.user, client_id=client.pk, verwacht=verwacht, **gegevens)

        _uitkomst, status = _versie_opslaan(request, form, opslaan)
        if status == 200:
            messages.success(request, _("BSN opgeslagen."))
            return redirect("casus:bsn", pk=client.pk)
        if status == 409:
            client.refresh_from_db()
            form = BsnForm(initial={"versie": client.versie, "bsn": client.bsn or ""})
    bsn_van_ander = str(bewerken.BSN_VAN_ANDERE_CLIENT) in form.errors.get("bsn", [])
    context = {"client": client, "form": form, "bsn_van_ander": bsn_van_ander}
    return render(request, "casus/bsn.html", context, status=status)


def _casus_initial(casus: Casus) -> dict:
    initial = {f: getattr(casus, f) for f in CasusGegevensForm.velden}
    return {**initial, "versie": casus.versie, "delict_code": casus.delict_code,
            "kwetsbaarheden": ", ".join(casus.kwetsbaarheden)}  # fmt: skip


def _casus_form(casus: Casus, data=None) -> CasusGegevensForm:
    initial = None if data is not None else _casus_initial(casus)
    return CasusGegevensForm(data, initial=initial, huidige_code=casus.delict_code, prefix="casus")


ONDERDELEN["gegevens"] = (
    gettext_lazy("Casusgegevens wijzigen"),
    lambda request, casus: {"gegevens_form": _casus_form(casus), "open_paneel": "gegevens"},
)


@login_required
@require_POST
def casus_bewerken(request, pk: int):
    """CAS-2: correct the casus data; on errors or a conflict the overview again, with the panel open."""
    casus = _casus(request, pk, "overzicht")
    form = _casus_form(casus, request.POST)

    def opslaan(verwacht, gegevens):
        return bewerken.casus_bijwerken(actor=request.user, casus_id=casus.pk, verwacht=verwacht, gegevens=gegevens)

    uitkomst, status = _versie_opslaan(request, form, opslaan)
    if status == 200:
        messages.success(
            request, _("Casusgegevens opgeslagen.") if uitkomst.gewijzigd else _("Er was niets gewijzigd.")
        )
        return redirect("casus:detail", pk=casus.pk)
    if status == 409:
        casus = _casus(request, pk, "overzicht")
        form = _casus_form(casus)
    context = {
        "gerelateerd": selectors.gerelateerde_casussen(user=request.user, casus=casus),
        "gegevens_form": form,
        "open_paneel": "gegevens",
    }
    response = _render(request, casus, "overzicht", context)
    response.status_code = status
    return response
