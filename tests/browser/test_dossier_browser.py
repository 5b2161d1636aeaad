"""Issue 24 part 2 as the privacy officer does it, at 1366x768 with axe-core: from the audit log of a client
("Wie heeft dit dossier ingezien?") to the whole file as one PDF for an AVG access request; the PDF, read back
with pypdf, holds the client card, the casus and the contact reports."""

import pytest
from pypdf import PdfReader

from cris.accounts.roles import Rol
from cris.audit.models import AuditEntry
from taken.services.contacten import contactmoment_vastleggen
from tests import chain
from tests.browser.conftest import assert_accessible, inloggen
from tests.factories import LidmaatschapFactory, MedewerkerFactory, TeamFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VERSLAG = "Cliënt is erg geschrokken en slaapt slecht; vervolgafspraak over de zitting gemaakt."


def test_privacy_officer_exports_a_clients_dossier_pdf_with_the_reports(page, live_server):
    werker = MedewerkerFactory(username="anouk", rollen=[Rol.ACTIEVE_BENADERING])
    LidmaatschapFactory(medewerker=werker, team=TeamFactory(), standaard=True)
    casus = chain.casus(achternaam="Dekker")
    taak = chain.taak(casus=casus, team=werker.lidmaatschappen.get().team, behandelaar=werker)
    contactmoment_vastleggen(
        actor=werker, taak=taak, kanaal="telefoon", richting="uitgaand", bereikt=True, tijdstip=taak.gestart_op,
        verslag=VERSLAG,
    )  # fmt: skip
    MedewerkerFactory(username="privacy", rollen=[Rol.PRIVACY_OFFICER])
    inloggen(page, live_server, "privacy")

    page.goto(f"{live_server.url}/privacy/inzage/clienten/{casus.client_id}/")
    page.get_by_role("link", name="Volledig dossier als PDF (AVG-inzage)").click()
    page.get_by_role("heading", name="Volledig dossier als PDF").wait_for()
    assert_accessible(page)
    page.get_by_role("button", name="PDF maken").click()  # no reference: the summary links to the field
    page.get_by_role("alert").get_by_role("link").click()
    assert page.evaluate("document.activeElement.id") == "id_reden"
    assert_accessible(page)

    page.get_by_label("Kenmerk van het inzageverzoek").fill("AVG-2026-021")
    with page.expect_download() as download:
        page.get_by_role("button", name="PDF maken").click()
    assert download.value.suggested_filename == f"dossier-{casus.client.nummer}.pdf"
    tekst = "".join("".join(p.extract_text() or "" for p in PdfReader(download.value.path()).pages).split())
    for verwacht in (casus.client.nummer, casus.nummer, "Dekker", VERSLAG):
        assert "".join(verwacht.split()) in tekst, verwacht
    assert AuditEntry.objects.filter(actie="exporteren", client_id=casus.client_id, reden__contains="AVG-2026-021")
