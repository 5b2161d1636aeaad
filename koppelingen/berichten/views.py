"""The import page for application and functional managers, the partners' HTTP endpoint and the metrics."""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from cris import klok
from koppelingen.berichten import selectors
from koppelingen.berichten.inbox import achterstand
from koppelingen.berichten.models import Bron, Ketenpartner
from koppelingen.berichten.permissions import mag_importen_zien
from koppelingen.berichten.services import Invoer, importeren

logger = logging.getLogger(__name__)


def _context() -> dict:
    return {
        "achterstand": achterstand(),
        "vandaag": selectors.dagtelling(),
        "lopend": list(selectors.lopende_aanleveringen()),
        "recent": list(selectors.recente_aanleveringen()),
        "quarantaine": selectors.open_quarantaine(),
        "bijgewerkt": klok.nu(),
    }


@login_required
def overzicht(request):
    if not mag_importen_zien(request.user):
        raise PermissionDenied
    from koppelingen.partners import selectors as partners

    webhooks = {"per_dag": partners.gebeurtenissen_per_dag(), "dead_letters": partners.dead_letters()}
    return render(request, "berichten/overzicht.html", {**_context(), "webhooks": webhooks})


@login_required
@never_cache
def voortgang(request):
    """The part of the page that htmx refreshes every few seconds."""
    if not mag_importen_zien(request.user):
        raise PermissionDenied
    return render(request, "berichten/_voortgang.html", _context())


def _fout(status: int, melding: str) -> JsonResponse:
    response = JsonResponse({"fout": melding}, status=status)
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="cris-berichten"'
    return response


def partner_van_verzoek(request) -> tuple[Ketenpartner | None, str]:
    header = settings.BERICHTEN_CERTIFICAAT_HEADER
    if header:
        onderwerp = request.META.get("HTTP_" + header.upper().replace("-", "_"), "").strip()
        if onderwerp:
            partner = Ketenpartner.objects.filter(actief=True, certificaat_onderwerp=onderwerp).first()
            return partner, "" if partner else _("Dit clientcertificaat hoort niet bij een actieve ketenpartner.")
    soort, _spatie, token = request.META.get("HTTP_AUTHORIZATION", "").partition(" ")
    if soort.lower() != "bearer" or not token.strip():
        return None, _("Geen token (Authorization: Bearer …) of clientcertificaat meegestuurd.")
    partner = Ketenpartner.objects.filter(actief=True, token_hash=Ketenpartner.hash_token(token.strip())).first()
    return partner, "" if partner else _("Onbekend of ingetrokken token.")


@csrf_exempt
@require_POST
def ontvangen(request):
    """POST the same XML as in the inbox (one message or a batch). 200 with the counts, also when messages
    went to the quarantine; 401 without valid credentials; 413 when larger than CRIS_BERICHTEN_MAX_BYTES."""
    partner, melding = partner_van_verzoek(request)
    if partner is None:
        return _fout(401, melding)
    maximum = settings.BERICHTEN_MAX_BYTES
    lengte = request.META.get("CONTENT_LENGTH") or "0"
    if lengte.isdigit() and int(lengte) > maximum:
        return _fout(413, _("Het bericht is groter dan %(n)s bytes; stuur het in delen.") % {"n": maximum})
    data = request.read(maximum + 1)
    if len(data) > maximum:
        return _fout(413, _("Het bericht is groter dan %(n)s bytes; stuur het in delen.") % {"n": maximum})
    if not data.strip():
        return _fout(400, _("Het bericht is leeg."))
    naam = f"http-{partner.code}-{klok.nu():%Y%m%d-%H%M%S-%f}"
    telling = importeren(invoer=[Invoer(naam=naam, data=data, partner=partner)], bron=Bron.HTTP)
    return JsonResponse(telling.as_dict())


@require_GET
@never_cache
def metriek(request):
    """Prometheus text format: the inbox backlog, open quarantine and today's counts. No personal data."""
    wachtend = achterstand()
    regels = [
        "# HELP cris_berichten_inbox_achterstand Bestanden die in de inbox wachten.",
        "# TYPE cris_berichten_inbox_achterstand gauge",
        f"cris_berichten_inbox_achterstand {'NaN' if wachtend is None else wachtend}",
        "# HELP cris_berichten_quarantaine_open Berichten in quarantaine die nog open staan.",
        "# TYPE cris_berichten_quarantaine_open gauge",
        f"cris_berichten_quarantaine_open {selectors.open_quarantaine()}",
        "# HELP cris_berichten_vandaag Berichten van vandaag per uitkomst.",
        "# TYPE cris_berichten_vandaag gauge",
    ]
    regels += [f'cris_berichten_vandaag{{uitkomst="{k}"}} {v}' for k, v in selectors.dagtelling().items()]
    return HttpResponse("\n".join(regels) + "\n", content_type="text/plain; version=0.0.4; charset=utf-8")
