"""Contact report pages (VER-1, VER-2): htmx autosave of the draft, finalising, editing within 7 days and
the correction of a locked report. Access follows the casus (AUT-1): an outsider gets 404."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from casus.access import zichtbaar_voor
from cris.audit.api import audit_read
from cris.invoer import geheel_getal
from cris.versie import VersieConflict
from taken import selectors, verslagen
from taken.forms import ContactBewerkenForm
from taken.models import Contactmoment
from taken.services import TaakFout


class CorrectieForm(forms.Form):
    verslag = forms.CharField(
        label=gettext_lazy("Correctie"),
        widget=forms.Textarea(attrs={"rows": 5, "class": "utrecht-textarea"}),
        error_messages={"required": gettext_lazy("Schrijf de correctie.")},
    )


def _contact_of_404(user, pk: int) -> Contactmoment:
    contact = (
        Contactmoment.objects.select_related("taak", "taak__type", "casus", "casus__client", "medewerker")
        .filter(zichtbaar_voor(user, "casus_id"), pk=pk)
        .first()
    )
    if contact is None:
        raise Http404
    return contact


def _bewerk_initial(contact: Contactmoment) -> dict:
    initial = {k: getattr(contact, k) for k in verslagen.CONTACT_VELDEN}
    initial.update(bereikt="ja" if contact.bereikt else "nee", versie=contact.versie)
    return initial


@login_required
@require_POST
def concept_opslaan(request, pk: int):
    """htmx autosave (debounced in the browser): answers with the status line, never with an error page. The
    line carries the draft's new version for the form (an out-of-band swap); when another tab saved the draft
    since, it says so and shows that draft (issue 23 item 3), and keeps the version: nothing is overwritten."""
    taak = selectors.taak_detail(user=request.user, pk=pk)
    velden = request.POST.dict()
    verwacht = geheel_getal(velden.pop("concept_versie", None), maximum=2**31 - 1)
    try:
        concept = verslagen.concept_opslaan(actor=request.user, taak=taak, velden=velden, verwacht=verwacht)
    except TaakFout as fout:
        return render(request, "taken/_verslag_status.html", {"fout": str(fout)}, status=200)
    except VersieConflict as conflict:
        return render(request, "taken/_verslag_status.html", {"conflict": conflict}, status=200)
    return render(request, "taken/_verslag_status.html", {"concept": concept, "oob": True})


@login_required
@require_POST
def concept_weggooien(request, pk: int):
    taak = selectors.taak_detail(user=request.user, pk=pk)
    if verslagen.concept_weggooien(actor=request.user, taak=taak):
        messages.success(request, _("Het concept is weggegooid."))
    return redirect("taken:detail", pk=pk)


@login_required
def verslag_bewerken(request, pk: int):
    """VER-2: edit within 7 days (the author); after that the page offers a linked correction."""
    contact = _contact_of_404(request.user, pk)
    audit_read(actor=request.user, obj=contact, client_id=contact.casus.client_id)
    bewerkbaar = verslagen.is_bewerkbaar(contact)
    form = correctie_form = None
    niet_opgeslagen = None  # after a conflict: the text this user typed, to redo the change on top of the other
    status = 200
    if bewerkbaar:
        form = ContactBewerkenForm(request.POST or None, initial=_bewerk_initial(contact))
    else:
        correctie_form = CorrectieForm(request.POST or None)
    if request.method == "POST":
        try:
            if bewerkbaar and form.is_valid():
                gegevens = {k: v for k, v in form.cleaned_data.items() if k != "versie"}
                verslagen.verslag_bewerken(
                    actor=request.user, contact=contact, verwacht=form.cleaned_data["versie"], **gegevens
                )
                messages.success(request, _("Het verslag is bijgewerkt."))
                return redirect("taken:detail", pk=contact.taak_id)
            if not bewerkbaar and correctie_form.is_valid():
                verslagen.verslag_corrigeren(
                    actor=request.user, contact=contact, verslag=correctie_form.cleaned_data["verslag"]
                )
                messages.success(request, _("De correctie is vastgelegd."))
                return redirect("taken:detail", pk=contact.taak_id)
        except VersieConflict as exc:  # issue 23 item 3: nothing saved; the current report in the form
            messages.error(request, exc.bericht)
            niet_opgeslagen = form.cleaned_data["verslag"]
            contact = _contact_of_404(request.user, pk)
            form = ContactBewerkenForm(initial=_bewerk_initial(contact))
            status = 409
        except TaakFout as fout:
            messages.error(request, str(fout))
            status = 422
        else:
            status = 422
    context = {
        "contact": contact,
        "bewerkbaar": bewerkbaar,
        "bewerkbaar_tot": verslagen.bewerkbaar_tot(contact),
        "form": form,
        "correctie_form": correctie_form,
        "niet_opgeslagen": niet_opgeslagen,
        "correcties": list(contact.correcties.select_related("medewerker").order_by("aangemaakt_op")),
    }
    return render(request, "taken/verslag_bewerken.html", context, status=status)
