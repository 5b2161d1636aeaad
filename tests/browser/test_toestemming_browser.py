"""KOP-3 consent as a caseworker records it (issue 26): from the casus, record the client's consent for
Mijnslachtofferhulp, see it on the page and the timeline, withdraw it; keyboard alone; axe-core on every state."""

import pytest

from cris.accounts.roles import Rol
from koppelingen.berichten.models import Kanaal
from koppelingen.partners.models import Toestemming
from tests import chain
from tests import partners as p
from tests.browser.conftest import assert_accessible
from tests.factories import WACHTWOORD, LidmaatschapFactory, MedewerkerFactory, TeamFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_caseworker_records_and_withdraws_consent_for_mijnslachtofferhulp(page, live_server):
    p.partner(Kanaal.MSH, naam="Mijnslachtofferhulp")
    p.partner(Kanaal.MSZ, naam="MijnSlachtofferzaak")
    werker = MedewerkerFactory(username="fatima", rollen=[Rol.ALGEMENE_DIENSTVERLENING])
    team = TeamFactory()
    LidmaatschapFactory(medewerker=werker, team=team, standaard=True)
    casus = chain.casus()
    chain.taak(casus=casus, team=team, behandelaar=werker)
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"{live_server.url}/account/inloggen/")
    page.get_by_label("Gebruikersnaam").fill("fatima")
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("heading", name="Mijn werk").wait_for()
    page.goto(f"{live_server.url}/casussen/{casus.pk}/")
    page.get_by_role("link", name="Toestemmingen voor berichten (Mijnslachtofferhulp, MijnSlachtofferzaak)").click()
    page.get_by_role("heading", name=f"Toestemmingen voor berichten – casus {casus.nummer}").wait_for()
    assert_accessible(page)

    knop = page.get_by_role("button", name="Toestemming vastleggen Mijnslachtofferhulp", exact=True)
    knop.focus()
    page.keyboard.press("Enter")  # keyboard alone
    page.get_by_text("De toestemming voor Mijnslachtofferhulp is vastgelegd.").wait_for()
    rij = page.locator("#toestemmingen tr", has_text="Mijnslachtofferhulp")
    assert "Gegeven op" in rij.inner_text()
    assert Toestemming.objects.filter(client=casus.client, ingetrokken_op=None).count() == 1
    assert_accessible(page)

    page.get_by_role("button", name="Toestemming intrekken Mijnslachtofferhulp", exact=True).click()
    page.get_by_text("De toestemming voor Mijnslachtofferhulp is ingetrokken.").wait_for()
    assert "Ingetrokken op" in page.locator("#toestemmingen tr", has_text="Mijnslachtofferhulp").inner_text()
    assert_accessible(page)

    page.goto(f"{live_server.url}/casussen/{casus.pk}/tijdlijn/")
    page.get_by_text("Toestemming van de cliënt ingetrokken: geen berichten meer via Mijnslachtofferhulp").wait_for()
    assert_accessible(page)
