"""Browser walk with axe-core (WCAG 2.1 AA): the review page's link-to-event and merge actions (AAN-3,
AAN-10), the event page (CAS-9) and the client merge page (CLI-2)."""

from datetime import date

import pytest

from casus.services import client_aanmaken
from cris.accounts.roles import Rol
from tests import chain
from tests.browser.conftest import assert_accessible
from tests.browser.test_hoofdketen import _login
from tests.factories import MedewerkerFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_review_page_links_to_a_new_event_and_merges_a_duplicate(page, live_server):
    anouk = MedewerkerFactory(username="anouk", rollen=[Rol.ADMINISTRATIE])
    pv = "PL0900-2026000042"
    eerste = chain.aanmelding(actor=anouk, pv_nummer=pv, achternaam="Bakker")
    tweede = chain.aanmelding(actor=anouk, pv_nummer=pv, achternaam="Bakker")
    _login(page, live_server, "anouk")
    page.goto(f"{live_server.url}/aanmeldingen/{eerste.pk}/")
    assert_accessible(page)
    page.locator("summary", has_text="Gebeurtenis").click()  # folded under the decision (issue 25, AAN-3)
    nieuw = page.locator("form", has=page.locator("input[name=actie][value=nieuw]"))
    nieuw.get_by_label("Naam").fill("Kettingbotsing A12")
    nieuw.get_by_label("Datum").fill("2026-03-02")
    nieuw.get_by_label("Soort").select_option("verkeersongeval")
    nieuw.get_by_role("button", name="Vastleggen en koppelen").click()
    page.get_by_text("gekoppeld aan gebeurtenis").first.wait_for()
    assert_accessible(page)

    page.goto(f"{live_server.url}/aanmeldingen/{tweede.pk}/")
    page.locator("summary", has_text="Dubbele aanmelding samenvoegen").click()
    page.get_by_label("Dubbele van aanmelding").fill(eerste.nummer)
    page.get_by_role("button", name="Samenvoegen").click()
    page.get_by_text("is samengevoegd met").wait_for()
    assert_accessible(page)

    page.get_by_role("link", name="Kettingbotsing A12").first.click()
    page.get_by_role("heading", name="Gekoppelde casussen").wait_for()
    assert_accessible(page)
    page.get_by_role("link", name="Gebeurtenissen").first.click()
    assert_accessible(page)


def test_client_merge_page_compares_merges_and_undoes(page, live_server):
    anouk = MedewerkerFactory(username="anouk", rollen=[Rol.ADMINISTRATIE])
    client_aanmaken(actor=None, gegevens={"achternaam": "Visser", "geboortedatum": date(1960, 5, 5)})
    client_aanmaken(
        actor=None, gegevens={"achternaam": "Visser", "geboortedatum": date(1960, 5, 5), "telefoon": "0612345678"}
    )
    aanmelding = chain.aanmelding(actor=anouk, achternaam="Visser", geboortedatum="1960-05-05")
    _login(page, live_server, "anouk")
    # Issue 21 item 2: compared from the work at hand, the two clients the finder offered for this referral.
    page.goto(f"{live_server.url}/aanmeldingen/{aanmelding.pk}/")
    page.get_by_role("link", name="De twee best passende cliënten vergelijken en samenvoegen").click()
    page.get_by_role("table", name="Vergelijking").wait_for()
    assert_accessible(page)
    page.get_by_label("Reden").fill("Dubbel ingevoerd bij CAI")
    page.get_by_role("button", name="Samenvoegen").click()
    page.get_by_text("is samengevoegd met").wait_for()
    assert_accessible(page)
    page.get_by_role("button", name="Ongedaan maken").click()
    page.get_by_text("Samenvoegen ongedaan gemaakt").wait_for()
    assert_accessible(page)


def test_administratie_approves_a_referral_without_address_by_choosing_the_team(page, live_server):
    """Issue 24: ORG-1 falls back to a choice, never a dead end; the decision is above the fold at 1366x768."""
    from taken.models import Taak
    from testgegevens.demo.werkstroom import teams_aanmaken
    from werkstroom.models import Afdeling, Team

    teams_aanmaken()
    anouk = MedewerkerFactory(username="anouk", rollen=[Rol.ADMINISTRATIE])
    aanmelding = chain.aanmelding(actor=anouk, achternaam="Zonderadres", postcode="", huisnummer="", straat="")
    team = Team.objects.filter(afdeling=Afdeling.ACTIEVE_BENADERING).order_by("naam").first()
    page.set_viewport_size({"width": 1366, "height": 768})
    _login(page, live_server, "anouk")
    page.goto(f"{live_server.url}/aanmeldingen/{aanmelding.pk}/")
    knop = page.get_by_role("button", name="Goedkeuren")
    doos = knop.bounding_box()
    assert doos is not None and doos["y"] + doos["height"] <= 768, doos  # the decision above the fold
    assert_accessible(page)
    page.get_by_label("Team", exact=True).select_option(label=team.naam)
    knop.click()
    page.get_by_text("Aanmelding goedgekeurd").wait_for()
    assert_accessible(page)
    assert Taak.objects.get(casus__aanmeldingen=aanmelding).team == team


def test_cai_records_a_call_on_an_existing_clients_open_casus(page, live_server):
    """Issue 24: the finder shows the open casus first; the call lands there, no new referral."""
    from aanmelding.models import Aanmelding
    from casus.models import TijdlijnItem
    from testgegevens.demo.werkstroom import teams_aanmaken
    from werkstroom.models import Team

    teams_aanmaken()
    casus = chain.casus(achternaam="Lopendecasus")
    chain.taak(casus=casus, team=Team.objects.order_by("pk").first())
    MedewerkerFactory(username="cai1", rollen=[Rol.CAI])
    _login(page, live_server, "cai1")
    page.goto(
        f"{live_server.url}/aanmeldingen/nieuw/?zoek_achternaam=Lopendecasus&zoek_postcode=3511AB&zoek_huisnummer=1"
    )
    paneel = page.locator("#lopende-casussen")
    paneel.wait_for()
    assert_accessible(page)
    paneel.get_by_label("Terugbelverzoek voor het team").check()
    paneel.get_by_label("Waarover belde de cliënt?").fill("Wil weten wanneer de zitting is")
    paneel.get_by_role("button", name="Vastleggen op deze casus").click()
    page.get_by_text("het behandelteam is op de hoogte gebracht").wait_for()
    assert_accessible(page)
    assert TijdlijnItem.objects.filter(casus=casus, omschrijving__contains="wanneer de zitting").exists()
    assert not Aanmelding.objects.exists()


def test_cai_enters_a_phone_referral_choosing_the_delict_from_the_catalogue(page, live_server, mailoutbox):
    """Issue 24: the delict is searched in the catalogue (not free text); an online-only delict gets its
    online offer (AAN-8) as an imported referral does."""
    from aanmelding.models import Aanmelding, AanmeldingStatus
    from documenten.models import Sjabloon

    Sjabloon.objects.create(
        naam="Online aanbod fietsdiefstal", soort="email", doel="online_aanbod", delict_code="FIETSDIEFSTAL",
        onderwerp="Informatie na uw aangifte", inhoud="{{ client.aanhef }}, kijk op {{ delict.informatiepagina }}.",
    )  # fmt: skip
    MedewerkerFactory(username="cai1", rollen=[Rol.CAI])
    page.set_viewport_size({"width": 1366, "height": 768})
    _login(page, live_server, "cai1")
    page.goto(f"{live_server.url}/aanmeldingen/nieuw/")
    page.locator("#id_achternaam").fill("Fietsma")
    page.locator("#id_email").fill("fietsma@example.org")
    page.locator("#id_toestemming_contact").check()
    page.locator("#id_delict_code").fill("Fietsen")  # not in the catalogue: a message at the field, nothing saved
    page.get_by_role("button", name="Aanmelding opslaan").click()
    page.locator("#id_delict_code_error").wait_for()
    assert_accessible(page)
    assert not Aanmelding.objects.exists()
    page.locator("#id_delict_code").fill("Fietsdiefstal (FIETSDIEFSTAL) – alleen online aanbod")
    page.get_by_role("button", name="Aanmelding opslaan").click()
    page.get_by_text("de persoon krijgt het bericht").wait_for()
    assert_accessible(page)
    aanmelding = Aanmelding.objects.get()
    assert (aanmelding.delict_code, aanmelding.status) == ("FIETSDIEFSTAL", AanmeldingStatus.ONLINE_AANBOD)
    assert [m.to for m in mailoutbox] == [["fietsma@example.org"]]


def test_cai_creates_a_follow_up_task_on_an_existing_clients_open_casus(page, live_server):
    """Issue 24: CAI's third option, a follow-up task of a type the matrix allows from CAI (TAK-3); no file."""
    from aanmelding.models import Aanmelding
    from taken.models import Taak
    from testgegevens.demo.werkstroom import teams_aanmaken
    from werkstroom.models import Team

    teams_aanmaken()
    casus = chain.casus(achternaam="Vervolgtaakmans")
    chain.taak(casus=casus, team=Team.objects.order_by("pk").first())
    MedewerkerFactory(username="cai2", rollen=[Rol.CAI])
    page.set_viewport_size({"width": 1366, "height": 768})
    _login(page, live_server, "cai2")
    page.goto(f"{live_server.url}/aanmeldingen/nieuw/?zoek_achternaam=Vervolgtaakmans")  # a surname alone
    paneel = page.locator("#lopende-casussen")
    paneel.wait_for()
    assert_accessible(page)
    paneel.get_by_label("Vervolgtaak voor een team (volgens de vervolgtaakmatrix)").check()
    paneel.get_by_label("Soort vervolgtaak").select_option(label="Algemene Dienstverlening: Intake")
    paneel.get_by_label("Waarover belde de cliënt?").fill("Wil een gesprek over de gevolgen")
    paneel.get_by_role("button", name="Vastleggen op deze casus").click()
    page.get_by_text("Vervolgtaak Intake aangemaakt").wait_for()
    assert_accessible(page)
    assert Taak.objects.filter(casus=casus, type__code="AD-INTAKE").exists()
    assert not Aanmelding.objects.exists()


def test_the_finder_explains_a_bad_question_at_the_field_and_why_it_found_nobody(page, live_server):
    """Issue 24: a bad BSN in the finder shows its field message (by htmx, the entry form kept); a surname alone
    that finds nobody says so and what to try."""
    MedewerkerFactory(username="cai3", rollen=[Rol.CAI])
    page.set_viewport_size({"width": 1366, "height": 768})
    _login(page, live_server, "cai3")
    page.goto(f"{live_server.url}/aanmeldingen/nieuw/")
    page.locator("#id_telefoon").fill("0612345678")  # typed in the entry form before searching: kept
    zoeker = page.locator("#zoekformulier")
    zoeker.get_by_label("BSN").fill("123456789")
    zoeker.get_by_role("button", name="Zoek cliënt").click()
    page.locator("#id_zoek_bsn_error").wait_for()
    assert "elfproef" in page.locator("#id_zoek_bsn_error").inner_text()
    assert page.locator("#zoekfouten").get_by_role("link").count() == 1
    assert page.locator("#id_telefoon").input_value() == "0612345678"
    assert_accessible(page)
    zoeker = page.locator("#zoekformulier")
    zoeker.get_by_label("BSN").fill("")
    zoeker.get_by_label("Achternaam").fill("Nergensgevonden")
    zoeker.get_by_role("button", name="Zoek cliënt").click()
    page.get_by_text("Geen cliënt gevonden met achternaam Nergensgevonden; probeer ook de geboortedatum").wait_for()
    assert_accessible(page)


def test_a_jd_worker_sees_the_coming_hearing_with_speaking_right_in_mijn_werk(page, live_server):
    """Issue 24: the hearing the prosecution announced is in the JD worker's Mijn werk (and notifications)."""
    from datetime import timedelta

    from aanmelding.zitting import zittingen_melden
    from casus.services import strafzaken_bijwerken
    from cris import klok
    from testgegevens.demo.werkstroom import teams_aanmaken
    from tests.factories import LidmaatschapFactory
    from werkstroom.models import Afdeling, Team

    teams_aanmaken()
    team = Team.objects.filter(afdeling=Afdeling.JURIDISCHE_DIENSTVERLENING).order_by("pk").first()
    jd = MedewerkerFactory(username="jd1", rollen=[Rol.JURIDISCHE_DIENSTVERLENING])
    LidmaatschapFactory(medewerker=jd, team=team)
    casus = chain.casus(achternaam="Zittingsma")
    chain.taak(casus=casus, team=team, code="JD-INTAKE", behandelaar=jd)
    zitting = {"zittingsdatum": klok.nu() + timedelta(days=30), "spreekrecht": True, "fase": "zitting"}
    zittingen_melden(strafzaken_bijwerken(wijzigingen=[(casus, zitting, "EDOM-bericht test")]))
    page.set_viewport_size({"width": 1366, "height": 768})
    _login(page, live_server, "jd1")
    page.goto(f"{live_server.url}/")
    page.get_by_role("heading", name="Zittingen met spreekrecht").wait_for()
    assert page.get_by_role("link", name=casus.nummer).count() >= 1
    assert_accessible(page)
