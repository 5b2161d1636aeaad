"""SCH-2/SCH-3 in the browser: the privacy officer reviews the nightly list and deselects a casus, a second
privacy officer approves it (four eyes), and the purge's progress refreshes itself (htmx). axe-core on every page."""

from datetime import timedelta

import pytest
from django.utils import timezone

from casus.models import Casus
from cris.accounts.roles import Rol
from schoning.models import Bewaarregel, Selectie, SelectieStatus
from schoning.services import selectie_maken
from tests import chain
from tests.browser.conftest import assert_accessible
from tests.browser.test_import_browser import _login
from tests.factories import MedewerkerFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_review_deselect_approve_and_follow_the_purge(page, live_server):
    MedewerkerFactory(username="privacy1", rollen=[Rol.PRIVACY_OFFICER])
    MedewerkerFactory(username="privacy2", rollen=[Rol.PRIVACY_OFFICER])
    Bewaarregel.objects.update_or_create(
        soort="casus", defaults={"actief": True, "termijn_maanden": 84, "telt_vanaf": "afgerond_op"}
    )
    bewaren, weg = chain.casus(), chain.casus()
    Casus.objects.filter(pk__in=[bewaren.pk, weg.pk]).update(
        status="afgerond", afgerond_op=timezone.now() - timedelta(days=3650)
    )
    selectie = selectie_maken()

    _login(page, live_server, "privacy1")
    page.get_by_role("link", name="Schoning").click()
    page.get_by_role("heading", name="Schoning").wait_for()
    assert_accessible(page)
    page.get_by_role("link", name=str(selectie)).click()
    page.get_by_role("heading", name=str(selectie)).wait_for()
    assert page.get_by_text("verlopen op").count() == 2
    assert_accessible(page)
    page.get_by_text(f"Uitzonderen {bewaren.nummer}").click()
    page.get_by_label("Reden").first.fill("Cliënt heeft om bewaren gevraagd")
    page.get_by_role("button", name="Uitzonderen").first.click()
    page.get_by_role("button", name="Ter goedkeuring aanbieden").click()
    page.get_by_text("Wacht op goedkeuring door een tweede persoon.").wait_for()
    assert_accessible(page)

    _login(page, live_server, "privacy2")
    page.goto(f"{live_server.url}/schoning/{selectie.pk}/")
    page.get_by_role("button", name="Goedkeuren en laten uitvoeren").click()
    page.get_by_text("1 van 1 batches verwerkt").wait_for()
    assert list(Casus.objects.values_list("pk", flat=True)) == [bewaren.pk]
    assert_accessible(page)

    # A purge in progress: the page follows it without reloading.
    lopend = Selectie.objects.create(
        datum=timezone.localdate(), status=SelectieStatus.BEZIG, batches_totaal=4, batches_klaar=1
    )
    page.goto(f"{live_server.url}/schoning/{lopend.pk}/")
    page.get_by_text("1 van 4 batches verwerkt").wait_for()
    Selectie.objects.filter(pk=lopend.pk).update(batches_klaar=3)
    page.get_by_text("3 van 4 batches verwerkt").wait_for(timeout=10_000)
    assert page.locator("progress").get_attribute("value") == "75"
    assert_accessible(page)
