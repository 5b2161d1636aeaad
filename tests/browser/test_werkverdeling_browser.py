"""Issue 7 as people do it: an AB worker takes "Volgende taak" (TAK-5); the team leader filters the list of
their members' tasks (TAK-4, htmx) and hands the task to a colleague (TAK-6), who finds it in their list and
hands one of its services back to the first worker (TAK-6, part of the services). axe-core on every page
visited."""

import pytest
from django.urls import reverse

from cris.accounts.roles import Rol
from diensten.models import Dienst, DienstSoort
from diensten.services.levenscyclus import dienst_registreren
from taken.models import Taak, TaakStatus
from testgegevens.demo.werkstroom import teams_aanmaken
from tests import chain
from tests.browser.conftest import assert_accessible
from tests.browser.test_hoofdketen import _login
from tests.factories import LidmaatschapFactory, MedewerkerFactory
from werkstroom.models import Lidmaatschap, Team

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_worker_takes_the_next_task_and_the_leader_redistributes_it(page, live_server):
    teams_aanmaken()
    ab = Team.objects.get(code="AB-MN")
    fatima = MedewerkerFactory(
        username="fatima", voornamen="Fatima", achternaam="El Amrani", rollen=[Rol.ACTIEVE_BENADERING]
    )
    bram = MedewerkerFactory(username="bram", voornamen="Bram", achternaam="Dekker", rollen=[Rol.ACTIEVE_BENADERING])
    eva = MedewerkerFactory(username="eva", voornamen="Eva", achternaam="de Boer", rollen=[Rol.TEAMLEIDER])
    for m in (fatima, bram):
        LidmaatschapFactory(medewerker=m, team=ab, standaard=True)
    LidmaatschapFactory(medewerker=eva, team=ab, rol=Lidmaatschap.Rol.TEAMLEIDER, standaard=True)
    eerste = chain.taak(casus=chain.casus(achternaam="Vermeulen"), team=ab)
    chain.taak(casus=chain.casus(achternaam="Bos"), team=ab, code="AB-MONITOR")

    # The worker asks the taakverdeler: the benaderingsgesprek (high priority) comes first.
    _login(page, live_server, "fatima")
    page.get_by_role("link", name="Werkstroom").click()
    assert_accessible(page)
    page.get_by_role("button", name="Volgende taak").click()
    page.get_by_text("De taakverdeler heeft u deze taak gegeven").wait_for()
    assert_accessible(page)
    eerste.refresh_from_db()
    assert eerste.status == TaakStatus.IN_BEHANDELING and eerste.behandelaar == fatima

    # The team leader filters the list of her members' tasks without a reload and hands the task to Bram.
    _login(page, live_server, "eva")
    page.get_by_role("link", name="Werkstroom").click()
    page.get_by_role("link", name="Taken van mijn medewerkers").click()
    page.locator("#werklijst").get_by_role("cell", name="Vermeulen").wait_for()
    page.get_by_text("Filters en sorteren").click()  # the filters are one line until opened (issue 25)
    page.get_by_label("Status", exact=True).select_option("in_behandeling")
    page.wait_for_url("**status=in_behandeling**")
    assert page.locator("#werklijst tbody tr").count() == 1
    assert_accessible(page)
    page.locator("#werklijst").get_by_role("link", name="Vermeulen").click()  # the client's name is the link
    page.locator("summary", has_text="Taak overdragen").click()  # one action panel; its form loads as it opens
    page.get_by_label("Overdragen aan").select_option(label=str(bram))
    assert_accessible(page)
    page.get_by_role("button", name="Overdragen", exact=True).click()
    page.get_by_text("De taak is overgedragen aan").wait_for()
    assert_accessible(page)
    assert Taak.objects.get(pk=eerste.pk).behandelaar == bram

    # Bram finds it among his own tasks.
    _login(page, live_server, "bram")
    page.get_by_role("link", name="Werkstroom").click()
    page.locator("#werklijst").get_by_role("cell", name="Vermeulen").wait_for()

    # Bram keeps the task but hands one of its two services to Fatima: it goes to a task of hers.
    strafproces, schade = (DienstSoort.objects.get(code=c) for c in ("INF-STRAFPROCES", "INF-SCHADE"))
    taak = Taak.objects.get(pk=eerste.pk)
    overdragen = dienst_registreren(actor=bram, taak=taak, soort=strafproces)
    blijft = dienst_registreren(actor=bram, taak=taak, soort=schade)
    page.goto(live_server.url + reverse("taken:detail", args=[eerste.pk]))
    page.locator("summary", has_text="Diensten en collega kiezen").click()
    page.get_by_role("checkbox", name=str(strafproces), exact=False).check()
    page.get_by_label("Diensten overdragen aan").select_option(label=str(fatima))
    page.get_by_role("button", name="Diensten overdragen", exact=True).click()
    page.get_by_text("1 dienst(en) overgedragen aan").wait_for()
    assert_accessible(page)
    assert Dienst.objects.get(pk=blijft.pk).taak_id == eerste.pk
    ontvangen = Dienst.objects.get(pk=overdragen.pk).taak
    assert ontvangen.pk != eerste.pk and ontvangen.behandelaar == fatima
    assert Taak.objects.get(pk=eerste.pk).behandelaar == bram
