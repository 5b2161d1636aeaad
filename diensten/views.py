"""Services on the task page (DIE-2, DIE-3). Access follows the casus (AUT-1): an outsider gets 404.
Views are thin: a selector for access, a form, one service, back to the task."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from cris.acties import knop, melden
from diensten import selectors, services
from diensten.forms import DienstForm, TijdForm
from diensten.services import levenscyclus, overdracht, tijd
from diensten.taakpagina import overdracht_form
from taken import selectors as taak_selectors
from taken.views import taakpagina_tonen


def _taakpagina_met_fouten(request, taak_pk: int, **forms):
    """Show the task page again with the invalid form and its messages at the fields (422)."""
    return taakpagina_tonen(request, taak_pk, **forms)


@login_required
@require_POST
def dienst_registreren(request, taak_pk: int):
    taak = taak_selectors.taak_detail(user=request.user, pk=taak_pk)
    form = DienstForm(request.POST)
    if not form.is_valid():
        return _taakpagina_met_fouten(request, taak_pk, dienst_form=form)
    registreren = partial(levenscyclus.dienst_registreren, actor=request.user, taak=taak, **form.cleaned_data)
    melden(request, registreren, _("De dienst is geregistreerd."), services.DienstFout)
    return redirect("taken:detail", pk=taak_pk)


def _actie(request, pk: int, actie, succes: str):
    dienst = selectors.dienst_of_404(user=request.user, pk=pk)
    melden(request, partial(actie, actor=request.user, dienst=dienst), succes, services.DienstFout)
    return redirect("taken:detail", pk=dienst.taak_id)


dienst_starten = knop(_actie, levenscyclus.dienst_starten, gettext_lazy("De dienst is in behandeling."))
dienst_afronden = knop(_actie, levenscyclus.dienst_afronden, gettext_lazy("De dienst is afgerond."))
dienst_afbreken = knop(_actie, levenscyclus.dienst_afbreken, gettext_lazy("De dienst is afgebroken."))
dienst_heropenen = knop(_actie, levenscyclus.dienst_heropenen, gettext_lazy("De dienst is heropend."))


@login_required
@require_POST
def tijd_registreren(request, pk: int):
    dienst = selectors.dienst_of_404(user=request.user, pk=pk)
    form = TijdForm(request.POST, prefix=f"tijd{pk}")
    if not form.is_valid():
        return _taakpagina_met_fouten(request, dienst.taak_id, tijd_form=form, tijd_dienst=pk)
    registreren = partial(tijd.tijd_registreren, actor=request.user, dienst=dienst, **form.cleaned_data)
    melden(request, registreren, _("De tijd is geregistreerd."), services.DienstFout)
    return redirect("taken:detail", pk=dienst.taak_id)


@login_required
@require_POST
def diensten_overdragen(request, taak_pk: int):
    """TAK-6: some of the task's active services to a colleague; the task itself stays with its handler."""
    taak = taak_selectors.taak_detail(user=request.user, pk=taak_pk)
    form = overdracht_form(request, taak, request.POST)
    if not form.is_valid():
        return _taakpagina_met_fouten(request, taak_pk, overdracht_form=form)
    data = form.cleaned_data
    try:
        uitkomst = overdracht.diensten_overdragen(
            actor=request.user,
            taak=taak,
            diensten=data["diensten"],
            naar=data["naar"],
            team=data["team"],
            specialisatie=data["specialisatie"],
        )
    except services.DienstFout as fout:
        messages.error(request, str(fout))
        return redirect(reverse("taken:detail", args=[taak_pk]) + "#diensten-overdragen-kop")
    tekst = _("%(n)d dienst(en) overgedragen aan %(m)s, op de taak %(t)s van %(m)s.") % {
        "n": uitkomst.aantal,
        "m": data["naar"],
        "t": uitkomst.doel.type.naam,
    }
    if uitkomst.bron_zonder_open_diensten:
        tekst += " " + _(
            "Deze taak heeft nu geen actieve diensten meer. Ze blijft open: rond haar af of breek haar af "
            "als er niets meer te doen is."
        )
    messages.success(request, tekst)
    return redirect("taken:detail", pk=taak_pk)
