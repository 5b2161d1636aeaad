"""Pages for leaders and cover (issue 24): the caseload of led teams (TAK-4), a led team's open tasks, the
open tasks of deactivated workers handed on in bulk, and the piket rota kept by the AO coordinator (TAK-8).
Who may see them is in taken.permissions and werkstroom.permissions, the rules in taken.leiding and
werkstroom.piket; for anyone else these pages do not exist (404)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from casus.access import casussen_zichtbaar_voor
from cris import klok
from cris.accounts.models import Medewerker
from taken import leiding
from taken.forms import TijdstipField
from taken.permissions import geleide_teams, mag_leiden
from werkstroom import piket
from werkstroom.models import Lidmaatschap, Piketdienst
from werkstroom.permissions import is_ao_coordinator


def _leider(request) -> None:
    if not mag_leiden(request.user):
        raise Http404


@login_required
def overzicht(request):
    """TAK-4: per led team (a district manager: every team in the district) the open work and who holds it."""
    _leider(request)
    context = {
        "caseload": leiding.caseload(request.user),
        "wees_n": leiding.wees_taken(request.user).count(),
        "is_coordinator": is_ao_coordinator(request.user),
    }
    return render(request, "taken/leiding/overzicht.html", context)


@login_required
def team(request, team_pk: int):
    """The open tasks of one led team, by number, type, status, deadline and handler; a task opens where the
    leader may see its casus (AUT-1)."""
    taken = leiding.team_werklijst(request.user, team_pk)
    if taken is None:
        raise Http404
    taken = list(taken[:500])
    zichtbaar = set(
        casussen_zichtbaar_voor(request.user).filter(pk__in={t.casus_id for t in taken}).values_list("pk", flat=True)
    )
    context = {
        "team": geleide_teams(request.user).get(pk=team_pk),
        "taken": [(t, t.casus_id in zichtbaar) for t in taken],
        "nu": klok.nu(),
    }
    return render(request, "taken/leiding/team.html", context)


class HerverdeelForm(forms.Form):
    taken = forms.TypedMultipleChoiceField(
        label=gettext_lazy("Taken"), coerce=int, error_messages={"required": gettext_lazy("Kies ten minste één taak.")}
    )
    naar = forms.ModelChoiceField(
        label=gettext_lazy("Overdragen aan"),
        queryset=Medewerker.objects.none(),
        error_messages={"required": gettext_lazy("Kies de collega die de taken overneemt.")},
        widget=forms.Select(attrs={"class": "utrecht-select"}),
    )

    def __init__(self, *args, user, taken, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["taken"].choices = [(t.pk, str(t.pk)) for t in taken]
        leden = Lidmaatschap.objects.filter(team__in=geleide_teams(user)).values("medewerker_id")
        self.fields["naar"].queryset = Medewerker.objects.filter(pk__in=leden, is_active=True).order_by(
            "achternaam", "voornamen"
        )


@login_required
def wees(request):
    """The open tasks of deactivated workers in the led teams; the leader hands a selection to a colleague."""
    _leider(request)
    taken = list(leiding.wees_taken(request.user))
    form = HerverdeelForm(request.POST or None, user=request.user, taken=taken)
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            klaar, fouten = leiding.taken_herverdelen(
                actor=request.user, taak_ids=form.cleaned_data["taken"], naar=form.cleaned_data["naar"]
            )
            if not fouten:
                messages.success(
                    request,
                    _("%(n)d taken overgedragen aan %(m)s.") % {"n": len(klaar), "m": form.cleaned_data["naar"]},
                )
                return redirect("leiding:wees")
            for fout in fouten:
                form.add_error(None, fout)
    return render(request, "taken/leiding/wees.html", {"taken": taken, "form": form}, status=status)


# --- TAK-8: the piket rota, kept by the AO coordinator ---------------------------------------------------


class PiketdienstForm(forms.Form):
    medewerker = forms.ModelChoiceField(
        label=gettext_lazy("Piketleider"),
        queryset=Medewerker.objects.none(),
        widget=forms.Select(attrs={"class": "utrecht-select"}),
    )
    van = TijdstipField(label=gettext_lazy("Van"))
    tot = TijdstipField(label=gettext_lazy("Tot"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["medewerker"].queryset = piket.piketleiders()
        for naam in ("van", "tot"):
            self.fields[naam].widget.attrs["class"] = "utrecht-textbox"


def _coordinator(request) -> None:
    if not is_ao_coordinator(request.user):
        raise Http404


@login_required
def piketrooster(request):
    _coordinator(request)
    form = PiketdienstForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            try:
                piket.piketdienst_opslaan(actor=request.user, **form.cleaned_data)
            except piket.PiketFout as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, _("Piketdienst toegevoegd."))
                return redirect("leiding:piket")
    context = {
        "form": form,
        "rooster": piket.rooster(vanaf=klok.nu()),
        "regeling": piket.regeling(),
        "verantwoordelijk": piket.verantwoordelijke(),
    }
    return render(request, "taken/leiding/piket.html", context, status=status)


@login_required
@require_POST
def piketdienst_verwijderen(request, pk: int):
    _coordinator(request)
    dienst = get_object_or_404(Piketdienst, pk=pk)
    try:
        piket.piketdienst_verwijderen(actor=request.user, dienst=dienst)
    except piket.PiketFout as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Piketdienst verwijderd."))
    return redirect("leiding:piket")
