"""CAS-1/CAS-9 on the Casusoverzicht as a caseworker uses it: the relate form loads when its panel opens
(htmx, issue 11), relates a case, and the related case shows. axe-core on every state visited."""

import pytest

from casus.models import CasusRelatie
from cris.accounts.roles import Rol
from tests import chain
from tests.browser.conftest import assert_accessible
from tests.factories import WACHTWOORD, LidmaatschapFactory, MedewerkerFactory, TeamFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_caseworker_relates_a_case_from_the_overview(page, live_server):
    werker = MedewerkerFactory(username="fatima", rollen=[Rol.ACTIEVE_BENADERING])
    team = TeamFactory()
    LidmaatschapFactory(medewerker=werker, team=team, standaard=True)
    casus, ander = chain.casus(), chain.casus(achternaam="Klaassen")
    chain.taak(casus=casus, team=team, behandelaar=werker)
    chain.taak(casus=ander, team=team)

    page.goto(f"{live_server.url}/account/inloggen/")
    page.get_by_label("Gebruikersnaam").fill("fatima")
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("heading", name="Mijn werk").wait_for()
    page.goto(f"{live_server.url}/casussen/{casus.pk}/")
    page.get_by_role("heading", name="Gerelateerde casussen").wait_for()
    assert page.get_by_role("textbox", name="Gerelateerde casus").count() == 0  # not built with the page
    assert_accessible(page)

    page.locator("summary", has_text="Casus relateren").click()  # the form loads as the panel opens
    page.get_by_role("textbox", name="Gerelateerde casus").fill(ander.nummer)
    page.get_by_label("Toelichting").fill("broers")
    assert_accessible(page)
    page.get_by_role("button", name="Relateren", exact=True).click()
    page.get_by_text(f"Casus {ander.nummer} gerelateerd.").wait_for()
    assert page.locator("#gerelateerd").get_by_role("link", name=ander.nummer).count() == 1
    assert CasusRelatie.objects.count() == 1
    assert_accessible(page)
