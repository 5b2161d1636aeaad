"""Schoning pages (SCH-2): the dated lists, paging through one with the reason per item, deselecting,
offering for approval and approving (four eyes), and the purge's progress. 404 for anyone without
schoning.selectie_beoordelen."""

from __future__ import annotations

from dateutil.relativedelta import relativedelta
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from cris.audit.api import audit_read
from cris.invoer import geheel_getal
from schoning import permissions, selectors, services
from schoning.forms import UitzonderenForm
from schoning.models import ItemStatus, SelectieItem, SelectieStatus, Soort


@login_required
def overzicht(request):
    lijsten = list(selectors.selecties(request.user)[:30])
    return render(request, "schoning/overzicht.html", {"lijsten": lijsten})


def _waarom(selectie, item: SelectieItem) -> str:
    regel = selectie.regels.get(item.soort, {})
    termijn = regel.get("termijn_maanden", 0)
    verlopen = item.peildatum + relativedelta(months=termijn)
    return _("%(vanaf)s %(datum)s + %(n)s maanden: verlopen op %(verlopen)s") % {
        "vanaf": _("maand") if item.soort == Soort.AUDIT else _("termijn telt vanaf"),
        "datum": item.peildatum.strftime("%d-%m-%Y"),
        "n": termijn,
        "verlopen": verlopen.strftime("%d-%m-%Y"),
    }


@login_required
def selectie(request, pk: int):
    lijst = selectors.selectie_of_404(request.user, pk)
    soort = request.GET.get("soort") or next(iter(lijst.regels), Soort.CASUS)
    status = request.GET.get("status") or ItemStatus.GESELECTEERD
    if soort not in Soort.values or status not in ItemStatus.values:
        raise Http404
    na = geheel_getal(request.GET.get("na"), standaard=0)
    items, volgende = selectors.items_pagina(lijst, soort=soort, status=status, na=na)
    audit_read(actor=request.user, obj=lijst, reason=f"{soort}/{status}")
    tellingen = services.tellingen(lijst)
    return render(
        request,
        "schoning/selectie.html",
        {
            "lijst": lijst,
            "soort": soort,
            "status": status,
            "items": [(item, _waarom(lijst, item)) for item in items],
            "volgende": volgende,
            "tellingen": [
                (Soort(s).label, s, lijst.regels[s], tellingen.get(s, {})) for s in Soort.values if s in lijst.regels
            ],
            "statussen": ItemStatus.choices,
            "soorten": [(s, Soort(s).label) for s in Soort.values if s in lijst.regels],
            "form": UitzonderenForm(),
            "wijzigbaar": lijst.status in (SelectieStatus.CONCEPT, SelectieStatus.TER_GOEDKEURING),
            "mag_goedkeuren": permissions.mag_goedkeuren(request.user)
            and lijst.status == SelectieStatus.TER_GOEDKEURING
            and lijst.voorbereid_door_id != request.user.pk,
        },
    )


@login_required
@never_cache
def voortgang(request, pk: int):
    """The part of the page htmx refreshes while the purge runs."""
    lijst = selectors.selectie_of_404(request.user, pk)
    return render(request, "schoning/_voortgang.html", {"lijst": lijst})


def _na_actie(request, pk: int, doen) -> None:
    try:
        doen()
    except ValidationError as fout:
        messages.error(request, " ".join(fout.messages))
    except PermissionDenied:
        raise Http404 from None


@login_required
@require_POST
def aanbieden(request, pk: int):
    lijst = selectors.selectie_of_404(request.user, pk)
    _na_actie(request, pk, lambda: services.selectie_aanbieden(actor=request.user, selectie=lijst))
    return redirect("schoning:selectie", pk=pk)


@login_required
@require_POST
def goedkeuren(request, pk: int):
    lijst = selectors.selectie_of_404(request.user, pk)
    if not permissions.mag_goedkeuren(request.user):
        raise Http404
    _na_actie(request, pk, lambda: services.selectie_goedkeuren(actor=request.user, selectie=lijst))
    return redirect("schoning:selectie", pk=pk)


@login_required
@require_POST
def uitzonderen(request, pk: int, item: int):
    lijst = selectors.selectie_of_404(request.user, pk)
    gevonden = SelectieItem.objects.filter(selectie=lijst, pk=item).first()
    if gevonden is None:
        raise Http404
    form = UitzonderenForm(request.POST)
    if form.is_valid():
        _na_actie(
            request,
            pk,
            lambda: services.item_uitzonderen(
                actor=request.user, item=gevonden, reden=form.cleaned_data["reden"], tot=form.cleaned_data["tot"]
            ),
        )
    else:
        fouten = [f"{form.fields[veld].label}: {' '.join(m)}" for veld, m in form.errors.items()]
        messages.error(request, _("Niet uitgezonderd. %s") % " ".join(fouten))
    return redirect(f"{request.path.rsplit('/items/', 1)[0]}/?soort={gevonden.soort}")
