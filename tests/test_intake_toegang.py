"""Issue 21 items 3, 7, 10 and 11: what intake may learn of clients and referrals, and how an approved referral
follows casus access. Each test fails on the code before the fix (named per test)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from aanmelding.models import Aanmelding
from aanmelding.services import aanmelding_goedkeuren
from casus.models import Kanaal
from casus.services import casus_aanmaken, client_aanmaken
from cris.accounts.roles import Rol
from cris.audit.models import AuditEntry
from taken.models import TaakType
from testgegevens.demo.werkstroom import teams_aanmaken
from tests import chain
from tests.factories import LidmaatschapFactory, MedewerkerFactory
from zoeken.selectors import zoeken

pytestmark = pytest.mark.django_db


@pytest.fixture
def bekende(toegang):
    """A client whose casus one team holds; intake may not see it."""
    client = client_aanmaken(
        actor=None,
        gegevens={
            "voornamen": "Wilhelmina",
            "achternaam": "Kortenhoeven",
            "bsn": "111222333",
            "geboortedatum": "1931-07-13",
        },
        adres={"postcode": "3511 AB", "huisnummer": "12"},
    )
    casus = casus_aanmaken(actor=None, client=client, gegevens={"bron": Kanaal.EDP, "slachtofferrol": "slachtoffer"})
    chain.taak(casus=casus, team=toegang.team, behandelaar=toegang.eigenaar)
    return client


@pytest.mark.parametrize("q", ["CL{pk:07d}", "cl {pk}", "13-07-1931", "1931-07-13", "3511 AB 12"])
def test_issue21_3_11_a_client_number_birth_date_or_address_alone_does_not_identify(client, bekende, q):
    """Before: the intake search listed name, birth date, case counts and teams for a bare CL number or date."""
    cai = MedewerkerFactory(rollen=[Rol.CAI])
    LidmaatschapFactory(medewerker=cai)
    assert zoeken(user=cai, q=q.format(pk=bekende.pk), bekend_tonen=True).bekend == []
    client.force_login(cai)
    html = client.get("/zoeken/", {"q": q.format(pk=bekende.pk)}).content.decode()
    assert "Kortenhoeven" not in html and "Bekend bij Slachtofferhulp" not in html
    assert not AuditEntry.objects.filter(actor_id=cai.pk, client_ids__contains=[bekende.pk]).exists()


@pytest.mark.parametrize("q", ["111222333", "Kortenhoeven 13-07-1931", "Wilhelmina Kortenhoeven 1931-07-13"])
def test_issue21_3_bsn_or_name_with_birth_date_shows_existence_only(client, bekende, toegang, q):
    cai = MedewerkerFactory(rollen=[Rol.CAI])
    client.force_login(cai)
    html = client.get("/zoeken/", {"q": q}).content.decode()
    assert "Er is 1 cliënt bekend" in html
    # existence only: not the name (beyond what was typed), birth date, cases or the team
    assert toegang.team.naam not in html and bekende.nummer not in html and "open casus" not in html
    if "Kortenhoeven" not in q:
        assert "Kortenhoeven" not in html and "Wilhelmina" not in html
    assert AuditEntry.objects.filter(actor_id=cai.pk, client_ids__contains=[bekende.pk]).exists()


def test_issue21_3_a_name_with_another_birth_date_finds_nothing(bekende):
    cai = MedewerkerFactory(rollen=[Rol.CAI])
    assert zoeken(user=cai, q="Kortenhoeven 14-07-1931", bekend_tonen=True).bekend == []


@pytest.fixture
def teams():
    teams_aanmaken()


def test_issue21_7_a_proposed_client_must_be_one_the_finder_returned_for_this_referral(client, teams, bekende):
    """Before: any client id in the POST was attached to the referral, and approval accepted it."""
    cai = MedewerkerFactory(rollen=[Rol.CAI])
    client.force_login(cai)
    vreemde = client_aanmaken(actor=None, gegevens={"achternaam": "Anders", "geboortedatum": "1990-01-01"})
    data = {**chain.AANMELDING, "voorgestelde_client": str(vreemde.pk)}
    response = client.post(reverse("aanmelding:nieuw"), data)
    assert response.status_code == 200 and "past niet bij de gegevens" in response.content.decode()
    assert not Aanmelding.objects.exists()

    # The finder returns Kortenhoeven for a referral with her name and birth date: that proposal is kept.
    eigen = {**chain.AANMELDING, "achternaam": "Kortenhoeven", "voornamen": "Wilhelmina", "geboortedatum": "1931-07-13"}
    response = client.post(reverse("aanmelding:nieuw"), {**eigen, "voorgestelde_client": str(bekende.pk)})
    assert response.status_code == 302
    assert Aanmelding.objects.get().voorgestelde_client == bekende

    # A proposal stored before the fix (or smuggled in) is not accepted at approval.
    aanmelding = chain.aanmelding(actor=cai, voorgestelde_client=vreemde)
    beoordelaar = MedewerkerFactory(rollen=[Rol.ADMINISTRATIE])
    client.force_login(beoordelaar)
    pagina = client.get(reverse("aanmelding:detail", args=[aanmelding.pk])).content.decode()
    assert vreemde.nummer not in pagina
    ab = TaakType.objects.get(code="AB-BENADERING")
    client.post(reverse("aanmelding:goedkeuren", args=[aanmelding.pk]), {"client": vreemde.pk, "taaktypen": [ab.pk]})
    aanmelding.refresh_from_db()
    assert aanmelding.casus is None and vreemde.casussen.count() == 0


def test_issue21_10_an_approved_referral_follows_casus_access(client, teams, toegang):
    """Before: every queue role (and whoever entered it) read an approved referral and could link its casus
    to an event. Now: those who may see the casus read it, nobody else; its POST actions are 404."""
    cai = MedewerkerFactory(rollen=[Rol.CAI])
    beoordelaar = MedewerkerFactory(rollen=[Rol.ADMINISTRATIE])
    aanmelding = chain.aanmelding(actor=cai, toelichting="Buurman bedreigde haar met een mes")
    casus = aanmelding_goedkeuren(actor=beoordelaar, aanmelding=aanmelding)
    chain.taak(casus=casus, team=toegang.team, behandelaar=toegang.eigenaar)
    url = reverse("aanmelding:detail", args=[aanmelding.pk])
    for wie in (cai, beoordelaar, toegang.buitenstaander, MedewerkerFactory(rollen=[Rol.ADMINISTRATIE])):
        client.force_login(wie)
        assert client.get(url).status_code == 404
        assert client.post(reverse("aanmelding:gebeurtenis", args=[aanmelding.pk]), {}).status_code == 404
    client.force_login(toegang.collega)
    pagina = client.get(url).content.decode()
    assert "Buurman bedreigde haar" in pagina
    assert AuditEntry.objects.filter(
        actor_id=toegang.collega.pk, object_type="aanmelding.aanmelding", actie="lezen", client_id=casus.client_id
    ).exists()
    # An open referral stays with its queue and the person who entered it.
    open_ = chain.aanmelding(actor=cai)
    for wie, code in ((cai, 200), (beoordelaar, 200), (toegang.collega, 404)):
        client.force_login(wie)
        assert client.get(reverse("aanmelding:detail", args=[open_.pk])).status_code == code
