"""KOP-4 as a caseworker uses it (issue 26): from the casus, refer the client to PHB with consent, reason and
contact preference; PHB's webhook (loopback) receives it; PHB's feedback, posted to the API over HTTP, appears on
the referral and on the casus timeline. axe-core on every page visited."""

import json
import urllib.request
import uuid

import pytest

from cris import klok
from cris.accounts.roles import Rol
from koppelingen.berichten.models import Kanaal
from koppelingen.partners import uitgaand
from koppelingen.partners.models import Doorverwijzing, ExterneOrganisatie
from tests import chain
from tests import partners as p
from tests.browser.conftest import assert_accessible
from tests.factories import WACHTWOORD, LidmaatschapFactory, MedewerkerFactory, TeamFactory
from tests.webhook import Ontvanger

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_caseworker_refers_to_phb_and_sees_phbs_feedback_on_the_casus(page, live_server):
    ontvanger = Ontvanger().start()
    partner, token = p.partner(Kanaal.EXTERN, naam="Perspectief Herstelbemiddeling", webhook_url=ontvanger.url)
    ontvanger.geheim = partner.webhook_geheim
    ExterneOrganisatie.objects.create(naam="Perspectief Herstelbemiddeling", partner=partner)
    werker = MedewerkerFactory(username="fatima", rollen=[Rol.ALGEMENE_DIENSTVERLENING])
    team = TeamFactory()
    LidmaatschapFactory(medewerker=werker, team=team, standaard=True)
    casus = chain.casus()
    chain.taak(casus=casus, team=team, behandelaar=werker)
    try:
        page.goto(f"{live_server.url}/account/inloggen/")
        page.get_by_label("Gebruikersnaam").fill("fatima")
        page.get_by_label("Wachtwoord").fill(WACHTWOORD)
        page.get_by_role("button", name="Inloggen").click()
        page.get_by_role("heading", name="Mijn werk").wait_for()
        page.goto(f"{live_server.url}/casussen/{casus.pk}/")
        page.get_by_role("link", name="Doorverwijzen extern (PHB en andere organisaties)").click()
        page.get_by_role("heading", name="Doorverwijzen", exact=True).wait_for()
        assert_accessible(page)
        page.get_by_label("Organisatie", exact=True).select_option(label="Perspectief Herstelbemiddeling")
        page.get_by_label("Reden van de doorverwijzing").fill("Cliënt wil in gesprek met de dader")
        page.get_by_label("Contactvoorkeur van de cliënt").select_option("telefoon")
        page.get_by_label("De cliënt geeft toestemming").check()
        page.get_by_role("button", name="Doorverwijzing versturen").click()
        verwijzing = Doorverwijzing.objects.get()
        page.get_by_text(
            f"Doorverwijzing {verwijzing.nummer} naar Perspectief Herstelbemiddeling is verzonden."
        ).wait_for()
        assert page.locator("#doorverwijzingen").get_by_text("verzonden").count() == 1
        assert_accessible(page)

        uitgaand.afleveren()  # the Celery task, here in the test's process
        assert [e["subject"] for e in ontvanger.events] == [verwijzing.nummer]
        body = {
            "berichtId": str(uuid.uuid4()),
            "verzonden": klok.nu().isoformat(),
            "doorverwijzing": verwijzing.nummer,
            "status": "in_behandeling",
        }
        verzoek = urllib.request.Request(
            f"{live_server.url}/api/v1/doorverwijzingstatussen",
            data=json.dumps(body).encode(),
            headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(verzoek) as antwoord:
            assert antwoord.status == 201

        page.reload()
        assert page.locator("#doorverwijzingen").get_by_text("in behandeling").count() == 1
        page.goto(f"{live_server.url}/casussen/{casus.pk}/tijdlijn/")
        page.get_by_text(
            f"Perspectief Herstelbemiddeling: doorverwijzing {verwijzing.nummer} in behandeling"
        ).wait_for()
        assert_accessible(page)
    finally:
        ontvanger.stop()
