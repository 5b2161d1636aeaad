"""The partner API (issue 26, KOP-3 in): OpenAPI generated, served and committed; authentication per partner;
every call audited; idempotent on the sender's UUID; invalid input quarantined with Dutch reasons;
Mijnslachtofferhulp's self-registration and client messages."""

import json
import uuid
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiYamlRenderer

from aanmelding.models import Aanmelding, Signalering, Wachtrij
from casus.models import TijdlijnItem
from cris import klok
from cris.audit.models import AuditEntry, Bron
from cris.notificaties.models import Notificatie, Soort
from koppelingen.berichten.models import Aanlevering, Bericht, Kanaal, Quarantainebericht
from koppelingen.partners.models import Clientbericht, Toestemming
from tests import chain
from tests import partners as p
from tests.factories import LidmaatschapFactory, MedewerkerFactory

pytestmark = pytest.mark.django_db
OPENAPI = Path(settings.BASE_DIR) / "docs" / "openapi.yaml"


def _gegenereerd() -> bytes:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return OpenApiYamlRenderer().render(schema, renderer_context={})


def test_the_committed_openapi_document_is_the_one_the_code_generates():
    """Regenerate with `python manage.py spectacular --file docs/openapi.yaml` after changing the API."""
    assert OPENAPI.read_bytes() == _gegenereerd()


def test_the_openapi_document_is_served_without_login(client):
    response = client.get("/api/v1/openapi.yaml")
    assert response.status_code == 200
    served = yaml.safe_load(response.content)
    assert served == yaml.safe_load(OPENAPI.read_bytes())
    assert {"/api/v1/zelfaanmeldingen", "/api/v1/clientberichten"} <= set(served["paths"])


def test_without_a_valid_token_the_answer_is_401_in_dutch_and_audited(client):
    geen = p.post(client, "/api/v1/zelfaanmeldingen", None, p.zelfaanmelding())
    fout = p.post(client, "/api/v1/zelfaanmeldingen", "verkeerd", p.zelfaanmelding())
    assert geen.status_code == fout.status_code == 401
    assert geen["Content-Type"] == "application/problem+json"
    assert geen["WWW-Authenticate"].startswith("Bearer")
    assert "Geen token" in geen.json()["detail"]
    assert fout.json()["detail"] == "Onbekend of ingetrokken token."
    regels = AuditEntry.objects.filter(bron=Bron.API)
    assert regels.count() == 2 and all("→ 401" in r.reden for r in regels)
    assert not Aanmelding.objects.exists()


def test_a_partner_of_another_channel_may_not_call_it(client):
    _edp, token = p.partner(Kanaal.EDP)
    response = p.post(client, "/api/v1/zelfaanmeldingen", token, p.zelfaanmelding())
    assert response.status_code == 403
    assert response.json()["detail"] == "Deze partner mag deze bewerking niet uitvoeren."


def test_a_self_registration_becomes_a_flagged_referral_once(client):
    """KOP-3 / AAN-1 channel online: in the Administratie queue with its own flag; the same berichtId again
    makes nothing new and answers with the first referral's number."""
    msh, token = p.partner(Kanaal.MSH, naam="Mijnslachtofferhulp")
    body = p.zelfaanmelding()
    eerste = p.post(client, "/api/v1/zelfaanmeldingen", token, body)
    tweede = p.post(client, "/api/v1/zelfaanmeldingen", token, body)
    assert eerste.status_code == 201, eerste.content
    assert tweede.status_code == 200
    aanmelding = Aanmelding.objects.get()
    assert eerste.json() == {"berichtId": body["berichtId"], "resultaat": "verwerkt", "referentie": aanmelding.nummer}
    assert tweede.json()["resultaat"] == "dubbel" and tweede.json()["referentie"] == aanmelding.nummer
    assert aanmelding.kanaal == "msh" and aanmelding.wachtrij == Wachtrij.ADMINISTRATIE
    assert aanmelding.signaleringen == [Signalering.ZELFAANMELDING]
    assert (aanmelding.achternaam, aanmelding.postcode, aanmelding.toestemming_contact) == ("de Vries", "3511 AB", True)
    assert Bericht.objects.get().bericht_id == uuid.UUID(body["berichtId"])
    telling = [(a.ontvangen, a.geimporteerd, a.dubbel) for a in Aanlevering.objects.order_by("id")]
    assert telling == [(1, 1, 0), (1, 0, 1)]
    assert AuditEntry.objects.filter(bron=Bron.API, object_id=str(msh.pk)).count() == 2


@pytest.mark.parametrize(
    ("wijziging", "veld", "reden"),
    [
        ({"berichtId": "geen-uuid"}, "berichtId", "Geen geldige UUID."),
        ({"persoon": {"voornamen": "Sanne"}}, "persoon.achternaam", "Dit veld is vereist."),
        ({"adres": {"postcode": "3511"}}, "adres.postcode", "Geen geldige postcode (bijv. 3511 AB)."),
        ({"toestemmingContact": None}, "toestemmingContact", "Dit veld mag niet leeg zijn."),
        # Found by the contract test: year 126 reached the database's range CHECK and answered 500.
        (
            {"persoon": {"voornamen": "Sanne", "achternaam": "de Vries", "geboortedatum": "0126-11-12"}},
            "persoon.geboortedatum",
            "Vul een datum tussen 01-01-1850 en 31-12-2199 in.",
        ),
    ],
)
def test_invalid_input_is_quarantined_with_a_dutch_reason(client, wijziging, veld, reden):
    _msh, token = p.partner(Kanaal.MSH)
    body = {**p.zelfaanmelding(), **wijziging}
    response = p.post(client, "/api/v1/zelfaanmeldingen", token, body)
    assert response.status_code == 400
    fout = response.json()
    assert fout["title"] == "Ongeldig bericht"
    assert {"name": veld, "reason": reden} in [{k: v[k] for k in ("name", "reason")} for v in fout["invalidParams"]]
    item = Quarantainebericht.objects.get()
    assert bytes(item.inhoud) == json.dumps(body).encode()
    assert item.element == veld and reden in item.reden and item.kanaal == "msh"
    assert not Aanmelding.objects.exists()
    # The same broken message again: counted as a duplicate, one quarantine item.
    p.post(client, "/api/v1/zelfaanmeldingen", token, body)
    assert Quarantainebericht.objects.count() == 1
    assert sorted(Aanlevering.objects.values_list("quarantaine", "dubbel")) == [(0, 1), (1, 0)]


def test_malformed_json_is_quarantined_too(client):
    _msh, token = p.partner(Kanaal.MSH)
    response = p.post(client, "/api/v1/zelfaanmeldingen", token, b'{"berichtId": ')
    assert response.status_code == 400
    assert response.json()["invalidParams"][0]["reason"] == "Het bericht is geen geldige JSON."
    assert bytes(Quarantainebericht.objects.get().inhoud) == b'{"berichtId": '


@pytest.fixture
def casus_met_behandelaar(team):
    behandelaar = MedewerkerFactory(voornamen="Eva")
    LidmaatschapFactory(medewerker=behandelaar, team=team)
    casus = chain.casus()
    chain.taak(casus=casus, team=team, behandelaar=behandelaar)
    return casus, behandelaar


def _clientbericht(casus_, **velden):
    return {
        "berichtId": str(uuid.uuid4()),
        "verzonden": klok.nu().isoformat(),
        "casus": casus_.nummer,
        "onderwerp": "Vraag over de zitting",
        "tekst": "Wanneer hoor ik meer?",
        **velden,
    }


def test_a_client_message_lands_on_the_timeline_and_notifies_the_worker(client, casus_met_behandelaar):
    casus, behandelaar = casus_met_behandelaar
    msh, token = p.partner(Kanaal.MSH, naam="Mijnslachtofferhulp")
    Toestemming.objects.create(client=casus.client, partner=msh, gegeven_op=klok.nu())
    body = _clientbericht(casus)
    response = p.post(client, "/api/v1/clientberichten", token, body)
    assert response.status_code == 201, response.content
    assert p.post(client, "/api/v1/clientberichten", token, body).status_code == 200
    bericht = Clientbericht.objects.get()
    item = TijdlijnItem.objects.get(casus=casus, object_type="partners.clientbericht")
    assert "Vraag over de zitting" in item.omschrijving and "Mijnslachtofferhulp" in item.omschrijving
    notificatie = Notificatie.objects.get(soort=Soort.CLIENTBERICHT)
    assert notificatie.ontvanger == behandelaar and casus.nummer in notificatie.tekst
    assert "zitting" not in notificatie.tekst  # no client data in a notification
    assert AuditEntry.objects.filter(object_type="partners.clientbericht", object_id=str(bericht.pk)).exists()


def test_a_client_message_without_a_worker_notifies_the_team(client, team):
    leden = [MedewerkerFactory(), MedewerkerFactory()]
    for lid in leden:
        LidmaatschapFactory(medewerker=lid, team=team)
    casus = chain.casus()
    chain.taak(casus=casus, team=team)
    msh, token = p.partner(Kanaal.MSH)
    Toestemming.objects.create(client=casus.client, partner=msh, gegeven_op=klok.nu())
    assert p.post(client, "/api/v1/clientberichten", token, _clientbericht(casus)).status_code == 201
    assert set(Notificatie.objects.values_list("ontvanger_id", flat=True)) == {lid.pk for lid in leden}


def test_a_message_about_a_casus_without_consent_is_refused_and_quarantined(client, casus_met_behandelaar):
    casus, _behandelaar = casus_met_behandelaar
    _msh, token = p.partner(Kanaal.MSH)
    for nummer in (casus.nummer, "CA9999999"):
        response = p.post(client, "/api/v1/clientberichten", token, _clientbericht(casus, casus=nummer))
        assert response.status_code == 404
        assert response.json()["invalidParams"][0]["name"] == "casus"
    assert Quarantainebericht.objects.count() == 2
    assert not Clientbericht.objects.exists() and not Notificatie.objects.exists()


def test_a_quarantined_message_is_processed_again_once_the_cause_is_fixed(client, casus_met_behandelaar):
    """As EDP's quarantine: the application manager's 'Opnieuw verwerken' — here after the client's consent
    was recorded; still invalid, it stays open with the new reason and its attempts."""
    from koppelingen.berichten.services import quarantaine_opnieuw_verwerken

    casus, _behandelaar = casus_met_behandelaar
    msh, token = p.partner(Kanaal.MSH)
    assert p.post(client, "/api/v1/clientberichten", token, _clientbericht(casus)).status_code == 404
    item = Quarantainebericht.objects.get()
    beheerder = MedewerkerFactory()
    assert "nog steeds ongeldig" in quarantaine_opnieuw_verwerken(actor=beheerder, bericht=item)
    item.refresh_from_db()
    assert item.status == "open" and item.pogingen == 2
    Toestemming.objects.create(client=casus.client, partner=msh, gegeven_op=klok.nu())
    assert "opnieuw verwerkt" in quarantaine_opnieuw_verwerken(actor=beheerder, bericht=item)
    item.refresh_from_db()
    assert item.status == "verwerkt" and item.uitkomst == f"verwerkt: {casus.nummer}"
    assert Clientbericht.objects.count() == 1
    assert sum(Aanlevering.objects.values_list("quarantaine", flat=True)) == 0
    assert sum(Aanlevering.objects.values_list("geimporteerd", flat=True)) == 1
