"""The team worklist (werkstroom, TAK-4) and the task page with its lifecycle actions (TAK-2, VER-1).

The worklist pages live here, not in werkstroom/: they read tasks, and werkstroom sits below taken."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Page
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cris.audit.api import audit_lijst, audit_read
from taken import selectors, services, verslagen
from taken.forms import AfbrekenForm, ContactForm, WerklijstForm
from taken.models import OPEN_TAAKSTATUSSEN, Taak, TaakStatus
from taken.terugbellen import open_terugbelnotities
from taken.verdeler import VERDELER_AFDELINGEN
from taken.views_werk import filter_gekozen, overdragen_form_voor, werk_context
from werkstroom.selectors import lidmaatschappen_van


@dataclass
class WerklijstPagina:
    """What the worklist page shows (TAK-4), assembled by ``werkstroom`` from selectors."""

    form: WerklijstForm
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
        client_ids=selectors.clienten_van_taken([r.pk for r in pagina]),
        objecten={"taken.taak": [r.pk for r in pagina]},
        reason={
            "mijn": _("eigen taken"),
            "team": _("team %(t)s") % {"t": team} if team else _("eigen teams"),
            "leden": _("taken van teamleden"),
        }.get(lijst.weergave, ""),
    )
    query = request.GET.copy()
    query.pop("pagina", None)
    p = WerklijstPagina(
        form=form,
        lijst=lijst,
        leider=leider,
        lidmaatschappen=lidmaatschappen,
        pagina=pagina,
        aantallen=aantallen,
        status_aantallen=[(code, label, aantallen[code]) for code, label in TaakStatus.choices if code in aantallen],
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
    filters = services.mijn_filters_bewaren(actor=request.user, query=request.POST.get("query", ""))
    messages.success(request, _("Uw filters zijn bewaard als 'mijn filters'."))
    return redirect(f"{reverse('taken:werkstroom')}?{filters.query}")


def tel_link(nummer: str) -> str:
    """A phone number as a tel: URI: digits and a leading + only ("06-12 34 56 78" → "0612345678")."""
    nummer = nummer.strip()
    return ("+" if nummer.startswith("+") else "") + "".join(c for c in nummer if c.isdigit())


@dataclass
class TaakPagina:
    """What the task page shows (issue 25), assembled by ``taak_detail``: the fixed case header, the contact
    history, and which action panel is open (one at a time; the one whose form came back with errors)."""

    taak: Taak
    telefoons: list[tuple[str, str]]  # (as written, tel: URI)
    contacten: list
    laatste_verslag: object  # the newest contact with a report, shown first
    open_paneel: str  # contact | dienst | terugbellen | overdragen | afronden | afbreken | ""
    volgende_taak: bool  # the worker uses the taakverdeler: after closing, "Volgende taak"


@login_required
def taak_detail(request, pk: int, contact_form=None, afbreken_form=None, overdragen_form=None, **werk_forms):
    """The task page. Forms that most visits never open load when their panel opens (views_werk.onderdeel);
    here only when they come back with errors (422) or, for the transfer, after its colleague filter."""
    taak = selectors.taak_detail(user=request.user, pk=pk, pagina=True)
    audit_read(actor=request.user, obj=taak, client_id=taak.casus.client_id)
    ongeldig = contact_form or afbreken_form or overdragen_form or any(werk_forms.values())
    contacten = selectors.contactmomenten_van(taak)
    rechten = services.taak_rechten(request.user, taak)
    mag_overdragen = services.mag_overdragen(request.user, taak, rechten)
    if overdragen_form is None and mag_overdragen and filter_gekozen(request.GET):
        overdragen_form = overdragen_form_voor(request, taak)
    mag_behandelen = taak.status == TaakStatus.IN_BEHANDELING and rechten.behandelen
    client = taak.casus.client
    open_paneel = (
        "contact" if contact_form else "afbreken" if afbreken_form else "overdragen" if overdragen_form else ""
    )
    if werk_forms.get("terugbel_form"):
        open_paneel = "terugbellen"
    if getattr(request, "dienst_forms", {}).get("dienst_form"):  # diensten' register form came back with errors
        open_paneel = "dienst"
    p = TaakPagina(
        taak=taak,
        telefoons=[(n, tel_link(n)) for n in (client.telefoon, client.telefoon_2) if n and tel_link(n)],
        contacten=contacten,
        laatste_verslag=next((c for c in contacten if c.verslag), None),
        open_paneel=open_paneel,
        volgende_taak=not taak.open and selectors.gebruikt_taakverdeler(request.user),
    )
    context = {
        "p": p,
        "taak": taak,
        "contacten": contacten,
        "contact_form": contact_form,
        "afbreken_form": afbreken_form or AfbrekenForm(),
        "mag_oppakken": taak.status in (TaakStatus.NIEUW, TaakStatus.TOEGEWEZEN) and rechten.oppakken,
        "mag_behandelen": mag_behandelen,
        "overdragen_form": overdragen_form,
        "mag_overdragen": mag_overdragen,
        "mag_heropenen": not taak.open and (rechten.oppakken or rechten.behandelen),
    }
    context.update(werk_context(request, taak, rechten=rechten, contacten=contacten, **werk_forms))
    return render(request, "taken/taak.html", context, status=422 if ongeldig else 200)


def _actie(request, pk: int, action, succes: str, **kwargs):
    taak = selectors.taak_detail(user=request.user, pk=pk)
    try:
        action(actor=request.user, taak=taak, **kwargs)
    except services.TaakFout as fout:
        messages.error(request, str(fout))
    else:
        messages.success(request, succes)
    return redirect("taken:detail", pk=pk)


@login_required
@require_POST
def taak_oppakken(request, pk: int):
    return _actie(request, pk, services.taak_oppakken, _("U heeft de taak opgepakt."))


@login_required
@require_POST
def taak_afronden(request, pk: int):
    return _actie(request, pk, services.taak_afronden, _("De taak is gerealiseerd."))


@login_required
@require_POST
def taak_heropenen(request, pk: int):
    return _actie(request, pk, services.taak_heropenen, _("De taak is heropend."))


@login_required
@require_POST
def taak_afbreken(request, pk: int):
    form = AfbrekenForm(request.POST)
    if not form.is_valid():
        selectors.taak_detail(user=request.user, pk=pk)
        return taak_detail(request, pk, afbreken_form=form)
    return _actie(request, pk, services.taak_afbreken, _("De taak is afgebroken."), reden=form.cleaned_data["reden"])


@login_required
@require_POST
def contact_vastleggen(request, pk: int):
    taak = selectors.taak_detail(user=request.user, pk=pk)
    form = ContactForm(request.POST)
    if not form.is_valid():
        return taak_detail(request, pk, contact_form=form)
    try:
        verslagen.verslag_vastleggen(actor=request.user, taak=taak, **form.cleaned_data)  # VER-2: draft goes
    except services.TaakFout as fout:
        messages.error(request, str(fout))
    else:
        messages.success(
            request,
            _("Het contact is vastgelegd.")
            if form.cleaned_data["bereikt"]
            else _("De mislukte contactpoging is vastgelegd."),
        )
    return redirect("taken:detail", pk=pk)


@login_required
@require_POST
def taak_overdragen(request, pk: int):
    taak = selectors.taak_detail(user=request.user, pk=pk)
    form = overdragen_form_voor(request, taak, data=request.POST)
    if not form.is_valid():
        return taak_detail(request, pk, overdragen_form=form)
    naar = form.cleaned_data["naar"]
    return _actie(
        request,
        pk,
        services.taak_overdragen,
        _("De taak is overgedragen aan %(m)s.") % {"m": naar},
        naar=naar,
        team=form.cleaned_data["team"],
        specialisatie=form.cleaned_data["specialisatie"],
    )
