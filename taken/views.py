"""The team worklist (werkstroom, TAK-4) and the task page with its lifecycle actions (TAK-2, VER-1).

The worklist pages live here, not in werkstroom/: they read tasks, and werkstroom sits below taken."""

from dataclasses import dataclass
from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Page
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, get_language_info, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cris import klok
from cris.acties import knop, melden
from cris.audit.api import audit_lijst, audit_read
from taken import permissions, registry, selectors, services, verslagen
from taken.forms import AfbrekenForm, AfspraakVerplaatsenForm, ContactForm, WerklijstForm
from taken.gebeurtenis import taken_zelfde_gebeurtenis
from taken.models import OPEN_TAAKSTATUSSEN, Taak, TaakStatus
from taken.registry import TaakPaneel
from taken.services import levenscyclus, overdracht, vervolg, werklijst
from taken.terugbellen import open_terugbelnotities
from taken.verdeler import VERDELER_AFDELINGEN
from taken.views_werk import filter_gekozen, overdragen_form_voor
from werkstroom.selectors import lidmaatschappen_van


@dataclass
class WerklijstPagina:
    """What the worklist page shows (TAK-4), assembled by ``werkstroom`` from selectors."""

    form: WerklijstForm
    filters_sleutel: str  # the filter fields' cache key (WerklijstForm.weergave_sleutel)
    lijst: selectors.Werklijst
    leider: bool
    lidmaatschappen: list
    pagina: Page
    aantallen: dict[str, int]
    status_aantallen: list[tuple[str, str, int]]
    actieve_filters: list[str]
    mijn_filters: str | None  # the saved query, None when the worker saved none
    query: str  # this URL's query without the page number, to save as "mijn filters"
    verdeler: bool
    terugbelnotities: list


@login_required
def werkstroom(request):
    """TAK-4: my tasks, my teams' tasks, and for leaders their members' tasks; filtered, sorted and paged
    from the URL. An htmx request gets the list alone (filters change it without a full reload)."""
    lidmaatschappen = lidmaatschappen_van(medewerker=request.user)
    leider = selectors.leidt_iets(request.user, lidmaatschappen)
    form = WerklijstForm(
        request.GET or None,
        lidmaatschappen=lidmaatschappen,
        leider=leider,
        **selectors.werklijst_keuzes(lidmaatschappen),
    )
    lijst = form.werklijst()
    if lijst.weergave == "leden" and not leider:
        lijst.weergave = "mijn"
    if lijst.team_id and not any(lid.team_id == lijst.team_id for lid in lidmaatschappen):
        lijst.team_id = None
    aantallen = selectors.aantallen_per_status(user=request.user, lijst=lijst)
    pagina = selectors.werklijst_pagina(
        selectors.werklijst_ids(user=request.user, lijst=lijst),
        request.GET.get("pagina"),
        aantal=sum(aantallen.get(s, 0) for s in lijst.statussen or OPEN_TAAKSTATUSSEN),
    )
    team = next((lid.team.naam for lid in lidmaatschappen if lid.team_id == lijst.team_id), "")
    audit_lijst(  # AUT-3: one entry for the page, with the clients shown and which list it was (issue 25)
        actor=request.user,
        lijst="werkvoorraad",
        client_ids=[r.client_id for r in pagina],
        objecten={"taken.taak": [r.pk for r in pagina]},
        reason={
            "mijn": _("eigen taken"),
            "team": _("team %(t)s") % {"t": team} if team else _("eigen teams"),
            "leden": _("taken van teamleden"),
        }.get(lijst.weergave, ""),
    )
    query = request.GET.copy()
    query.pop("pagina", None)
    statussen = selectors.rij_labels(get_language())[0]  # in words, translated once per process
    p = WerklijstPagina(
        form=form,
        filters_sleutel=form.weergave_sleutel(),
        lijst=lijst,
        leider=leider,
        lidmaatschappen=lidmaatschappen,
        pagina=pagina,
        aantallen=aantallen,
        status_aantallen=[(code, label, aantallen[code]) for code, label in statussen.items() if code in aantallen],
        actieve_filters=form.actieve_filters(),
        mijn_filters=selectors.mijn_filters_van(user=request.user),
        query=query.urlencode(),
        verdeler=any(lid.team.afdeling in VERDELER_AFDELINGEN for lid in lidmaatschappen),
        terugbelnotities=open_terugbelnotities(user=request.user),
    )
    context = {"p": p, "pagina": pagina}
    if request.headers.get("HX-Request") and request.headers.get("HX-Target") == "werklijst":
        return render(request, "taken/_werklijst_htmx.html", context)
    return render(request, "taken/werkstroom.html", context)


@login_required
@require_POST
def mijn_filters_bewaren(request):
    """TAK-4: keep the worklist's filters as "mijn filters" and show the list with them."""
    filters = werklijst.mijn_filters_bewaren(actor=request.user, query=request.POST.get("query", ""))
    messages.success(request, _("Uw filters zijn bewaard als 'mijn filters'."))
    return redirect(f"{reverse('taken:werkstroom')}?{filters.query}")


def tel_link(nummer: str) -> str:
    """A phone number as a tel: URI: digits and a leading + only ("06-12 34 56 78" → "0612345678")."""
    nummer = nummer.strip()
    return ("+" if nummer.startswith("+") else "") + "".join(c for c in nummer if c.isdigit())


@dataclass
class TaakPagina:
    """What the task page shows (issue 25), assembled by ``taakpagina`` from selectors; the templates only read
    it. The fixed case header, the contact history, the action panels (one open at a time: the one whose form
    came back with errors) and the panels of apps above taken (``taken.registry.taakpaneel_registreren``)."""

    taak: Taak
    telefoons: list[tuple[str, str]]  # (as written, tel: URI)
    taal: str  # the client's language by name, and whether an interpreter is needed
    contacten: list
    bewerkbaar: set[int]  # the contacts whose report can still be edited (VER-2)
    laatste_verslag: object  # the newest contact with a report, shown in the header
    open_paneel: str  # contact | dienst | verplaatsen | terugbellen | overdragen | afronden | afbreken | ""
    volgende_taak: bool  # the worker uses the taakverdeler: after closing, "Volgende taak"
    mag_oppakken: bool
    mag_behandelen: bool
    mag_overdragen: bool
    mag_heropenen: bool
    mag_toewijzen: bool
    mag_vervolgtaak: bool
    mag_afspraak: bool
    mag_kopieren: bool
    contact_form: ContactForm | None  # None when this user records no contact here
    concept: object  # the worker's saved draft of the report (VER-2), or None
    concept_versie: object  # the draft's version for the autosave (cris.versie), "" without a draft
    afbreken_form: AfbrekenForm
    terugbelnotities: list
    terugbellen: list  # the open ones of terugbelnotities: in the case header
    afspraken: list
    verplaatsen: list[AfspraakVerplaatsenForm]  # AGE-1: a move form per coming appointment this user may move
    actiepanelen: list[TaakPaneel]  # of apps above taken, after "Contact vastleggen"
    secties: list[TaakPaneel]  # of apps above taken, below the contacts
    # The lazily loaded forms (views_werk.ONDERDELEN): here only with errors, or the transfer after its filter.
    overdragen_form: object = None
    vervolg_form: object = None
    toewijzen_form: object = None
    terugbel_form: object = None
    afspraak_form: object = None
    kopieren_form: object = None


def _contact_form(request, taak, form):
    """The form with errors after a failed finalise; otherwise a new form carrying the worker's saved draft,
    so a closed tab loses nothing (VER-2). Third: the draft's version, which the autosave sends back
    (cris.versie: two tabs autosaving one draft, issue 23 item 3)."""
    concept = verslagen.concept_van(actor=request.user, taak=taak)
    versie = concept.versie if concept else ""
    if form is not None:
        return form, None, versie
    if concept is None:
        return ContactForm(taak=taak), None, ""
    return ContactForm(taak=taak, initial={k: v for k, v in concept.velden.items() if v != ""}), concept, versie


def taal_van(client) -> str:
    """ "Arabisch (tolk nodig)": the language's name in the user's language where Django knows the code."""
    try:
        naam = str(get_language_info(client.taal)["name_translated"]).lower() if client.taal else ""
    except KeyError:
        naam = client.taal
    tolk = _("tolk nodig") if client.tolk_nodig else ""
    return f"{naam} ({tolk})" if naam and tolk else naam or tolk


def taakpagina(request, taak: Taak, fouten: dict) -> TaakPagina:
    """The task page's object from selectors and the permission checks. ``fouten``: the form that came back
    with errors, by name (also of another app's panel)."""
    user = request.user
    contacten = selectors.contactmomenten_van(taak)
    rechten = permissions.taak_rechten(user, taak)
    mag_overdragen = permissions.mag_overdragen(user, taak, rechten)
    mag_behandelen = taak.status == TaakStatus.IN_BEHANDELING and rechten.behandelen
    overdragen_form = fouten.get("overdragen_form")
    if overdragen_form is None and mag_overdragen and filter_gekozen(request.GET):
        overdragen_form = overdragen_form_voor(request, taak)
    contact_form, concept, concept_versie = (
        _contact_form(request, taak, fouten.get("contact_form")) if mag_behandelen else (None, None, "")
    )
    panelen = [
        paneel
        for maak in registry.taakpanelen
        for paneel in maak(request=request, taak=taak, rechten=rechten, fouten=fouten)
    ]
    ingevuld = {  # an action panel whose form came back with errors (or the transfer after its filter) is open
        "contact": fouten.get("contact_form"),
        "afbreken": fouten.get("afbreken_form"),
        "overdragen": overdragen_form,
        "terugbellen": fouten.get("terugbel_form"),
        "verplaatsen": fouten.get("verplaats_form"),
    }
    open_paneel = next((paneel.naam for paneel in panelen if paneel.open), None)
    open_paneel = open_paneel or next((naam for naam, form in ingevuld.items() if form), "")
    client = taak.casus.client
    nu = klok.nu()
    # Both lists are queried only when the task has any (taak_detail(pagina=True) says so).
    terugbelnotities = (
        list(taak.terugbelnotities.select_related("voor", "door"))
        if getattr(taak, "heeft_terugbelnotities", True)
        else []
    )
    afspraken = list(taak.afspraken.select_related("medewerker")) if getattr(taak, "heeft_afspraken", True) else []
    return TaakPagina(
        taak=taak,
        telefoons=[(n, tel_link(n)) for n in (client.telefoon, client.telefoon_2) if n and tel_link(n)],
        taal=taal_van(client),
        contacten=contacten,
        bewerkbaar={c.pk for c in contacten if verslagen.is_bewerkbaar(c, nu)},
        laatste_verslag=next((c for c in contacten if c.verslag), None),
        open_paneel=open_paneel,
        volgende_taak=not taak.open and selectors.gebruikt_taakverdeler(user),
        mag_oppakken=taak.status in (TaakStatus.NIEUW, TaakStatus.TOEGEWEZEN) and rechten.oppakken,
        mag_behandelen=mag_behandelen,
        mag_overdragen=mag_overdragen,
        mag_heropenen=not taak.open and (rechten.oppakken or rechten.behandelen),
        mag_toewijzen=taak.status in ("nieuw", "toegewezen") and permissions.mag_toewijzen(user, taak, rechten),
        mag_vervolgtaak=rechten.vervolgtaak
        and ("vervolg_form" in fouten or vervolg.heeft_vervolgtypen(afdeling=taak.team.afdeling)),
        mag_afspraak=taak.open and rechten.behandelen,
        # TAK-9: a report to copy (the contacts are loaded already) and a task of the same incident to copy to.
        mag_kopieren=rechten.vervolgtaak
        and ("kopieren_form" in fouten or any(c.verslag for c in contacten))
        and taken_zelfde_gebeurtenis(user=user, taak=taak).exists(),
        contact_form=contact_form,
        concept=concept,
        concept_versie=concept_versie,
        afbreken_form=fouten.get("afbreken_form") or AfbrekenForm(),
        terugbelnotities=terugbelnotities,
        terugbellen=[n for n in terugbelnotities if n.afgehandeld_op is None],
        afspraken=afspraken,
        verplaatsen=_verplaatsen(user, afspraken, rechten, fouten.get("verplaats_form"), nu) if taak.open else [],
        actiepanelen=[p for p in panelen if p.actie],
        secties=[p for p in panelen if not p.actie],
        overdragen_form=overdragen_form,
        vervolg_form=fouten.get("vervolg_form"),
        toewijzen_form=fouten.get("toewijzen_form"),
        terugbel_form=fouten.get("terugbel_form"),
        afspraak_form=fouten.get("afspraak_form"),
        kopieren_form=fouten.get("kopieren_form"),
    )


def _verplaatsen(user, afspraken, rechten, fout_form, nu) -> list[AfspraakVerplaatsenForm]:
    """AGE-1 on the task page: the agenda's move form for each appointment still to come that this user may
    move (permissions.mag_wijzigen, the rule of the move itself); the one that came back with errors, bound."""
    return [
        fout_form if fout_form is not None and fout_form.afspraak.pk == a.pk else AfspraakVerplaatsenForm(afspraak=a)
        for a in afspraken
        if a.einde >= nu and permissions.mag_wijzigen(user, a, behandelen=rechten.behandelen)
    ]


def taakpagina_tonen(request, pk: int, **fouten):
    """The task page; with ``fouten`` (a form with errors, by name) that form's panel open, status 422."""
    taak = selectors.taak_detail(user=request.user, pk=pk, pagina=True)
    audit_read(actor=request.user, obj=taak, client_id=taak.casus.client_id)
    p = taakpagina(request, taak, fouten)
    return render(request, "taken/taak.html", {"p": p, "taak": taak}, status=422 if fouten else 200)


@login_required
def taak_detail(request, pk: int):
    """The task page. Forms that most visits never open load when their panel opens (views_werk.onderdeel);
    here only when they come back with errors (422) or, for the transfer, after its colleague filter."""
    return taakpagina_tonen(request, pk)


def _actie(request, pk: int, action, succes: str, **kwargs):
    taak = selectors.taak_detail(user=request.user, pk=pk)
    melden(request, partial(action, actor=request.user, taak=taak, **kwargs), succes, services.TaakFout)
    return redirect("taken:detail", pk=pk)


taak_oppakken = knop(_actie, levenscyclus.taak_oppakken, gettext_lazy("U heeft de taak opgepakt."))
taak_afronden = knop(_actie, levenscyclus.taak_afronden, gettext_lazy("De taak is gerealiseerd."))
taak_heropenen = knop(_actie, levenscyclus.taak_heropenen, gettext_lazy("De taak is heropend."))


@login_required
@require_POST
def taak_afbreken(request, pk: int):
    form = AfbrekenForm(request.POST)
    if not form.is_valid():
        selectors.taak_detail(user=request.user, pk=pk)
        return taakpagina_tonen(request, pk, afbreken_form=form)
    return _actie(
        request, pk, levenscyclus.taak_afbreken, _("De taak is afgebroken."), reden=form.cleaned_data["reden"]
    )


@login_required
@require_POST
def contact_vastleggen(request, pk: int):
    taak = selectors.taak_detail(user=request.user, pk=pk)
    form = ContactForm(request.POST, taak=taak)
    if not form.is_valid():
        return taakpagina_tonen(request, pk, contact_form=form)
    velden, extra = form.gegevens()
    try:  # VER-2: the draft goes; DIE-3: the service and its time in the same transaction
        if "concept_versie" in request.POST:  # the draft this form was based on; only that one goes
            velden["concept_versie"] = request.POST["concept_versie"]
        verslagen.verslag_vastleggen(actor=request.user, taak=taak, extra=extra, **velden)
    except services.TaakFout as fout:
        messages.error(request, str(fout))
    else:
        messages.success(
            request,
            _("Het contact is vastgelegd.")
            if form.cleaned_data["bereikt"]
            else _("De mislukte contactpoging is vastgelegd."),
        )
        if verslagen.concept_van(actor=request.user, taak=taak):  # saved by another tab after this form's draft
            messages.warning(
                request,
                _(
                    "In een ander tabblad is intussen een nieuwer concept van een verslag bewaard. Dat concept is "
                    "bewaard gebleven: u vindt het in het contactformulier."
                ),
            )
    return redirect("taken:detail", pk=pk)


@login_required
@require_POST
def taak_overdragen(request, pk: int):
    taak = selectors.taak_detail(user=request.user, pk=pk)
    form = overdragen_form_voor(request, taak, data=request.POST)
    if not form.is_valid():
        return taakpagina_tonen(request, pk, overdragen_form=form)
    naar = form.cleaned_data["naar"]
    return _actie(
        request,
        pk,
        overdracht.taak_overdragen,
        _("De taak is overgedragen aan %(m)s.") % {"m": naar},
        naar=naar,
        team=form.cleaned_data["team"],
        specialisatie=form.cleaned_data["specialisatie"],
    )
