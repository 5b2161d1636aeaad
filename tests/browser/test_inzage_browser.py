"""Issue 25 as the privacy officer sees it, at 1366x768 with axe-core: "Wie heeft dit dossier ingezien?" in
people's words — which casus and tab, by whom, when (local time), why — found by the client's number."""

import pytest

from cris.accounts.roles import Rol
from tests import chain
from tests.browser.conftest import assert_accessible, inloggen
from tests.factories import LidmaatschapFactory, MedewerkerFactory, TeamFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_privacy_officer_reads_who_saw_the_file_in_words(page, live_server, client):
    werker = MedewerkerFactory(username="anouk", voornamen="Anouk", achternaam="Smit", rollen=[Rol.ACTIEVE_BENADERING])
    LidmaatschapFactory(medewerker=werker, team=TeamFactory(), standaard=True)
    casus = chain.casus(achternaam="Dekker")
    chain.taak(casus=casus, team=werker.lidmaatschappen.get().team, behandelaar=werker)
    client.force_login(werker)
    assert client.get(f"/casussen/{casus.pk}/tijdlijn/").status_code == 200
    MedewerkerFactory(username="privacy", rollen=[Rol.PRIVACY_OFFICER])
    inloggen(page, live_server, "privacy")

    page.goto(f"{live_server.url}/privacy/inzage/")
    page.get_by_label("Cliëntnummer").fill(casus.client.nummer)
    page.get_by_role("button", name="Tonen").click()
    page.get_by_role("heading", name="Wie heeft dit dossier ingezien?").wait_for()
    tabel = page.locator("#inzage")
    rij = tabel.get_by_role("row").filter(has_text="Anouk Smit").filter(has_text="tabblad Tijdlijn")
    assert rij.count() == 1
    cellen = rij.get_by_role("cell").all_inner_texts()
    assert cellen[2:] == ["Gelezen (webapplicatie)", f"Casus {casus.nummer}, tabblad Tijdlijn",
                          "Eigen werk (toegang via team of taak)"]  # fmt: skip
    assert "None" not in tabel.inner_text() and "casus.casus" not in tabel.inner_text()
    assert_accessible(page)
