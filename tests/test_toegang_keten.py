"""AUT-1 over every page of the main chain: owner, colleague, outsider, team leader, functional manager.
An outsider gets 404, never a hint that the object exists."""

import pytest
from django.urls import reverse

from aanmelding.services import aanmelding_goedkeuren
from cris.accounts.roles import Rol
from tests import chain
from tests.access import assert_toegang
from tests.factories import LidmaatschapFactory, MedewerkerFactory
from werkstroom.services import lidmaatschap_beeindigen

pytestmark = pytest.mark.django_db


@pytest.fixture
def keten(toegang):
    casus = chain.casus()
    taak = chain.taak(casus=casus, team=toegang.team, behandelaar=toegang.eigenaar)
    return casus, taak


PAGINAS = {
    "casus:detail": lambda casus, taak: [casus.pk],
    "casus:client": lambda casus, taak: [casus.client_id],
    "taken:detail": lambda casus, taak: [taak.pk],
}


@pytest.mark.parametrize("pagina", PAGINAS)
def test_every_page_of_the_chain(client, toegang, keten, pagina):
    url = reverse(pagina, args=PAGINAS[pagina](*keten))
    assert_toegang(
        client, toegang, url, eigenaar=200, collega=200, teamleider=200, buitenstaander=404, functioneel_beheerder=404
    )


@pytest.mark.parametrize("actie", ["oppakken", "afronden", "heropenen", "afbreken", "contact"])
def test_task_actions_are_404_for_outsiders(client, toegang, keten, actie):
    _, taak = keten
    for rol in ("buitenstaander", "functioneel_beheerder"):
        client.force_login(toegang.gebruiker(rol))
        assert client.post(reverse(f"taken:{actie}", args=[taak.pk]), {"reden": "x"}).status_code == 404
    taak.refresh_from_db()
    assert taak.status == "in_behandeling" and taak.behandelaar == toegang.eigenaar


def test_a_client_card_shows_only_the_cases_one_may_see(client, toegang, keten):
    casus, _ = keten
    verborgen = chain.casus()
    verborgen.client = casus.client
    verborgen.save()
    client.force_login(toegang.collega)
    page = client.get(reverse("casus:client", args=[casus.client_id])).content.decode()
    assert casus.nummer in page and verborgen.nummer not in page


def test_worklists_show_only_the_users_work(client, toegang, keten):
    _, taak = keten
    url = reverse("taken:werkstroom")
    for rol, view, ziet in [
        ("eigenaar", "mijn", True),
        ("collega", "mijn", False),
        ("collega", "team", True),
        ("teamleider", "team", True),
        ("buitenstaander", "team", False),
        ("functioneel_beheerder", "team", False),
    ]:
        client.force_login(toegang.gebruiker(rol))
        page = client.get(url, {"weergave": view}).content.decode()
        assert (reverse("taken:detail", args=[taak.pk]) in page) is ziet, (rol, view)


def test_referral_page_matrix(client, toegang):
    cai = MedewerkerFactory(rollen=[Rol.CAI])
    beoordelaar = MedewerkerFactory(rollen=[Rol.ADMINISTRATIE])
    jdadmin = MedewerkerFactory(rollen=[Rol.JD_ADMIN])
    aanmelding = chain.aanmelding(actor=cai)
    url = reverse("aanmelding:detail", args=[aanmelding.pk])
    for user, status in [
        (cai, 200),
        (beoordelaar, 200),
        (jdadmin, 404),
        (toegang.eigenaar, 404),
        (toegang.teamleider, 404),
        (toegang.functioneel_beheerder, 404),
    ]:
        client.force_login(user)
        assert client.get(url).status_code == status, user
        for actie in ("goedkeuren", "afkeuren"):
            response = client.post(reverse(f"aanmelding:{actie}", args=[aanmelding.pk]), {"reden": "x"})
            assert response.status_code in ((302, 403) if status == 200 else (404,)), (user, actie)


def test_access_follows_the_work_and_ends_with_it(client, toegang):
    """The permission rows follow the work: approval routes the task to a team (AB, district of the client),
    whose members see the casus; joining the team gives access, leaving it takes it away."""
    aanmelding = chain.aanmelding(actor=MedewerkerFactory(rollen=[Rol.CAI]))
    casus = aanmelding_goedkeuren(actor=MedewerkerFactory(rollen=[Rol.ADMINISTRATIE]), aanmelding=aanmelding)
    team = casus.taken.get().team
    url = reverse("casus:detail", args=[casus.pk])
    nieuw = MedewerkerFactory(rollen=[Rol.ACTIEVE_BENADERING])
    client.force_login(nieuw)
    assert client.get(url).status_code == 404
    lid = LidmaatschapFactory(medewerker=nieuw, team=team)
    assert client.get(url).status_code == 200
    lidmaatschap_beeindigen(lidmaatschap=lid)
    assert client.get(url).status_code == 404
    client.force_login(toegang.buitenstaander)
    assert client.get(url).status_code == 404


def test_reads_of_casus_and_client_pages_are_audited(client, toegang, keten):
    from cris.audit.models import AuditEntry

    casus, taak = keten
    client.force_login(toegang.collega)
    client.get(reverse("casus:detail", args=[casus.pk]))
    client.get(reverse("casus:client", args=[casus.client_id]))
    client.get(reverse("taken:detail", args=[taak.pk]))
    reads = AuditEntry.objects.filter(actie="lezen", actor_id=toegang.collega.pk, client_id=casus.client_id)
    assert set(reads.values_list("object_type", flat=True)) == {"casus.casus", "casus.client", "taken.taak"}
