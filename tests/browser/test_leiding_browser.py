"""Issue 24 part 3 as a team leader and the AO coordinator use it, at 1366x768 with axe-core: the caseload with
the flag for a deactivated worker's tasks, handing them on in bulk, and a shift added to the piket rota."""

import pytest

from cris.accounts.roles import Rol
from taken.models import Taak
from tests import chain
from tests.browser.conftest import assert_accessible
from tests.factories import WACHTWOORD, LidmaatschapFactory, MedewerkerFactory, TeamFactory
from werkstroom.models import Afdeling, Lidmaatschap, Piketdienst

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page, live_server, username):
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/account/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(lambda url: "inloggen" not in url)


def test_team_leader_hands_on_a_deactivated_workers_tasks_and_the_coordinator_keeps_the_rota(page, live_server):
    team = TeamFactory(afdeling=Afdeling.ACTIEVE_BENADERING, naam="AB Midden")
    leider = MedewerkerFactory(username="leider", rollen=[Rol.TEAMLEIDER])
    LidmaatschapFactory(medewerker=leider, team=team, rol=Lidmaatschap.Rol.TEAMLEIDER)
    collega = MedewerkerFactory(rollen=[Rol.ACTIEVE_BENADERING], voornamen="Sanne", achternaam="Smit")
    LidmaatschapFactory(medewerker=collega, team=team)
    weg = MedewerkerFactory(rollen=[Rol.ACTIEVE_BENADERING], achternaam="Vertrokken")
    LidmaatschapFactory(medewerker=weg, team=team)
    taken = [chain.taak(casus=chain.casus(), team=team, behandelaar=weg) for _ in range(2)]
    weg.is_active = False
    weg.save()
    page.set_viewport_size({"width": 1366, "height": 768})

    _login(page, live_server, "leider")
    page.get_by_role("link", name="Leiding").click()
    page.get_by_role("heading", name="Caseload van mijn teams").wait_for()
    assert "2 open taken van gedeactiveerde medewerkers" in page.locator("#wees-melding").inner_text()
    assert_accessible(page)
    page.get_by_role("link", name="Nu herverdelen").click()
    page.get_by_role("heading", name="Taken van gedeactiveerde medewerkers").wait_for()
    assert_accessible(page)
    page.get_by_role("button", name="Gekozen taken overdragen").click()  # no colleague chosen
    page.get_by_role("alert").wait_for()
    assert_accessible(page)
    page.get_by_label("Overdragen aan").select_option(label="Sanne Smit")
    page.get_by_role("button", name="Gekozen taken overdragen").click()
    page.get_by_text("2 taken overgedragen aan Sanne Smit.").wait_for()
    assert {Taak.objects.get(pk=t.pk).behandelaar_id for t in taken} == {collega.pk}

    ao = TeamFactory(afdeling=Afdeling.ACUTE_OPVANG)
    coordinator = MedewerkerFactory(username="coordinator", rollen=[Rol.TEAMLEIDER])
    LidmaatschapFactory(medewerker=coordinator, team=ao, rol=Lidmaatschap.Rol.TEAMLEIDER)
    piketleider = MedewerkerFactory(rollen=[Rol.ACUTE_OPVANG], voornamen="Piet", achternaam="Piket")
    LidmaatschapFactory(medewerker=piketleider, team=ao)
    _login(page, live_server, "coordinator")
    page.goto(f"{live_server.url}/leiding/")
    page.get_by_role("link", name="Piketrooster").click()
    page.get_by_role("heading", name="Piketrooster Acute Opvang").wait_for()
    assert_accessible(page)
    page.get_by_label("Piketleider").select_option(label="Piet Piket")
    page.get_by_label("Van").fill("2026-12-11T17:00")
    page.get_by_label("Tot").fill("2026-12-14T08:00")
    page.get_by_role("button", name="Dienst toevoegen").click()
    page.get_by_text("Piketdienst toegevoegd.").wait_for()
    assert "Piet Piket" in page.locator("#rooster").inner_text()
    assert_accessible(page)
    assert Piketdienst.objects.get().medewerker == piketleider
