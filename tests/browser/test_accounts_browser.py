"""Issue 22 in Chromium: activation of a new member of staff (first password, first authenticator) by an
e-mailed link, a forgotten password reset and a change of one's own password; every page passes axe-core
(WCAG 2.1 AA), the error states included; a used link is dead."""

import re

import pytest
from django.core import mail
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from cris.accounts import links
from tests.browser.conftest import assert_accessible
from tests.factories import WACHTWOORD, MedewerkerFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NIEUW = "Paarse-olifant-fietst-7"


def _link(live_server) -> str:
    pad = re.search(r"https?://\S+?(/account/\S+/)", mail.outbox[-1].body).group(1)
    return live_server.url + pad


def _wachtwoorden(page, eerste, tweede=None):
    page.locator("#id_new_password1").fill(eerste)
    page.locator("#id_new_password2").fill(tweede or eerste)


def test_issue22_a_new_member_of_staff_activates_the_account_by_the_emailed_link(page, live_server, settings):
    settings.TWO_FACTOR_REQUIRED = True
    kees = MedewerkerFactory(username="kees", voornamen="Kees", email="kees@example.nl")
    kees.set_unusable_password()
    kees.save()
    links.activatielink_versturen(medewerker=kees)
    url = _link(live_server)

    page.goto(url)
    page.get_by_role("heading", name="Account activeren").wait_for()
    assert_accessible(page)
    _wachtwoorden(page, "kort")
    page.get_by_role("button", name="Wachtwoord instellen").click()
    page.locator("#id_new_password2_error").get_by_text("te kort").wait_for()  # the field; the summary links to it
    assert_accessible(page)  # the error state
    _wachtwoorden(page, NIEUW)
    page.get_by_role("button", name="Wachtwoord instellen").click()
    page.get_by_role("heading", name="Tweestapsverificatie instellen").wait_for()
    assert_accessible(page)
    device = TOTPDevice.objects.get(user=kees, confirmed=False)
    page.get_by_label("Code uit uw authenticator-app").fill(f"{totp(device.bin_key):06d}")
    page.get_by_role("button", name="Bevestigen").click()
    page.get_by_role("heading", name="Mijn werk").wait_for()
    assert "authenticator" in mail.outbox[-1].subject  # told that a device was added
    # The link worked once.
    page.goto(url)
    page.get_by_role("heading", name="Deze link werkt niet meer").wait_for()
    assert_accessible(page)


def test_issue22_a_forgotten_password_and_a_change_of_ones_own(page, live_server):
    MedewerkerFactory(username="piet", voornamen="Piet", email="piet@example.nl")
    page.goto(f"{live_server.url}/account/inloggen/")
    page.get_by_role("link", name="Wachtwoord vergeten?").click()
    page.get_by_role("heading", name="Wachtwoord vergeten").wait_for()
    assert_accessible(page)
    page.get_by_label("Gebruikersnaam of e-mailadres").fill("piet")
    page.get_by_role("button", name="Link versturen").click()
    page.get_by_role("status").wait_for()
    assert_accessible(page)

    page.goto(_link(live_server))
    page.get_by_role("heading", name="Nieuw wachtwoord instellen").wait_for()
    assert_accessible(page)
    _wachtwoorden(page, NIEUW, NIEUW + "x")
    page.get_by_role("button", name="Wachtwoord instellen").click()
    page.locator("#id_new_password2_error").get_by_text("komen niet overeen").wait_for()
    assert_accessible(page)
    _wachtwoorden(page, NIEUW)
    page.get_by_role("button", name="Wachtwoord instellen").click()
    page.get_by_role("heading", name="Inloggen bij CRIS").wait_for()
    assert page.get_by_text("Uw nieuwe wachtwoord is ingesteld").count() == 1
    assert_accessible(page)

    page.get_by_label("Gebruikersnaam").fill("piet")
    page.get_by_label("Wachtwoord").fill(NIEUW)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("heading", name="Mijn werk").wait_for()
    page.get_by_role("link", name="Wachtwoord wijzigen").click()
    page.get_by_role("heading", name="Wachtwoord wijzigen").wait_for()
    assert_accessible(page)
    page.locator("#id_old_password").fill(WACHTWOORD)
    _wachtwoorden(page, NIEUW + "-2")
    page.get_by_role("button", name="Wachtwoord wijzigen").click()
    # the old one is the reset one now
    page.locator("#id_old_password_error").get_by_text("niet juist ingevoerd").wait_for()
    assert_accessible(page)
    page.locator("#id_old_password").fill(NIEUW)
    _wachtwoorden(page, NIEUW + "-2")
    page.get_by_role("button", name="Wachtwoord wijzigen").click()
    page.get_by_role("heading", name="Mijn werk").wait_for()
    assert page.get_by_text("Uw wachtwoord is gewijzigd").count() == 1
