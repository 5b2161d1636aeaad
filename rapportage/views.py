"""The production dashboard (DIE-4), its CSV/XLSX export and the management views. Management roles only;
aggregates only."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from casus.models import Client
from cris.audit.api import Actie, audit_record
from rapportage import dossier as dossier_
from rapportage import export as export_
from rapportage import selectors
from rapportage.forms import DIMENSIES, ManagementFilter, ProductieFilter
from rapportage.grafiek import staafdiagram
from rapportage.permissions import mag_exporteren, rapportage_toegang


def _filter(request, *, uitsplitsen: bool = False) -> tuple[ProductieFilter, selectors.Productie | None]:
    """The form and the figures it asks for; ``uitsplitsen``: grouped to the chosen breakdown only (the page),
    else every month × type × district × team (the export)."""
    form = ProductieFilter(request.GET or None)
    if request.GET and not form.is_valid():
        return form, None
    data = form.cleaned_data if request.GET else {}
    periode = data.get("periode") or selectors.Periode.uit_tekst(None, None)
    productie = selectors.productie(
        periode=periode,
        categorie=data.get("categorie") or "",
        district_id=data["district"].pk if data.get("district") else None,
        team_id=data["team"].pk if data.get("team") else None,
        per=(data.get("per") or "soort") if uitsplitsen else None,
    )
    return form, productie


@login_required
def dashboard(request):
    rapportage_toegang(request.user)
    form, productie = _filter(request, uitsplitsen=True)
    context = {"form": form, "productie": productie}
    if productie is not None:
        per = (form.cleaned_data.get("per") if form.is_bound else None) or "soort"
        groepen = productie.per(per)
        context.update(
            {
                "per": per,
                "per_label": dict(DIMENSIES)[per],
                "groepen": groepen,
                "totaal": productie.totaal,
                "grafiek_afgerond": staafdiagram(
                    _("Afgeronde diensten per %(d)s") % {"d": dict(DIMENSIES)[per]},
                    [(label, c.afgerond) for label, c in groepen],
                ),
                "grafiek_doorlooptijd": staafdiagram(
                    _("Gemiddelde doorlooptijd in dagen per %(d)s") % {"d": dict(DIMENSIES)[per]},
                    [(label, c.gemiddelde_doorlooptijd_dagen or 0) for label, c in groepen],
                    eenheid=" d",
                ),
                "querystring": request.GET.urlencode(),
            }
        )
    return render(request, "rapportage/dashboard.html", context, status=200 if productie else 422)


@login_required
def export(request, formaat: str):
    """CSV or XLSX of the filtered figures, month × service × district × team; the export is audited."""
    rapportage_toegang(request.user)
    if formaat not in ("csv", "xlsx"):
        raise Http404
    form, productie = _filter(request)
    if productie is None:
        return render(request, "rapportage/dashboard.html", {"form": form}, status=422)
    audit_record(
        Actie.EXPORTEREN,
        actor=request.user,
        object_type="rapportage.productie",
        object_id=str(productie.periode),
        changes={"formaat": [None, formaat], "rijen": [None, len(productie.rijen)]},
    )
    naam = f"productie-{productie.periode.van:%Y-%m}-{productie.periode.laatste_maand:%Y-%m}.{formaat}"
    if formaat == "csv":
        response = HttpResponse(export_.als_csv(productie), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            export_.als_xlsx(productie),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{naam}"'
    return response


@login_required
def management(request):
    """Intake per week by channel, AB's 48-hour compliance (TAK-8), caseload per team."""
    rapportage_toegang(request.user)
    form = ManagementFilter(request.GET or None)
    weken = form.aantal_weken()
    intake_weken, intake = selectors.intake_per_week(weken=weken)
    intake_totaal = [sum(kolom) for kolom in zip(*intake.values(), strict=True)] if intake else [0] * len(intake_weken)
    naleving = selectors.ab_48_uur(weken=weken)
    caseload = selectors.caseload_per_team()
    context = {
        "form": form,
        "weken": weken,
        "intake_weken": intake_weken,
        "intake": intake,
        "intake_totaal": intake_totaal,
        "grafiek_intake": staafdiagram(
            _("Aanmeldingen per week"), [(f"{w:%d-%m-%Y}", n) for w, n in zip(intake_weken, intake_totaal, strict=True)]
        ),
        "naleving": naleving,
        "grafiek_naleving": staafdiagram(
            _("Actieve Benadering binnen 48 uur (%) per week"),
            [(f"{n.week:%d-%m-%Y}", n.percentage or 0) for n in naleving],
            eenheid="%",
        ),
        "caseload": caseload,
    }
    return render(request, "rapportage/management.html", context)


# --- Issue 24: the client's whole file as a PDF for an AVG access request (privacy officer only) ---------


class DossierForm(forms.Form):
    reden = forms.CharField(
        label=gettext_lazy("Kenmerk van het inzageverzoek"),
        max_length=300,
        help_text=gettext_lazy("Bijvoorbeeld: verzoek van de cliënt per brief van 1 december, zaak AVG-2026-014."),
        widget=forms.TextInput(attrs={"class": "utrecht-textbox"}),
    )


@login_required
def dossier(request, pk: int):
    """The form (the request's reference) and, on POST, the PDF. For anyone but the privacy officer: 404."""
    if not mag_exporteren(request.user):
        raise Http404
    client = get_object_or_404(Client, pk=pk)
    form = DossierForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        pdf = dossier_.dossier_exporteren(actor=request.user, client_id=client.pk, reden=form.cleaned_data["reden"])
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="dossier-{client.nummer}.pdf"'
        response["Cache-Control"] = "no-store"
        return response
    audit_record(Actie.LEZEN, actor=request.user, obj=client, client_id=client.pk, reason="AVG-inzage: dossier")
    status = 422 if request.method == "POST" else 200
    return render(request, "rapportage/dossier.html", {"client": client, "form": form}, status=status)
