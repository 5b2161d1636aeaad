"""Documents, letters and e-mail on a casus (DOC-1, DOC-2). Every view starts from casus_of_404 (via the
selectors): whoever may not see the casus gets 404, for every document on it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from casus.access import casus_of_404, medewerkers_met_toegang
from casus.models import Casus
from cris.audit.api import audit_read
from cris.versie import VersieConflict
from documenten import opslag, selectors, services
from documenten.forms import BriefForm, DelenForm, EmailForm, StatusForm, UploadForm, VersieForm
from documenten.services import bestanden, brieven, outbox


def _casus(request, casus_pk: int) -> Casus:
    return casus_of_404(request.user, casus_pk, Casus.objects.select_related("client"))


@login_required
def document_toevoegen(request, casus_pk: int):
    casus = _casus(request, casus_pk)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        document = bestanden.document_toevoegen(actor=request.user, casus=casus, **form.cleaned_data)
        messages.success(request, _("Het document '%(t)s' is toegevoegd.") % {"t": document.titel})
        return redirect(bestanden.casus_url(casus.pk))
    status = 422 if request.method == "POST" else 200
    return render(request, "documenten/toevoegen.html", {"casus": casus, "form": form}, status=status)


def _detail(request, document, status=200, **forms):
    collegas = medewerkers_met_toegang(document.casus).exclude(pk=request.user.pk)
    context = {
        "casus": document.casus,
        "document": document,
        "versies": document.versies.select_related("aangemaakt_door"),
        "delingen": document.delingen.select_related("medewerker", "gedeeld_door").order_by("-gedeeld_op"),
        "brief": getattr(document, "brief", None) if document.type == "brief" else None,
        "versie_form": forms.get("versie_form") or VersieForm(initial={"versie": document.versie}),
        "status_form": forms.get("status_form")
        or StatusForm(initial={"status": document.status, "versie": document.versie}),
        "delen_form": forms.get("delen_form") or DelenForm(collegas=collegas),
    }
    return render(request, "documenten/document.html", context, status=status)


@login_required
def document_detail(request, casus_pk: int, pk: int):
    document = selectors.document_of_404(user=request.user, casus_pk=casus_pk, pk=pk)
    audit_read(actor=request.user, obj=document, client_id=document.casus.client_id)
    return _detail(request, document)


def _uitvoeren(request, document, actie, succes: str, **kwargs):
    try:
        actie(actor=request.user, document=document, **kwargs)
    except VersieConflict as exc:  # issue 23 item 3: nothing saved; the document as it is now, forms afresh
        messages.error(request, exc.bericht)
        document = selectors.document_of_404(user=request.user, casus_pk=document.casus_id, pk=document.pk)
        return _detail(request, document, status=409)
    except services.DocumentFout as fout:
        messages.error(request, str(fout))
    else:
        messages.success(request, succes)
    return redirect(bestanden.document_url(document))


@login_required
@require_POST
def versie_toevoegen(request, casus_pk: int, pk: int):
    document = selectors.document_of_404(user=request.user, casus_pk=casus_pk, pk=pk)
    form = VersieForm(request.POST, request.FILES)
    if not form.is_valid():
        return _detail(request, document, status=422, versie_form=form)
    data = dict(form.cleaned_data)
    return _uitvoeren(
        request, document, bestanden.versie_toevoegen, _("De nieuwe versie is opgeslagen."),
        verwacht=data.pop("versie"), **data,
    )  # fmt: skip


@login_required
@require_POST
def status_wijzigen(request, casus_pk: int, pk: int):
    document = selectors.document_of_404(user=request.user, casus_pk=casus_pk, pk=pk)
    form = StatusForm(request.POST)
    if not form.is_valid():
        return _detail(request, document, status=422, status_form=form)
    return _uitvoeren(
        request,
        document,
        bestanden.document_status_wijzigen,
        _("De status is gewijzigd."),
        status=form.cleaned_data["status"],
        verwacht=form.cleaned_data["versie"],
    )


@login_required
@require_POST
def document_delen(request, casus_pk: int, pk: int):
    document = selectors.document_of_404(user=request.user, casus_pk=casus_pk, pk=pk)
    form = DelenForm(request.POST, collegas=medewerkers_met_toegang(document.casus).exclude(pk=request.user.pk))
    if not form.is_valid():
        return _detail(request, document, status=422, delen_form=form)
    return _uitvoeren(
        request,
        document,
        bestanden.document_delen,
        _("Het document is gedeeld met %(m)s.") % {"m": form.cleaned_data["medewerker"]},
        ontvanger=form.cleaned_data["medewerker"],
        bericht=form.cleaned_data["bericht"],
    )


@login_required
def downloaden(request, casus_pk: int, pk: int, versie_pk: int):
    """The file, only through here: access checked, the read audited, never shown inline as a web page."""
    versie = selectors.versie_of_404(user=request.user, casus_pk=casus_pk, document_pk=pk, pk=versie_pk)
    audit_read(actor=request.user, obj=versie, client_id=versie.document.casus.client_id)
    response = FileResponse(
        opslag.openen(versie.opslagnaam), as_attachment=True, filename=versie.bestandsnaam, content_type=versie.mime
    )
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def _sjabloon_pagina(request, casus_pk: int, form_class, template: str, maken):
    casus = _casus(request, casus_pk)
    sjablonen = list(selectors.sjablonen_voor(casus=casus))
    taken = list(casus.taken.select_related("type", "team").order_by("-aangemaakt_op"))
    initial = {"aan": casus.client.email} if form_class is EmailForm else None
    form = form_class(request.POST or None, sjablonen=sjablonen, taken=taken, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            melding = maken(casus, form.cleaned_data)
        except services.DocumentFout as fout:
            messages.error(request, str(fout))
        else:
            messages.success(request, melding)
            return redirect(bestanden.casus_url(casus.pk))
    if request.method == "GET":
        audit_read(actor=request.user, obj=casus, client_id=casus.client_id)  # the form shows the client's address
    status = 422 if request.method == "POST" else 200
    return render(request, template, {"casus": casus, "form": form}, status=status)


@login_required
def brief_maken(request, casus_pk: int):
    """DOC-2: a letter from a template; the PDF is made in the background and filed on the casus."""

    def maken(casus, data):
        brief = brieven.brief_aanvragen(actor=request.user, casus=casus, sjabloon=data["sjabloon"], taak=data["taak"])
        return _("De brief '%(t)s' wordt gemaakt; de PDF verschijnt bij de documenten.") % {"t": brief.document.titel}

    return _sjabloon_pagina(request, casus_pk, BriefForm, "documenten/brief_maken.html", maken)


@login_required
def email_maken(request, casus_pk: int):
    """DOC-2: an e-mail from a template through the outbox; filed on the casus once sent."""

    def maken(casus, data):
        mail = outbox.email_aanmaken(
            actor=request.user, casus=casus, sjabloon=data["sjabloon"], aan=data["aan"], taak=data["taak"]
        )
        return _("De e-mail aan %(a)s staat klaar voor verzending.") % {"a": mail.aan}

    return _sjabloon_pagina(request, casus_pk, EmailForm, "documenten/email_maken.html", maken)
