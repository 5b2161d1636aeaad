"""Issue 24 (intake parts): the referral travels with the case, a referral without an address is approved by
choosing the team (ORG-1 falls back to a choice), the JD-Admin queue proposes a JD task, and a strong finder
match is the default client."""

from __future__ import annotations

import pytest
from django.urls import reverse

from aanmelding.models import Aanmelding, AanmeldingStatus, Wachtrij
from aanmelding.services import aanmelding_goedkeuren
from casus.models import BetrokkeneRol, Kanaal
from casus.services import client_aanmaken, strafzaken_bijwerken
from cris.accounts.roles import Rol
from taken.models import Taak, TaakType
from testgegevens.demo.werkstroom import teams_aanmaken
from tests import chain
from tests.factories import MedewerkerFactory
from werkstroom.models import Afdeling, Team

pytestmark = pytest.mark.django_db


@pytest.fixture
def teams():
    teams_aanmaken()


@pytest.fixture
def administratie():
    return MedewerkerFactory(rollen=[Rol.ADMINISTRATIE])


def test_issue24_a_referral_without_address_is_approved_by_choosing_the_team(client, teams, administratie):
    aanmelding = chain.aanmelding(actor=administratie, postcode="", huisnummer="", straat="", woonplaats="")
    client.force_login(administratie)
    pagina = client.get(reverse("aanmelding:detail", args=[aanmelding.pk])).content.decode()
    assert 'id="zonder-adres"' in pagina and 'name="team"' in pagina
    ab = TaakType.objects.get(code="AB-BENADERING")
    url = reverse("aanmelding:goedkeuren", args=[aanmelding.pk])
    # Without a team the routing has no district: a message, no casus, and the choice stays on the page.
    antwoord = client.post(url, {"client": "nieuw", "taaktypen": [ab.pk]}, follow=True).content.decode()
    assert "Kies een team" in antwoord and 'name="team"' in antwoord
    aanmelding.refresh_from_db()
    assert aanmelding.casus is None
    team = Team.objects.filter(afdeling=Afdeling.ACTIEVE_BENADERING).order_by("pk").last()
    assert client.post(url, {"client": "nieuw", "taaktypen": [ab.pk], "team": team.pk}).status_code == 302
    aanmelding.refresh_from_db()
    assert aanmelding.status == AanmeldingStatus.GOEDGEKEURD
    assert Taak.objects.get(casus=aanmelding.casus).team == team


def test_issue24_the_jd_admin_queue_proposes_a_jd_task(client, teams):
    jdadmin = MedewerkerFactory(rollen=[Rol.JD_ADMIN])
    aanmelding = chain.aanmelding(actor=jdadmin, kanaal=Kanaal.EDOM)
    assert aanmelding.wachtrij == Wachtrij.JD_ADMIN
    client.force_login(jdadmin)
    pagina = client.get(reverse("aanmelding:detail", args=[aanmelding.pk])).content.decode()
    jd, ab = TaakType.objects.get(code="JD-INTAKE"), TaakType.objects.get(code="AB-BENADERING")
    vakjes = [v for v in pagina.split("<input") if 'name="taaktypen"' in v.split(">")[0]]
    checked = [v.split(">")[0] for v in vakjes if "checked" in v.split(">")[0]]
    assert any(f'value="{jd.pk}"' in r for r in checked) and not any(f'value="{ab.pk}"' in r for r in checked)


def test_issue24_a_strong_finder_match_is_the_default_client(client, teams, administratie):
    bestaand = client_aanmaken(
        actor=None, gegevens={"achternaam": "Yılmaz", "voornamen": "Fatma", "geboortedatum": "1985-04-12"}
    )
    aanmelding = chain.aanmelding(actor=administratie)  # Fatma Yılmaz, 12-04-1985
    client.force_login(administratie)
    pagina = client.get(reverse("aanmelding:detail", args=[aanmelding.pk])).content.decode()
    vakjes = [v.split(">")[0] for v in pagina.split("<input") if 'name="client"' in v.split(">")[0]]
    assert "checked" in next(v for v in vakjes if f'value="{bestaand.pk}"' in v)
    assert "checked" not in next(v for v in vakjes if 'value="nieuw"' in v)


def test_issue24_no_duplicates_found_is_shown_as_a_result(client, teams, administratie):
    aanmelding = chain.aanmelding(actor=administratie, achternaam="Zzyzxwaldt")
    client.force_login(administratie)
    pagina = client.get(reverse("aanmelding:detail", args=[aanmelding.pk])).content.decode()
    assert 'id="geen-dubbelen"' in pagina and "Geen bestaande cliënt gevonden" in pagina


def test_issue24_the_referral_travels_with_the_case(client, teams, toegang, administratie):
    """Representative of a minor and the reporting officer land on the casus as betrokkenen; the timeline links
    to the original referral, which everyone who may see the casus reads, with the prosecution's updates."""
    aanmelding = chain.aanmelding(
        actor=administratie,
        minderjarig=True,
        vertegenwoordiger="M. de Moeder (moeder)",
        melder="Brigadier J. Agent, team Utrecht-Centrum",
        toelichting="Slachtoffer is 14 jaar; moeder belde mee.",
    )
    casus = aanmelding_goedkeuren(actor=administratie, aanmelding=aanmelding)
    betrokkenen = {b.rol: b for b in casus.betrokkenen.all()}
    assert betrokkenen[BetrokkeneRol.VERTEGENWOORDIGER].naam == "M. de Moeder (moeder)"
    assert betrokkenen[BetrokkeneRol.VERTEGENWOORDIGER].contactpersoon is True
    assert betrokkenen[BetrokkeneRol.CONTACTPERSOON].naam.startswith("Brigadier J. Agent")
    strafzaken_bijwerken(wijzigingen=[(casus, {"fase": "dagvaarding"}, "EDOM-bericht B-77 (parketnummer 09/1)")])
    chain.taak(casus=casus, team=toegang.team, behandelaar=toegang.eigenaar)
    client.force_login(toegang.collega)
    tijdlijn = client.get(reverse("casus:tijdlijn", args=[casus.pk])).content.decode()
    assert reverse("aanmelding:detail", args=[aanmelding.pk]) in tijdlijn
    pagina = client.get(reverse("aanmelding:detail", args=[aanmelding.pk])).content.decode()
    assert "moeder belde mee" in pagina and "EDOM-bericht B-77" in pagina
    assert Aanmelding.objects.get(pk=aanmelding.pk).casus == casus


def test_issue24_cai_records_a_call_on_an_existing_clients_open_casus(client, teams, toegang):
    """The finder shows the open casus first; CAI records the call there without the file and without a new
    referral; the handling team is notified. Only for a client the finder offered."""
    from casus.models import TijdlijnItem
    from cris.notificaties.models import Notificatie

    casus = chain.casus(achternaam="Kortenhoeven")
    chain.taak(casus=casus, team=toegang.team, behandelaar=toegang.eigenaar)
    cai = MedewerkerFactory(rollen=[Rol.CAI])
    client.force_login(cai)
    url = reverse("aanmelding:lopende_casus", args=[casus.pk])
    gegevens = {"soort": "terugbellen", "tekst": "Vraagt naar de zitting"}
    assert client.post(url, gegevens).status_code == 404  # not offered by the finder yet
    zoek = {"zoek_achternaam": "Kortenhoeven", "zoek_postcode": "3511 AB", "zoek_huisnummer": "1"}
    pagina = client.get(reverse("aanmelding:nieuw"), zoek).content.decode()
    assert 'id="lopende-casussen"' in pagina and casus.nummer in pagina
    assert pagina.index('id="lopende-casussen"') < pagina.index('id="kandidaten"')  # this choice first
    lopend = pagina[pagina.index('id="lopende-casussen"') : pagina.index('id="kandidaten"')]
    assert toegang.team.naam in lopend  # the team of its open task, which CAI's call goes to
    assert client.post(url, gegevens).status_code == 302
    item = TijdlijnItem.objects.get(casus=casus, omschrijving__contains="Vraagt naar de zitting")
    assert item.medewerker == cai
    assert Notificatie.objects.filter(ontvanger=toegang.eigenaar, tekst__contains=casus.nummer).exists()
    assert not Aanmelding.objects.exists()
    assert client.get(reverse("casus:detail", args=[casus.pk])).status_code == 404  # no access to the file
    assert client.post(url, {"soort": "contact", "tekst": ""}, follow=True).content.decode().count("Schrijf kort") == 1


def test_issue24_a_second_approval_with_the_same_client_and_pv_number_warns(client, teams, administratie):
    pv = "PL0900-2026000077"
    eerste = chain.aanmelding(actor=administratie, pv_nummer=pv)
    casus = aanmelding_goedkeuren(actor=administratie, aanmelding=eerste)
    tweede = chain.aanmelding(actor=administratie, pv_nummer=pv)
    client.force_login(administratie)
    pagina = client.get(reverse("aanmelding:detail", args=[tweede.pk])).content.decode()
    assert 'id="zelfde-pv-waarschuwing"' in pagina and casus.client.nummer in pagina
    ab = TaakType.objects.get(code="AB-BENADERING")
    antwoord = client.post(
        reverse("aanmelding:goedkeuren", args=[tweede.pk]),
        {"client": casus.client.pk, "taaktypen": [ab.pk]},
        follow=True,
    ).content.decode()
    assert "Mogelijk is dit dezelfde melding" in antwoord and casus.nummer in antwoord


def test_issue24_tak3_cai_creates_a_follow_up_task_through_the_matrix_without_the_file(client, teams, toegang):
    """CAI's third option on an existing client's open casus: a follow-up task of a type the follow-up matrix
    allows from the CAI werkstroom (TAK-3), routed by postcode (TAK-5); the task's team is notified; no referral,
    no casus, no access to the file. A type outside the CAI row is refused."""
    from casus.models import TijdlijnItem
    from cris.notificaties.models import Notificatie
    from tests.factories import LidmaatschapFactory

    casus = chain.casus(achternaam="Kortenhoeven")
    chain.taak(casus=casus, team=toegang.team, behandelaar=toegang.eigenaar)
    ad_medewerker = MedewerkerFactory(rollen=[Rol.ALGEMENE_DIENSTVERLENING])
    for team in Team.objects.filter(afdeling=Afdeling.ALGEMENE_DIENSTVERLENING):
        LidmaatschapFactory(medewerker=ad_medewerker, team=team)
    ad, jd = TaakType.objects.get(code="AD-INTAKE"), TaakType.objects.get(code="JD-INTAKE")
    cai = MedewerkerFactory(rollen=[Rol.CAI])
    client.force_login(cai)
    zoek = {"zoek_achternaam": "Kortenhoeven", "zoek_postcode": "3511 AB", "zoek_huisnummer": "1"}
    pagina = client.get(reverse("aanmelding:nieuw"), zoek).content.decode()
    assert 'value="vervolgtaak"' in pagina and f'<option value="{ad.pk}">' in pagina
    assert f'<option value="{jd.pk}">' not in pagina  # JD is not in the CAI row of the matrix
    url = reverse("aanmelding:lopende_casus", args=[casus.pk])
    antwoord = client.post(url, {"soort": "vervolgtaak", "taaktype": jd.pk, "tekst": "x"}, follow=True).text
    assert "Kies het soort vervolgtaak." in antwoord and not Taak.objects.filter(casus=casus, type=jd).exists()
    antwoord = client.post(
        url, {"soort": "vervolgtaak", "taaktype": ad.pk, "tekst": "Wil praten over de zitting"}, follow=True
    ).text
    taak = Taak.objects.get(casus=casus, type=ad)
    assert f"Vervolgtaak {ad.naam} aangemaakt voor {taak.team}" in antwoord
    assert (taak.aangemaakt_door, taak.status, taak.behandelaar) == (cai, "nieuw", None)
    assert "vervolgtaak via CAI: Wil praten over de zitting" in taak.routering
    link = reverse("taken:detail", args=[taak.pk])
    assert Notificatie.objects.filter(ontvanger=ad_medewerker, tekst__contains=casus.nummer, link=link).exists()
    assert TijdlijnItem.objects.filter(casus=casus, omschrijving__startswith="Vervolgtaak via CAI (Intake)").exists()
    assert not Aanmelding.objects.exists()
    assert client.get(reverse("casus:detail", args=[casus.pk])).status_code == 404  # still no file
    # Administratie records the call; the follow-up task is the CAI werkstroom's option.
    admin = MedewerkerFactory(rollen=[Rol.ADMINISTRATIE])
    client.force_login(admin)
    assert 'value="vervolgtaak"' not in client.get(reverse("aanmelding:nieuw"), zoek).text
    client.post(url, {"soort": "vervolgtaak", "taaktype": ad.pk, "tekst": "nogmaals"})
    assert Taak.objects.filter(casus=casus, type=ad).count() == 1
