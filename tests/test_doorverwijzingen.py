"""KOP-4 (issue 26): a caseworker refers a client, with consent, to an external organisation (PHB); the referral
leaves through the event outbox as a signed CloudEvent to the organisation's loopback webhook; the
organisation's status feedback comes in through the API and shows on the referral, the casus timeline and as a
notification; the follow-up matrix knows 'Doorverwijzen extern'."""

import uuid

import pytest

from casus.models import TijdlijnItem
from cris import klok
from cris.notificaties.models import Notificatie, Soort
from koppelingen.berichten.models import Kanaal
from koppelingen.partners import services, uitgaand
from koppelingen.partners.models import Doorverwijzing, ExterneOrganisatie
from taken.models import Vervolgregel
from tests import chain
from tests import partners as p
from tests.webhook import Ontvanger

pytestmark = pytest.mark.django_db


@pytest.fixture
def phb():
    ontvanger = Ontvanger().start()
    partner, token = p.partner(Kanaal.EXTERN, naam="Perspectief Herstelbemiddeling", webhook_url=ontvanger.url)
    ontvanger.geheim = partner.webhook_geheim
    organisatie = ExterneOrganisatie.objects.create(naam="Perspectief Herstelbemiddeling", partner=partner)
    yield organisatie, token, ontvanger
    ontvanger.stop()


def _status(verwijzing, status, reden=""):
    return {
        "berichtId": str(uuid.uuid4()),
        "verzonden": klok.nu().isoformat(),
        "doorverwijzing": verwijzing.nummer,
        "status": status,
        "reden": reden,
    }


def test_a_referral_goes_out_and_the_feedback_comes_back_onto_the_casus(client, phb, worker, team):
    organisatie, token, ontvanger = phb
    casus = chain.casus()
    chain.taak(casus=casus, team=team, behandelaar=worker)
    client.force_login(worker)
    pagina = f"/koppelingen/doorverwijzingen/casussen/{casus.pk}/"
    zonder = client.post(pagina, {"organisatie": organisatie.pk, "reden": "Wil in gesprek", "contactvoorkeur": "email"})
    assert "Zonder toestemming van de cliënt kan er niet worden doorverwezen." in zonder.content.decode()
    response = client.post(
        pagina,
        {"organisatie": organisatie.pk, "reden": "Wil in gesprek met dader", "contactvoorkeur": "telefoon",
         "contact_toelichting": "na 18.00 uur", "toestemming": "on"},
    )  # fmt: skip
    assert response.status_code == 302
    verwijzing = Doorverwijzing.objects.get()
    assert uitgaand.afleveren().verzonden == 1
    event = ontvanger.events[0]
    assert (
        event["type"] == "nl.slachtofferhulp.cris.doorverwijzing-aangemaakt" and event["subject"] == verwijzing.nummer
    )
    assert event["data"]["reden"] == "Wil in gesprek met dader" and event["data"]["contactvoorkeur"] == "telefoon"
    assert event["data"]["client"]["achternaam"] == casus.client.achternaam and "bsn" not in str(event["data"]).lower()
    # PHB reports back through the API.
    for status, reden in (("ontvangen", ""), ("in_behandeling", "")):
        antwoord = p.post(client, "/api/v1/doorverwijzingstatussen", token, _status(verwijzing, status, reden))
        assert antwoord.status_code == 201, antwoord.content
    verwijzing.refresh_from_db()
    assert verwijzing.status == "in_behandeling"
    tijdlijn = list(TijdlijnItem.objects.filter(casus=casus).values_list("omschrijving", flat=True))
    assert f"Perspectief Herstelbemiddeling: doorverwijzing {verwijzing.nummer} in behandeling" in tijdlijn
    assert Notificatie.objects.filter(soort=Soort.DOORVERWIJZING, ontvanger=worker).count() == 2
    html = client.get(pagina).content.decode()
    assert "in behandeling" in html and verwijzing.nummer in html


def test_a_refusal_needs_a_reason_and_shows_it(client, phb, worker):
    organisatie, token, _ontvanger = phb
    verwijzing = services.doorverwijzen(
        actor=worker, casus=chain.casus(), organisatie=organisatie, reden="r", contactvoorkeur="email", toestemming=True
    )
    zonder = p.post(client, "/api/v1/doorverwijzingstatussen", token, _status(verwijzing, "afgewezen"))
    assert zonder.status_code == 400
    assert zonder.json()["invalidParams"] == [
        {"name": "reden", "code": "invalid", "reason": "Geef de reden van de afwijzing."}
    ]
    met = p.post(client, "/api/v1/doorverwijzingstatussen", token, _status(verwijzing, "afgewezen", "Dader weigert"))
    assert met.status_code == 201
    verwijzing.refresh_from_db()
    assert (verwijzing.status, verwijzing.status_reden) == ("afgewezen", "Dader weigert")


def test_another_organisation_cannot_report_on_the_referral(client, phb, worker):
    organisatie, _token, _ontvanger = phb
    verwijzing = services.doorverwijzen(
        actor=worker, casus=chain.casus(), organisatie=organisatie, reden="r", contactvoorkeur="post", toestemming=True
    )
    _ander, token = p.partner(Kanaal.EXTERN)
    response = p.post(client, "/api/v1/doorverwijzingstatussen", token, _status(verwijzing, "afgerond"))
    assert response.status_code == 404 and response.json()["invalidParams"][0]["name"] == "doorverwijzing"
    _msh, msh_token = p.partner(Kanaal.MSH)
    assert (
        p.post(client, "/api/v1/doorverwijzingstatussen", msh_token, _status(verwijzing, "afgerond")).status_code == 403
    )


def test_the_follow_up_matrix_knows_doorverwijzen_extern():
    van = set(Vervolgregel.objects.filter(taaktype__code="AD-DOORVERWIJZEN").values_list("van_afdeling", flat=True))
    assert {"AD", "AB", "CAI", "JD"} <= van
