"""AUT-3 "every read of client data" for list pages (issue 22): the worklist, the review queue, search
results and event pages write ONE audit entry per page view holding the ids of the clients shown, and the
privacy officer's "Wie heeft dit dossier ingezien" shows those appearances."""

import csv
import io

import pytest
from django.urls import reverse

from cris.accounts.roles import Rol
from cris.audit.models import AuditEntry
from tests import chain
from tests.factories import MedewerkerFactory

pytestmark = pytest.mark.django_db


def _lijstregels(user, lijst):
    return list(AuditEntry.objects.filter(actor_id=user.pk, object_type="lijst", object_id=lijst))


def test_aut3_a_worklist_page_view_is_one_entry_with_the_clients_shown(client, toegang):
    casussen = [chain.casus(achternaam=f"Werklijst{i}") for i in range(3)]
    taken = [chain.taak(casus=c, team=toegang.team, behandelaar=toegang.eigenaar) for c in casussen]
    vreemd = chain.casus(achternaam="Vreemd")
    chain.taak(casus=vreemd, team=toegang.ander_team, code="AD-INTAKE")
    client.force_login(toegang.eigenaar)
    voor = AuditEntry.objects.count()
    assert client.get(reverse("taken:werkstroom")).status_code == 200
    assert AuditEntry.objects.count() == voor + 1  # one entry, not one per row
    (regel,) = _lijstregels(toegang.eigenaar, "werkvoorraad")
    assert regel.client_ids == sorted(c.client_id for c in casussen)
    assert sorted(regel.wijzigingen["taken.taak"][1]) == sorted(t.pk for t in taken)
    assert vreemd.client_id not in regel.client_ids


def test_aut3_the_review_queue_writes_one_entry_per_page_view(client):
    beoordelaar = MedewerkerFactory(rollen=[Rol.ADMINISTRATIE])
    aanmeldingen = [chain.aanmelding(actor=beoordelaar, achternaam=f"Wachtrij{i}") for i in range(2)]
    client.force_login(beoordelaar)
    assert client.get(reverse("aanmelding:beoordelen")).status_code == 200
    (regel,) = _lijstregels(beoordelaar, "beoordelen")
    getoond = set(regel.wijzigingen.get("aanmelding.aanmelding", [None, []])[1])
    assert getoond == {a.pk for a in aanmeldingen}


def test_aut3_wie_heeft_dit_dossier_ingezien_shows_the_worklist_and_search_appearances(client, toegang):
    casus = chain.casus(achternaam="Verhoeven")
    chain.taak(casus=casus, team=toegang.team, behandelaar=toegang.eigenaar)
    ander = chain.casus(achternaam="Anders")
    client.force_login(toegang.eigenaar)
    client.get(reverse("taken:werkstroom"))
    client.force_login(toegang.collega)
    client.get("/zoeken/", {"q": "Verhoeven"})

    privacy = MedewerkerFactory(rollen=[Rol.PRIVACY_OFFICER])
    client.force_login(privacy)
    pagina = client.get(reverse("audit:inzage", args=[casus.client_id])).content.decode()
    assert "Werklijst eigen taken (1 cliënt)" in pagina and str(toegang.eigenaar) in pagina
    assert "Zoekresultaten voor “Verhoeven”" in pagina and str(toegang.collega) in pagina
    # The other client was on neither list.
    pagina = client.get(reverse("audit:inzage", args=[ander.client_id])).content.decode()
    assert "Werklijst" not in pagina and "Zoekresultaten" not in pagina
    # And the data-subject export holds them, in the same words (issue 25).
    export = b"".join(client.get(reverse("audit:inzage", args=[casus.client_id]), {"formaat": "csv"}).streaming_content)
    rijen = list(csv.reader(io.StringIO(export.decode()), delimiter=";"))
    lijsten = {(r[1], r[4]) for r in rijen[1:] if r[5] == "De lijst toonde deze cliënt"}
    assert lijsten == {
        (str(toegang.eigenaar), "Werklijst eigen taken (1 cliënt)"),
        (str(toegang.collega), "Zoekresultaten voor “Verhoeven” (1 cliënt)"),
    }
