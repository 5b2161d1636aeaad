"""KOP-1 in the browser: the application manager follows an import on the import page (htmx refresh),
Administratie reviews a flagged police referral, and a casus shows the prosecution's legal part.
axe-core on every page."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from aanmelding.models import Aanmelding
from aanmelding.services import aanmelding_goedkeuren
from cris.accounts.roles import Rol
from koppelingen.berichten.models import Aanlevering
from testgegevens.demo.werkstroom import teams_aanmaken
from tests import berichten as b
from tests.browser.conftest import assert_accessible
from tests.factories import WACHTWOORD, LidmaatschapFactory, MedewerkerFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page, live_server, username):
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/account/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("heading", name="Mijn werk").wait_for()


def test_import_page_flags_and_legal_part(page, live_server, tmp_path, settings):
    settings.BERICHTEN_INBOX = tmp_path / "inbox"
    teams_aanmaken()
    MedewerkerFactory(username="applicatiebeheer", rollen=[Rol.APPLICATIEBEHEERDER])
    MedewerkerFactory(username="anouk", rollen=[Rol.ADMINISTRATIE])
    ab = MedewerkerFactory(username="fatima", rollen=[Rol.ACTIEVE_BENADERING])

    call_command("importeer", str(b.SAMPLES / "edp"))
    lopend = Aanlevering.objects.create(naam="achterstand.xml", bron="inbox", totaal=400, gestart=timezone.now())

    # The application manager sees the day's counts and the file in progress; the page refreshes itself.
    _login(page, live_server, "applicatiebeheer")
    page.get_by_role("link", name="Import").click()
    page.get_by_role("heading", name="Import EDP/EDOM").wait_for()
    assert page.locator('[data-telling="geimporteerd"]').inner_text() == "4"
    assert page.get_by_text("0 van 400 berichten").count() == 1
    assert_accessible(page)
    Aanlevering.objects.filter(pk=lopend.pk).update(ontvangen=300, geimporteerd=300)
    page.get_by_text("300 van 400 berichten").wait_for(timeout=10_000)
    assert page.locator("progress").get_attribute("value") == "75"
    assert_accessible(page)

    # Administratie reviews a referral without a BSN: the flag says why.
    _login(page, live_server, "anouk")
    aanmelding = Aanmelding.objects.get(voornamen="Sanne")
    page.goto(f"{live_server.url}/aanmeldingen/beoordelen/")
    assert page.get_by_text("1 signalering").count() >= 1
    assert_accessible(page)
    page.goto(f"{live_server.url}/aanmeldingen/{aanmelding.pk}/")
    page.get_by_role("heading", name="Let op bij de beoordeling").wait_for()
    assert page.get_by_text("BSN ontbreekt").count() == 1
    assert_accessible(page)

    # The prosecution's message reaches Marieke's casus: the Juridisch part on the casus page.
    marieke = Aanmelding.objects.get(voornamen="Marieke")
    casus = aanmelding_goedkeuren(actor=None, aanmelding=marieke)
    LidmaatschapFactory(medewerker=ab, team=casus.taken.get().team, standaard=True)
    call_command("importeer", str(b.SAMPLES / "edom" / "edom-001-zitting.xml"))
    _login(page, live_server, "fatima")
    page.goto(f"{live_server.url}/casussen/{casus.pk}/")
    page.get_by_role("navigation", name="Onderdelen van de casus").get_by_role("link", name="Juridisch").click()
    page.get_by_role("heading", name="Juridisch").wait_for()  # the tab, switched by htmx
    assert page.locator("#juridisch").get_by_text("13/123456-26").count() == 1
    assert page.locator("#juridisch").get_by_text("dagvaarding").count() == 1
    assert_accessible(page)
