"""Issue 25 at 1366×768, measured: what the daily users need shows above the fold (the first 768 px of the
page), and the work can be done by keyboard alone. axe-core on every page visited."""

import pytest
from django.urls import reverse
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from casus.models import Client
from cris.accounts.roles import Rol
from taken.models import VerslagConcept
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


def _tab_naar(page, locator, maximaal: int = 120) -> None:
    """Press Tab until ``locator`` has the focus (keyboard only: no click, no programmatic focus)."""
    for _ in range(maximaal):
        if locator.evaluate("e => e === document.activeElement"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{locator} not reached with Tab")


def _toets(page, locator, *toetsen: str) -> None:
    _tab_naar(page, locator)
    for toets in toetsen:
        page.keyboard.press(toets)


def _melding(page, tekst: str) -> None:
    """Wait for a message; fail with the page's address and the messages and errors it does show."""
    try:
        page.get_by_text(tekst).wait_for()
    except PlaywrightTimeoutError:
        getoond = page.locator(".cris-messages, .cris-foutsamenvatting").all_inner_texts()
        pytest.fail(f"{tekst!r} not shown at {page.url}; the page shows: {getoond}")


def _opbouw_vastleggen(page, map_, wat: str) -> None:
    """A fact below the fold: fail with the page's layout (every block of the main area and of the actions,
    with its top and height) and a full-page screenshot, so a failure in a long random-order run says why."""
    opbouw = page.evaluate(
        """() => [...document.querySelectorAll("main > *, .cris-acties > *, .cris-taakkop > *")].map(e => {
            const r = e.getBoundingClientRect();
            return `${e.tagName.toLowerCase()}#${e.id}.${e.className} y=${Math.round(r.top)} h=${Math.round(r.height)}`;
        })"""
    )
    pad = map_ / "boven-de-vouw.png"
    page.screenshot(path=str(pad), full_page=True)
    pytest.fail(f"{wat} is not within the first {HOOG} px; screenshot {pad}; layout:\n" + "\n".join(opbouw))


def test_ab_flow_by_keyboard_alone_with_the_case_header_above_the_fold(page, live_server, ab_werker, tmp_path):
    """Issue 25: "Volgende taak → failed attempt → contact with report and service → close → Volgende taak"
    by keyboard alone at 1366×768; on the task page the phone link, status, deadline and the latest report
    show above the fold; closing says what is still open first."""
    team = Team.objects.get(code="AB-MN")
    casus = chain.casus(achternaam="Vermeulen")
    Client.objects.filter(pk=casus.client_id).update(telefoon="06-12 34 56 78")
    chain.taak(casus=casus, team=team)
    chain.taak(casus=chain.casus(achternaam="Bos"), team=team)
    page.set_viewport_size({"width": BREED, "height": HOOG})
    page.set_default_timeout(10_000)
    _login(page, live_server, "fatima")
    page.goto(live_server.url + reverse("taken:werkstroom"))

    _toets(page, page.get_by_role("button", name="Volgende taak"), "Enter")
    page.get_by_text("De taakverdeler heeft u deze taak gegeven").wait_for()
    assert page.locator("h1").inner_text().startswith("Vermeulen")
    assert_accessible(page)

    # A failed attempt: the contact panel, "Nee, niet bereikt", saved.
    _toets(page, page.locator("#paneel-contact > summary"), "Enter")
    _toets(page, page.get_by_label("Ja, contact gehad"), "ArrowDown")
    assert page.get_by_label("Nee, niet bereikt").is_checked()
    _toets(page, page.get_by_role("button", name="Contact opslaan"), "Enter")
    page.get_by_text("De mislukte contactpoging is vastgelegd.").wait_for()
    assert page.locator(".cris-kopgegevens").get_by_text("1", exact=True).count() == 1  # attempts in the header

    # The contact, with its report, duration and service (DIE-3: the 25 minutes count on the service).
    _toets(page, page.locator("#paneel-contact > summary"), "Enter")
    _tab_naar(page, page.get_by_label("Duur (minuten)"))
    page.keyboard.type("25")
    _toets(page, page.get_by_label("Tijd schrijven op dienst"), "ArrowDown")  # DIE-3: the service, same step
    _tab_naar(page, page.get_by_label("Verslag"))
    page.keyboard.type("Gesprek gehad; cliënt wil informatie over het strafproces.")
    _toets(page, page.get_by_role("button", name="Contact opslaan"), "Enter")
    _melding(page, "Het contact is vastgelegd.")
    # Leaving the report for the button fired its autosave as the form went: that draft went with the contact.
    assert "nieuwer concept" not in page.locator(".cris-messages").inner_text()
    assert not VerslagConcept.objects.exists()
    assert_accessible(page)
    for element in (
        page.locator(".cris-kopgegevens a[href^='tel:']"),
        page.locator(".cris-taakkop .cris-status"),
        page.locator(".cris-kopgegevens").get_by_text("Deadline"),
        page.get_by_text("Gesprek gehad; cliënt wil informatie"),
    ):
        vak = element.first.bounding_box()
        if vak is None or vak["y"] < 0 or vak["y"] + vak["height"] > HOOG:
            _opbouw_vastleggen(page, tmp_path, f"{element} at {vak}")
    assert page.locator(".cris-kopgegevens a[href^='tel:']").get_attribute("href") == "tel:0612345678"

    assert page.locator("#diensten-kop ~ table").get_by_text("25 min").count() == 1  # the call's minutes count

    # Closing asks first and names what is still open: the service; it is finished, then the task closes.
    _toets(page, page.locator("#paneel-afronden > summary"), "Enter")
    page.locator("#paneel-afronden").get_by_text("Dienst nog open").wait_for()
    assert_accessible(page)
    _toets(page, page.locator("#diensten-kop ~ table").get_by_role("button", name="Afronden"), "Enter")
    page.get_by_text("afgerond").first.wait_for()
    _toets(page, page.locator("#paneel-afronden > summary"), "Enter")
    page.locator("#paneel-afronden").get_by_text("Er staat niets meer open").wait_for()
    _toets(page, page.get_by_role("button", name="Ja, taak afronden"), "Enter")
    page.get_by_text("De taak is gerealiseerd.").wait_for()
    assert_accessible(page)

    _toets(page, page.get_by_role("button", name="Volgende taak"), "Enter")
    page.get_by_text("De taakverdeler heeft u deze taak gegeven").wait_for()
    assert page.locator("h1").inner_text().startswith("Bos")


def test_every_forms_errors_reachable_from_the_summary(page, live_server, ab_werker):
    """Issue 25, forms: the task page's main forms posted wrong come back with the error summary focused in the
    panel the user was in; every link of the summary moves the focus to its field. axe-core clean."""
    team = Team.objects.get(code="AB-MN")
    taak = chain.taak(casus=chain.casus(achternaam="Vermeulen"), team=team, behandelaar=ab_werker)
    page.set_viewport_size({"width": BREED, "height": HOOG})
    page.set_default_timeout(10_000)
    _login(page, live_server, "fatima")
    url = live_server.url + reverse("taken:detail", args=[taak.pk])
    for paneel, knop in (
        ("contact", "Contact opslaan"),
        ("dienst", "Dienst registreren"),
        ("terugbellen", "Terugbelnotitie sturen"),
        ("afbreken", "Afbreken"),
    ):
        page.goto(url)
        page.locator(f"#paneel-{paneel} > summary").click()
        page.locator(f"#paneel-{paneel}").get_by_role("button", name=knop).click()
        samenvatting = page.locator(f"#paneel-{paneel} .cris-foutsamenvatting")
        samenvatting.wait_for()
        # The summary takes the focus by `autofocus`, which Chromium applies at its next rendering step after the
        # page loaded, not at once: wait for it (failing after the default timeout), then check it is this one.
        page.wait_for_function("() => document.activeElement?.classList.contains('cris-foutsamenvatting')")
        assert samenvatting.evaluate("e => e === document.activeElement"), paneel
        assert_accessible(page)
        links = samenvatting.get_by_role("link")
        assert links.count() >= 1, paneel
        for i in range(links.count()):
            doel = links.nth(i).get_attribute("href")[1:]
            links.nth(i).click()
            assert page.evaluate("id => document.activeElement?.id === id", doel), (paneel, doel)
