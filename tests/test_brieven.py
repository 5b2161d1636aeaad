"""DOC-2 templates and letters: the placeholder language (no template code), validation and preview in
the admin, validity and delict, the PDF made with WeasyPrint in the Celery task and checked by its text
(pypdf), and safe contact (no letters to a secret address or to a client who wants no post)."""

from datetime import timedelta
from html import unescape
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from cris.accounts.roles import Rol
from cris.notificaties.models import Notificatie
from documenten import placeholders, selectors
from documenten.models import Brief, Document, Sjabloon
from documenten.services import brieven, sjablonen
from tests import chain
from tests.documenten_helpers import casus_met_adres, sjabloon
from tests.factories import MedewerkerFactory

pytestmark = pytest.mark.django_db


def pdf_tekst(pad: Path) -> str:
    """The letter's text as a reader sees it, read back with pypdf (no system tool needed)."""
    tekst = " ".join(page.extract_text() or "" for page in PdfReader(pad).pages)
    return " ".join(tekst.split())


def _zonder_witruimte(tekst: str) -> str:
    """pypdf reads a kerned pair as two words ("T est"): compare the letters, not where it put the spaces."""
    return "".join(tekst.split())


@pytest.fixture
def keten(toegang):
    casus = casus_met_adres()
    taak = chain.taak(casus=casus, team=toegang.team, behandelaar=toegang.eigenaar)
    return casus, taak


# --- The placeholder language ----------------------------------------------------------------------------


def test_doc2_placeholders_are_filled_from_the_whitelist_only():
    tekst = "{{ client.aanhef }}, over {{casus.nummer}}."
    assert placeholders.controleren(tekst) == ["client.aanhef", "casus.nummer"]
    assert placeholders.invullen(tekst, {"client.aanhef": "Beste Ans", "casus.nummer": "CA0000001"}) == (
        "Beste Ans, over CA0000001."
    )


@pytest.mark.parametrize(
    ("tekst", "melding"),
    [
        ("BSN: {{ client.bsn }}", "Onbekend veld: {{ client.bsn }}"),
        ("{{ client.naam|upper }}", "Regel 1: '{{' hoort niet bij een geldig veld"),
        ("Hallo\n{% load static %}", "Regel 2: '{%' hoort niet bij een geldig veld"),
        ("{{ settings.SECRET_KEY }}", "Onbekend veld"),
        ("{{ naam }}", "hoort niet bij een geldig veld"),
        ("{{ client.naam }} }}", "'}}' hoort niet bij een geldig veld"),
    ],
)
def test_doc2_anything_but_a_known_field_is_refused(tekst, melding):
    with pytest.raises(placeholders.PlaceholderFout, match=melding.replace("{", r"\{").replace("}", r"\}")):
        placeholders.controleren(tekst)


def test_doc2_filled_values_are_text_not_template_code(keten, toegang):
    casus, _ = keten
    casus.client.achternaam = "{{ casus.nummer }}<script>"
    casus.client.save()
    w = sjablonen.waarden(casus=casus, taak=None, afzender=toegang.eigenaar)
    assert placeholders.invullen("{{ client.naam }}", w) == "Fatma {{ casus.nummer }}<script>"
    html = brieven.brief_html(
        onderwerp="x", tekst=w["client.naam"], adresregels=[], kenmerk="", afzender="", datum=timezone.localdate()
    )
    assert "<script>" not in html and "&lt;script&gt;" in html


# --- Templates in the admin ------------------------------------------------------------------------------


@pytest.fixture
def beheerder(client):
    user = MedewerkerFactory(username="fb", rollen=[Rol.FUNCTIONEEL_BEHEERDER])
    client.force_login(user)
    return user


def test_doc2_a_functional_manager_adds_a_template_and_unknown_fields_get_a_dutch_field_error(client, beheerder):
    url = reverse("admin:documenten_sjabloon_add")
    data = {
        "naam": "Online aanbod fietsdiefstal",
        "soort": "email",
        "doel": "online_aanbod",
        "delict_code": "FIETS",
        "onderwerp": "Informatie na uw aangifte",
        "inhoud": "{{ client.aanhef }},\n\nUw BSN is {{ client.bsn }}.",
        "geldig_van": "2026-01-01",
        "geldig_tot": "",
    }
    page = client.get(url)
    assert page.status_code == 200 and "{{ client.aanhef }}" in unescape(page.content.decode())  # the field list
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Onbekend veld: {{ client.bsn }}" in unescape(response.content.decode())
    assert not Sjabloon.objects.exists()
    data["inhoud"] = "{{ client.aanhef }},\n\nKijk op https://www.slachtofferhulp.nl/fietsdiefstal."
    data["geldig_tot"] = "2025-12-31"
    response = client.post(url, data)
    assert "De einddatum ligt vóór de begindatum." in unescape(response.content.decode())
    data["geldig_tot"] = ""
    assert client.post(url, data).status_code == 302
    assert Sjabloon.objects.get().delict_code == "FIETS"


def test_doc2_the_admin_preview_fills_in_a_made_up_case(client, beheerder):
    brief = sjabloon(inhoud="{{ client.aanhef }},\n\nOver {{ casus.delict }} ({{ casus.pv_nummer }}).")
    page = unescape(client.get(reverse("admin:documenten_sjabloon_voorbeeld", args=[brief.pk])).content.decode())
    assert "Geachte mevrouw De Voorbeeld" in page and "Over Fietsdiefstal (PL0900-2026000001)." in page
    assert "Uw aanmelding bij Slachtofferhulp (CA7654321)" in page
    response = client.get(reverse("admin:documenten_sjabloon_voorbeeld_pdf", args=[brief.pk]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF-")


def test_doc2_the_preview_is_for_managers_only(client, toegang):
    brief = sjabloon()
    client.force_login(toegang.eigenaar)
    response = client.get(reverse("admin:documenten_sjabloon_voorbeeld", args=[brief.pk]))
    assert response.status_code == 302  # to the admin login: caseworkers have no admin


def test_doc2_templates_follow_their_validity_and_delict(keten):
    casus, _ = keten
    vandaag = timezone.localdate()
    algemeen = sjabloon(naam="Algemeen")
    eigen = sjabloon(naam="Woninginbraak", delict_code="WONINGINBRAAK")
    sjabloon(naam="Ander delict", delict_code="FIETS")
    sjabloon(naam="Verlopen", geldig_van=vandaag - timedelta(days=30), geldig_tot=vandaag - timedelta(days=1))
    sjabloon(naam="Toekomst", geldig_van=vandaag + timedelta(days=1))
    sjabloon(naam="Automatisch", doel="online_aanbod", soort="email")
    assert list(selectors.sjablonen_voor(casus=casus)) == [algemeen, eigen]


def test_aan8_the_online_offer_message_is_the_delicts_own_template_else_the_general_one():
    algemeen = sjabloon(naam="Online aanbod", soort="email", doel="online_aanbod")
    fiets = sjabloon(naam="Online aanbod fiets", soort="email", doel="online_aanbod", delict_code="FIETS")
    assert selectors.sjabloon_voor_online_aanbod(delict_code="FIETS") == fiets
    assert selectors.sjabloon_voor_online_aanbod(delict_code="ZAKKENROLLERIJ") == algemeen
    gisteren = timezone.localdate() - timedelta(days=1)
    Sjabloon.objects.filter(pk=algemeen.pk).update(geldig_van=gisteren, geldig_tot=gisteren)
    assert selectors.sjabloon_voor_online_aanbod(delict_code="ZAKKENROLLERIJ") is None


# --- Letters ---------------------------------------------------------------------------------------------


def test_doc2_a_letter_becomes_a_pdf_with_letterhead_filed_on_the_casus(
    client, toegang, keten, django_capture_on_commit_callbacks
):
    casus, taak = keten
    brief = sjabloon(inhoud=sjabloon().inhoud + "\n\nDe taak {{ taak.naam }} ligt bij {{ taak.team }}.")
    client.force_login(toegang.eigenaar)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("documenten:brief", args=[casus.pk]), {"brief-sjabloon": brief.pk, "brief-taak": taak.pk}
        )
    assert response.status_code == 302
    document = Document.objects.get(casus=casus, type="brief")
    assert document.status == "definitief" and document.huidige_versie.mime == "application/pdf"
    assert Brief.objects.get(document=document).gemaakt_op is not None
    pdf = Path(settings.DOCUMENTEN_DIR) / document.huidige_versie.opslagnaam
    assert pdf.read_bytes().startswith(b"%PDF-")
    tekst = pdf_tekst(pdf)
    for verwacht in [
        "Slachtofferhulp Nederland",  # letterhead
        "Postbus 14208",
        "Fatma Yılmaz",  # address block
        "Oudegracht 12",
        "3511 AB UTRECHT",
        f"Ons kenmerk: {casus.nummer}",
        f"Betreft: Uw aanmelding bij Slachtofferhulp ({casus.nummer})",
        "Geachte mevrouw Yılmaz,",
        "Wij hebben uw aanmelding over Woninginbraak ontvangen.",
        f"Uw contactpersoon is {toegang.eigenaar.get_full_name()}.",
        f"De taak Benaderingsgesprek ligt bij {toegang.team.naam}.",
        "Met vriendelijke groet",
    ]:
        assert _zonder_witruimte(verwacht) in _zonder_witruimte(tekst), verwacht
    omschrijvingen = list(casus.tijdlijn.values_list("omschrijving", flat=True))
    assert "Brief 'Bevestiging aanmelding' aangevraagd" in omschrijvingen
    assert "Brief 'Bevestiging aanmelding' gemaakt (PDF)" in omschrijvingen
    # The task is idempotent: running it again files nothing new.
    from documenten.tasks import brief_maken

    brief_maken(document.brief.pk)
    assert document.versies.count() == 1


def test_doc2_a_template_with_task_fields_needs_a_task(client, toegang, keten):
    casus, _ = keten
    brief = sjabloon(inhoud="Over {{ taak.naam }}")
    client.force_login(toegang.eigenaar)
    response = client.post(reverse("documenten:brief", args=[casus.pk]), {"brief-sjabloon": brief.pk})
    assert response.status_code == 422
    assert "gebruikt gegevens van een taak; kies de taak" in unescape(response.content.decode())
    assert not Document.objects.exists()


@pytest.mark.parametrize(
    ("vlag", "melding"),
    [
        ("geheim_adres", "Het adres van deze cliënt is geheim: brieven naar dit adres zijn geblokkeerd."),
        ("geen_post_huisadres", "Deze cliënt wil geen post op het huisadres: de brief is niet gemaakt."),
    ],
)
def test_doc2_safe_contact_blocks_letters_to_the_home_address(client, toegang, keten, vlag, melding):
    casus, _ = keten
    setattr(casus.client, vlag, True)
    casus.client.save()
    client.force_login(toegang.eigenaar)
    response = client.post(reverse("documenten:brief", args=[casus.pk]), {"brief-sjabloon": sjabloon().pk})
    assert response.status_code == 422
    assert melding in unescape(response.content.decode())
    assert not Document.objects.exists() and not Brief.objects.exists()


def test_doc2_a_letter_that_cannot_be_rendered_says_so_and_tells_the_requester(
    toegang, keten, monkeypatch, django_capture_on_commit_callbacks
):
    casus, _ = keten

    def kapot(html):
        raise RuntimeError("lettertype ontbreekt")

    monkeypatch.setattr(brieven, "pdf_maken", kapot)
    with django_capture_on_commit_callbacks(execute=True):
        brief = brieven.brief_aanvragen(actor=toegang.eigenaar, casus=casus, sjabloon=sjabloon())
    brief.refresh_from_db()
    assert "lettertype ontbreekt" in brief.fout and brief.gemaakt_op is None
    assert brief.document.versies.count() == 0 and brief.document.status == "concept"
    melding = Notificatie.objects.get(ontvanger=toegang.eigenaar, soort="brief_mislukt")
    assert casus.nummer in melding.tekst
