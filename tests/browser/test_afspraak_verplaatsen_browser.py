"""AGE-1 × KOP-3 (issue 26) at 1366×768: moving an appointment with the agenda's one move form (its version
check included), from the task page by keyboard alone — the client who consented gets one 'afspraak-verplaatst'
CloudEvent with the new time — and on the agenda page: the error summary on a bad time, then success. axe-core
on every state; screenshots in CRIS_SCHERMAFDRUKKEN (default: the test's tmp dir)."""

import os
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from cris import klok
from cris.accounts.roles import Rol
from koppelingen.berichten.models import Kanaal
from koppelingen.partners.models import Toestemming, Uitgaandbericht
from taken.agenda import afspraak_maken
from taken.models import Afspraak
from tests import chain
from tests import partners as p
from tests.browser.conftest import assert_accessible, inloggen
from tests.browser.test_werkplek_browser import _toets
from tests.factories import LidmaatschapFactory, MedewerkerFactory, TeamFactory
from tests.webhook import Ontvanger

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def ontvanger():
    o = Ontvanger().start()
    yield o
    o.stop()


@pytest.fixture
def opzet(ontvanger):
    """A caseworker handling a task with a coming appointment, for a client who consented to Mijnslachtofferhulp."""
    msh, _token = p.partner(Kanaal.MSH, naam="Mijnslachtofferhulp", webhook_url=ontvanger.url)
    ontvanger.geheim = msh.webhook_geheim
    werker = MedewerkerFactory(username="fatima", voornamen="Fatima", rollen=[Rol.ALGEMENE_DIENSTVERLENING])
    team = TeamFactory()
    LidmaatschapFactory(medewerker=werker, team=team, standaard=True)
    casus = chain.casus(achternaam="Vermeulen")
    Toestemming.objects.create(client=casus.client, partner=msh, gegeven_op=klok.nu())
    taak = chain.taak(casus=casus, team=team, behandelaar=werker)
    begin = klok.begin_van_dag(klok.vandaag() + timedelta(days=3)) + timedelta(hours=10)
    afspraak = afspraak_maken(
        actor=werker, taak=taak, begin=begin, einde=begin + timedelta(hours=1), onderwerp="Gesprek"
    )
    return werker, taak, afspraak


def _map(tmp_path) -> Path:
    map_ = Path(os.environ.get("CRIS_SCHERMAFDRUKKEN") or tmp_path)
    map_.mkdir(parents=True, exist_ok=True)
    return map_


def _lokaal(t) -> str:
    return timezone.localtime(t).strftime("%Y-%m-%dT%H:%M")


def test_age1_kop3_a_caseworker_moves_an_appointment_from_the_task_page_by_keyboard(
    page, live_server, opzet, ontvanger, tmp_path
):
    _werker, taak, afspraak = opzet
    inloggen(page, live_server, "fatima")
    page.set_default_timeout(10_000)
    page.goto(live_server.url + reverse("taken:detail", args=[taak.pk]))
    assert_accessible(page)

    # The action panel; in each time field the year (the third part of the date in d-m-y and m-d-y alike:
    # ArrowRight twice) one up; then the button.
    _toets(page, page.locator("#paneel-verplaatsen > summary"), "Enter")
    begin_veld = page.locator(f"#verplaats-{afspraak.pk}-begin")
    einde_veld = page.locator(f"#verplaats-{afspraak.pk}-einde")
    _toets(page, begin_veld, "ArrowRight", "ArrowRight", "ArrowUp")
    _toets(page, einde_veld, "ArrowRight", "ArrowRight", "ArrowUp")
    volgend_jaar = [timezone.localtime(t) for t in (afspraak.begin, afspraak.einde)]
    volgend_jaar = [f"{t.year + 1}{t:-%m-%dT%H:%M}" for t in volgend_jaar]
    assert [begin_veld.input_value(), einde_veld.input_value()] == volgend_jaar
    nieuw_begin, nieuw_einde = volgend_jaar
    assert_accessible(page)
    page.screenshot(path=str(_map(tmp_path) / "taakpagina-verplaatsen.png"))
    _toets(page, page.get_by_role("button", name="Afspraak verplaatsen Gesprek"), "Enter")
    page.get_by_text("De afspraak is verplaatst.").wait_for()
    assert page.url.split("#")[0].endswith(reverse("taken:detail", args=[taak.pk]))
    assert_accessible(page)
    page.screenshot(path=str(_map(tmp_path) / "taakpagina-verplaatst.png"), full_page=True)

    afspraak.refresh_from_db()
    assert (_lokaal(afspraak.begin), _lokaal(afspraak.einde), afspraak.versie) == (nieuw_begin, nieuw_einde, 2)
    # KOP-3: one 'afspraak-verplaatst' event in the outbox for the consenting client, delivered with the new time.
    event = Uitgaandbericht.objects.get(type="nl.slachtofferhulp.cris.afspraak-verplaatst").event
    assert event["data"]["afspraak"] == afspraak.pk and datetime.fromisoformat(event["data"]["begin"]) == afspraak.begin
    soorten = [e["type"].rsplit(".", 1)[1] for e in ontvanger.events]
    assert soorten[-2:] == ["afspraak-gepland", "afspraak-verplaatst"] and "afspraak-geannuleerd" not in soorten


def test_age1_the_agenda_move_form_shows_the_error_summary_then_moves(page, live_server, opzet, tmp_path):
    _werker, _taak, afspraak = opzet
    inloggen(page, live_server, "fatima")
    page.set_default_timeout(10_000)
    week = f"?week={klok.lokale_datum(afspraak.begin).isoformat()}"
    page.goto(live_server.url + reverse("taken:agenda") + week)
    page.locator("summary", has_text="Verplaatsen Gesprek").click()
    begin_veld, einde_veld = (
        page.locator(f"#verplaats-{afspraak.pk}-begin"),
        page.locator(f"#verplaats-{afspraak.pk}-einde"),
    )
    assert begin_veld.input_value() == _lokaal(afspraak.begin)
    assert_accessible(page)

    # A bad time: the end before the begin. The page comes back with the one error summary, the form open.
    einde_veld.fill(_lokaal(afspraak.begin - timedelta(hours=1)))
    page.get_by_role("button", name="Afspraak verplaatsen Gesprek").click()
    samenvatting = page.locator(".cris-foutsamenvatting")
    samenvatting.wait_for()
    assert "Het einde van de afspraak moet na het begin liggen." in samenvatting.inner_text()
    assert page.locator(f"#verplaats-{afspraak.pk}-einde").is_visible()  # its panel is open
    assert_accessible(page)
    page.screenshot(path=str(_map(tmp_path) / "agenda-fout.png"), full_page=True)
    samenvatting.get_by_role("link").click()  # the summary's link moves the focus to its field
    assert page.locator(f"#verplaats-{afspraak.pk}-einde").evaluate("e => e === document.activeElement")
    afspraak.refresh_from_db()
    assert afspraak.versie == 1  # nothing moved

    # Corrected: moved, back on the same week of the agenda with the new time.
    nieuw = afspraak.begin + timedelta(hours=4)
    page.locator(f"#verplaats-{afspraak.pk}-begin").fill(_lokaal(nieuw))
    page.locator(f"#verplaats-{afspraak.pk}-einde").fill(_lokaal(nieuw + timedelta(minutes=45)))
    page.get_by_role("button", name="Afspraak verplaatsen Gesprek").click()
    page.get_by_text("De afspraak is verplaatst.").wait_for()
    assert week in page.url
    tijd = f"{timezone.localtime(nieuw):%H:%M}–{timezone.localtime(nieuw + timedelta(minutes=45)):%H:%M}"
    assert page.locator(".cris-agenda").get_by_text(tijd).count() == 1
    assert_accessible(page)
    page.screenshot(path=str(_map(tmp_path) / "agenda-verplaatst.png"), full_page=True)
    afspraak = Afspraak.objects.get(pk=afspraak.pk)
    assert (afspraak.begin, afspraak.versie) == (nieuw, 2)
