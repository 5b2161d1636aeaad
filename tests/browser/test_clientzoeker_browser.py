"""AAN-5 in the browser: reviewing a referral whose person is probably an existing client (spelt differently)
shows the match, ranked first, with where it was found and the teams holding it, and links to the client card.
A second, unrelated near-namesake is not shown. axe-core on both pages."""

from datetime import date

import pytest

from casus.models import Client
from cris.accounts.roles import Rol
from testgegevens.demo.werkstroom import teams_aanmaken
from tests import chain
from tests.browser.conftest import assert_accessible
from tests.browser.test_hoofdketen import _login
from tests.factories import LidmaatschapFactory, MedewerkerFactory
from werkstroom.models import Team

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_beoordelen_toont_de_waarschijnlijke_doublure_en_linkt_ernaar(page, live_server):
    teams_aanmaken()
    team = Team.objects.get(code="AB-MN")
    invoerder = MedewerkerFactory(username="sanne", rollen=[Rol.CAI])
    beoordelaar = MedewerkerFactory(username="anouk", rollen=[Rol.ADMINISTRATIE])
    LidmaatschapFactory(medewerker=beoordelaar, team=team)  # may see the team's cases
    bestaand = chain.casus(achternaam="Janssen", postcode="3511 AB")
    Client.objects.filter(pk=bestaand.client_id).update(geboortedatum=date(1985, 4, 12), voornamen="Fatma")
    chain.taak(casus=bestaand, team=team)
    ander = chain.casus(achternaam="Hansen")  # same birth date, a different person
    Client.objects.filter(pk=ander.client_id).update(geboortedatum=date(1985, 4, 12))
    aanmelding = chain.aanmelding(actor=invoerder, achternaam="Jansen", voornamen="Fatma", huisnummer="99")

    bestaand.client.refresh_from_db()

    _login(page, live_server, "anouk")
    page.goto(f"{live_server.url}/aanmeldingen/{aanmelding.pk}/")
    tabel = page.locator("#kandidaten")
    tabel.wait_for()
    assert_accessible(page)
    rijen = tabel.locator("tbody tr")
    assert rijen.count() == 1
    rij = rijen.first
    assert "gelijkende naam en geboortedatum" in rij.inner_text()
    assert "1 open, 0 gesloten" in rij.inner_text() and team.naam in rij.inner_text()
    assert "Hansen" not in tabel.inner_text()

    rij.get_by_role("link", name=f"{bestaand.client.nummer} {bestaand.client.naam}").click()
    page.get_by_role("heading", level=1, name=bestaand.client.naam).wait_for()
    assert_accessible(page)


def test_de_zoeker_bij_invoer_toont_treffers_zonder_het_formulier_te_verliezen(page, live_server):
    """The finder on the intake page answers by htmx: the hits appear, the entry form keeps what was typed,
    the "koppelen" choice for the hit appears in it, and the URL holds the search (back and bookmarks)."""
    teams_aanmaken()
    MedewerkerFactory(username="sanne", rollen=[Rol.CAI])
    bestaand = chain.casus(achternaam="Janssen")
    Client.objects.filter(pk=bestaand.client_id).update(geboortedatum=date(1985, 4, 12), voornamen="Fatma")
    bestaand.client.refresh_from_db()

    _login(page, live_server, "sanne")
    page.goto(f"{live_server.url}/aanmeldingen/nieuw/")
    form = page.locator("form[method=post]")
    form.get_by_label("Telefoon").fill("0612345678")  # typed before searching: must survive the search
    zoeker = page.locator("form[method=get]")
    zoeker.get_by_label("Achternaam").fill("jansen")
    zoeker.get_by_label("Geboortedatum").fill("1985-04-12")
    zoeker.get_by_role("button", name="Zoek cliënt").click()
    page.locator("#kandidaten").get_by_text(bestaand.client.nummer).wait_for()
    assert form.get_by_label("Telefoon").input_value() == "0612345678"
    assert form.get_by_label(f"{bestaand.client.nummer} {bestaand.client.naam}").count() == 1
    assert "zoek_achternaam=jansen" in page.url
    assert_accessible(page)
