"""The main chain as the people walk it (issue 3): CAI enters a referral, Administratie approves it, an AB
worker picks up the task, records a contact and closes it; the casus is Passief, and after the nightly
run 30 days on, Afgerond. axe-core on every page visited."""

import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from cris.accounts.roles import Rol
from testgegevens.demo.werkstroom import teams_aanmaken
from tests.browser.conftest import assert_accessible
from tests.factories import WACHTWOORD, LidmaatschapFactory, MedewerkerFactory
from werkstroom.models import Team

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page, live_server, username):
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/account/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("heading", name="Mijn werk").wait_for()


def test_referral_to_afgerond_casus(page, live_server):
    teams_aanmaken()
    MedewerkerFactory(username="sanne", rollen=[Rol.CAI])
    MedewerkerFactory(username="anouk", rollen=[Rol.ADMINISTRATIE])
    fatima = MedewerkerFactory(username="fatima", rollen=[Rol.ACTIEVE_BENADERING])
    LidmaatschapFactory(medewerker=fatima, team=Team.objects.get(code="AB-MN"), standaard=True)

    # CAI enters the referral, after looking for an existing client.
    _login(page, live_server, "sanne")
    page.get_by_role("link", name="Aanmelding invoeren").click()
    assert_accessible(page)
    page.get_by_label("Achternaam").first.fill("Yılmaz")
    page.get_by_role("button", name="Zoek cliënt").click()
    page.get_by_role("status").wait_for()
    form = page.locator("form[method=post]")
    form.get_by_label("Voornamen").fill("Fatma")
    form.get_by_label("Achternaam").fill("Yılmaz")
    form.get_by_label("Geboortedatum").fill("1985-04-12")
    form.get_by_label("Straat").fill("Oudegracht")
    form.get_by_label("Huisnummer", exact=True).fill("12")
    form.get_by_label("Postcode").fill("3511ab")
    form.get_by_label("Woonplaats").fill("Utrecht")
    form.get_by_label("Telefoon").fill("0612345678")
    form.locator("#id_delict_code").fill("Woninginbraak")  # the catalogue's name; the label carries "(verplicht)"
    form.get_by_label("Toestemming voor contact").check()
    form.get_by_role("button", name="Aanmelding opslaan").click()
    page.get_by_text("staat klaar voor beoordeling").wait_for()
    assert_accessible(page)

    # Administratie approves it from the review queue.
    _login(page, live_server, "anouk")
    page.get_by_role("link", name="Beoordelen", exact=True).click()
    assert_accessible(page)
    page.get_by_role("link", name=re.compile(r"^AM\d")).first.click()
    page.get_by_role("heading", name="Goedkeuren").wait_for()
    assert_accessible(page)
    page.get_by_role("button", name="Goedkeuren").click()
    page.get_by_text("Aanmelding goedgekeurd").wait_for()

    # The AB worker picks up the task, records a contact and closes the task.
    _login(page, live_server, "fatima")
    page.get_by_role("link", name="Werkstroom").click()
    page.get_by_role("link", name="Taken van mijn teams").click()
    assert_accessible(page)
    page.get_by_role("link", name="Fatma Yılmaz").first.click()  # TAK-4: the client is the row's link
    assert_accessible(page)
    page.get_by_role("button", name="Taak oppakken").click()
    page.get_by_text("U heeft de taak opgepakt").wait_for()
    page.locator("summary", has_text="Contact vastleggen").click()  # one action panel open at a time (issue 25)
    page.get_by_label("Kanaal").select_option("telefoon")
    page.get_by_label("Ja, contact gehad").check()
    page.get_by_label("Verslag").fill("Mevrouw gesproken; zij wil voorlopig geen verdere hulp.")
    page.get_by_role("button", name="Contact opslaan").click()
    page.get_by_text("Het contact is vastgelegd").wait_for()
    assert_accessible(page)
    page.locator("summary", has_text="Taak afronden").click()  # it asks for confirmation, its form loads on open
    page.get_by_text("Er staat niets meer open op deze taak.").wait_for()
    page.get_by_role("button", name="Ja, taak afronden (gerealiseerd)").click()
    page.get_by_text("De taak is gerealiseerd").wait_for()

    # The casus is Passief; its timeline tells the story.
    page.get_by_role("link", name=re.compile(r"^CA\d{7}$")).click()  # not "Notifi-ca-ties" in the header
    assert page.locator("#casus-status").inner_text() == "Passief"
    page.get_by_role("navigation", name="Onderdelen van de casus").get_by_role("link", name="Tijdlijn").click()
    page.get_by_role("heading", name="Tijdlijn").wait_for()
    assert page.get_by_text("Contact (telefoon, uitgaand)").count() == 1
    assert_accessible(page)
    page.get_by_role("link", name="Fatma Yılmaz").click()
    page.get_by_role("heading", name="Fatma Yılmaz").wait_for()
    assert_accessible(page)

    # The nightly run, 30 days on.
    call_command(
        "casusstatus_herberekenen", "--peildatum", (timezone.now() + timedelta(days=30, minutes=1)).isoformat()
    )
    page.go_back()
    page.reload()
    assert page.locator("#casus-status").inner_text() == "Afgerond"

    # She finds the client again through the search box (ZOE-1).
    page.get_by_role("link", name="Zoeken", exact=True).click()
    page.get_by_label("Zoek op nummer, naam").fill("Fatma Yılmaz")
    page.get_by_role("button", name="Zoeken", exact=True).click()
    page.get_by_role("heading", name="Cliënten").wait_for()
    assert page.get_by_role("link", name="Fatma Yılmaz").count() == 1
    assert_accessible(page)
