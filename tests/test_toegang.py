"""AUT-2 temporary access (request, decision, expiry) and emergency access for the piket; AUT-3 the reason
of a grant goes with every read."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from casus import permissions
from casus import toegang as svc
from casus.access import casussen_zichtbaar_voor, medewerkers_met_toegang
from casus.models import ToegangSoort, ToegangStatus, Toegangsverlening
from casus.tasks import toegang_verlopen
from cris.accounts.roles import Rol
from cris.audit.models import AuditEntry
from cris.notificaties.models import Notificatie
from tests import chain
from tests.factories import LidmaatschapFactory, MedewerkerFactory, TeamFactory
from werkstroom.models import Afdeling, Lidmaatschap

pytestmark = pytest.mark.django_db

ZATERDAG = datetime(2026, 3, 7, 23, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
DINSDAG = datetime(2026, 3, 3, 11, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))


@pytest.fixture
def keten(toegang):
    casus = chain.casus()
    chain.taak(casus=casus, team=toegang.team, behandelaar=toegang.eigenaar)
    return casus


def _aanvragen(client, user, doel, **data):
    client.force_login(user)
    return client.post(
        reverse("casus:toegang_aanvragen"),
        {"casus": doel.nummer, "reden": "Cliënt belt over de zitting", "dagen": 3, **data},
    )


def test_a_request_goes_to_the_team_leader_who_grants_it_for_a_set_time(client, toegang, keten):
    url = reverse("casus:detail", args=[keten.pk])
    response = _aanvragen(client, toegang.buitenstaander, keten)
    assert response.status_code == 302
    verzoek = Toegangsverlening.objects.get(medewerker=toegang.buitenstaander)
    assert verzoek.status == ToegangStatus.AANGEVRAAGD and verzoek.gewenste_dagen == 3
    assert client.get(url).status_code == 404  # asking is not having
    melding = Notificatie.objects.get(ontvanger=toegang.teamleider, soort="toegangsverzoek")
    assert keten.nummer in melding.tekst and keten.client.achternaam not in melding.tekst

    client.force_login(toegang.teamleider)
    page = client.get(reverse("casus:toegang")).content.decode()
    assert "Cliënt belt over de zitting" in page
    client.post(reverse("casus:toegang_besluiten", args=[verzoek.pk]), {"besluit": "verlenen", "dagen": 2})
    verzoek.refresh_from_db()
    assert verzoek.status == ToegangStatus.VERLEEND and verzoek.besloten_door == toegang.teamleider
    assert timedelta(days=2) - timedelta(minutes=1) < verzoek.geldig_tot - timezone.now() <= timedelta(days=2)
    assert Notificatie.objects.filter(ontvanger=toegang.buitenstaander, soort="toegangsbesluit").exists()
    assert toegang.buitenstaander in medewerkers_met_toegang(keten)

    client.force_login(toegang.buitenstaander)
    assert client.get(url).status_code == 200
    lezen = AuditEntry.objects.filter(actie="lezen", actor_id=toegang.buitenstaander.pk, object_type="casus.casus")
    assert "Cliënt belt over de zitting" in lezen.latest("id").reden  # who, when and why (AUT-3)
    acties = AuditEntry.objects.filter(object_type="casus.toegangsverlening", object_id=str(verzoek.pk))
    assert set(acties.values_list("actie", flat=True)) == {"aanmaken", "wijzigen"}


def test_the_same_answer_for_a_number_that_does_not_exist(client, toegang, keten):
    client.force_login(toegang.buitenstaander)
    bestaat = _aanvragen(client, toegang.buitenstaander, keten)
    bestaat_niet = client.post(
        reverse("casus:toegang_aanvragen"), {"casus": "CA9999999", "reden": "Cliënt belt over de zitting", "dagen": 3}
    )
    assert bestaat.status_code == bestaat_niet.status_code == 302
    assert bestaat["Location"] == bestaat_niet["Location"]


@pytest.mark.parametrize(
    ("data", "fout"),
    [
        ({"reden": "kort"}, "minstens 10 tekens"),
        ({"dagen": 99}, "hoogstens 30"),
        ({"casus": "abc"}, "geen casusnummer"),
    ],
)
def test_a_bad_request_is_refused_at_the_field(client, toegang, keten, data, fout):
    response = _aanvragen(client, toegang.buitenstaander, keten, **data)
    assert response.status_code == 200 and fout in response.content.decode()
    assert not Toegangsverlening.objects.exists()


def test_only_the_deciders_decide_and_only_once(client, toegang, keten):
    verzoek = toegang_module_aanvragen(toegang.buitenstaander, keten)
    for user in (toegang.eigenaar, toegang.collega, toegang.buitenstaander, toegang.functioneel_beheerder):
        client.force_login(user)
        response = client.post(reverse("casus:toegang_besluiten", args=[verzoek.pk]), {"besluit": "verlenen"})
        assert response.status_code == 404
    client.force_login(toegang.teamleider)
    client.post(reverse("casus:toegang_besluiten", args=[verzoek.pk]), {"besluit": "afwijzen"})
    verzoek.refresh_from_db()
    assert verzoek.status == ToegangStatus.AANGEVRAAGD  # a refusal needs its explanation
    client.post(reverse("casus:toegang_besluiten", args=[verzoek.pk]), {"besluit": "afwijzen", "toelichting": "Nee"})
    client.post(reverse("casus:toegang_besluiten", args=[verzoek.pk]), {"besluit": "verlenen"})
    verzoek.refresh_from_db()
    assert verzoek.status == ToegangStatus.AFGEWEZEN and verzoek.geldig_tot is None


def toegang_module_aanvragen(user, casus):
    return svc.toegang_aanvragen(actor=user, casus=casus, reden="Cliënt belt over de zitting")


def test_a_casemanagement_casus_is_decided_by_the_cma_coordinator(client, toegang):
    cm_team = TeamFactory(afdeling=Afdeling.CASEMANAGEMENT)
    casemanager = MedewerkerFactory(rollen=[Rol.CASEMANAGEMENT])
    LidmaatschapFactory(medewerker=casemanager, team=cm_team)
    leider = MedewerkerFactory(rollen=[Rol.TEAMLEIDER])
    LidmaatschapFactory(medewerker=leider, team=cm_team, rol=Lidmaatschap.Rol.TEAMLEIDER)
    coordinator = MedewerkerFactory(rollen=[Rol.CMA_COORDINATOR])
    casus = chain.casus()
    chain.taak(casus=casus, team=cm_team, code="CM-BEGELEIDING", behandelaar=casemanager)
    verzoek = toegang_module_aanvragen(toegang.buitenstaander, casus)
    assert list(permissions.beslissers(casus, toegang.buitenstaander)) == [coordinator]
    assert list(svc.te_beslissen_door(coordinator)) == [verzoek]
    assert not svc.te_beslissen_door(leider).exists()
    assert Notificatie.objects.filter(ontvanger=coordinator, soort="toegangsverzoek").exists()
    client.force_login(leider)
    assert (
        client.post(reverse("casus:toegang_besluiten", args=[verzoek.pk]), {"besluit": "verlenen"}).status_code == 404
    )
    client.force_login(coordinator)
    client.post(reverse("casus:toegang_besluiten", args=[verzoek.pk]), {"besluit": "verlenen", "dagen": 1})
    verzoek.refresh_from_db()
    assert verzoek.status == ToegangStatus.VERLEEND and verzoek.besloten_door == coordinator


def test_an_expired_grant_is_refused_before_the_beat_job_and_then_marked_and_notified(client, toegang, keten):
    verzoek = toegang_module_aanvragen(toegang.buitenstaander, keten)
    svc.toegang_besluiten(actor=toegang.teamleider, verlening=verzoek, goedkeuren=True, dagen=1)
    assert casussen_zichtbaar_voor(toegang.buitenstaander).filter(pk=keten.pk).exists()
    Toegangsverlening.objects.filter(pk=verzoek.pk).update(geldig_tot=timezone.now() - timedelta(seconds=1))
    assert not casussen_zichtbaar_voor(toegang.buitenstaander).filter(pk=keten.pk).exists()
    client.force_login(toegang.buitenstaander)
    assert client.get(reverse("casus:detail", args=[keten.pk])).status_code == 404
    Notificatie.objects.all().delete()

    assert toegang_verlopen.delay().get() == 1
    assert toegang_verlopen.delay().get() == 0  # idempotent
    verzoek.refresh_from_db()
    assert verzoek.status == ToegangStatus.VERLOPEN and verzoek.verlopen_op
    ontvangers = set(Notificatie.objects.values_list("ontvanger_id", flat=True))
    assert ontvangers == {toegang.buitenstaander.pk, toegang.teamleider.pk}
    entry = AuditEntry.objects.filter(object_type="casus.toegangsverlening", bron="taak").get()
    assert entry.wijzigingen == {"status": ["verleend", "verlopen"]} and entry.client_id == keten.client_id


def test_a_grant_can_be_ended_early_by_its_holder(client, toegang, keten):
    verzoek = toegang_module_aanvragen(toegang.buitenstaander, keten)
    svc.toegang_besluiten(actor=toegang.teamleider, verlening=verzoek, goedkeuren=True, dagen=5)
    client.force_login(toegang.buitenstaander)
    client.post(reverse("casus:toegang_intrekken", args=[verzoek.pk]))
    assert client.get(reverse("casus:detail", args=[keten.pk])).status_code == 404


@pytest.mark.parametrize(
    ("moment", "buiten"),
    [
        (ZATERDAG, True),
        (DINSDAG, False),
        (datetime(2026, 3, 6, 17, 0, tzinfo=ZoneInfo("Europe/Amsterdam")), True),
        (datetime(2026, 3, 6, 16, 59, tzinfo=ZoneInfo("Europe/Amsterdam")), False),
        (datetime(2026, 3, 9, 7, 59, tzinfo=ZoneInfo("Europe/Amsterdam")), True),
        (datetime(2026, 3, 9, 8, 0, tzinfo=ZoneInfo("Europe/Amsterdam")), False),
    ],
)
def test_office_hours_as_tak8_defines_them(moment, buiten):
    assert svc.buiten_kantooruren(moment) is buiten


@pytest.fixture
def piket(toegang):
    user = MedewerkerFactory(rollen=[Rol.ACUTE_OPVANG])
    LidmaatschapFactory(medewerker=user, team=TeamFactory(afdeling=Afdeling.ACUTE_OPVANG))
    return user


def test_the_piket_takes_emergency_access_outside_office_hours_reviewed_by_the_privacy_officer(
    client, toegang, keten, piket, monkeypatch
):
    privacy = MedewerkerFactory(rollen=[Rol.PRIVACY_OFFICER])
    monkeypatch.setattr(svc, "buiten_kantooruren", lambda moment=None: True)
    client.force_login(piket)
    response = client.post(reverse("casus:noodtoegang"), {"casus": keten.nummer, "reden": ""})
    assert response.status_code == 200 and "verplicht" in response.content.decode()
    response = client.post(reverse("casus:noodtoegang"), {"casus": keten.nummer, "reden": "Melding zedendelict, 02:10"})
    assert response.status_code == 302
    assert client.get(reverse("casus:detail", args=[keten.pk])).status_code == 200  # at once, no approval
    nood = Toegangsverlening.objects.get(soort=ToegangSoort.NOOD)
    assert Notificatie.objects.filter(ontvanger=privacy, soort="toegangsverzoek").exists()

    client.force_login(privacy)
    assert "Melding zedendelict" in client.get(reverse("casus:toegang")).content.decode()
    client.post(reverse("casus:noodtoegang_beoordelen", args=[nood.pk]), {"beoordeling": "Terecht, piketmelding"})
    nood.refresh_from_db()
    assert nood.beoordeeld_door == privacy and nood.beoordeling == "Terecht, piketmelding"
    assert nood not in svc.overzicht(privacy)["te_beoordelen"]


def test_no_emergency_access_in_office_hours_or_for_others(client, toegang, keten, piket, monkeypatch):
    monkeypatch.setattr(svc, "buiten_kantooruren", lambda moment=None: False)
    client.force_login(piket)
    response = client.post(reverse("casus:noodtoegang"), {"casus": keten.nummer, "reden": "Melding zedendelict"})
    assert response.status_code == 200 and "alleen buiten kantooruren" in response.content.decode()
    monkeypatch.setattr(svc, "buiten_kantooruren", lambda moment=None: True)
    client.force_login(toegang.buitenstaander)
    assert client.get(reverse("casus:noodtoegang")).status_code == 404
    assert not Toegangsverlening.objects.exists()


def test_the_access_page_takes_a_fixed_number_of_queries(client, toegang, django_assert_max_num_queries):
    for _ in range(2):
        casus = chain.casus()
        chain.taak(casus=casus, team=toegang.team, behandelaar=toegang.eigenaar)
        toegang_module_aanvragen(toegang.buitenstaander, casus)
    client.force_login(toegang.teamleider)
    with django_assert_max_num_queries(20) as weinig:
        client.get(reverse("casus:toegang"))
    for _ in range(5):
        casus = chain.casus()
        chain.taak(casus=casus, team=toegang.team, behandelaar=toegang.eigenaar)
        toegang_module_aanvragen(toegang.buitenstaander, casus)
    with django_assert_max_num_queries(len(weinig.captured_queries)):
        page = client.get(reverse("casus:toegang")).content.decode()
    assert page.count("casus:toegang_besluiten") == 0 and page.count('value="verlenen"') == 7
