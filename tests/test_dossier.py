"""Issue 24 part 2: the timeline as a dossier (TIJ-1) and the client's whole file as one PDF for an AVG access
request (privacy officer only, audited). PDFs read back with pypdf."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from casus.models import TijdlijnItem
from casus.tijdlijn import onderwerpen
from cris.accounts.roles import Rol
from cris.audit.models import AuditEntry
from diensten.models import DienstSoort
from diensten.services.levenscyclus import dienst_registreren
from documenten.services import bestanden
from taken.agenda import afspraak_maken
from taken.services.contacten import contactmoment_vastleggen
from tests import chain
from tests.documenten_helpers import PDF, bestand
from tests.factories import MedewerkerFactory

pytestmark = pytest.mark.django_db

VERSLAG = "Cliënt vertelde dat de inbrekers via de achterdeur binnenkwamen; wil hulp bij de schadeclaim."


@pytest.fixture
def dossier(toegang):
    casus = chain.casus(achternaam="Bakker")
    taak = chain.taak(casus=casus, team=toegang.team, behandelaar=toegang.eigenaar)
    nu = timezone.now()
    contact = contactmoment_vastleggen(
        actor=toegang.eigenaar,
        taak=taak,
        kanaal="telefoon",
        richting="uitgaand",
        bereikt=True,
        tijdstip=nu - timedelta(minutes=5),
        verslag=VERSLAG,
    )
    document = bestanden.document_toevoegen(
        actor=toegang.eigenaar,
        casus=casus,
        bestand=bestand("pv.pdf", PDF),
        titel="Proces-verbaal aangifte",
        type="overig",
        status="concept",
    )
    afspraak = afspraak_maken(
        actor=toegang.eigenaar,
        taak=taak,
        begin=nu + timedelta(days=2),
        einde=nu + timedelta(days=2, hours=1),
        onderwerp="Huisbezoek",
        locatie="Bij de cliënt thuis",
    )
    dienst = dienst_registreren(
        actor=toegang.eigenaar, taak=taak, soort=DienstSoort.objects.filter(hoofddienst__isnull=False).first()
    )
    return casus, taak, contact, document, afspraak, dienst


def test_tij1_each_entry_links_to_its_object_and_shows_its_content(client, toegang, dossier):
    casus, taak, _contact, document, _afspraak, dienst = dossier
    client.force_login(toegang.collega)
    html = client.get(reverse("casus:tijdlijn", args=[casus.pk])).content.decode()
    assert VERSLAG in html  # the report text, not only "contact vastgelegd"
    assert f'href="{reverse("taken:detail", args=[taak.pk])}#contacten-kop"' in html
    assert f'href="{reverse("documenten:detail", args=[casus.pk, document.pk])}"' in html
    assert "Proces-verbaal aangifte" in html
    assert "Afspraak: Huisbezoek" in html and "Bij de cliënt thuis" in html
    assert dienst.soort.naam in html
    # the filter stays: only contact entries
    html = client.get(reverse("casus:tijdlijn", args=[casus.pk]), {"soort": "contact"}).content.decode()
    assert VERSLAG in html and "Proces-verbaal aangifte" not in html and "Huisbezoek" not in html


def test_tij1_an_entry_never_shows_another_casus_object(toegang, dossier):
    casus, _taak, contact, document, _afspraak, _dienst = dossier
    ander = chain.casus(achternaam="Visser")
    vreemd = [
        TijdlijnItem.objects.create(
            casus=ander, tijdstip=timezone.now(), soort="contact", omschrijving="x", object_type=t, object_id=pk
        )
        for t, pk in (("taken.contactmoment", contact.pk), ("documenten.document", document.pk))
    ]
    assert [o for _i, o in onderwerpen(ander.pk, vreemd)] == [None, None]
    assert all(o is not None for _i, o in onderwerpen(casus.pk, casus.tijdlijn.filter(object_id__isnull=False)))


def _tekst(pdf: bytes) -> str:
    return " ".join(" ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages).split())


def test_avg_export_privacy_officer_gets_the_whole_file_as_pdf_audited(client, toegang, dossier):
    casus, _taak, _contact, _document, _afspraak, dienst = dossier
    klant = casus.client
    klant.telefoon = "0687654321"
    klant.save()
    privacy = MedewerkerFactory(rollen=[Rol.PRIVACY_OFFICER])
    url = reverse("rapportage:dossier", args=[klant.pk])
    for persoon in (toegang.eigenaar, toegang.teamleider, toegang.functioneel_beheerder):
        client.force_login(persoon)
        assert client.get(url).status_code == 404
        assert client.post(url, {"reden": "x"}).status_code == 404
    client.force_login(privacy)
    assert client.get(url).status_code == 200
    assert client.post(url, {"reden": ""}).status_code == 422
    response = client.post(url, {"reden": "AVG-2026-014"})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert f"dossier-{klant.nummer}.pdf" in response["Content-Disposition"]
    tekst = _tekst(response.content)
    compact = "".join(tekst.split())
    for verwacht in (
        klant.nummer,
        casus.nummer,
        "0687654321",
        "Proces-verbaal aangifte",
        dienst.soort.naam,
        "Huisbezoek",
    ):
        assert "".join(verwacht.split()) in compact, verwacht
    assert "".join(VERSLAG.split()) in compact  # the contact report, in full
    entry = AuditEntry.objects.get(actie="exporteren", client_id=klant.pk)
    assert entry.actor_id == privacy.pk and "AVG-2026-014" in entry.reden
