"""Services on the task page (DIE-2, DIE-3). Access follows the casus (AUT-1): an outsider gets 404.
Views are thin: a selector for access, a form, one service, back to the task."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

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
    try:
        levenscyclus.dienst_registreren(actor=request.user, taak=taak, **form.cleaned_data)
    except services.DienstFout as fout:
        messages.error(request, str(fout))
    else:
        messages.success(request, _("De dienst is geregistreerd."))
    return redirect("taken:detail", pk=taak_pk)


def _actie(request, pk: int, actie, succes: str):
    dienst = selectors.dienst_of_404(user=request.user, pk=pk)
    try:
        actie(actor=request.user, dienst=dienst)
    except services.DienstFout as fout:
        messages.error(request, str(fout))
    else:
        messages.success(request, succes)
    return redirect("taken:detail", pk=dienst.taak_id)


@login_required
@require_POST
def dienst_starten(request, pk: int):
    return _actie(request, pk, levenscyclus.dienst_starten, _("De dienst is in behandeling."))


@login_required
@require_POST
def dienst_afronden(request, pk: int):
    return _actie(request, pk, levenscyclus.dienst_afronden, _("De dienst is afgerond."))


@login_required
@require_POST
def dienst_afbreken(request, pk: int):
    return _actie(request, pk, levenscyclus.dienst_afbreken, _("De dienst is afgebroken."))


@login_required
@require_POST
def dienst_heropenen(request, pk: int):
    return _actie(request, pk, levenscyclus.dienst_heropenen, _("De dienst is heropend."))


@login_required
@require_POST
def tijd_registreren(request, pk: int):
    dienst = selectors.dienst_of_404(user=request.user, pk=pk)
    form = TijdForm(request.POST, prefix=f"tijd{pk}")
    if not form.is_valid():
        return _taakpagina_met_fouten(request, dienst.taak_id, tijd_form=form, tijd_dienst=pk)
    try:
        tijd.tijd_registreren(actor=request.user, dienst=dienst, **form.cleaned_data)
    except services.DienstFout as fout:
        messages.error(request, str(fout))
    else:
        messages.success(request, _("De tijd is geregistreerd."))
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
