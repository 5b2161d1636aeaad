"""CAS-9 events and AAN-10 linking referrals at review."""

from datetime import date

import pytest
from django.urls import reverse

from aanmelding.services import aanmelding_goedkeuren
from cris.accounts.roles import Rol
from cris.audit.models import AuditEntry
from gebeurtenissen.models import Gebeurtenis, GebeurtenisCasus
from gebeurtenissen.services import casus_koppelen, gebeurtenis_aanmaken
from testgegevens.demo.werkstroom import teams_aanmaken
from tests import chain
from tests.access import assert_toegang
from tests.factories import MedewerkerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_mw():
    return MedewerkerFactory(username="admin1", rollen=[Rol.ADMINISTRATIE])


@pytest.fixture
def ramp(admin_mw):
    return gebeurtenis_aanmaken(
        actor=admin_mw, gegevens={"naam": "Busongeval A2", "datum": date(2026, 3, 1), "type": "verkeersongeval"}
    )


def test_cas9_the_event_page_shows_each_linked_casus_only_to_who_may_see_it(client, toegang, ramp):
    eigen = chain.casus(achternaam="Eigenaar", delict_omschrijving="Verkeersongeval")
    chain.taak(casus=eigen, team=toegang.team, behandelaar=toegang.eigenaar)
    vreemd = chain.casus(achternaam="Vreemd")
    chain.taak(casus=vreemd, team=toegang.ander_team, code="AD-INTAKE")
    for casus in (eigen, vreemd):
        casus_koppelen(actor=None, gebeurtenis=ramp, casus=casus)
    url = reverse("gebeurtenissen:detail", args=[ramp.pk])
    # An event holds no client data: everyone may open it; what each sees of its cases differs.
    assert_toegang(
        client, toegang, url, eigenaar=200, collega=200, buitenstaander=200, teamleider=200, functioneel_beheerder=200
    )
    for rol, ziet, verborgen in [
        ("eigenaar", "Eigenaar", 1),
        ("buitenstaander", "Vreemd", 1),
        ("functioneel_beheerder", None, 2),
    ]:
        client.force_login(toegang.gebruiker(rol))
        pagina = client.get(url).content.decode()
        for naam in ("Eigenaar", "Vreemd"):
            assert (naam in pagina) == (naam == ziet), (rol, naam)
        assert f"Er {'is' if verborgen == 1 else 'zijn'} nog {verborgen} casus" in pagina
    # AUT-3, issue 22: one entry per page view, with the clients of the cases shown to this user only.
    regels = AuditEntry.objects.filter(actie="lezen", object_type="lijst", actor_id=toegang.eigenaar.pk)
    assert regels.count() == 2  # two page views
    assert {(r.object_id, tuple(r.client_ids)) for r in regels} == {("gebeurtenis", (eigen.client_id,))}
    assert not AuditEntry.objects.filter(actie="lezen", object_type="casus.casus").exists()


def test_cas9_the_event_page_and_list_are_bounded(client, toegang, ramp, django_assert_max_num_queries):
    for n in range(6):
        casus = chain.casus(achternaam=f"Client{n}")
        chain.taak(casus=casus, team=toegang.team, behandelaar=toegang.eigenaar)
        casus_koppelen(actor=None, gebeurtenis=ramp, casus=casus)
    client.force_login(toegang.eigenaar)
    with django_assert_max_num_queries(14):
        assert client.get(reverse("gebeurtenissen:detail", args=[ramp.pk])).content.decode().count("Client") >= 6
    with django_assert_max_num_queries(10):
        assert "Busongeval A2" in client.get(reverse("gebeurtenissen:lijst")).content.decode()


def test_cas9_a_casus_is_linked_by_number_only_if_the_user_may_see_it(client, toegang, ramp):
    eigen = chain.casus()
    chain.taak(casus=eigen, team=toegang.team, behandelaar=toegang.eigenaar)
    url = reverse("gebeurtenissen:casus_koppelen", args=[ramp.pk])
    client.force_login(toegang.buitenstaander)
    assert "niet gevonden" in client.post(url, {"casus": eigen.nummer}, follow=True).content.decode()
    assert not GebeurtenisCasus.objects.exists()
    client.force_login(toegang.eigenaar)
    client.post(url, {"casus": eigen.nummer})
    assert list(ramp.casussen.all()) == [eigen]
    assert eigen.tijdlijn.filter(omschrijving__startswith="Gekoppeld aan gebeurtenis").exists()


def test_cas9_creating_an_event_needs_an_intake_or_coordination_role_and_valid_input(client, toegang, admin_mw):
    url = reverse("gebeurtenissen:nieuw")
    client.force_login(toegang.eigenaar)
    assert client.get(url).status_code == 403
    client.force_login(admin_mw)
    response = client.post(url, {"gebeurtenis-naam": "", "gebeurtenis-datum": "2099-01-01"})
    assert "Geef de gebeurtenis een naam" in response.content.decode() and "in de toekomst" in response.content.decode()
    assert not Gebeurtenis.objects.exists()
    client.post(url, {"gebeurtenis-naam": "Brand", "gebeurtenis-datum": "2026-02-01", "gebeurtenis-type": "brand"})
    assert Gebeurtenis.objects.get().aangemaakt_door == admin_mw


def test_aan10_referrals_with_the_same_pv_number_are_suggested_and_linked_and_approval_links_the_casus(
    client, admin_mw, ramp
):
    teams_aanmaken()
    pv = "PL0900-2026000009"
    eerste = chain.aanmelding(actor=admin_mw, pv_nummer=pv, achternaam="Eerste")
    tweede = chain.aanmelding(actor=admin_mw, pv_nummer=pv, achternaam="Tweede")
    chain.aanmelding(actor=admin_mw, pv_nummer="PL0900-2026000010", achternaam="Buitenbeentje")
    client.force_login(admin_mw)
    url = reverse("aanmelding:gebeurtenis", args=[eerste.pk])
    client.post(url, {"gebeurtenis": ramp.pk, "ook": [tweede.pk]})
    eerste.refresh_from_db()
    tweede.refresh_from_db()
    assert eerste.gebeurtenis == ramp and tweede.gebeurtenis == ramp
    # The third referral (another PV-nummer) is not suggested; the linked event is preselected for a sibling.
    derde = chain.aanmelding(actor=admin_mw, pv_nummer=pv, achternaam="Derde")
    pagina = client.get(reverse("aanmelding:detail", args=[derde.pk])).content.decode()
    assert "Tweede" in pagina and "Buitenbeentje" not in pagina
    assert f'<option value="{ramp.pk}" selected>' in pagina
    casus = aanmelding_goedkeuren(actor=admin_mw, aanmelding=eerste)
    assert list(ramp.casussen.all()) == [casus]


def test_aan10_a_new_event_is_created_and_linked_from_the_review_page(client, admin_mw):
    aanmelding = chain.aanmelding(actor=admin_mw)
    client.force_login(admin_mw)
    url = reverse("aanmelding:gebeurtenis", args=[aanmelding.pk])
    client.post(
        url,
        {
            "actie": "nieuw",
            "gebeurtenis-naam": "Schietincident",
            "gebeurtenis-datum": "2026-01-05",
            "gebeurtenis-type": "geweld",
        },
    )
    aanmelding.refresh_from_db()
    assert aanmelding.gebeurtenis.naam == "Schietincident"
    assert AuditEntry.objects.filter(object_type="gebeurtenissen.gebeurtenis", actie="aanmaken").exists()


def test_aan10_an_older_event_is_found_by_name_date_place_or_number_and_linked(
    client, admin_mw, django_assert_max_num_queries
):
    """The review page lists the suggested and the 50 most recent events; a search finds an older one."""
    Gebeurtenis.objects.bulk_create(
        Gebeurtenis(naam=f"Recent {i}", datum=date(2026, 1, 1 + i % 28), type="overig") for i in range(60)
    )
    oud = Gebeurtenis.objects.create(naam="Vliegramp Bijlmer", datum=date(1992, 10, 4), type="ramp", plaats="Amsterdam")
    aanmelding = chain.aanmelding(actor=admin_mw)
    client.force_login(admin_mw)
    url = reverse("aanmelding:detail", args=[aanmelding.pk])
    optie = f'<option value="{oud.pk}">'
    assert optie not in client.get(url).content.decode()  # not among the 50 most recent
    for zoek in ("bijlmer", "04-10-1992", "1992-10-04", "AMSTERDAM", oud.nummer, f"gb{oud.pk}"):
        pagina = client.get(url, {"gebeurtenis_zoek": zoek}).content.decode()
        assert optie in pagina and "Recent 1" not in pagina, zoek
        assert "1 gebeurtenis in de lijst." in pagina, zoek
    for zoek in ("31-02-1992", "Onbekendstad"):
        assert optie not in client.get(url, {"gebeurtenis_zoek": zoek}).content.decode(), zoek
    with django_assert_max_num_queries(20):  # one query for the events, whatever their number
        client.get(url, {"gebeurtenis_zoek": "bijlmer"})

    # Saving the choice found by searching links it, and the linked event stays offered afterwards.
    antwoord = client.post(reverse("aanmelding:gebeurtenis", args=[aanmelding.pk]), {"gebeurtenis": oud.pk})
    assert antwoord.status_code == 302
    aanmelding.refresh_from_db()
    assert aanmelding.gebeurtenis == oud
    assert f'<option value="{oud.pk}" selected>' in client.get(url).content.decode()
