"""The client's whole file as one readable PDF, for an AVG access request (issue 24, TIJ-1, AUT-3).

The privacy officer answers a data subject's access request (AVG art. 15) with everything CRIS holds on the
client: the client card, every casus with its data, parties, tasks, timeline with the contact reports, the
documents list, the services and the referrals. Not filtered by casus access: this is the one place where the
privacy officer reads a whole file, and only here, audited as an export with the request's reference.
rapportage is the highest layer that may read all of those apps (docs/architectuur.md).
"""

from __future__ import annotations

from django.db.models import Q
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from aanmelding.models import Aanmelding
from casus.models import Casus, Client, Strafzaak
from casus.tijdlijn import onderwerpen
from cris import klok
from cris.audit.api import Actie, audit_record
from diensten.models import Dienst
from documenten.models import Document
from documenten.services.brieven import pdf_maken
from rapportage.permissions import mag_exporteren
from taken.models import Contactmoment, Taak


def dossier_gegevens(client: Client) -> dict:
    """Everything on the client, oldest first within each casus, as plain rows for the template."""
    casussen = []
    for casus in Casus.objects.filter(client=client).select_related("district").order_by("aangemaakt_op", "pk"):
        items = casus.tijdlijn.select_related("medewerker").order_by("tijdstip", "id")
        casussen.append(
            {
                "casus": casus,
                "strafzaak": Strafzaak.objects.filter(casus=casus).first(),
                "betrokkenen": list(casus.betrokkenen.order_by("rol", "naam")),
                "taken": list(
                    Taak.objects.filter(casus=casus)
                    .select_related("type", "team", "behandelaar")
                    .order_by("aangemaakt_op", "pk")
                ),
                "contacten": list(
                    Contactmoment.objects.filter(casus=casus).select_related("medewerker").order_by("tijdstip", "pk")
                ),
                "tijdlijn": onderwerpen(casus.pk, items),
                "documenten": list(Document.objects.filter(casus=casus).order_by("aangemaakt_op", "pk")),
                "diensten": list(Dienst.objects.filter(casus=casus).select_related("soort", "team").order_by("pk")),
            }
        )
    aanmeldingen = (
        Aanmelding.objects.filter(Q(casus__client=client) | Q(voorgestelde_client=client))
        .distinct()
        .order_by("ontvangen_op", "pk")
    )
    return {
        "client": client,
        "adressen": list(client.adressen.order_by("-voorkeur", "pk")),
        "casussen": casussen,
        "aanmeldingen": list(aanmeldingen),
    }


def dossier_exporteren(*, actor, client_id: int, reden: str) -> bytes:
    """The PDF of the client's whole file; the export is audited with the request's reference (``reden``)."""
    if not mag_exporteren(actor):
        raise PermissionError
    client = Client.objects.get(pk=client_id)
    context = {**dossier_gegevens(client), "reden": reden, "gemaakt_op": klok.nu(), "door": actor}
    html = render_to_string("rapportage/dossier_pdf.html", context)
    pdf = pdf_maken(html)
    audit_record(
        Actie.EXPORTEREN,
        actor=actor,
        obj=client,
        client_id=client.pk,
        reason=(_("AVG-inzage, volledig dossier als PDF: %(r)s") % {"r": reden})[:1000],
    )
    return pdf
