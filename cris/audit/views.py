"""AUT-3 "Wie heeft dit dossier ingezien?": for one client, every read and change in the audit log — who,
when, what, why, and every list page (worklist, review queue, search results, event page) she was shown on —
for the privacy officer, and exportable as CSV for a data-subject request (AVG inzage).
Only the privacy officer; for anyone else these pages do not exist (404)."""

from __future__ import annotations

import csv

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cris import export as cellen
from cris.accounts.roles import Rol
from cris.audit.api import Actie, audit_record
from cris.audit.models import AuditEntry
from cris.audit.weergave import omschrijving
from cris.invoer import geheel_getal

PER_PAGINA = 100
# Issue 25: readable columns, the same words as the page (cris.audit.weergave).
CSV_KOLOMMEN = [
    gettext_lazy("Tijdstip"),
    gettext_lazy("Medewerker"),
    gettext_lazy("Medewerker-id"),
    gettext_lazy("Actie"),
    gettext_lazy("Wat"),
    gettext_lazy("Waarom"),
    gettext_lazy("Wijzigingen"),
]


def _privacy_officer(request) -> None:
    if not request.user.heeft_rol(Rol.PRIVACY_OFFICER):
        raise Http404


def _client(client_pk: int):
    from django.apps import apps

    # The audit app sits below casus: the model by name. A purged client has no row; its log may remain.
    return apps.get_model("casus", "Client").objects.filter(pk=client_pk).first()


def _regels(request, client_pk: int):
    # Her own entries and every list page she appeared on (one entry per page view, AUT-3).
    # "client_ids <> '{}'" lets PostgreSQL use the partial GIN index (audit_client_ids_gin) on each partition.
    op_lijst = Q(client_ids__contains=[client_pk]) & ~Q(client_ids=[])
    regels = AuditEntry.objects.filter(Q(client_id=client_pk) | op_lijst).order_by("-tijdstip", "-id")
    actie = request.GET.get("actie", "")
    if actie == "lezen":
        regels = regels.filter(actie=Actie.LEZEN)
    elif actie == "wijzigen":
        regels = regels.exclude(actie=Actie.LEZEN)
    return regels, actie


class InzageZoekenForm(forms.Form):
    """The client number whose audit trail the privacy officer opens (CL0000123, 123)."""

    client = forms.CharField(
        label=gettext_lazy("Cliëntnummer"),
        max_length=20,
        error_messages=dict.fromkeys(
            ("required", "max_length"), gettext_lazy("Vul een cliëntnummer in, bijvoorbeeld CL0000123.")
        ),
        widget=forms.TextInput(attrs={"class": "utrecht-textbox"}),
    )

    def clean_client(self) -> int:
        pk = geheel_getal(self.cleaned_data["client"].strip().upper().removeprefix("CL").lstrip("0"))
        if pk is None:
            raise forms.ValidationError(self.fields["client"].error_messages["required"])
        return pk


@login_required
def inzage_zoeken(request):
    _privacy_officer(request)
    form = InzageZoekenForm(request.GET if "client" in request.GET else None)
    if form.is_valid():
        return redirect("audit:inzage", client_pk=form.cleaned_data["client"])
    return render(request, "audit/inzage_zoeken.html", {"form": form})


@login_required
def inzage(request, client_pk: int):
    _privacy_officer(request)
    client = _client(client_pk)
    regels, actie = _regels(request, client_pk)
    if request.GET.get("formaat") == "csv":
        return _csv(request, client_pk, regels)
    pagina = Paginator(regels, PER_PAGINA).get_page(request.GET.get("pagina"))
    _inzage_vastleggen(request, client_pk, Actie.LEZEN, _("inzage in het auditlog"))
    regels_in_woorden = [omschrijving(r) for r in pagina]
    context = {"client": client, "client_pk": client_pk, "pagina": pagina, "regels": regels_in_woorden, "actie": actie}
    return render(request, "audit/inzage.html", context)


def _inzage_vastleggen(request, client_pk: int, actie: str, reden: str) -> None:
    """Reading a client's audit history (on the page, or as the export) is itself logged, on that client."""
    audit_record(
        actie, actor=request.user, object_type="casus.client", object_id=client_pk, client_id=client_pk, reason=reden
    )


class _Echo:
    def write(self, value):
        return value


def _csv(request, client_pk: int, regels):
    """The whole history, streamed (no page limit): an AVG inzage answer. The export is itself logged."""
    _inzage_vastleggen(request, client_pk, Actie.EXPORTEREN, _("AVG-inzageverzoek: export auditlog"))
    writer = csv.writer(_Echo(), delimiter=";")

    def rijen():
        yield writer.writerow(cellen.rij(CSV_KOLOMMEN))
        for r in regels.iterator(chunk_size=2000):
            o = omschrijving(r)
            cellen_in_woorden = [o.tijdstip, o.medewerker, r.actor_id or "", o.actie, o.wat, o.waarom, o.wijzigingen]
            yield writer.writerow(cellen.rij(cellen_in_woorden))

    response = StreamingHttpResponse(rijen(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="inzage-CL{client_pk:07d}.csv"'
    return response
