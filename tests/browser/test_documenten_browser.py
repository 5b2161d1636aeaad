"""DOC-1, DOC-2 and NOT-1 as a caseworker uses them: add a file to a casus (and see a disguised program
refused), make a letter from a template, open the document, read and clear notifications. axe-core on
every page visited."""

import re

import pytest

from cris.accounts.roles import Rol
from cris.notificaties.services import notificeren
from documenten.models import Document
from tests import chain
from tests.browser.conftest import assert_accessible
from tests.documenten_helpers import EXE, PDF, casus_met_adres, sjabloon
from tests.factories import WACHTWOORD, LidmaatschapFactory, MedewerkerFactory, TeamFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _login(page, live_server, username):
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/account/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(WACHTWOORD)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("heading", name="Mijn werk").wait_for()


@pytest.fixture
def werker():
    user = MedewerkerFactory(username="fatima", rollen=[Rol.ACTIEVE_BENADERING])
    LidmaatschapFactory(medewerker=user, team=TeamFactory(), standaard=True)
    return user


def test_a_caseworker_adds_a_file_and_makes_a_letter_on_the_casus_page(page, live_server, werker, tmp_path):
    casus = casus_met_adres()
    chain.taak(casus=casus, team=werker.lidmaatschappen.get().team, behandelaar=werker)
    sjabloon(naam="Bevestiging aanmelding")
    verklaring, vermomd = tmp_path / "verklaring.pdf", tmp_path / "brief.pdf"
    verklaring.write_bytes(PDF)
    vermomd.write_bytes(EXE)

    _login(page, live_server, "fatima")
    page.goto(f"{live_server.url}/casussen/{casus.pk}/documenten/")  # the tab as a page of its own (CAS-1)
    page.get_by_role("heading", name="Documenten", exact=True).wait_for()
    assert_accessible(page)

    upload = page.get_by_role("form", name="Bestand toevoegen")
    upload.get_by_label("Bestand").set_input_files(str(vermomd))
    upload.get_by_role("button", name="Bestand toevoegen").click()
    fout = page.locator("#id_bestand_error")  # the field's message (the summary repeats it as a link)
    fout.get_by_text("Dit bestand is een Windows-programma").wait_for()
    assert_accessible(page)
    assert not Document.objects.exists()

    page.get_by_label("Bestand").set_input_files(str(verklaring))
    page.get_by_label("Titel").fill("Verklaring van de cliënt")
    page.get_by_role("button", name="Bestand toevoegen").click()
    page.get_by_text("Het document 'Verklaring van de cliënt' is toegevoegd.").wait_for()
    assert_accessible(page)

    brief = page.get_by_role("form", name="Brief maken")
    brief.get_by_role("combobox", name=re.compile("^Sjabloon")).select_option(label="Bevestiging aanmelding")
    brief.get_by_role("button", name="Brief maken").click()
    page.get_by_text("De brief 'Bevestiging aanmelding' wordt gemaakt").wait_for()
    rij = page.get_by_role("row", name="Bevestiging aanmelding")
    assert "definitief" in rij.inner_text() and rij.get_by_role("link", name="Downloaden").count() == 1
    assert_accessible(page)

    rij.get_by_role("link", name="Bevestiging aanmelding").click()
    page.get_by_role("heading", name="Versies").wait_for()
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name=".pdf").click()
    assert download.value.suggested_filename.endswith(f"{casus.nummer}.pdf")


def test_notifications_are_listed_counted_in_the_header_and_marked_read(page, live_server, werker):
    notificeren(ontvangers=[werker], soort="taak_overgedragen", tekst="Anouk heeft de taak aan u overgedragen.")
    _login(page, live_server, "fatima")
    page.get_by_role("link", name="Notificaties 1 ongelezen").click()
    page.get_by_role("heading", name="Notificaties").wait_for()
    assert_accessible(page)
    page.get_by_role("button", name="Markeer als gelezen").click()
    page.get_by_role("link", name="Notificaties", exact=True).wait_for()
    assert page.get_by_role("button", name="Markeer als gelezen").count() == 0
    assert_accessible(page)
