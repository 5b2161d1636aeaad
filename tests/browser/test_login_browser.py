"""A person logs in, sees Mijn werk; every page visited passes axe-core (WCAG 2.1 AA, TOE-1)."""

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from cris.accounts.links import link_aanmaken
from cris.accounts.models import AccountLink
from tests.browser.conftest import assert_accessible
from tests.factories import WACHTWOORD, LidmaatschapFactory, MedewerkerFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def jan(db):
    user = MedewerkerFactory(username="jan", voornamen="Jan", achternaam="Jansen")
    LidmaatschapFactory(medewerker=user, team__naam="Actieve Benadering Testdistrict", standaard=True)
    return user


def _login(page, live_server, username="jan", password=WACHTWOORD):
    page.goto(f"{live_server.url}/account/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()


def test_a_caseworker_logs_in_and_sees_mijn_werk(page, live_server, jan):
    page.goto(f"{live_server.url}/")
    assert "/account/inloggen/" in page.url
    assert_accessible(page)
    _login(page, live_server)
    page.get_by_role("heading", name="Mijn werk").wait_for()
    # Issue 25: Mijn werk shows panels of what waits for this user, then their team memberships.
    taken = page.get_by_role("region", name="Mijn taken: te laat en vandaag")
    assert taken.get_by_text("Geen taken die vandaag af moeten.").count() == 1
    teams = page.get_by_role("region", name="Mijn teams")
    assert "Actieve Benadering Testdistrict" in teams.inner_text()
    assert_accessible(page)
    # Keyboard: the skip link is the first stop and leads to the main content.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent").strip() == "Direct naar de inhoud"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "inhoud"


def test_a_wrong_password_shows_an_accessible_error(page, live_server, jan):
    _login(page, live_server, password="onjuist")
    page.get_by_role("alert").wait_for()
    assert "komen niet overeen" in page.get_by_role("alert").inner_text()
    assert_accessible(page)


def test_the_error_page_is_accessible(page, live_server, jan):
    _login(page, live_server)
    page.goto(f"{live_server.url}/bestaat-niet/")
    assert page.get_by_role("heading", name="Pagina niet gevonden").count() == 1
    assert_accessible(page)


def test_two_factor_setup_and_check_are_accessible_and_obey_the_csp(csp_page, page, live_server, jan, settings):
    settings.TWO_FACTOR_REQUIRED = True
    _login(csp_page, live_server)
    # Issue 22: the first authenticator is bound through the e-mailed activation link, after the password.
    csp_page.get_by_role("heading", name="Activatielink nodig").wait_for()
    sleutel = link_aanmaken(jan, AccountLink.Doel.ACTIVEREN)
    csp_page.goto(f"{live_server.url}{reverse('accounts:activeren', args=[sleutel])}")
    csp_page.get_by_role("heading", name="Tweestapsverificatie instellen").wait_for()
    device = TOTPDevice.objects.get(user=jan, confirmed=False)
    csp_page.get_by_label("Code uit uw authenticator-app").fill(f"{totp(device.bin_key):06d}")
    csp_page.get_by_role("button", name="Bevestigen").click()
    csp_page.get_by_role("heading", name="Mijn werk").wait_for()
    assert csp_page.csp_violations == []
    # The same pages under axe (a fresh session: set-up is done, so the code is asked).
    _login(page, live_server)
    page.get_by_role("heading", name="Tweestapsverificatie").wait_for()
    assert_accessible(page)
