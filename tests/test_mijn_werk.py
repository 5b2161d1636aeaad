"""Issue 25: Mijn werk per role, from the panels the apps register (werkstroom.registry): my overdue and
due-today tasks, call-back notes, today's appointments, my drafts; reviewers' queues with the oldest waiting;
team leaders' workload per team and person with links into the filtered worklist; access decisions."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from casus.toegang import toegang_aanvragen
from cris import klok
from cris.accounts.roles import Rol
from taken import agenda
from taken.models import Taak
from taken.terugbellen import terugbelnotitie_maken
from taken.verslagen import concept_opslaan
from tests import chain
from tests.factories import LidmaatschapFactory, MedewerkerFactory, TeamFactory
from werkstroom.models import Afdeling, Lidmaatschap

pytestmark = pytest.mark.django_db


def test_a_worker_sees_what_is_due_and_waiting_for_them(client):
    team = TeamFactory(afdeling=Afdeling.ACTIEVE_BENADERING)
    werker, collega = (MedewerkerFactory(rollen=[Rol.ACTIEVE_BENADERING]) for _ in range(2))
    for m in (werker, collega):
        LidmaatschapFactory(medewerker=m, team=team)
    laat = chain.taak(casus=chain.casus(achternaam="Laat"), team=team, behandelaar=werker)
    later = chain.taak(casus=chain.casus(achternaam="Later"), team=team, behandelaar=werker)
    Taak.objects.filter(pk=laat.pk).update(deadline=klok.nu() - timedelta(hours=2))
    Taak.objects.filter(pk=later.pk).update(deadline=klok.nu() + timedelta(days=3))
    terugbelnotitie_maken(actor=collega, taak=laat, voor=werker, tekst="Cliënt belt terug na 17 uur")
    begin = klok.nu().replace(hour=12) if klok.nu().hour < 22 else klok.nu()
    agenda.afspraak_maken(
        actor=werker, taak=laat, begin=begin, einde=begin + timedelta(minutes=30), onderwerp="Huisbezoek"
    )
    concept_opslaan(actor=werker, taak=laat, velden={"verslag": "half af"})
    client.force_login(werker)
    html = client.get(reverse("werkstroom:mijn_werk")).content.decode()
    assert "Mijn taken: te laat en vandaag" in html and "Laat" in html and "(te laat)" in html
    assert "Later" not in html  # due in three days: in the worklist, not on Mijn werk
    assert "Terugbelnotities voor mij" in html and f"van {collega}" in html
    assert html.count(f">{laat.casus.client.naam}</a>") == 2  # my overdue task, and the note to call them back
    assert "Afspraken vandaag" in html and "Huisbezoek" in html
    assert "Mijn concepten" in html and reverse("taken:detail", args=[laat.pk]) in html
    assert "Werkvoorraad van mijn teams" not in html and "Aanmeldingen te beoordelen" not in html


def test_a_team_leader_sees_the_workload_per_team_and_person_with_links(client):
    team = TeamFactory(afdeling=Afdeling.ACTIEVE_BENADERING, naam="AB Oost")
    werker = MedewerkerFactory(rollen=[Rol.ACTIEVE_BENADERING], voornamen="Bram", achternaam="Dekker")
    leider = MedewerkerFactory(rollen=[Rol.TEAMLEIDER])
    LidmaatschapFactory(medewerker=werker, team=team)
    LidmaatschapFactory(medewerker=leider, team=team, rol=Lidmaatschap.Rol.TEAMLEIDER)
    eigen = chain.taak(casus=chain.casus(achternaam="A"), team=team, behandelaar=werker)
    Taak.objects.filter(pk=eigen.pk).update(deadline=klok.nu() - timedelta(hours=1))
    chain.taak(casus=chain.casus(achternaam="B"), team=team)  # unassigned
    toegang_aanvragen(actor=MedewerkerFactory(rollen=[Rol.ACTIEVE_BENADERING]), casus=eigen.casus,
                      reden="Cliënt belde over een andere zaak")  # fmt: skip
    client.force_login(leider)
    html = client.get(reverse("werkstroom:mijn_werk")).content.decode()
    assert "Werkvoorraad van mijn teams" in html
    rij = html.split(f'href="/werkstroom/?weergave=team&amp;team={team.pk}">AB Oost</a></td>', 1)[1].split("</tr>")[0]
    assert [c.split(">")[1] for c in rij.split("</td>")[:3]] == ["2", "1", "1"]  # open, unassigned, overdue
    assert "– Bram Dekker" in html and "weergave=leden&amp;deadline=te_laat" in html
    assert "Toegangsaanvragen die op uw besluit wachten" in html and eigen.casus.nummer in html


@pytest.mark.parametrize("rol", [Rol.CMA_COORDINATOR, Rol.PRIVACY_OFFICER, Rol.ADMINISTRATIE])
def test_deciders_and_reviewers_see_what_waits_for_their_decision(client, rol):
    client.force_login(MedewerkerFactory(rollen=[rol]))
    html = client.get(reverse("werkstroom:mijn_werk")).content.decode()
    verwacht = {
        Rol.CMA_COORDINATOR: "Er wacht geen aanvraag op uw besluit.",
        Rol.PRIVACY_OFFICER: "Er is geen noodtoegang te beoordelen.",
        Rol.ADMINISTRATIE: "Aanmeldingen te beoordelen",
    }[rol]
    assert verwacht in html


def test_tak5_a_caller_sees_her_teams_queue_with_volgende_taak(client, django_assert_max_num_queries):
    """Issue 25: the team queue at a glance for an AB/AD/JD member (new tasks, how many overdue, assigned to
    her), linked into the filtered worklist, with Volgende taak; its two queries do not grow with the tasks."""
    team, ander = (TeamFactory(afdeling=Afdeling.ACTIEVE_BENADERING) for _ in range(2))
    werker = MedewerkerFactory(rollen=[Rol.ACTIEVE_BENADERING])
    leider = MedewerkerFactory(rollen=[Rol.TEAMLEIDER])
    LidmaatschapFactory(medewerker=werker, team=team)
    LidmaatschapFactory(medewerker=leider, team=team, rol=Lidmaatschap.Rol.TEAMLEIDER)
    laat = chain.taak(casus=chain.casus(achternaam="Laat"), team=team)
    Taak.objects.filter(pk=laat.pk).update(deadline=klok.nu() - timedelta(hours=1))
    chain.taak(casus=chain.casus(achternaam="Nieuw"), team=team)
    chain.taak(casus=chain.casus(achternaam="Elders"), team=ander)  # another team: not counted
    client.force_login(werker)
    url = reverse("werkstroom:mijn_werk")
    client.get(url)
    with django_assert_max_num_queries(40) as weinig:
        html = client.get(url).content.decode()
    paneel = html.split("Wachtrij van mijn team", 1)[1].split("</section>", 1)[0]
    assert "2 nieuwe taken in uw team" in paneel and "1 daarvan te laat" in paneel
    assert "weergave=team&amp;status=nieuw&amp;deadline=te_laat" in paneel and "aan u toegewezen" not in paneel
    assert f'action="{reverse("taken:volgende")}"' in paneel and "Volgende taak" in paneel
    for i in range(5):
        chain.taak(casus=chain.casus(achternaam=f"Meer{i}"), team=team)
    with django_assert_max_num_queries(len(weinig.captured_queries)):
        assert "7 nieuwe taken in uw team" in client.get(url).content.decode()
    Taak.objects.filter(team=team).update(status="afgebroken")
    assert "Geen nieuwe taken in uw team" in client.get(url).content.decode()
    client.force_login(leider)  # a team leader distributes work; the workload panel is hers
    assert "Wachtrij van mijn team" not in client.get(url).content.decode()


def test_aut3_mijn_werk_writes_one_list_entry_with_the_clients_its_panels_name(client):
    """Issue 22's list audit on Mijn werk: the overdue tasks and call-back notes name clients."""
    from cris.audit.models import AuditEntry

    team = TeamFactory(afdeling=Afdeling.ACTIEVE_BENADERING)
    werker, collega = (MedewerkerFactory(rollen=[Rol.ACTIEVE_BENADERING]) for _ in range(2))
    for m in (werker, collega):
        LidmaatschapFactory(medewerker=m, team=team)
    client.force_login(werker)
    client.get(reverse("werkstroom:mijn_werk"))
    assert not AuditEntry.objects.filter(actor_id=werker.pk, object_type="lijst").exists()  # no client named
    laat, ander = (chain.taak(casus=chain.casus(achternaam=n), team=team, behandelaar=werker) for n in "AB")
    Taak.objects.filter(pk__in=[laat.pk, ander.pk]).update(deadline=klok.nu() - timedelta(hours=1))
    terugbel = chain.taak(casus=chain.casus(achternaam="C"), team=team, behandelaar=collega)
    terugbelnotitie_maken(actor=collega, taak=terugbel, voor=werker, tekst="Bel terug")
    client.get(reverse("werkstroom:mijn_werk"))
    (regel,) = AuditEntry.objects.filter(actor_id=werker.pk, object_type="lijst", object_id="mijn_werk")
    assert regel.client_ids == sorted([laat.casus.client_id, ander.casus.client_id, terugbel.casus.client_id])
