"""VER-2 and DIE-2/DIE-4 in a real browser: the report is autosaved while typing (htmx, debounced) and comes
back after the tab is closed; a service is registered on the task; the production dashboard. axe-core on
every page."""

import pytest

from cris.accounts.roles import Rol
from taken.models import Contactmoment, VerslagConcept
from tests import chain
from tests.browser.conftest import assert_accessible
from tests.factories import WACHTWOORD, LidmaatschapFactory, MedewerkerFactory, TeamFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page, live_server, username):
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/account/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("heading", name="Mijn werk").wait_for()


def test_the_report_survives_a_closed_tab_and_services_are_registered(page, live_server):
    team = TeamFactory()
    werker = MedewerkerFactory(username="fatima", rollen=[Rol.ACTIEVE_BENADERING])
    LidmaatschapFactory(medewerker=werker, team=team, standaard=True)
    leider = MedewerkerFactory(username="leider", rollen=[Rol.TEAMLEIDER])
    LidmaatschapFactory(medewerker=leider, team=team, standaard=True)
    taak = chain.taak(casus=chain.casus(), team=team, behandelaar=werker)

    _login(page, live_server, "fatima")
    page.goto(f"{live_server.url}/werkstroom/{taak.pk}/")
    page.locator("#paneel-contact > summary").click()  # one action panel open at a time (issue 25)
    page.get_by_label("Verslag").fill("Cliënt gesproken over de aangifte")
    page.get_by_text("Concept opgeslagen om").wait_for()
    assert VerslagConcept.objects.get(taak=taak).velden["verslag"] == "Cliënt gesproken over de aangifte"
    assert_accessible(page)

    page.close()  # the tab is gone; a new one brings the draft back
    page = page.context.new_page()
    page.goto(f"{live_server.url}/werkstroom/{taak.pk}/")
    page.locator("#paneel-contact > summary").click()
    assert page.get_by_label("Verslag").input_value() == "Cliënt gesproken over de aangifte"
    page.get_by_role("button", name="Contact opslaan").click()
    page.get_by_text("Het contact is vastgelegd.").wait_for()
    assert Contactmoment.objects.filter(taak=taak).count() == 1 and not VerslagConcept.objects.exists()

    page.locator("#paneel-dienst > summary").click()
    page.locator("#id_soort").select_option(
        label="Informerende dienst: Informatie en advies – Informatie over het strafproces"
    )
    page.get_by_role("button", name="Dienst registreren").click()
    page.get_by_text("De dienst is geregistreerd.").wait_for()
    page.get_by_role("table", name="Actief (1)").wait_for()
    assert_accessible(page)

    _login(page, live_server, "leider")
    page.get_by_role("link", name="Rapportage").click()
    page.get_by_role("heading", name="Productierapportage diensten").wait_for()
    assert_accessible(page)
    page.get_by_role("link", name="Management").click()
    page.get_by_role("heading", name="Managementinformatie").wait_for()
    assert_accessible(page)
