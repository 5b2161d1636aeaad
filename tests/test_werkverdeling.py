"""Issue 7: werkstromen, taakverdeler and deadlines (TAK-2…TAK-9, AGE-1)."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from cris.accounts.roles import Rol
from cris.audit.models import AuditEntry
from cris.notificaties.models import Notificatie, Soort
from diensten.models import Dienst, DienstSoort
from diensten.selectors import diensten_van_taak
from diensten.services.levenscyclus import dienst_afronden, dienst_registreren, dienst_starten
from diensten.services.overdracht import diensten_overdragen
from diensten.services.tijd import tijd_registreren
from taken import agenda
from taken.gebeurtenis import contactverslag_kopieren, taken_zelfde_gebeurtenis
from taken.models import Afspraak, Contactmoment, Prioriteit, Taak, TaakStatus, TaakType, Vervolgregel
from taken.services import TaakFout
from taken.services.contacten import contactmoment_vastleggen
from taken.services.levenscyclus import taak_aanmaken, taak_afbreken, taak_oppakken
from taken.services.overdracht import taak_overdragen, taak_toewijzen
from taken.services.vervolg import vervolgtypen
from taken.terugbellen import terugbelnotitie_afhandelen, terugbelnotitie_maken
from taken.verdeler import ao_alarmeren, volgende_taak
from tests import chain
from tests.access import assert_toegang
from tests.factories import LidmaatschapFactory, MedewerkerFactory, TeamFactory
from werkstroom.models import Afdeling, District, Lidmaatschap, Piketdienst, Specialisatie
from werkstroom.piket import in_piketperiode, regeling, verantwoordelijke

pytestmark = pytest.mark.django_db
AMS = ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def ab_team():
    return TeamFactory(afdeling=Afdeling.ACTIEVE_BENADERING)


@pytest.fixture
def werker(ab_team):
    user = MedewerkerFactory(rollen=[Rol.ACTIEVE_BENADERING])
    LidmaatschapFactory(medewerker=user, team=ab_team)
    return user


@pytest.fixture
def leider(ab_team):
    user = MedewerkerFactory(rollen=[Rol.TEAMLEIDER])
    LidmaatschapFactory(medewerker=user, team=ab_team, rol=Lidmaatschap.Rol.TEAMLEIDER)
    return user


def _taak(team, code="AB-BENADERING", **velden):
    taak = chain.taak(casus=chain.casus(**velden), team=team, code=code)
    return taak


# --- TAK-1 / TAK-3: task types and the follow-up matrix ----------------------------------------------------


def test_tak1_every_department_has_its_task_types_with_subtypes():
    afdelingen = set(TaakType.objects.values_list("afdeling", flat=True))
    assert {"AB", "AD", "JD", "CAI", "AO", "CMA", "CM", "LOT", "NDF", "JDADMIN"} <= afdelingen
    assert TaakType.objects.filter(subtype="monitor").count() == 2


def test_tak3_the_matrix_decides_which_follow_up_tasks_a_werkstroom_may_create(ab_team, werker):
    ab = set(vervolgtypen(afdeling="AB").values_list("code", flat=True))
    assert {"AD-INTAKE", "CMA-AANMELDING", "JD-INTAKE", "AB-MONITOR"} <= ab
    assert "AO-PIKET" not in ab and "NDF-CONTACT" not in ab and "AD-MONITOR" not in ab
    assert "AO-PIKET" in set(vervolgtypen(afdeling="CAI").values_list("code", flat=True))
    taak = _taak(ab_team)
    with pytest.raises(TaakFout, match="geen taak"):
        taak_aanmaken(actor=werker, casus=taak.casus, taaktype=TaakType.objects.get(code="AO-PIKET"), vanuit=taak)
    # A functional manager changes the matrix in the admin: the service follows it.
    Vervolgregel.objects.create(van_afdeling="AB", taaktype=TaakType.objects.get(code="NDF-CONTACT"))
    assert vervolgtypen(afdeling="AB").filter(code="NDF-CONTACT").exists()


def test_tak3_whether_a_werkstroom_has_follow_up_types_follows_the_matrix_at_once(db):
    """The task page asks heeft_vervolgtypen (catalogue cache) on every view; an admin change shows at once."""
    from taken.services.vervolg import heeft_vervolgtypen

    Vervolgregel.objects.filter(van_afdeling="LOT").delete()
    assert not heeft_vervolgtypen(afdeling="LOT")
    regel = Vervolgregel.objects.create(van_afdeling="LOT", taaktype=TaakType.objects.get(code="AD-INTAKE"))
    assert heeft_vervolgtypen(afdeling="LOT")
    regel.taaktype.actief = False
    regel.taaktype.save()
    assert not heeft_vervolgtypen(afdeling="LOT")


def test_tak3_the_task_page_offers_only_what_the_matrix_allows(client, ab_team, werker):
    TeamFactory(afdeling=Afdeling.ALGEMENE_DIENSTVERLENING)
    taak = _taak(ab_team)
    client.force_login(werker)
    pagina = client.get(reverse("taken:detail", args=[taak.pk])).content.decode()
    formulier = reverse("taken:onderdeel", args=[taak.pk, "vervolgtaak"])
    assert "Vervolgtaak aanmaken" in pagina and formulier in pagina  # the form loads when its panel opens
    html = client.get(formulier, headers={"HX-Request": "true"}).content.decode()
    assert "Intake" in html and "<html" not in html
    assert "Piketinzet" not in html and "Namens de Familie" not in html
    ao = TaakType.objects.get(code="AO-PIKET")
    response = client.post(reverse("taken:vervolgtaak", args=[taak.pk]), {"vervolg-taaktype": ao.pk})
    assert response.status_code == 422 and not Taak.objects.filter(type=ao).exists()
    ad = TaakType.objects.get(code="AD-INTAKE")
    response = client.post(reverse("taken:vervolgtaak", args=[taak.pk]), {"vervolg-taaktype": ad.pk})
    assert response.status_code == 302
    nieuw = Taak.objects.get(type=ad)
    assert nieuw.team.afdeling == "AD" and "postcode 3511" in nieuw.routering


def test_the_admin_shows_the_matrix_and_the_piket_settings(admin_client):
    assert admin_client.get(reverse("admin:taken_vervolgregel_changelist")).status_code == 200
    assert admin_client.get(reverse("admin:werkstroom_piketdienst_changelist")).status_code == 200
    assert admin_client.get(reverse("admin:werkstroom_piketregeling_changelist")).status_code == 200
    tt = TaakType.objects.get(code="AB-BENADERING")
    assert (
        "Vervolgtaakmatrix" in admin_client.get(reverse("admin:taken_taaktype_change", args=[tt.pk])).content.decode()
    )


# --- TAK-4: worklists --------------------------------------------------------------------------------------


def test_tak4_filters_sorting_counts_and_the_bookmarkable_url(client, ab_team, werker):
    utrecht = _taak(ab_team)
    amersfoort = _taak(ab_team, postcode="3811 AA")
    amersfoort.casus.client.adressen.update(woonplaats="Amersfoort")
    laat = _taak(ab_team)
    Taak.objects.filter(pk__in=[utrecht.pk, amersfoort.pk]).update(prioriteit=Prioriteit.NORMAAL)
    Taak.objects.filter(pk=laat.pk).update(deadline=timezone.now() - timedelta(hours=1), prioriteit=Prioriteit.HOOG)
    taak_oppakken(actor=werker, taak=utrecht)
    client.force_login(werker)
    url = reverse("taken:werkstroom")

    def ids(**params):
        page = client.get(url, {"weergave": "team", **params})
        return {t.pk for t in page.context["pagina"].object_list}, page

    assert ids()[0] == {utrecht.pk, amersfoort.pk, laat.pk}
    assert ids(woonplaats="amersfoort")[0] == {amersfoort.pk}
    assert ids(deadline="te_laat")[0] == {laat.pk}
    assert ids(prioriteit=1)[0] == {laat.pk}
    assert ids(status="in_behandeling")[0] == {utrecht.pk}
    assert ids(regio=District.objects.exclude(code="MN").first().pk)[0] == set()
    assert ids(type=TaakType.objects.get(code="AB-BENADERING").pk)[0] == {utrecht.pk, amersfoort.pk, laat.pk}
    _, page = ids(sortering="prioriteit")
    assert page.context["pagina"].object_list[0].pk == laat.pk
    assert page.context["p"].aantallen["nieuw"] == 2 and page.context["p"].aantallen["in_behandeling"] == 1
    assert "gerealiseerd" not in page.context["p"].aantallen  # closed history only when asked for
    assert ids(status="gerealiseerd")[1].context["p"].aantallen["gerealiseerd"] == 0
    html = page.content.decode()
    assert "te laat" in html and "cris-rij--te-laat" in html
    # Nonsense in a bookmark is ignored, not a 500.
    assert client.get(url, {"weergave": "team", "prioriteit": "x", "regio": "y", "sortering": "z"}).status_code == 200
    # Mijn taken.
    assert {t.pk for t in client.get(url).context["pagina"].object_list} == {utrecht.pk}


def test_tak4_htmx_gets_the_list_alone(client, ab_team, werker):
    _taak(ab_team)
    client.force_login(werker)
    response = client.get(
        reverse("taken:werkstroom"), {"weergave": "team"}, headers={"HX-Request": "true", "HX-Target": "werklijst"}
    )
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="werklijst"') and "<html" not in html
    assert "Benaderingsgesprek" in html


def test_tak4_team_leaders_see_their_members_tasks_elsewhere(client, ab_team, werker, leider):
    ander = TeamFactory(afdeling=Afdeling.ACTIEVE_BENADERING)
    LidmaatschapFactory(medewerker=werker, team=ander)
    elders = _taak(ander)
    taak_oppakken(actor=werker, taak=elders)
    client.force_login(leider)
    page = client.get(reverse("taken:werkstroom"), {"weergave": "leden"})
    # The leader may not see that casus (another team's work): it is not listed (AUT-1).
    assert elders.pk not in {t.pk for t in page.context["pagina"].object_list}
    eigen = _taak(ab_team)
    taak_oppakken(actor=werker, taak=eigen)
    page = client.get(reverse("taken:werkstroom"), {"weergave": "leden"})
    assert {t.pk for t in page.context["pagina"].object_list} == {eigen.pk}
    # A plain worker has no 'leden' view; the URL falls back to their own tasks.
    client.force_login(werker)
    assert client.get(reverse("taken:werkstroom"), {"weergave": "leden"}).context["p"].lijst.weergave == "mijn"


@pytest.mark.parametrize(
    "params",
    [
        {"weergave": "team"},
        {"weergave": "team", "woonplaats": "Utrecht", "deadline": "week", "sortering": "prioriteit"},
        {"weergave": "team", "status": "nieuw", "regio": "1", "type": "1", "prioriteit": "2"},
        {"weergave": "leden"},
    ],
)
def test_tak4_filtered_worklists_do_not_grow_with_the_rows(
    client, ab_team, werker, leider, params, django_assert_max_num_queries
):
    for _ in range(2):
        taak_oppakken(actor=werker, taak=_taak(ab_team))
    client.force_login(leider)
    url = reverse("taken:werkstroom")
    client.get(url, params)  # the first page after login also saves the session
    with django_assert_max_num_queries(12) as few:  # with "mijn filters" (issue 25) and the list audit (AUT-3)
        assert client.get(url, params).status_code == 200
    for _ in range(15):
        taak_oppakken(actor=werker, taak=_taak(ab_team))
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url, params).status_code == 200


# --- TAK-2: Toegewezen for AB and AD monitor tasks ---------------------------------------------------------


def test_tak2_a_team_leader_assigns_a_monitor_task_and_the_worker_starts_it(client, ab_team, werker, leider):
    monitor = _taak(ab_team, code="AB-MONITOR")
    client.force_login(leider)
    assert "Monitortaak toewijzen" in client.get(reverse("taken:detail", args=[monitor.pk])).content.decode()
    client.post(reverse("taken:toewijzen", args=[monitor.pk]), {"aan": werker.pk})
    monitor.refresh_from_db()
    assert monitor.status == TaakStatus.TOEGEWEZEN and monitor.behandelaar == werker
    assert Notificatie.objects.filter(ontvanger=werker, soort=Soort.TAAK_TOEGEWEZEN).exists()
    assert taak_oppakken(actor=werker, taak=monitor).status == TaakStatus.IN_BEHANDELING
    benadering = _taak(ab_team)
    with pytest.raises(TaakFout, match="monitortaken"):
        taak_toewijzen(actor=leider, taak=benadering, aan=werker)
    with pytest.raises(TaakFout):
        taak_toewijzen(actor=werker, taak=_taak(ab_team, code="AB-MONITOR"), aan=werker)


# --- TAK-5: taakverdeler -----------------------------------------------------------------------------------


def test_tak5_next_task_by_priority_then_deadline_and_skill(ab_team, werker):
    zeden = Specialisatie.objects.create(code="zeden", naam="Zeden")
    later = _taak(ab_team)
    vroeg = _taak(ab_team)
    Taak.objects.filter(pk=vroeg.pk).update(deadline=later.deadline - timedelta(hours=5))
    laag = _taak(ab_team)
    Taak.objects.filter(pk=laag.pk).update(prioriteit=Prioriteit.LAAG, deadline=timezone.now() - timedelta(days=3))
    specialist = _taak(ab_team)
    Taak.objects.filter(pk=specialist.pk).update(specialisatie=zeden, deadline=timezone.now() - timedelta(days=9))
    volgorde = [volgende_taak(actor=werker).pk for _ in range(3)]
    assert volgorde == [vroeg.pk, later.pk, laag.pk]
    assert volgende_taak(actor=werker) is None  # only the specialist task is left, and the worker lacks the skill
    zeden.medewerkers.add(werker)
    taak = volgende_taak(actor=werker)
    assert taak.pk == specialist.pk and taak.status == TaakStatus.IN_BEHANDELING and taak.behandelaar == werker


def test_tak5_only_ab_ad_and_jd_use_the_taakverdeler():
    cai = MedewerkerFactory(rollen=[Rol.CAI])
    LidmaatschapFactory(medewerker=cai, team=TeamFactory(afdeling=Afdeling.CAI, district=None))
    with pytest.raises(TaakFout, match="taakverdeler"):
        volgende_taak(actor=cai)


def test_tak5_routing_by_postcode_of_the_preferred_address_and_the_reason_is_on_the_task(client, werker, ab_team):
    noord = District.objects.exclude(pk=ab_team.district_id).order_by("pk").first()
    ab_noord = TeamFactory(afdeling=Afdeling.ACTIEVE_BENADERING, district=noord)
    landelijk = TeamFactory(afdeling=Afdeling.ACTIEVE_BENADERING, district=None)
    casus = chain.casus()
    tt = TaakType.objects.get(code="AB-BENADERING")
    taak = taak_aanmaken(actor=None, casus=casus, taaktype=tt)
    assert taak.team.district_id == ab_team.district_id and "postcode 3511" in taak.routering
    # The client moved: the preferred address now lies in another district.
    postcode = noord.postcodes.order_by("cijfers").first().cijfers
    casus.client.adressen.update(postcode=f"{postcode} AA")
    assert taak_aanmaken(actor=None, casus=casus, taaktype=tt).team == ab_noord
    # A team chosen by the user wins over routing.
    gekozen = taak_aanmaken(actor=werker, casus=casus, taaktype=tt, team=landelijk)
    assert gekozen.team == landelijk and "gekozen door" in gekozen.routering
    taak_oppakken(actor=werker, taak=taak)
    client.force_login(werker)
    assert "waarom hier" in client.get(reverse("taken:detail", args=[taak.pk])).content.decode()


def test_tak5_the_button_takes_the_next_task(client, ab_team, werker):
    taak = _taak(ab_team)
    client.force_login(werker)
    response = client.post(reverse("taken:volgende"))
    assert response.status_code == 302 and response.url == reverse("taken:detail", args=[taak.pk])
    response = client.post(reverse("taken:volgende"), follow=True)
    assert "geen taak voor u klaar" in response.content.decode()


def test_tak5_tasks_assigned_to_the_worker_come_before_the_pool(ab_team, werker, leider):
    collega = MedewerkerFactory(rollen=[Rol.ACTIEVE_BENADERING])
    LidmaatschapFactory(medewerker=collega, team=ab_team)
    pool = _taak(ab_team)  # AB-BENADERING: high priority, deadline in 48 hours
    Taak.objects.filter(pk=pool.pk).update(deadline=timezone.now() - timedelta(days=1))  # and overdue
    mijn_laag, mijn_hoog = _taak(ab_team, code="AB-MONITOR"), _taak(ab_team, code="AB-MONITOR")
    van_collega = _taak(ab_team, code="AB-MONITOR")
    for taak in (mijn_laag, mijn_hoog):
        taak_toewijzen(actor=leider, taak=taak, aan=werker)
    taak_toewijzen(actor=leider, taak=van_collega, aan=collega)
    Taak.objects.filter(pk=mijn_laag.pk).update(prioriteit=Prioriteit.LAAG)
    Taak.objects.filter(pk=mijn_hoog.pk).update(prioriteit=Prioriteit.HOOG)
    # The assigned ones first, by priority, although the pool's task is more urgent; then the pool. Never a
    # task assigned to someone else.
    volgorde = [volgende_taak(actor=werker) for _ in range(3)]
    assert [t.pk for t in volgorde] == [mijn_hoog.pk, mijn_laag.pk, pool.pk]
    assert all(t.status == TaakStatus.IN_BEHANDELING and t.behandelaar == werker for t in volgorde)
    assert volgende_taak(actor=werker) is None
    van_collega.refresh_from_db()
    assert van_collega.status == TaakStatus.TOEGEWEZEN and van_collega.behandelaar == collega
    assert volgende_taak(actor=collega).pk == van_collega.pk


# --- TAK-6: transfer with filters; appointments move ------------------------------------------------------


def test_tak6_transfer_to_a_colleague_of_another_team_found_by_skill_moves_appointments(client, ab_team, werker):
    verkeer = Specialisatie.objects.create(code="verkeer", naam="Verkeer")
    ander = TeamFactory(afdeling=Afdeling.ACTIEVE_BENADERING)
    kenner = MedewerkerFactory(rollen=[Rol.ACTIEVE_BENADERING])
    leek = MedewerkerFactory(rollen=[Rol.ACTIEVE_BENADERING])
    for m in (kenner, leek):
        LidmaatschapFactory(medewerker=m, team=ander)
    verkeer.medewerkers.add(kenner)
    taak = _taak(ab_team)
    taak_oppakken(actor=werker, taak=taak)
    begin = timezone.now() + timedelta(days=1)
    agenda.afspraak_maken(actor=werker, taak=taak, begin=begin, einde=begin + timedelta(hours=1), onderwerp="Gesprek")
    client.force_login(werker)
    page = client.get(reverse("taken:detail", args=[taak.pk]), {"team": ander.pk, "specialisatie": verkeer.pk})
    keuzes = list(page.context["overdragen_form"].fields["naar"].queryset)
    assert keuzes == [kenner]
    html = page.content.decode()  # the chosen team and skill go with the transfer
    assert f'name="team" value="{ander.pk}"' in html and f'name="specialisatie" value="{verkeer.pk}"' in html
    taak.refresh_from_db()
    with pytest.raises(TaakFout, match="specialisatie"):
        taak_overdragen(actor=werker, taak=taak, naar=leek, team=ander, specialisatie=verkeer)
    client.post(
        reverse("taken:overdragen", args=[taak.pk]), {"naar": kenner.pk, "team": ander.pk, "specialisatie": verkeer.pk}
    )
    taak.refresh_from_db()
    assert taak.behandelaar == kenner and taak.team == ander and "overgedragen door" in taak.routering
    assert Afspraak.objects.get(taak=taak).medewerker == kenner
    with pytest.raises(TaakFout, match="dezelfde afdeling"):
        taak_overdragen(actor=kenner, taak=taak, naar=werker, team=TeamFactory(afdeling=Afdeling.CAI))


@pytest.fixture
def soort():
    return DienstSoort.objects.get(code="INF-STRAFPROCES")


def _met_diensten(team, werker, soort, aantal=3):
    taak = _taak(team)
    taak_oppakken(actor=werker, taak=taak)
    return taak, [dienst_registreren(actor=werker, taak=taak, soort=soort) for _ in range(aantal)]


def test_tak6_some_services_move_to_a_new_task_of_the_colleague(ab_team, werker, soort):
    collega = MedewerkerFactory(rollen=[Rol.ACTIEVE_BENADERING])
    LidmaatschapFactory(medewerker=collega, team=ab_team)
    taak, (nieuw, bezig, blijft) = _met_diensten(ab_team, werker, soort)
    klaar = dienst_registreren(actor=werker, taak=taak, soort=soort)
    dienst_afronden(actor=werker, dienst=klaar)
    dienst_starten(actor=werker, dienst=bezig)
    tijd_registreren(actor=werker, dienst=bezig, minuten=25, datum=timezone.localdate())
    Dienst.objects.filter(pk=bezig.pk).update(open_sinds=timezone.now() - timedelta(days=3), doorlooptijd_s=3600)
    bezig.refresh_from_db()
    peil = timezone.now() + timedelta(hours=1)
    doorlooptijd = bezig.doorlooptijd(peil)

    uitkomst = diensten_overdragen(actor=werker, taak=taak, diensten=[nieuw, bezig], naar=collega)

    doel = uitkomst.doel
    assert (uitkomst.aantal, uitkomst.bron_zonder_open_diensten) == (2, False)
    assert doel.pk != taak.pk and doel.type_id == taak.type_id and doel.casus_id == taak.casus_id
    assert (doel.behandelaar, doel.status, doel.team) == (collega, TaakStatus.IN_BEHANDELING, ab_team)
    assert doel.deadline == taak.deadline and doel.prioriteit == taak.prioriteit
    assert [d.pk for d in diensten_van_taak(taak=doel).actief] == [nieuw.pk, bezig.pk]
    bron = diensten_van_taak(taak=taak)
    assert [d.pk for d in bron.actief] == [blijft.pk] and [d.pk for d in bron.afgerond] == [klaar.pk]
    taak.refresh_from_db()
    assert taak.status == TaakStatus.IN_BEHANDELING and taak.behandelaar == werker
    # Time entries stay with their service; its lead time runs on as if nothing happened (DIE-3).
    bezig.refresh_from_db()
    assert bezig.tijdsbestedingen.get().minuten == 25 and bezig.besteed_minuten == 25
    assert bezig.doorlooptijd(peil) == doorlooptijd and bezig.team_id == ab_team.pk
    # Audited per service; on the timeline for both tasks; the colleague is notified and may see the casus.
    audit = AuditEntry.objects.filter(object_type="diensten.dienst", object_id=str(bezig.pk))
    assert any(e.wijzigingen.get("taak") == [taak.pk, doel.pk] for e in audit)
    tijdlijn = taak.casus.tijdlijn.filter(soort="dienst", object_type="taken.taak")
    assert "overgedragen aan" in tijdlijn.get(object_id=taak.pk).omschrijving
    assert "ontvangen van taak" in tijdlijn.get(object_id=doel.pk).omschrijving
    notificatie = Notificatie.objects.get(ontvanger=collega, soort=Soort.TAAK_OVERGEDRAGEN)
    assert notificatie.link == reverse("taken:detail", args=[doel.pk])
    assert taak.casus.client.achternaam not in notificatie.tekst
    # The last open service goes to the same task of the colleague; this task stays open, the worker decides.
    tweede = diensten_overdragen(actor=werker, taak=taak, diensten=[blijft], naar=collega)
    assert tweede.doel.pk == doel.pk and tweede.bron_zonder_open_diensten
    assert Taak.objects.filter(casus=taak.casus, type=taak.type).count() == 2
    taak.refresh_from_db()
    assert taak.status == TaakStatus.IN_BEHANDELING


def test_tak6_services_to_a_colleague_of_another_team_with_a_skill_who_then_sees_the_casus(
    client, ab_team, werker, soort
):
    verkeer = Specialisatie.objects.create(code="verkeer", naam="Verkeer")
    ander = TeamFactory(afdeling=Afdeling.ACTIEVE_BENADERING)
    kenner = MedewerkerFactory(rollen=[Rol.ACTIEVE_BENADERING])
    LidmaatschapFactory(medewerker=kenner, team=ander)
    verkeer.medewerkers.add(kenner)
    taak, (dienst, *_rest) = _met_diensten(ab_team, werker, soort, aantal=2)
    client.force_login(kenner)
    assert client.get(reverse("taken:detail", args=[taak.pk])).status_code == 404
    doel = diensten_overdragen(
        actor=werker, taak=taak, diensten=[dienst], naar=kenner, team=ander, specialisatie=verkeer
    ).doel
    assert doel.team == ander and "diensten overgedragen door" in doel.routering
    html = client.get(reverse("taken:detail", args=[doel.pk])).content.decode()
    assert "Actief (1)" in html


def test_tak6_transferring_services_refuses_what_is_not_allowed(ab_team, werker, leider, soort):
    collega = MedewerkerFactory(rollen=[Rol.ACTIEVE_BENADERING])
    LidmaatschapFactory(medewerker=collega, team=ab_team)
    buiten = MedewerkerFactory(rollen=[Rol.ACTIEVE_BENADERING])
    LidmaatschapFactory(medewerker=buiten, team=TeamFactory(afdeling=Afdeling.ALGEMENE_DIENSTVERLENING))
    zeden = Specialisatie.objects.create(code="zeden", naam="Zeden")
    taak, (open_, klaar) = _met_diensten(ab_team, werker, soort, aantal=2)
    dienst_afronden(actor=werker, dienst=klaar)
    andere_taak, (vreemd,) = _met_diensten(ab_team, werker, soort, aantal=1)
    gevallen = [
        ({"actor": werker, "diensten": [], "naar": collega}, "ten minste één dienst"),
        ({"actor": werker, "diensten": [vreemd], "naar": collega}, "alleen diensten van deze taak"),
        ({"actor": werker, "diensten": [open_, klaar], "naar": collega}, "Alleen actieve diensten"),
        ({"actor": werker, "diensten": [open_], "naar": buiten}, "geen actief lid"),
        ({"actor": werker, "diensten": [open_], "naar": collega, "specialisatie": zeden}, "specialisatie Zeden"),
        ({"actor": werker, "diensten": [open_], "naar": buiten, "team": buiten.lidmaatschappen.get().team},
         "dezelfde afdeling"),
        ({"actor": collega, "diensten": [open_], "naar": leider}, "behandelaar of de teamleider"),
    ]  # fmt: skip
    for kwargs, melding in gevallen:
        with pytest.raises(TaakFout, match=melding):
            diensten_overdragen(taak=taak, **kwargs)
    # Nothing half-saved: every service is where it was, no task was made, nobody was notified.
    assert set(Dienst.objects.filter(taak=taak).values_list("pk", flat=True)) == {open_.pk, klaar.pk}
    assert (
        Taak.objects.filter(casus=taak.casus).count() == 1
        and not Notificatie.objects.filter(soort=Soort.TAAK_OVERGEDRAGEN).exists()
    )
    # The team leader may transfer them; on a closed task nobody can.
    assert diensten_overdragen(actor=leider, taak=taak, diensten=[open_], naar=collega).aantal == 1
    taak_afbreken(actor=werker, taak=andere_taak, reden="Dubbel")
    with pytest.raises(TaakFout, match="behandelaar of de teamleider"):
        diensten_overdragen(actor=werker, taak=andere_taak, diensten=[vreemd], naar=collega)


def test_tak6_the_task_page_transfers_services_with_errors_at_the_fields(client, ab_team, werker, soort):
    verkeer = Specialisatie.objects.create(code="verkeer", naam="Verkeer")
    kenner = MedewerkerFactory(rollen=[Rol.ACTIEVE_BENADERING])
    leek = MedewerkerFactory(rollen=[Rol.ACTIEVE_BENADERING])
    for m in (kenner, leek):
        LidmaatschapFactory(medewerker=m, team=ab_team)
    verkeer.medewerkers.add(kenner)
    taak, (eerste, tweede) = _met_diensten(ab_team, werker, soort, aantal=2)
    _andere, (vreemd,) = _met_diensten(ab_team, werker, soort, aantal=1)
    client.force_login(werker)
    url = reverse("diensten:overdragen", args=[taak.pk])
    page = client.get(reverse("taken:detail", args=[taak.pk]), {"dienstoverdracht-specialisatie": verkeer.pk})
    html = page.content.decode()
    assert "Diensten overdragen" in html
    keuzes = html.split('id="id_dienstoverdracht-naar"')[1].split("</select>")[0]  # filtered on the skill
    assert f'<option value="{kenner.pk}">' in keuzes and f'<option value="{leek.pk}">' not in keuzes
    p = "dienstoverdracht-"
    fout = client.post(url, {f"{p}naar": kenner.pk})
    assert fout.status_code == 422 and "Kies ten minste één dienst om over te dragen." in fout.content.decode()
    fout = client.post(url, {f"{p}diensten": [vreemd.pk], f"{p}naar": kenner.pk})
    assert fout.status_code == 422 and "Kies alleen actieve diensten van deze taak." in fout.content.decode()
    fout = client.post(url, {f"{p}diensten": [eerste.pk], f"{p}naar": leek.pk, f"{p}specialisatie": verkeer.pk})
    assert fout.status_code == 422 and "met de gekozen specialisatie" in fout.content.decode()
    assert Dienst.objects.filter(taak=taak).count() == 2
    response = client.post(url, {f"{p}diensten": [eerste.pk], f"{p}naar": kenner.pk, f"{p}specialisatie": verkeer.pk})
    assert response.status_code == 302
    doel = Taak.objects.get(casus=taak.casus, behandelaar=kenner)
    response = client.post(url, {f"{p}diensten": [tweede.pk], f"{p}naar": kenner.pk}, follow=True)
    html = response.content.decode()
    assert "1 dienst(en) overgedragen aan" in html and "geen actieve diensten meer" in html
    assert "Diensten overdragen" not in html  # nothing left to hand over
    client.force_login(kenner)
    assert "Actief (2)" in client.get(reverse("taken:detail", args=[doel.pk])).content.decode()


# --- TAK-7: call-back notes and call attempts ---------------------------------------------------------------


def test_tak7_a_call_back_note_notifies_the_colleague_and_attempts_are_counted(client, ab_team, werker):
    collega = MedewerkerFactory(rollen=[Rol.ACTIEVE_BENADERING])
    LidmaatschapFactory(medewerker=collega, team=ab_team)
    taak = _taak(ab_team)
    taak_oppakken(actor=werker, taak=taak)
    for _ in range(2):
        contactmoment_vastleggen(
            actor=werker, taak=taak, kanaal="telefoon", richting="uitgaand", bereikt=False,
            tijdstip=timezone.now(), verslag="",
        )  # fmt: skip
    client.force_login(werker)
    response = client.post(
        reverse("taken:terugbelnotitie", args=[taak.pk]), {"voor": collega.pk, "tekst": "Belt na 17 uur terug"}
    )
    assert response.status_code == 302
    notificatie = Notificatie.objects.get(ontvanger=collega, soort=Soort.TERUGBELNOTITIE)
    assert taak.casus.client.achternaam not in notificatie.tekst
    leeg = client.post(reverse("taken:terugbelnotitie", args=[taak.pk]), {"voor": collega.pk, "tekst": ""})
    assert leeg.status_code == 422 and "Schrijf wat de collega" in leeg.content.decode()
    client.force_login(collega)
    lijst = client.get(reverse("taken:werkstroom"), {"weergave": "team"})
    assert "Terugbelnotities voor u" in lijst.content.decode()
    assert lijst.context["pagina"].object_list[0].pogingen == "2"
    notitie = taak.terugbelnotities.get()
    client.post(reverse("taken:terugbel_af", args=[notitie.pk]))
    notitie.refresh_from_db()
    assert notitie.afgehandeld_op is not None
    buiten = MedewerkerFactory()
    with pytest.raises(TaakFout):
        terugbelnotitie_maken(actor=werker, taak=taak, voor=buiten, tekst="x")
    with pytest.raises(TaakFout):
        terugbelnotitie_afhandelen(actor=buiten, notitie=notitie)


# --- TAK-8: deadlines and the piket rota ------------------------------------------------------------------


def test_tak8_ab_deadline_is_48_hours_after_the_referral_arrived(ab_team):
    ontvangen = timezone.now() - timedelta(hours=50)
    taak = taak_aanmaken(
        actor=None, casus=chain.casus(), taaktype=TaakType.objects.get(code="AB-BENADERING"), vanaf=ontvangen
    )
    assert taak.deadline == ontvangen + timedelta(hours=48) and taak.te_laat


def test_tak8_the_piket_period_runs_friday_17_to_monday_08_and_weekday_nights():
    instelling = regeling()
    assert in_piketperiode(datetime(2026, 11, 27, 17, 0, tzinfo=AMS), instelling)  # Friday 17:00
    assert in_piketperiode(datetime(2026, 11, 29, 12, 0, tzinfo=AMS), instelling)  # Sunday
    assert in_piketperiode(datetime(2026, 11, 30, 7, 59, tzinfo=AMS), instelling)  # Monday 07:59
    assert not in_piketperiode(datetime(2026, 11, 30, 8, 0, tzinfo=AMS), instelling)
    assert not in_piketperiode(datetime(2026, 11, 27, 16, 59, tzinfo=AMS), instelling)
    assert not in_piketperiode(datetime(2026, 11, 25, 12, 0, tzinfo=AMS), instelling)  # a Wednesday afternoon
    assert in_piketperiode(datetime(2026, 11, 25, 23, 0, tzinfo=AMS), instelling)  # issue 24: weekday nights too


def test_tak8_ao_alerts_go_to_the_piketleider_in_the_weekend_and_to_cai_in_office_hours():
    ao = TeamFactory(afdeling=Afdeling.ACUTE_OPVANG)
    cai_team = TeamFactory(afdeling=Afdeling.CAI, district=None)
    cai = MedewerkerFactory(rollen=[Rol.CAI])
    LidmaatschapFactory(medewerker=cai, team=cai_team)
    piketleider = MedewerkerFactory(rollen=[Rol.ACUTE_OPVANG])
    LidmaatschapFactory(medewerker=piketleider, team=ao)
    zaterdag = datetime(2026, 11, 28, 3, 0, tzinfo=AMS)
    Piketdienst.objects.create(
        medewerker=piketleider, van=datetime(2026, 11, 27, 17, tzinfo=AMS), tot=datetime(2026, 11, 30, 8, tzinfo=AMS)
    )
    assert verantwoordelijke(zaterdag).medewerker_ids == [piketleider.pk]
    taak = ao_alarmeren(actor=cai, casus=chain.casus(), tijdstip=zaterdag)
    assert taak.team == ao and taak.deadline == zaterdag + timedelta(hours=2) and taak.prioriteit == Prioriteit.HOOG
    assert "piketleider" in taak.routering
    assert Notificatie.objects.filter(ontvanger=piketleider, link__endswith=f"/{taak.pk}/").exists()
    woensdag = datetime(2026, 11, 25, 11, 0, tzinfo=AMS)
    taak = ao_alarmeren(actor=cai, casus=chain.casus(), tijdstip=woensdag)
    assert "kantoortijd" in taak.routering and cai_team.naam in taak.routering
    assert Notificatie.objects.filter(ontvanger=cai, link__endswith=f"/{taak.pk}/").exists()


def test_tak8_the_ao_alert_can_be_raised_from_the_casus_page(client, ab_team, werker):
    ao = TeamFactory(afdeling=Afdeling.ACUTE_OPVANG)
    cai_team = TeamFactory(afdeling=Afdeling.CAI, district=None)
    cai = MedewerkerFactory(rollen=[Rol.CAI])
    LidmaatschapFactory(medewerker=cai, team=cai_team)
    casus = chain.casus()
    chain.taak(casus=casus, team=ab_team, behandelaar=werker)
    chain.taak(casus=casus, team=cai_team, code="CAI-INKOMEND", behandelaar=cai)
    url = reverse("casus:detail", args=[casus.pk])
    # The AB worker's werkstroom may not create Acute Opvang tasks (TAK-3): no alert on their casus page.
    client.force_login(werker)
    assert "Acute Opvang alarmeren" not in client.get(url).content.decode()
    client.force_login(cai)
    html = client.get(url).content.decode()
    assert "Acute Opvang alarmeren" in html
    actie = html.split('aria-labelledby="ao-alarm-kop"')[1].split('action="')[1].split('"')[0]
    taaktype = html.split('name="vervolg-taaktype" value="')[1].split('"')[0]
    response = client.post(actie, {"vervolg-taaktype": taaktype, "terug": "casus"}, follow=True)
    assert response.redirect_chain[-1][0] == url
    alarm = Taak.objects.get(casus=casus, type__afdeling=Afdeling.ACUTE_OPVANG)
    assert alarm.team == ao and alarm.prioriteit == Prioriteit.HOOG and "AO-alarmering" in alarm.routering
    assert alarm.deadline - alarm.aangemaakt_op <= timedelta(hours=2, seconds=5)
    assert "Piketinzet aangemaakt" in response.content.decode()
    # The same permission check as on the task page: the AB worker posting to the CAI task is refused.
    client.force_login(werker)
    assert client.post(actie, {"vervolg-taaktype": taaktype, "terug": "casus"}).status_code == 404
    assert Taak.objects.filter(casus=casus, type__afdeling=Afdeling.ACUTE_OPVANG).count() == 1


def test_tak8_due_and_overdue_stand_out_in_the_list(client, ab_team, werker):
    bijna = _taak(ab_team)
    Taak.objects.filter(pk=bijna.pk).update(deadline=timezone.now() + timedelta(hours=1))
    client.force_login(werker)
    html = client.get(reverse("taken:werkstroom"), {"weergave": "team"}).content.decode()
    assert "cris-rij--bijna" in html and "(bijna)" in html


# --- TAK-9: copying a report within one incident -----------------------------------------------------------


def test_tak9_a_report_is_copied_to_the_other_clients_of_the_same_pv(client, ab_team, werker):
    pv = "PL0900-2026000001"
    eerste = _taak(ab_team, pv_nummer=pv, achternaam="Eerste")
    tweede = _taak(ab_team, pv_nummer=pv, achternaam="Tweede")
    elders = _taak(TeamFactory(afdeling=Afdeling.ACTIEVE_BENADERING), pv_nummer=pv, achternaam="Elders")
    los = _taak(ab_team, pv_nummer="PL0900-2026000002")
    taak_oppakken(actor=werker, taak=eerste)
    contact = contactmoment_vastleggen(
        actor=werker, taak=eerste, kanaal="gesprek", richting="uitgaand", bereikt=True,
        tijdstip=timezone.now(), verslag="Groepsbijeenkomst na het ongeval",
    )  # fmt: skip
    zichtbaar = {t.pk for t in taken_zelfde_gebeurtenis(user=werker, taak=eerste)}
    assert zichtbaar == {tweede.pk}  # not the task the worker may not see, not another incident
    assert elders.pk not in zichtbaar and los.pk not in zichtbaar
    client.force_login(werker)
    assert "Verslag kopiëren" in client.get(reverse("taken:detail", args=[eerste.pk])).content.decode()
    client.post(reverse("taken:kopieren", args=[eerste.pk]), {"contact": contact.pk, "taken": [tweede.pk]})
    kopie = Contactmoment.objects.get(taak=tweede)
    assert "Groepsbijeenkomst" in kopie.verslag and "Eerste" not in kopie.verslag
    assert eerste.casus.nummer not in kopie.verslag
    assert AuditEntry.objects.filter(object_type="taken.contactmoment", object_id=str(kopie.pk)).exists()
    with pytest.raises(TaakFout):
        contactverslag_kopieren(actor=werker, contact=contact, naar=[elders])


def test_tak9_cases_linked_to_one_gebeurtenis_are_the_same_incident(ab_team, werker):
    from gebeurtenissen.models import Gebeurtenis, GebeurtenisCasus

    eerste = _taak(ab_team, achternaam="Eerste")
    tweede = _taak(ab_team, achternaam="Tweede")
    assert not taken_zelfde_gebeurtenis(user=werker, taak=eerste).exists()
    ramp = Gebeurtenis.objects.create(naam="Busongeval A12", datum=timezone.localdate(), type="verkeersongeval")
    for taak in (eerste, tweede):
        GebeurtenisCasus.objects.create(gebeurtenis=ramp, casus=taak.casus)
    assert [t.pk for t in taken_zelfde_gebeurtenis(user=werker, taak=eerste)] == [tweede.pk]


# --- AGE-1: agenda ----------------------------------------------------------------------------------------


def test_age1_appointments_week_view_and_ical(client, ab_team, werker):
    taak = _taak(ab_team)
    taak_oppakken(actor=werker, taak=taak)
    client.force_login(werker)
    begin = timezone.localtime() + timedelta(days=1)
    begin = begin.replace(hour=10, minute=0, second=0, microsecond=0)
    data = {"begin": begin.strftime("%Y-%m-%dT%H:%M"), "einde": (begin + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
            "onderwerp": "Huisbezoek; met tolk", "locatie": "Oudegracht 12"}  # fmt: skip
    assert client.post(reverse("taken:afspraak", args=[taak.pk]), data).status_code == 302
    dubbel = client.post(reverse("taken:afspraak", args=[taak.pk]), data, follow=True)
    assert "heeft dan al een afspraak" in dubbel.content.decode()
    fout = client.post(reverse("taken:afspraak", args=[taak.pk]), {**data, "einde": data["begin"]})
    assert fout.status_code == 422 and "na het begin" in fout.content.decode()
    week = client.get(reverse("taken:agenda"), {"week": begin.date().isoformat()})
    assert "Huisbezoek; met tolk" in week.content.decode()
    ics = client.get(reverse("taken:agenda_ical"))
    tekst = ics.content.decode()
    assert ics["Content-Type"].startswith("text/calendar") and tekst.startswith("BEGIN:VCALENDAR\r\n")
    assert "SUMMARY:Huisbezoek\\; met tolk" in tekst and "Oudegracht" not in tekst
    assert taak.casus.client.achternaam not in tekst


def test_age1_deleting_an_appointment_returns_only_to_a_page_of_this_site(client, ab_team, werker):
    taak = _taak(ab_team)
    taak_oppakken(actor=werker, taak=taak)
    begin = (timezone.localtime() + timedelta(days=1)).replace(hour=9, minute=0, second=0, microsecond=0)
    afspraken = [
        Afspraak.objects.create(taak=taak, medewerker=werker, gepland_door=werker, begin=begin + timedelta(hours=i),
                                einde=begin + timedelta(hours=i, minutes=30), onderwerp="Gesprek")
        for i in range(2)
    ]  # fmt: skip
    client.force_login(werker)
    terug = reverse("taken:detail", args=[taak.pk])
    eigen = client.post(reverse("taken:afspraak_verwijderen", args=[afspraken[0].pk]), {"terug": terug})
    assert eigen.status_code == 302 and eigen["Location"] == terug
    vreemd = client.post(
        reverse("taken:afspraak_verwijderen", args=[afspraken[1].pk]), {"terug": "//kwaadaardig.example/"}
    )
    assert vreemd.status_code == 302 and vreemd["Location"] == reverse("taken:agenda")
    assert not Afspraak.objects.filter(pk__in=[a.pk for a in afspraken]).exists()


def test_age1_jd_admin_plans_for_jd_workers_and_others_see_no_foreign_agenda(client):
    jd_team = TeamFactory(afdeling=Afdeling.JURIDISCHE_DIENSTVERLENING)
    jurist = MedewerkerFactory(rollen=[Rol.JURIDISCHE_DIENSTVERLENING])
    LidmaatschapFactory(medewerker=jurist, team=jd_team)
    planner = MedewerkerFactory(rollen=[Rol.JD_ADMIN])
    LidmaatschapFactory(medewerker=planner, team=TeamFactory(afdeling=Afdeling.JD_ADMIN, district=None))
    taak = chain.taak(casus=chain.casus(), team=jd_team, code="JD-INTAKE", behandelaar=jurist)
    client.force_login(planner)
    page = client.get(reverse("taken:agenda"), {"medewerker": jurist.pk})
    assert page.status_code == 200 and "Afspraak plannen voor" in page.content.decode()
    begin = timezone.localtime() + timedelta(days=2)
    response = client.post(
        reverse("taken:agenda_plannen"),
        {"medewerker": jurist.pk, "taak": taak.pk, "begin": begin.strftime("%Y-%m-%dT%H:%M"),
         "einde": (begin + timedelta(minutes=45)).strftime("%Y-%m-%dT%H:%M"), "onderwerp": "Spreekuur"},
    )  # fmt: skip
    assert response.status_code == 302
    afspraak = Afspraak.objects.get(taak=taak)
    assert afspraak.medewerker == jurist and afspraak.gepland_door == planner
    # Someone else cannot look into the jurist's week.
    buiten = MedewerkerFactory(rollen=[Rol.ACTIEVE_BENADERING])
    client.force_login(buiten)
    assert client.get(reverse("taken:agenda"), {"medewerker": jurist.pk}).status_code == 404
    assert client.post(reverse("taken:agenda_plannen"), {"medewerker": jurist.pk}).status_code == 404


# --- access --------------------------------------------------------------------------------------------------


def test_the_new_task_actions_are_guarded(client, toegang):
    taak = chain.taak(casus=chain.casus(), team=toegang.team, behandelaar=toegang.eigenaar)
    ad = TaakType.objects.get(code="AD-INTAKE").pk
    # The follow-up task last: it gives the AD team (the outsider's) work on the casus.
    for naam, data in (
        ("terugbelnotitie", {}),
        ("kopieren", {}),
        ("afspraak", {}),
        ("toewijzen", {}),
        ("vervolgtaak", {"vervolg-taaktype": ad}),
    ):
        url = reverse(f"taken:{naam}", args=[taak.pk])
        assert_toegang(
            client, toegang, url, method="post", data=data,
            eigenaar=422 if naam != "vervolgtaak" else 302, collega=422 if naam != "vervolgtaak" else 302,
            teamleider=422 if naam != "vervolgtaak" else 302, buitenstaander=404, functioneel_beheerder=404,
        )  # fmt: skip


def test_the_task_page_loads_its_rarely_used_forms_when_their_panel_opens(client, ab_team, werker):
    """Issue 11: the transfer, follow-up, call-back, appointment and copy forms are not built with the page;
    each loads from its own URL (htmx: the form alone; without JavaScript: a page), with the page's access
    check and an audit entry. A form that comes back with errors is on the page, open."""
    taak = _taak(ab_team)
    taak_oppakken(actor=werker, taak=taak)
    collega = MedewerkerFactory(rollen=[Rol.ACTIEVE_BENADERING], achternaam="Terugbeller")
    LidmaatschapFactory(medewerker=collega, team=ab_team)
    client.force_login(werker)
    pagina = client.get(reverse("taken:detail", args=[taak.pk])).content.decode()
    for naam in ("overdragen", "vervolgtaak", "terugbelnotitie", "afspraak"):
        assert reverse("taken:onderdeel", args=[taak.pk, naam]) in pagina
    assert "Terugbeller" not in pagina  # no colleague list until a form is opened
    url = reverse("taken:onderdeel", args=[taak.pk, "terugbelnotitie"])
    voor = AuditEntry.objects.filter(actie="lezen", object_id=str(taak.pk)).count()
    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "Terugbeller" in fragment and "<html" not in fragment
    assert AuditEntry.objects.filter(actie="lezen", object_id=str(taak.pk)).count() == voor + 1
    los = client.get(url).content.decode()  # without JavaScript: a page of its own, back to the task
    assert "<html" in los and "Terugbeller" in los and reverse("taken:detail", args=[taak.pk]) in los
    # Not offered to this worker (no monitor task), or no such form: 404, nothing audited.
    assert client.get(reverse("taken:onderdeel", args=[taak.pk, "toewijzen"])).status_code == 404
    assert client.get(reverse("taken:onderdeel", args=[taak.pk, "onzin"])).status_code == 404
    # The transfer's colleague filter shows that form open on the page.
    gefilterd = client.get(reverse("taken:detail", args=[taak.pk]), {"team": ab_team.pk}).content.decode()
    assert 'name="naar"' in gefilterd
    # A form with errors comes back on the page itself.
    fout = client.post(reverse("taken:terugbelnotitie", args=[taak.pk]), {"voor": collega.pk, "tekst": ""})
    assert fout.status_code == 422 and "Schrijf wat de collega moet weten" in fout.content.decode()


def test_the_demo_shows_the_worklists_and_is_idempotent(client):
    from django.core.management import call_command

    from cris.accounts.models import Medewerker

    call_command("demo")
    call_command("demo")
    from testgegevens.demo.taken import CLIENTEN

    taken = Taak.objects.filter(team__code="AB-MN", casus__client__achternaam__in=[c[0] for c in CLIENTEN])
    assert taken.count() == 6
    assert any(t.te_laat for t in taken) and any(t.bijna_te_laat for t in taken)
    assert Piketdienst.objects.count() == 1 and Afspraak.objects.filter(taak__in=taken).count() == 1
    ab = Medewerker.objects.get(username="ab")
    client.force_login(ab)
    html = client.get(reverse("taken:werkstroom"), {"weergave": "team"}).content.decode()
    assert "te laat" in html and "Volgende taak" in html
    assert volgende_taak(actor=ab).type.code == "AB-BENADERING"


def test_tak4_filter_choices_come_from_the_catalogue_and_follow_a_change_at_once(
    client, worker, django_assert_max_num_queries
):
    """Districts and task types are cached per process (cris.catalogus); a save drops the cache, so a new
    district or a renamed task type is in the worklist filters on the next page view."""
    from taken.models import TaakType
    from werkstroom.models import District

    client.force_login(worker)
    client.get(reverse("taken:werkstroom"))
    with django_assert_max_num_queries(20) as eerste:
        client.get(reverse("taken:werkstroom"))
    assert not any(
        q["sql"].startswith(('SELECT "werkstroom_district"', 'SELECT "taken_taaktype"'))
        for q in eerste.captured_queries
    )
    District.objects.create(code="ZZ", naam="Zuiderzee")
    taaktype = TaakType.objects.filter(afdeling=worker.lidmaatschappen.first().team.afdeling).first()
    taaktype.naam = "Hernoemd type"
    taaktype.save()
    html = client.get(reverse("taken:werkstroom")).content.decode()
    assert "Zuiderzee" in html and "Hernoemd type" in html


def test_tak4_the_filter_fields_show_the_values_of_each_url(client, worker):
    """Each URL gets its own selection in the filter fields, also after another."""
    client.force_login(worker)
    url = reverse("taken:werkstroom")

    def gekozen(query):
        html = client.get(url, query).content.decode()
        return re.findall(r'<option value="([^"]*)" selected>', html), "utrecht-form-field-error-message" in html

    assert gekozen({"weergave": "team", "status": "nieuw"})[0][0] == "nieuw"
    anders = {"weergave": "team", "status": "toegewezen", "sortering": "-deadline"}
    assert gekozen(anders)[0] == ["toegewezen", "", "", "", "", "-deadline"]
    assert gekozen({"weergave": "team", "status": "nieuw"})[0][0] == "nieuw"
    assert gekozen({}) == (["", "", "", "", ""], False)  # no value: the empty choices; sortering has none
    assert gekozen({"weergave": "team", "type": "geen-getal"})[1]  # the field's error, for this URL only
    assert not gekozen({"weergave": "team", "status": "nieuw"})[1]
