"""Issue 24 part 3, leaders and cover: the district manager sees the caseload and worklists of the teams in
their district (TAK-4); a deactivated worker's open tasks are flagged to the team leader, who hands them on in
bulk (TAK-6); Acute Opvang's out-of-hours window covers weekday nights as well as the weekend and emergency
access follows it (TAK-8, AUT-2); the AO coordinator keeps the piket rota in the app."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from casus import toegang as toegang_svc
from casus.models import Toegangsverlening
from cris.accounts.roles import Rol
from cris.audit.models import AuditEntry
from cris.notificaties.models import Notificatie
from taken.leiding import wees_melden
from taken.models import Taak
from tests import chain
from tests.factories import LidmaatschapFactory, MedewerkerFactory, TeamFactory
from werkstroom.models import Afdeling, District, Lidmaatschap, Piketdienst
from werkstroom.piket import in_piketperiode, regeling

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")


@pytest.mark.parametrize(
    ("moment", "buiten"),
    [
        (datetime(2026, 11, 25, 23, 0, tzinfo=AMS), True),  # Wednesday night
        (datetime(2026, 11, 25, 17, 0, tzinfo=AMS), True),  # Wednesday 17:00
        (datetime(2026, 11, 25, 16, 59, tzinfo=AMS), False),
        (datetime(2026, 11, 26, 7, 59, tzinfo=AMS), True),  # Thursday morning
        (datetime(2026, 11, 26, 8, 0, tzinfo=AMS), False),
        (datetime(2026, 11, 27, 12, 0, tzinfo=AMS), False),  # Friday noon
        (datetime(2026, 11, 28, 12, 0, tzinfo=AMS), True),  # Saturday noon: the weekend
    ],
)
def test_tak8_out_of_hours_is_weekday_nights_and_the_weekend_for_alerts_and_emergency_access(moment, buiten):
    assert in_piketperiode(moment, regeling()) is buiten
    assert toegang_svc.buiten_kantooruren(moment) is buiten  # emergency access asks the same rule


def test_weekday_nights_can_be_switched_off_and_emergency_access_follows(client, toegang):
    instelling = regeling()
    instelling.doordeweekse_nachten = False
    instelling.save()
    woensdagnacht = datetime(2026, 11, 25, 23, 0, tzinfo=AMS)
    assert not toegang_svc.buiten_kantooruren(woensdagnacht)
    assert toegang_svc.buiten_kantooruren(datetime(2026, 11, 28, 12, 0, tzinfo=AMS))


def test_aut2_piket_takes_emergency_access_on_a_weekday_night(client, toegang):
    casus = chain.casus()
    chain.taak(casus=casus, team=toegang.team, behandelaar=toegang.eigenaar)
    ao = MedewerkerFactory(rollen=[Rol.ACUTE_OPVANG])
    LidmaatschapFactory(medewerker=ao, team=TeamFactory(afdeling=Afdeling.ACUTE_OPVANG))
    with time_machine.travel(datetime(2026, 11, 25, 16, 30, tzinfo=AMS), tick=True):
        client.force_login(ao)
        response = client.post(
            reverse("casus:noodtoegang"), {"casus": casus.nummer, "reden": "Melding huiselijk geweld"}
        )
        assert response.status_code == 200 and not Toegangsverlening.objects.exists()
    with time_machine.travel(datetime(2026, 11, 25, 22, 30, tzinfo=AMS), tick=True):
        client.force_login(ao)  # a new session: the idle timeout counts the hours travelled
        response = client.post(
            reverse("casus:noodtoegang"), {"casus": casus.nummer, "reden": "Melding huiselijk geweld"}
        )
        assert response.status_code == 302
        assert client.get(reverse("casus:detail", args=[casus.pk])).status_code == 200


@pytest.fixture
def ao_coordinator():
    team = TeamFactory(afdeling=Afdeling.ACUTE_OPVANG)
    coordinator = MedewerkerFactory(rollen=[Rol.TEAMLEIDER])
    LidmaatschapFactory(medewerker=coordinator, team=team, rol=Lidmaatschap.Rol.TEAMLEIDER)
    piketleider = MedewerkerFactory(rollen=[Rol.ACUTE_OPVANG], achternaam="Piket")
    LidmaatschapFactory(medewerker=piketleider, team=team)
    return coordinator, piketleider


def test_tak8_the_ao_coordinator_keeps_the_piket_rota(client, toegang, ao_coordinator):
    coordinator, piketleider = ao_coordinator
    url = reverse("leiding:piket")
    for persoon in (piketleider, toegang.teamleider, toegang.eigenaar):  # AO member, other team leader, worker
        client.force_login(persoon)
        assert client.get(url).status_code == 404
    client.force_login(coordinator)
    assert client.get(url).status_code == 200
    data = {"medewerker": piketleider.pk, "van": "2026-12-04T17:00", "tot": "2026-12-07T08:00"}
    assert client.post(url, data).status_code == 302
    dienst = Piketdienst.objects.get()
    assert dienst.medewerker == piketleider and dienst.van == datetime(2026, 12, 4, 17, 0, tzinfo=AMS)
    assert AuditEntry.objects.filter(object_type="werkstroom.piketdienst", actie="aanmaken").exists()
    response = client.post(url, {**data, "van": "2026-12-06T08:00", "tot": "2026-12-08T08:00"})
    assert response.status_code == 422 and "overlapt" in response.content.decode()
    response = client.post(url, {**data, "medewerker": toegang.eigenaar.pk})
    assert response.status_code == 422  # not an Acute Opvang member
    response = client.post(url, {**data, "van": "2026-12-10T08:00", "tot": "2026-12-09T08:00"})
    assert response.status_code == 422 and "na het begin" in response.content.decode()
    client.post(reverse("leiding:piket_verwijderen", args=[dienst.pk]))
    assert not Piketdienst.objects.exists()


def test_a_deactivated_workers_open_tasks_are_flagged_to_the_leader_and_handed_on_in_bulk(client, toegang):
    vertrokken = MedewerkerFactory(rollen=[Rol.ACTIEVE_BENADERING], achternaam="Vertrokken")
    LidmaatschapFactory(medewerker=vertrokken, team=toegang.team)
    taken = [chain.taak(casus=chain.casus(), team=toegang.team, behandelaar=vertrokken) for _ in range(3)]
    eigen = chain.taak(casus=chain.casus(), team=toegang.team, behandelaar=toegang.eigenaar)
    vertrokken.is_active = False
    vertrokken.save()
    assert wees_melden([vertrokken]) == 1
    melding = Notificatie.objects.get(ontvanger=toegang.teamleider, soort="weestaken")
    assert "3 open taken" in melding.tekst and melding.link == reverse("leiding:wees")

    url = reverse("leiding:wees")
    client.force_login(toegang.eigenaar)
    assert client.get(url).status_code == 404  # not a leader
    client.force_login(toegang.teamleider)
    html = client.get(url).content.decode()
    assert all(f'value="{t.pk}"' in html for t in taken) and f'value="{eigen.pk}"' not in html
    response = client.post(url, {"taken": [eigen.pk], "naar": toegang.collega.pk})
    assert response.status_code == 422  # not a deactivated worker's task: nothing moves
    response = client.post(url, {"taken": [t.pk for t in taken[:2]]})
    assert response.status_code == 422 and "Kies de collega" in response.content.decode()
    response = client.post(url, {"taken": [t.pk for t in taken[:2]], "naar": toegang.collega.pk})
    assert response.status_code == 302
    assert [Taak.objects.get(pk=t.pk).behandelaar_id for t in taken] == [toegang.collega.pk] * 2 + [vertrokken.pk]
    assert Notificatie.objects.filter(ontvanger=toegang.collega, soort="taak_overgedragen").count() == 2
    assert Taak.objects.get(pk=eigen.pk).behandelaar_id == toegang.eigenaar.pk


def test_tak4_the_district_manager_sees_caseload_and_worklists_of_the_teams_in_the_district(client, toegang):
    manager = MedewerkerFactory(rollen=[Rol.DISTRICTSMANAGER], district_code="MN")
    elders = TeamFactory(afdeling=Afdeling.ACTIEVE_BENADERING, district=District.objects.exclude(code="MN").first())
    taak = chain.taak(casus=chain.casus(), team=toegang.team, behandelaar=toegang.eigenaar)
    chain.taak(casus=chain.casus(), team=toegang.team)
    chain.taak(casus=chain.casus(), team=elders)
    client.force_login(manager)
    html = client.get(reverse("leiding:overzicht")).content.decode()
    assert toegang.team.naam in html and toegang.ander_team.naam in html  # both teams are in Midden-Nederland
    assert elders.naam not in html
    assert "Test Eigenaar: 1 open" in html
    html = client.get(reverse("leiding:team", args=[toegang.team.pk])).content.decode()
    assert taak.casus.nummer in html and "Test Eigenaar" in html
    assert client.get(reverse("leiding:team", args=[elders.pk])).status_code == 404
    # a worker and a team leader of another district see no such page
    client.force_login(toegang.eigenaar)
    assert client.get(reverse("leiding:overzicht")).status_code == 404
