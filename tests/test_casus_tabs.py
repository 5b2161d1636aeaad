"""CAS-1 the casus tabs, CAS-2 the alarm flag on every page of the case, CAS-4 betrokkenen, CAS-9 related
cases, TIJ-1 the filterable timeline, the MSH status; each read audited (AUT-3), queries bounded."""

import pytest
from django import forms
from django.urls import reverse
from django.utils import timezone

from casus.betrokkenen import betrokkene_toevoegen, casussen_relateren, msh_status_bijwerken
from casus.models import Betrokkene, CasusRelatie, MshStatus
from casus.services import strafzaken_bijwerken
from casus.views import TABS
from cris.audit.models import AuditEntry
from tests import chain

pytestmark = pytest.mark.django_db


@pytest.fixture
def casus(toegang):
    casus = chain.casus(
        pv_nummer="PL0900-2026000042", alarm=True, alarm_toelichting="Dader dreigt medewerkers", parketnummer=""
    )
    chain.taak(casus=casus, team=toegang.team, behandelaar=toegang.eigenaar)
    return casus


@pytest.mark.parametrize(("tab", "url_name"), [(t, u) for t, u, _ in TABS])
def test_every_tab_is_a_page_with_the_alarm_and_a_partial_for_htmx(client, toegang, casus, tab, url_name):
    client.force_login(toegang.collega)
    url = reverse(url_name, args=[casus.pk])
    page = client.get(url).content.decode()
    assert "Dader dreigt medewerkers" in page and 'aria-current="page"' in page and "<html" in page
    partial = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in partial and 'id="tab-inhoud"' in partial
    lezen = AuditEntry.objects.filter(actie="lezen", actor_id=toegang.collega.pk, object_id=str(casus.pk))
    assert lezen.count() == 2 and set(lezen.values_list("reden", flat=True)) == {tab}


def test_the_timeline_shows_every_kind_and_filters_by_kind(client, toegang, casus):
    strafzaken_bijwerken(wijzigingen=[(casus, {"fase": "zitting", "parketnummer": "13/123456-26"}, "EDOM")])
    client.force_login(toegang.eigenaar)
    url = reverse("casus:tijdlijn", args=[casus.pk])
    alles = client.get(url).content.decode()
    assert "Casus aangemaakt" in alles and "strafzaak" in alles
    juridisch = client.get(url, {"soort": "juridisch"}).content.decode()
    assert "strafzaak" in juridisch and "Casus aangemaakt" not in juridisch
    assert client.get(url, {"soort": "onzin"}).status_code == 200


def test_juridisch_shows_court_date_speaking_right_and_claim(client, toegang, casus):
    zitting = timezone.now().replace(microsecond=0)
    gegevens = {
        "fase": "zitting",
        "zittingsdatum": zitting,
        "spreekrecht": True,
        "voeging": False,
        "rechtbank": "Utrecht",
    }
    strafzaken_bijwerken(wijzigingen=[(casus, gegevens, "EDOM")])
    client.force_login(toegang.eigenaar)
    page = client.get(reverse("casus:juridisch", args=[casus.pk])).content.decode()
    assert "Spreekrecht</dt><dd>ja" in page and "Voeging (schadevordering)</dt><dd>nee" in page
    assert timezone.localtime(zitting).strftime("%d-%m-%Y %H:%M") in page and "Utrecht" in page


def test_betrokkenen_are_added_with_a_role_audited_and_removed(client, toegang, casus):
    client.force_login(toegang.eigenaar)
    url = reverse("casus:betrokkenen", args=[casus.pk])
    response = client.post(url, {"rol": "voogd", "naam": "", "email": "geen-adres"})
    assert response.status_code == 200 and not Betrokkene.objects.exists()
    page = response.content.decode()
    verplicht = str(forms.Field.default_error_messages["required"])  # Dutch, in the words of the catalogue in use
    assert verplicht.startswith("Dit veld is") and verplicht in page and "geldig e-mailadres" in page
    client.post(url, {"rol": "advocaat", "naam": "mr. B. de Wit", "organisatie": "De Wit Advocaten"})
    betrokkene = Betrokkene.objects.get()
    assert "mr. B. de Wit" in client.get(url).content.decode() and "advocaat" in client.get(url).content.decode()
    assert AuditEntry.objects.filter(actie="aanmaken", object_type="casus.betrokkene", client_id=casus.client_id)
    client.post(reverse("casus:betrokkene_verwijderen", args=[casus.pk, betrokkene.pk]))
    assert not Betrokkene.objects.exists()
    assert AuditEntry.objects.filter(actie="verwijderen", object_type="casus.betrokkene")


def test_related_cases_by_hand_and_by_pv_nummer_only_those_one_may_see(client, toegang, casus):
    zelfde_pv = chain.casus(achternaam="Pietersen", pv_nummer=casus.pv_nummer)
    chain.taak(casus=zelfde_pv, team=toegang.team)
    verborgen = chain.casus(achternaam="Geheim", pv_nummer=casus.pv_nummer)
    chain.taak(casus=verborgen, team=toegang.ander_team, code="AD-INTAKE")
    handmatig = chain.casus(achternaam="Klaassen")
    chain.taak(casus=handmatig, team=toegang.team)

    client.force_login(toegang.eigenaar)
    client.post(reverse("casus:relateren", args=[casus.pk]), {"casus": handmatig.nummer, "toelichting": "broers"})
    assert CasusRelatie.objects.count() == 1
    client.post(reverse("casus:relateren", args=[casus.pk]), {"casus": verborgen.nummer})
    assert CasusRelatie.objects.count() == 1  # one may not relate what one cannot see
    page = client.get(reverse("casus:detail", args=[casus.pk])).content.decode()
    assert zelfde_pv.nummer in page and handmatig.nummer in page and verborgen.nummer not in page
    assert "Pietersen" not in page and "Klaassen" not in page  # another client's data never shows here
    andersom = client.get(reverse("casus:detail", args=[handmatig.pk])).content.decode()
    assert casus.nummer in andersom


def test_the_relate_form_loads_when_its_panel_opens(client, toegang, casus):
    """Issue 11: the overview does not build the relate form; it loads from casus:onderdeel (htmx: the form
    alone; without JavaScript: a page of its own, back to the casus), with the page's access check and an
    audited read."""
    client.force_login(toegang.collega)
    url = reverse("casus:onderdeel", args=[casus.pk, "relateren"])
    pagina = client.get(reverse("casus:detail", args=[casus.pk])).content.decode()
    assert url in pagina and 'name="toelichting"' not in pagina
    lezen = AuditEntry.objects.filter(actie="lezen", actor_id=toegang.collega.pk, object_id=str(casus.pk))
    voor = lezen.count()
    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert 'name="toelichting"' in fragment and reverse("casus:relateren", args=[casus.pk]) in fragment
    assert "<html" not in fragment
    assert lezen.count() == voor + 1 and lezen.order_by("-pk").first().reden == "overzicht"
    los = client.get(url).content.decode()
    assert "<html" in los and 'name="toelichting"' in los and reverse("casus:detail", args=[casus.pk]) in los
    assert "Dader dreigt medewerkers" in los  # the alarm flag, as on every page of the case
    assert client.get(reverse("casus:onderdeel", args=[casus.pk, "onzin"])).status_code == 404
    assert lezen.count() == voor + 2  # nothing audited for a form that does not exist


def test_a_case_cannot_be_related_to_itself_or_twice(toegang, casus):
    ander = chain.casus()
    casussen_relateren(actor=toegang.eigenaar, casus=casus, ander=ander)
    with pytest.raises(ValueError, match="al aan elkaar"):
        casussen_relateren(actor=toegang.eigenaar, casus=ander, ander=casus)
    with pytest.raises(ValueError, match="zichzelf"):
        casussen_relateren(actor=toegang.eigenaar, casus=casus, ander=casus)


def test_the_msh_tab_shows_the_stored_platform_status(client, toegang, casus):
    client.force_login(toegang.eigenaar)
    url = reverse("casus:msh", args=[casus.pk])
    assert "geen account" in client.get(url).content.decode()
    login = timezone.now().replace(microsecond=0)
    msh_status_bijwerken(client=casus.client, status=MshStatus.ACTIEF, laatste_login=login)
    page = client.get(url).content.decode()
    assert "actief" in page and timezone.localtime(login).strftime("%d-%m-%Y %H:%M") in page


@pytest.mark.parametrize(("tab", "url_name"), [(t, u) for t, u, _ in TABS])
def test_casus_tab_queries_do_not_grow(client, toegang, casus, tab, url_name, django_assert_max_num_queries):
    """Bounded queries per tab: ten times the tasks, betrokkenen, relations and timeline cost nothing extra."""
    client.force_login(toegang.eigenaar)
    url = reverse(url_name, args=[casus.pk])
    with django_assert_max_num_queries(20) as weinig:
        client.get(url)
    for i in range(4):
        betrokkene_toevoegen(actor=toegang.eigenaar, casus=casus, gegevens={"rol": "naaste", "naam": f"N{i}"})
        ander = chain.casus(pv_nummer=casus.pv_nummer)
        chain.taak(casus=ander, team=toegang.team)
        chain.taak(casus=casus, team=toegang.team, behandelaar=toegang.collega)
    with django_assert_max_num_queries(len(weinig.captured_queries)):
        client.get(url)


def test_the_demo_exercises_the_tabs_and_the_access_request(client):
    from django.core.management import call_command

    from casus.models import Casus, Toegangsverlening
    from cris.accounts.models import Medewerker
    from testgegevens.demo.casus import DEMO_PV

    call_command("demo")
    call_command("demo")
    casus = Casus.objects.filter(pv_nummer=DEMO_PV, alarm=True).get()
    assert Casus.objects.filter(pv_nummer=DEMO_PV).count() == 2
    assert Toegangsverlening.objects.filter(casus__pv_nummer=DEMO_PV).count() == 1
    client.force_login(Medewerker.objects.get(username="ab"))
    for _, url_name, _ in TABS:
        page = client.get(reverse(url_name, args=[casus.pk])).content.decode()
        assert "agressie tegen hulpverleners" in page
    assert "Karim Jansen" in client.get(reverse("casus:betrokkenen", args=[casus.pk])).content.decode()
    client.force_login(Medewerker.objects.get(username="teamleider"))
    assert casus.nummer in client.get(reverse("casus:toegang")).content.decode()
