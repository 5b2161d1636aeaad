"""Issue 25 at 1366×768, measured: what the daily users need shows above the fold (the first 768 px of the
page), and the work can be done by keyboard alone. axe-core on every page visited."""

import pytest
from django.urls import reverse

from cris.accounts.roles import Rol
from testgegevens.demo.werkstroom import teams_aanmaken
from tests import chain
from tests.browser.conftest import assert_accessible
from tests.browser.test_hoofdketen import _login
from tests.factories import LidmaatschapFactory, MedewerkerFactory
from werkstroom.models import Team

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
BREED, HOOG = 1366, 768


def _boven_de_vouw(page, selector: str) -> int:
    """How many of the elements matching ``selector`` are visible entirely within the first screen."""
    return page.evaluate(
        """([selector, hoog]) => [...document.querySelectorAll(selector)].filter(e => {
            const r = e.getBoundingClientRect(); return r.height > 0 && r.top >= 0 && r.bottom <= hoog;
        }).length""",
        [selector, HOOG],
    )


@pytest.fixture
def ab_werker():
    teams_aanmaken()
    werker = MedewerkerFactory(
        username="fatima", voornamen="Fatima", achternaam="El Amrani", rollen=[Rol.ACTIEVE_BENADERING]
    )
    LidmaatschapFactory(medewerker=werker, team=Team.objects.get(code="AB-MN"), standaard=True)
    return werker


def test_tak4_fifteen_worklist_rows_show_above_the_fold(page, live_server, ab_werker):
    team = Team.objects.get(code="AB-MN")
    for i in range(20):
        chain.taak(casus=chain.casus(achternaam=f"Cliënt{i:02d}"), team=team, behandelaar=ab_werker)
    page.set_viewport_size({"width": BREED, "height": HOOG})
    _login(page, live_server, "fatima")
    page.goto(live_server.url + reverse("taken:werkstroom"))
    assert _boven_de_vouw(page, "#werklijst tbody tr") >= 15
    assert_accessible(page)

    # The filters open on demand, change the list in place and stay in the URL; then saved as "mijn filters".
    page.get_by_text("Filters en sorteren").click()
    page.get_by_label("Sorteren op").select_option("-aangemaakt")
    page.wait_for_url("**sortering=-aangemaakt**")
    assert_accessible(page)
    page.get_by_role("button", name="Bewaar als mijn filters").click()
    page.get_by_text("Uw filters zijn bewaard").wait_for()
    assert "sortering=-aangemaakt" in page.get_by_role("link", name="Mijn filters").get_attribute("href")
    page.locator("#werklijst tbody tr").first.get_by_role("link", name="Cliënt19").click()
    page.get_by_role("heading", level=1).wait_for()
