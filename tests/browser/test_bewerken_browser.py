"""Issue 24 part 1 as an AB worker does it, at 1366x768 with axe-core on every state: correct a client's phone
number on the client card (keyboard, error summary linking to the field), mark a secret address, and the next
letter uses the new data: the new number in the letter, then no letter at all to the secret address."""

from pathlib import Path

import pytest
from django.conf import settings
from pypdf import PdfReader

from casus.models import Client
from cris.accounts.roles import Rol
from cris.audit.models import AuditEntry
from documenten.models import Document
from tests import chain
from tests.browser.conftest import assert_accessible
from tests.documenten_helpers import casus_met_adres, sjabloon
from tests.factories import WACHTWOORD, LidmaatschapFactory, MedewerkerFactory, TeamFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page, live_server, username):
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/account/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("heading", name="Mijn werk").wait_for()


def _brief_maken(page, live_server, casus):
    page.goto(f"{live_server.url}/casussen/{casus.pk}/documenten/")
    brief = page.get_by_role("form", name="Brief maken")
    brief.locator("select[name=brief-sjabloon]").select_option(label="Bereikbaarheid")
    brief.get_by_role("button", name="Brief maken").click()


def test_ab_worker_corrects_phone_marks_secret_address_and_the_next_letter_follows(page, live_server):
    werker = MedewerkerFactory(username="anouk", rollen=[Rol.ACTIEVE_BENADERING])
    LidmaatschapFactory(medewerker=werker, team=TeamFactory(), standaard=True)
    casus = casus_met_adres(telefoon="0612345678")
    chain.taak(casus=casus, team=werker.lidmaatschappen.get().team, behandelaar=werker)
    sjabloon(naam="Bereikbaarheid", inhoud="{{ client.aanhef }},\n\nWij bellen u op {{ client.telefoon }}.")
    page.set_viewport_size({"width": 1366, "height": 768})
    _login(page, live_server, "anouk")

    page.goto(f"{live_server.url}/clienten/{casus.client_id}/")
    page.get_by_role("heading", name="Fatma Yılmaz").wait_for()
    panelen = page.locator("details[name=bewerken]")
    assert panelen.count() == 3 and page.locator("details[name=bewerken][open]").count() == 0  # collapsed
    assert_accessible(page)

    # keyboard: focus the panel's summary and open it with Enter; opening another closes this one
    kaart = page.locator("#paneel-kaart")
    kaart.locator("summary").focus()
    page.keyboard.press("Enter")
    assert kaart.get_attribute("open") is not None
    page.locator("#paneel-adres-nieuw summary").click()
    assert kaart.get_attribute("open") is None and page.locator("details[name=bewerken][open]").count() == 1
    kaart.locator("summary").click()

    telefoon = kaart.get_by_label("Telefoon", exact=True)
    telefoon.fill("bel mij")
    kaart.get_by_role("button", name="Cliëntgegevens opslaan").click()
    samenvatting = page.get_by_role("alert")
    samenvatting.get_by_role("link", name="Telefoon: Dit is geen telefoonnummer").click()
    assert page.evaluate("document.activeElement.id") == "id_kaart-telefoon"
    assert page.locator("details[name=bewerken][open]").count() == 1
    assert_accessible(page)

    page.keyboard.press("Control+A")
    page.keyboard.type("06 98765432")
    page.locator("#paneel-kaart").get_by_role("button", name="Cliëntgegevens opslaan").click()
    page.get_by_text("Cliëntgegevens opgeslagen.").wait_for()
    assert page.locator("#client-telefoon").inner_text() == "06 98765432"
    assert_accessible(page)

    _brief_maken(page, live_server, casus)
    page.get_by_text("De brief 'Bereikbaarheid' wordt gemaakt").wait_for()
    document = Document.objects.get(casus=casus, type="brief")
    pdf = Path(settings.DOCUMENTEN_DIR) / document.huidige_versie.opslagnaam
    tekst = "".join("".join(p.extract_text() or "" for p in PdfReader(pdf).pages).split())
    assert "0698765432" in tekst and "0612345678" not in tekst

    page.goto(f"{live_server.url}/clienten/{casus.client_id}/")
    page.locator("#paneel-kaart summary").click()
    page.locator("#paneel-kaart").get_by_label("Geheim adres").check()
    page.locator("#paneel-kaart").get_by_role("button", name="Cliëntgegevens opslaan").click()
    page.get_by_text("Cliëntgegevens opgeslagen.").wait_for()
    page.locator("#geheim-adres").wait_for()
    assert_accessible(page)

    _brief_maken(page, live_server, casus)
    page.get_by_text("Het adres van deze cliënt is geheim").first.wait_for()
    assert Document.objects.filter(casus=casus, type="brief").count() == 1
    klant = Client.objects.get(pk=casus.client_id)
    assert klant.geheim_adres and klant.telefoon == "06 98765432"
    wijzigingen = [e.wijzigingen for e in AuditEntry.objects.filter(object_type="casus.client", actie="wijzigen")]
    assert {"telefoon": ["0612345678", "06 98765432"]} in wijzigingen and {"geheim_adres": [False, True]} in wijzigingen
