"""Issue 23 item 3 in the browser: a worker has one contact report open in two tabs, at 1366x768 with axe-core.
The first tab saves; the second tab's save is refused with the Dutch conflict message, the first tab's text in
the form and its own unsaved text beside it, and nothing of the second is saved (VER-2, cris.versie)."""

import pytest
from django.utils import timezone

from cris.accounts.roles import Rol
from taken import verslagen
from taken.models import Contactmoment
from tests import chain
from tests.browser.conftest import assert_accessible
from tests.factories import WACHTWOORD, LidmaatschapFactory, MedewerkerFactory, TeamFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_issue23_3_two_tabs_edit_one_contact_report_the_second_gets_the_dutch_conflict(page, live_server):
    werker = MedewerkerFactory(username="anouk", rollen=[Rol.ACTIEVE_BENADERING])
    team = TeamFactory()
    LidmaatschapFactory(medewerker=werker, team=team, standaard=True)
    taak = chain.taak(casus=chain.casus(), team=team, behandelaar=werker)
    contact = verslagen.verslag_vastleggen(
        actor=werker, taak=taak, tijdstip=timezone.now(), kanaal="telefoon", richting="uitgaand", bereikt=True,
        duur_minuten=10, verslag="Cliënt gesproken.",
    )  # fmt: skip
    page.set_viewport_size({"width": 1366, "height": 768})
    page.goto(f"{live_server.url}/account/inloggen/")
    page.get_by_label("Gebruikersnaam").fill("anouk")
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("heading", name="Mijn werk").wait_for()

    url = f"{live_server.url}/werkstroom/contact/{contact.pk}/"
    tab_b = page.context.new_page()
    tab_b.set_viewport_size({"width": 1366, "height": 768})
    page.goto(url)
    tab_b.goto(url)

    page.get_by_label("Verslag").fill("Cliënt gesproken; aangifte besproken.")
    page.get_by_role("button", name="Verslag opslaan").click()
    page.get_by_text("Het verslag is bijgewerkt.").wait_for()

    tab_b.get_by_label("Verslag").fill("Cliënt gesproken; doorverwezen naar de huisarts.")
    tab_b.get_by_role("button", name="Verslag opslaan").click()
    tab_b.get_by_text("Iemand anders heeft dit intussen gewijzigd. Uw wijziging is niet opgeslagen").wait_for()
    assert tab_b.get_by_label("Verslag").input_value() == "Cliënt gesproken; aangifte besproken."
    assert "doorverwezen naar de huisarts" in tab_b.locator("#conflict").inner_text()
    assert_accessible(tab_b)
    contact = Contactmoment.objects.get(pk=contact.pk)
    assert (contact.verslag, contact.versie) == ("Cliënt gesproken; aangifte besproken.", 2)

    # Redone on top of the other change, it saves.
    tab_b.get_by_label("Verslag").fill("Cliënt gesproken; aangifte besproken; doorverwezen naar de huisarts.")
    tab_b.get_by_role("button", name="Verslag opslaan").click()
    tab_b.get_by_text("Het verslag is bijgewerkt.").wait_for()
    assert Contactmoment.objects.get(pk=contact.pk).versie == 3
