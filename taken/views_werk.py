"""Task page additions and pages for distributing work: taakverdeler (TAK-5), follow-up tasks by the matrix
(TAK-3), assigning monitor tasks (TAK-2), transfer with filters (TAK-6), call-back notes (TAK-7), copying a
report within an incident (TAK-9) and the agenda (AGE-1). Views stay thin: a form, one service, a redirect."""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from cris import klok
from cris.audit.api import audit_read
from cris.invoer import geheel_getal
from cris.versie import VersieConflict
from taken import agenda, permissions, registry, selectors, services
from taken.forms import (
    AfspraakForm,
    AfspraakVerplaatsenForm,
    AgendaWeekForm,
    KopierenForm,
    OverdragenForm,
    PlanningForm,
    TerugbelForm,
    ToewijzenForm,
    VervolgtaakForm,
)
from taken.gebeurtenis import contactverslag_kopieren, taken_zelfde_gebeurtenis
from taken.models import Afspraak, Contactmoment, Terugbelnotitie
from taken.services import levenscyclus, overdracht, vervolg
from taken.terugbellen import collegas_voor_terugbellen, terugbelnotitie_afhandelen, terugbelnotitie_maken
from taken.verdeler import ao_alarmeren, volgende_taak
from werkstroom.models import Afdeling, Specialisatie, Team


def overdragen_form_voor(request, taak, data=None, *, form_class=OverdragenForm, prefix=None, **kwargs):
    """The transfer form (TAK-6), of the task or (``form_class``, ``prefix``) of some of its services; its
    colleague list follows the team and skill chosen (GET filter or POST)."""
    bron = data if data is not None else request.GET
    team_id = str(bron.get(f"{prefix}-team" if prefix else "team", ""))
    spec_id = str(bron.get(f"{prefix}-specialisatie" if prefix else "specialisatie", ""))
    teams = overdracht.teams_voor_overdracht(taak)
    team = teams.filter(pk=geheel_getal(team_id)).first() if geheel_getal(team_id) is not None else None
    spec = Specialisatie.objects.filter(pk=geheel_getal(spec_id)).first() if geheel_getal(spec_id) is not None else None
    collegas = overdracht.collegas_voor_overdracht(taak, team=team, specialisatie=spec)
    initial = {"team": team, "specialisatie": spec}
    return form_class(data, collegas=collegas, teams=teams, initial=initial, prefix=prefix, **kwargs)


def vervolg_form(taak, data=None) -> VervolgtaakForm:
    typen = vervolg.vervolgtypen(afdeling=taak.team.afdeling)
    teams = Team.objects.filter(actief=True, afdeling__in=typen.values("afdeling")).order_by("afdeling", "naam")
    return VervolgtaakForm(data, typen=typen, teams=teams, prefix="vervolg")


def filter_gekozen(query, prefix=None) -> bool:
    """Whether a transfer form's colleague filter (team, skill) is in this GET: then the page shows that form
    open, with the colleagues found."""
    return any(query.get(f"{prefix}-{naam}" if prefix else naam) for naam in ("team", "specialisatie"))


def _onderdeel_overdragen(request, taak, rechten):
    return permissions.mag_overdragen(request.user, taak, rechten) and {
        "overdragen_form": overdragen_form_voor(request, taak)
    }


def _onderdeel_toewijzen(request, taak, rechten):
    return (
        taak.status in ("nieuw", "toegewezen")
        and permissions.mag_toewijzen(request.user, taak, rechten)
        and {"toewijzen_form": ToewijzenForm(collegas=overdracht.collegas_voor_overdracht(taak))}
    )


def _onderdeel_kopieren(request, taak, rechten):
    gebeurtenis = taken_zelfde_gebeurtenis(user=request.user, taak=taak)
    return rechten.vervolgtaak and {"kopieren_form": _kopieren_form(taak, gebeurtenis)}


# Issue 11: the task page's forms that most visits never open, by the name in their URL: (title, context or
# False when this user may not use the form here).
ONDERDELEN = {
    "overdragen": (gettext_lazy("Taak overdragen"), _onderdeel_overdragen),
    "toewijzen": (gettext_lazy("Monitortaak toewijzen"), _onderdeel_toewijzen),
    "vervolgtaak": (
        gettext_lazy("Vervolgtaak aanmaken"),
        lambda request, taak, rechten: rechten.vervolgtaak and {"vervolg_form": vervolg_form(taak)},
    ),
    "terugbelnotitie": (
        gettext_lazy("Terugbelnotitie schrijven"),
        lambda request, taak, rechten: {"terugbel_form": TerugbelForm(collegas=collegas_voor_terugbellen(taak))},
    ),
    "afspraak": (
        gettext_lazy("Afspraak maken"),
        lambda request, taak, rechten: taak.open and rechten.behandelen and {"afspraak_form": AfspraakForm()},
    ),
    "kopieren": (gettext_lazy("Verslag kopiëren naar dezelfde gebeurtenis"), _onderdeel_kopieren),
    "afronden": (
        gettext_lazy("Taak afronden"),
        lambda request, taak, rechten: (
            taak.status == "in_behandeling"
            and rechten.behandelen
            and {"openstaand": selectors.openstaand_van(taak=taak)}
        ),
    ),
}


@login_required
def onderdeel(request, pk: int, naam: str):
    """One form of the task page, loaded when its panel opens (htmx: the form alone) or, without JavaScript,
    as a page of its own. Same access as the task page (404 outside the casus), and a read of it in the
    audit log: the form shows the task's client and colleagues."""
    gevonden = ONDERDELEN.get(naam) or registry.onderdelen.get(naam)  # registry: parts of apps above taken
    if gevonden is None:
        raise Http404
    taak = selectors.taak_detail(user=request.user, pk=pk)
    titel, maken = gevonden
    context = maken(request, taak, permissions.taak_rechten(request.user, taak))
    if not context:
        raise Http404
    audit_read(actor=request.user, obj=taak, client_id=taak.casus.client_id)
    context.update(taak=taak, titel=titel, fragment=f"taken/onderdelen/{naam}.html")
    if request.headers.get("HX-Request"):
        return render(request, context["fragment"], context)
    return render(request, "taken/onderdeel.html", context)


def _kopieren_form(taak, gebeurtenis, data=None) -> KopierenForm:
    contacten = Contactmoment.objects.filter(taak=taak).exclude(verslag="").order_by("-tijdstip")
    return KopierenForm(data, taken=gebeurtenis, contacten=contacten)


def _terug(request, pk: int, fout=None, succes: str = "", anker: str = ""):
    if fout is not None:
        messages.error(request, str(fout))
    elif succes:
        messages.success(request, succes)
    return redirect(reverse("taken:detail", args=[pk]) + (f"#{anker}" if anker else ""))


def _detail(request, pk, **forms):
    from taken.views import taakpagina_tonen  # taken.views imports this module

    return taakpagina_tonen(request, pk, **forms)


@login_required
@require_POST
def volgende(request):
    """TAK-5: the taakverdeler picks, claims and opens the next task."""
    try:
        taak = volgende_taak(actor=request.user)
    except services.TaakFout as fout:
        messages.error(request, str(fout))
        return redirect("taken:werkstroom")
    if taak is None:
        messages.info(request, _("Er staat nu geen taak voor u klaar. Probeer het later nog eens."))
        return redirect("taken:werkstroom")
    messages.success(request, _("De taakverdeler heeft u deze taak gegeven; u bent behandelaar."))
    return redirect("taken:detail", pk=taak.pk)


def _uitvoeren(request, pk: int, form, formnaam: str, doe, succes, anker: str = ""):
    """The shape of every form on the task page: invalid → the page again with the errors at the fields
    (422); a refusal by the service → its message; else the success message."""
    if not form.is_valid():
        return _detail(request, pk, **{formnaam: form})
    try:
        resultaat = doe(form.cleaned_data)
    except services.TaakFout as fout:
        return _terug(request, pk, fout)
    return _terug(request, pk, succes=succes(form.cleaned_data, resultaat), anker=anker)


@login_required
@require_POST
def vervolgtaak(request, pk: int):
    """TAK-3: a follow-up task from this task's werkstroom; an Acute Opvang task is an alert (TAK-8). The
    casus page raises the alert through here too (``terug=casus`` returns there)."""
    taak = selectors.taak_detail(user=request.user, pk=pk)
    if not permissions.mag_vervolgtaak(request.user, taak):
        raise Http404

    def doe(data):
        if data["taaktype"].afdeling == Afdeling.ACUTE_OPVANG and data["team"] is None:
            return ao_alarmeren(actor=request.user, casus=taak.casus)
        return levenscyclus.taak_aanmaken(
            actor=request.user, casus=taak.casus, taaktype=data["taaktype"], team=data["team"], vanuit=taak
        )

    response = _uitvoeren(
        request, pk, vervolg_form(taak, request.POST), "vervolg_form", doe,
        lambda data, nieuw: _("Taak %(t)s aangemaakt voor %(team)s.") % {"t": nieuw.type, "team": nieuw.team},
    )  # fmt: skip
    if request.POST.get("terug") == "casus" and response.status_code == 302:
        return redirect("casus:detail", pk=taak.casus_id)
    return response


@login_required
@require_POST
def toewijzen(request, pk: int):
    taak = selectors.taak_detail(user=request.user, pk=pk)
    return _uitvoeren(
        request, pk, ToewijzenForm(request.POST, collegas=overdracht.collegas_voor_overdracht(taak)), "toewijzen_form",
        lambda data: overdracht.taak_toewijzen(actor=request.user, taak=taak, aan=data["aan"]),
        lambda data, _taak: _("De taak is toegewezen aan %(m)s.") % {"m": data["aan"]},
    )  # fmt: skip


@login_required
@require_POST
def terugbelnotitie(request, pk: int):
    taak = selectors.taak_detail(user=request.user, pk=pk)
    return _uitvoeren(
        request, pk, TerugbelForm(request.POST, collegas=collegas_voor_terugbellen(taak)), "terugbel_form",
        lambda data: terugbelnotitie_maken(actor=request.user, taak=taak, **data),
        lambda data, _notitie: _("De terugbelnotitie is verstuurd aan %(m)s.") % {"m": data["voor"]},
    )  # fmt: skip


@login_required
@require_POST
def terugbelnotitie_afgehandeld(request, notitie_pk: int):
    notitie = get_object_or_404(Terugbelnotitie.objects.select_related("taak__casus"), pk=notitie_pk)
    selectors.taak_detail(user=request.user, pk=notitie.taak_id)  # 404 without access to the casus
    try:
        terugbelnotitie_afhandelen(actor=request.user, notitie=notitie)
    except services.TaakFout as fout:
        return _terug(request, notitie.taak_id, fout)
    return _terug(request, notitie.taak_id, succes=_("De terugbelnotitie is afgehandeld."))


@login_required
@require_POST
def kopieren(request, pk: int):
    """TAK-9: copy a contact report to the tasks of other clients of the same incident."""
    taak = selectors.taak_detail(user=request.user, pk=pk)
    form = _kopieren_form(taak, taken_zelfde_gebeurtenis(user=request.user, taak=taak), request.POST)
    return _uitvoeren(
        request, pk, form, "kopieren_form",
        lambda data: contactverslag_kopieren(actor=request.user, contact=data["contact"], naar=list(data["taken"])),
        lambda data, kopieen: _("Het verslag is gekopieerd naar %(n)d taken.") % {"n": len(kopieen)},
    )  # fmt: skip


@login_required
@require_POST
def afspraak(request, pk: int):
    taak = selectors.taak_detail(user=request.user, pk=pk)
    return _uitvoeren(
        request, pk, AfspraakForm(request.POST), "afspraak_form",
        lambda data: agenda.afspraak_maken(actor=request.user, taak=taak, **data),
        lambda data, _afspraak: _("De afspraak staat in de agenda."), anker="afspraken-kop",
    )  # fmt: skip


def _agenda_afspraak(request, afspraak_pk: int) -> Afspraak:
    item = get_object_or_404(Afspraak.objects.select_related("taak__casus"), pk=afspraak_pk)
    if not permissions.mag_inzien(request.user, item):
        raise Http404  # also for its worker and its planner once they lost access to the casus
    return item


@login_required
@require_POST
def afspraak_verwijderen(request, afspraak_pk: int):
    item = _agenda_afspraak(request, afspraak_pk)
    try:
        agenda.afspraak_verwijderen(actor=request.user, afspraak=item)
    except services.TaakFout as fout:
        messages.error(request, str(fout))
    else:
        messages.success(request, _("De afspraak is verwijderd."))
    return _terug_naar_agenda(request)


@login_required
@require_POST
def afspraak_verplaatsen(request, afspraak_pk: int):
    """AGE-1 on the agenda and on the task page (``vanaf=taak``): the appointment at another time (one event
    'afspraak-verplaatst' for the client). A form with errors comes back on the page it was sent from (422)."""
    item = _agenda_afspraak(request, afspraak_pk)
    form = AfspraakVerplaatsenForm(request.POST, afspraak=item)
    if not form.is_valid():
        if request.POST.get("vanaf") == "taak":
            return _detail(request, item.taak_id, verplaats_form=form)
        return agenda_week(request, verplaats_form=form)
    tijd = form.cleaned_data
    try:
        agenda.afspraak_verplaatsen(
            actor=request.user, afspraak=item, begin=tijd["begin"], einde=tijd["einde"], verwacht=tijd["versie"]
        )
    except services.TaakFout as fout:
        messages.error(request, str(fout))
    except VersieConflict as conflict:  # issue 23 item 3: someone moved it meanwhile; nothing changed
        nu = conflict.obj
        messages.error(
            request,
            _("%(bericht)s De afspraak staat nu op %(b)s–%(e)s.")
            % {
                "bericht": conflict.bericht,
                "b": timezone.localtime(nu.begin).strftime("%d-%m-%Y %H:%M"),
                "e": timezone.localtime(nu.einde).strftime("%H:%M"),
            },
        )
    else:
        messages.success(request, _("De afspraak is verplaatst."))
    return _terug_naar_agenda(request)


def _terug_pad(request) -> str:
    """Where a form of the agenda returns to: the page it was sent from (a local path), else the agenda."""
    terug = request.POST.get("terug", "")
    veilig = url_has_allowed_host_and_scheme(
        terug, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return terug if veilig and terug.startswith("/") else reverse("taken:agenda")


def _terug_naar_agenda(request):
    return redirect(_terug_pad(request))


def _week(request) -> tuple[AgendaWeekForm, date]:
    """The week form and the Monday of the week to show: this week when none or an invalid one was asked for
    (the form then has the message; year 1 or 9999 is refused by cris.datums' range)."""
    form = AgendaWeekForm(request.GET if "week" in request.GET else None)
    dag = form.cleaned_data.get("week") if form.is_bound and form.is_valid() else None
    if dag is None:
        maandag = agenda.week_begin(klok.vandaag())
        if not form.is_bound:
            form = AgendaWeekForm(initial={"week": maandag})
        return form, maandag
    return form, dag - timedelta(days=dag.weekday())


@login_required
def agenda_week(request, planning_form=None, verplaats_form=None):
    """AGE-1: a worker's week; team leaders see their members', JD-Admin plans for JD workers."""
    zichtbaar = agenda.zichtbare_agendas(request.user)
    gevraagd = request.GET.get("medewerker") or request.POST.get("medewerker")
    gevraagd = geheel_getal(gevraagd)
    medewerker = zichtbaar.filter(pk=gevraagd).first() if gevraagd is not None else request.user
    if medewerker is None:
        raise Http404
    week_form, maandag = _week(request)
    planner = permissions.is_jd_planner(request.user) and agenda.jd_medewerkers().filter(pk=medewerker.pk).exists()
    dagen = agenda.week(medewerker=medewerker, maandag=maandag, kijker=request.user)
    for _dag, afspraken in dagen:
        for a in afspraken:  # the move form of each appointment; the one that came back with errors, bound
            a.verplaats_form = (
                verplaats_form
                if verplaats_form is not None and verplaats_form.afspraak.pk == a.pk
                else AfspraakVerplaatsenForm(afspraak=a)
            )
    context = {
        "medewerker": medewerker,
        "medewerkers": list(zichtbaar),
        "dagen": dagen,
        "terug": _terug_pad(request) if request.method == "POST" else request.get_full_path(),
        "maandag": maandag,
        "week_form": week_form,
        "vorige": maandag - timedelta(days=7),
        "volgende": maandag + timedelta(days=7),
        "eigen": medewerker.pk == request.user.pk,
        "planning_form": planning_form
        or (
            PlanningForm(taken=agenda.plantaken_voor(planner=request.user, medewerker=medewerker)) if planner else None
        ),
    }
    if medewerker.pk != request.user.pk:
        audit_read(actor=request.user, obj=medewerker)
    return render(request, "taken/agenda.html", context, status=422 if planning_form or verplaats_form else 200)


@login_required
@require_POST
def agenda_plannen(request):
    """AGE-1: JD-Admin plans an appointment for a JD worker."""
    medewerker = agenda.jd_medewerkers().filter(pk=request.POST.get("medewerker") or 0).first()
    if medewerker is None or not permissions.is_jd_planner(request.user):
        raise Http404
    form = PlanningForm(request.POST, taken=agenda.plantaken_voor(planner=request.user, medewerker=medewerker))
    if not form.is_valid():
        return agenda_week(request, planning_form=form)
    data = dict(form.cleaned_data)
    taak = data.pop("taak")
    try:
        agenda.afspraak_maken(actor=request.user, taak=taak, medewerker=medewerker, **data)
    except services.TaakFout as fout:
        messages.error(request, str(fout))
    else:
        messages.success(request, _("De afspraak is gepland voor %(m)s.") % {"m": medewerker})
    week = timezone.localtime(data["begin"]).date().isoformat()
    return redirect(f"{reverse('taken:agenda')}?medewerker={medewerker.pk}&week={week}")


@login_required
def agenda_ical(request):
    """AGE-1: one's own appointments as iCalendar, to subscribe to from a calendar program."""
    inhoud = agenda.ical(medewerker=request.user, host=request.get_host().split(":")[0])
    response = HttpResponse(inhoud, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="cris-agenda.ics"'
    return response
