"""Pages for merging duplicate clients (CLI-2); the logic is in casus.samenvoegen."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from casus import samenvoegen
from casus.clientzoeker import aangeboden
from casus.models import Client
from casus.permissions import mag_samenvoegen
from casus.selectors import casustellingen, normaliseer_postcode
from cris.audit.api import audit_read

_NUMMER = r"^\s*(?:[Cc][Ll])?0*\d{1,12}\s*$"


def _clientnummer(waarde: str) -> int:
    return int("".join(c for c in waarde if c.isdigit()))


def _clientnummer_veld(label) -> forms.RegexField:
    return forms.RegexField(
        label=label,
        regex=_NUMMER,
        max_length=20,
        help_text=gettext_lazy("Cliëntnummer, bijv. CL0001234."),
        error_messages={"invalid": gettext_lazy("Een cliëntnummer ziet eruit als CL0001234.")},
        widget=forms.TextInput(attrs={"class": "utrecht-textbox"}),
    )


class SamenvoegForm(forms.Form):
    bron = _clientnummer_veld(gettext_lazy("Dubbele cliënt (verdwijnt)"))
    doel = _clientnummer_veld(gettext_lazy("Cliënt die blijft"))
    reden = forms.CharField(
        label=gettext_lazy("Reden"),
        max_length=500,
        help_text=gettext_lazy("Waarom u deze cliënten vergelijkt, bijv. het nummer van de aanmelding."),
        error_messages={"required": gettext_lazy("Geef de reden van het vergelijken en samenvoegen op.")},
        widget=forms.TextInput(attrs={"class": "utrecht-textbox"}),
    )

    def clean(self):
        data = super().clean()
        if data.get("bron") and data.get("doel"):
            data["bron"], data["doel"] = _clientnummer(data["bron"]), _clientnummer(data["doel"])
            if data["bron"] == data["doel"]:
                raise forms.ValidationError(_("Kies twee verschillende cliënten."))
        return data


def _toegestaan(request):
    if not mag_samenvoegen(request.user):
        raise Http404


def _clienten(request, pks: list[int], reden: str) -> dict[int, Client]:
    """Identification only (no case content), with the number of open and closed cases (as AAN-5), of clients
    the finder offered this user for the work at hand (issue 21 item 2); any other number is not found."""
    toegestaan = aangeboden(request.session)
    clienten = {
        c.pk: c
        for c in Client.objects.filter(pk__in=[pk for pk in pks if pk in toegestaan])
        .prefetch_related("adressen")
        .annotate(**casustellingen())
    }
    for client in clienten.values():
        audit_read(actor=request.user, obj=client, client_id=client.pk, reason=f"cliënten samenvoegen: {reden}")
    return clienten


GELIJK, VERSCHILT, ONBEKEND = gettext_lazy("gelijk"), gettext_lazy("verschilt"), gettext_lazy("niet bekend")


def _gelijk(a, b) -> str:
    if not a or not b:
        return ONBEKEND if not a and not b else VERSCHILT
    return GELIJK if a == b else VERSCHILT


def _adressen(client: Client) -> set[str]:
    return {
        f"{normaliseer_postcode(a.postcode)} {a.huisnummer}{a.huisletter}{a.toevoeging}".upper()
        for a in client.adressen.all()
    }


def vergelijking_van(bron: Client, doel: Client) -> dict:
    """What the merge page shows of two clients: the BSN and a secret address only as "gelijk / verschilt"
    (issue 21 item 2), other addresses in full; names, birth dates and case counts as they are."""
    geheim = bron.geheim_adres or doel.geheim_adres
    adressen = _gelijk(frozenset(_adressen(bron)), frozenset(_adressen(doel)))
    return {
        "bron": bron,
        "doel": doel,
        "bsn": _gelijk(bron.bsn, doel.bsn),
        "geheim": geheim,
        "adressen": adressen,
        "bron_adressen": None if geheim else [str(a) for a in bron.adressen.all()],
        "doel_adressen": None if geheim else [str(a) for a in doel.adressen.all()],
    }


@login_required
def samenvoegen_pagina(request):
    """CLI-2: compare two clients, then merge; recent merges with their undo button."""
    _toegestaan(request)
    bound = request.method == "POST" or "bron" in request.GET
    form = SamenvoegForm((request.POST if request.method == "POST" else request.GET) if bound else None)
    vergelijking = None
    if bound and form.is_valid():
        reden = form.cleaned_data["reden"].strip()
        clienten = _clienten(request, [form.cleaned_data["bron"], form.cleaned_data["doel"]], reden)
        bron, doel = clienten.get(form.cleaned_data["bron"]), clienten.get(form.cleaned_data["doel"])
        if bron is None or doel is None:
            form.add_error(
                None,
                _(
                    "Cliënt niet gevonden onder de cliënten die de cliëntzoeker u voor een aanmelding toonde. "
                    "Vergelijk vanaf de aanmelding."
                ),
            )
        elif request.method == "POST":
            try:
                entry = samenvoegen.client_samenvoegen(actor=request.user, bron=bron, doel=doel, reden=reden)
            except samenvoegen.SamenvoegFout as fout:
                form.add_error(None, str(fout))
            else:
                messages.success(
                    request,
                    _("Cliënt %(b)s is samengevoegd met %(d)s (auditregel %(a)s).")
                    % {"b": bron.nummer, "d": doel.nummer, "a": entry.pk},
                )
                return redirect("casus:samenvoegen")
        if bron is not None and doel is not None:
            vergelijking = vergelijking_van(bron, doel)
    context = {"form": form, "vergelijking": vergelijking, "recent": samenvoegen.samenvoegingen(limit=20)}
    return render(request, "casus/samenvoegen.html", context)


@login_required
@require_POST
def samenvoegen_ongedaan(request, entry_id: int):
    _toegestaan(request)
    try:
        bron = samenvoegen.samenvoegen_ongedaan_maken(actor=request.user, entry_id=entry_id)
    except samenvoegen.SamenvoegFout as fout:
        messages.error(request, str(fout))
    else:
        messages.success(request, _("Samenvoegen ongedaan gemaakt: cliënt %(c)s is terug.") % {"c": bron.nummer})
    return redirect("casus:samenvoegen")
