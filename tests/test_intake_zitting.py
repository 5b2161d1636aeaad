"""Issue 24 (CAS-2, INTERFACES.md §2): a prosecution (EDOM) update announcing a hearing with speaking right
alerts the casus's Juridische Dienstverlening worker — the one holding its open JD task, else the JD team (a JD
task is created through the follow-up matrix when there is none) — once per hearing, also when the message is
imported again; visible in their notifications and in Mijn werk."""

from __future__ import annotations

import json
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from aanmelding.models import Aanmelding, Zittingsmelding
from aanmelding.services import aanmelding_goedkeuren
from casus.models import TijdlijnSoort
from cris import klok
from cris.accounts.roles import Rol
from cris.notificaties.models import Notificatie, Soort
from taken.models import OPEN_TAAKSTATUSSEN, Prioriteit, Taak
from testgegevens.demo.werkstroom import teams_aanmaken
from tests import berichten as b
from tests import chain
from tests.factories import LidmaatschapFactory, MedewerkerFactory
from werkstroom.models import Afdeling, Team

pytestmark = pytest.mark.django_db

BSN = "111222333"


def _importeer(tmp_path, inhoud: str) -> dict:
    out = StringIO()
    call_command("importeer", str(b.bestand(tmp_path, inhoud)), "--json", stdout=out)
    return json.loads(out.getvalue())


def _edom(*, zitting=None, spreekrecht=True, **kwargs) -> str:
    """An EDOM message about the victim with BSN; the hearing relative to the pinned clock."""
    zitting = zitting or klok.nu() + timedelta(days=60)
    slachtoffer = b.slachtoffer(bsn=BSN, toestemming=None)
    return (
        b.edom(slachtoffers=[slachtoffer], **kwargs)
        .replace("2027-02-15T09:30:00+01:00", zitting.isoformat())
        .replace("<Spreekrecht>true", f"<Spreekrecht>{'true' if spreekrecht else 'false'}")
    )


@pytest.fixture
def casus(tmp_path):
    """A casus of the victim (approved from a police referral), with its AB task."""
    teams_aanmaken()
    _importeer(tmp_path, b.edp(slachtoffers=[b.slachtoffer(bsn=BSN)]))
    return aanmelding_goedkeuren(
        actor=MedewerkerFactory(rollen=[Rol.ADMINISTRATIE]), aanmelding=Aanmelding.objects.get(kanaal="edp")
    )


def _jd_team(casus):
    return Team.objects.filter(afdeling=Afdeling.JURIDISCHE_DIENSTVERLENING).order_by("pk").first()


def _jd_lid(*teams, **kwargs):
    medewerker = MedewerkerFactory(rollen=[Rol.JURIDISCHE_DIENSTVERLENING], **kwargs)
    for team in teams or Team.objects.filter(afdeling=Afdeling.JURIDISCHE_DIENSTVERLENING):
        LidmaatschapFactory(medewerker=medewerker, team=team)
    return medewerker


def test_the_jd_worker_holding_the_open_jd_task_is_alerted_once_per_hearing(tmp_path, casus, client):
    team = _jd_team(casus)
    behandelaar, collega = _jd_lid(team), _jd_lid(team)
    taak = chain.taak(casus=casus, team=team, code="JD-INTAKE", behandelaar=behandelaar)
    assert _importeer(tmp_path, _edom())["geimporteerd"] == 1
    melding = Zittingsmelding.objects.get(casus=casus)
    assert melding.taak == taak
    notificatie = Notificatie.objects.get(soort=Soort.ZITTING)
    assert notificatie.ontvanger == behandelaar and casus.nummer in notificatie.tekst
    assert "met spreekrecht" in notificatie.tekst and notificatie.link == reverse("taken:detail", args=[taak.pk])
    assert not Notificatie.objects.filter(ontvanger=collega, soort=Soort.ZITTING).exists()
    assert casus.tijdlijn.filter(soort=TijdlijnSoort.JURIDISCH, omschrijving__contains="behandelaar van de JD-taak")
    # Re-import (the same message, and another message about the same hearing): nobody is alerted twice.
    inhoud = _edom(bericht_id="zitting-1")
    _importeer(tmp_path, inhoud)
    _importeer(tmp_path, inhoud)
    assert Notificatie.objects.filter(soort=Soort.ZITTING).count() == 1 and Zittingsmelding.objects.count() == 1
    # Visible in Mijn werk of the handler.
    client.force_login(behandelaar)
    pagina = client.get(reverse("werkstroom:mijn_werk")).content.decode()
    assert "Zittingen met spreekrecht" in pagina and casus.nummer in pagina


def test_without_a_handler_the_jd_team_is_alerted_and_without_a_jd_task_one_is_created(tmp_path, casus):
    lid, inactief = _jd_lid(), _jd_lid(is_active=False)  # members of every JD team
    _importeer(tmp_path, _edom())
    jd_taken = Taak.objects.filter(casus=casus, team__afdeling=Afdeling.JURIDISCHE_DIENSTVERLENING)
    taak = jd_taken.get()  # created through the follow-up matrix from JD-Admin (TAK-3), routed by postcode
    assert (taak.type.code, taak.status, taak.prioriteit) == ("JD-INTAKE", "nieuw", Prioriteit.HOOG)
    assert "met spreekrecht" in taak.routering and taak.aangemaakt_door is None
    ontvangers = set(Notificatie.objects.filter(soort=Soort.ZITTING).values_list("ontvanger_id", flat=True))
    assert lid.pk in ontvangers and inactief.pk not in ontvangers
    assert Zittingsmelding.objects.get().taak == taak
    # A hearing moved to another date is a new hearing: alerted again, on the open JD task (no second task).
    _importeer(tmp_path, _edom(zitting=klok.nu() + timedelta(days=90)))
    assert Zittingsmelding.objects.count() == 2 and jd_taken.filter(status__in=OPEN_TAAKSTATUSSEN).count() == 1
    assert Notificatie.objects.filter(soort=Soort.ZITTING, ontvanger=lid).count() == 2


@pytest.mark.parametrize(
    "bericht",
    [
        lambda: _edom(spreekrecht=False),
        lambda: _edom(zitting=klok.nu() - timedelta(days=1)),  # a hearing already held
    ],
)
def test_no_speaking_right_or_a_past_hearing_alerts_nobody(tmp_path, casus, bericht):
    _importeer(tmp_path, bericht())
    assert not Zittingsmelding.objects.exists() and not Notificatie.objects.filter(soort=Soort.ZITTING).exists()
    assert not Taak.objects.filter(casus=casus, team__afdeling=Afdeling.JURIDISCHE_DIENSTVERLENING).exists()


def test_approving_a_prosecution_referral_with_a_hearing_alerts_the_jd_team(tmp_path):
    teams_aanmaken()
    _importeer(tmp_path, _edom())
    aanmelding = Aanmelding.objects.get(kanaal="edom")
    assert not Zittingsmelding.objects.exists()  # no casus yet: the reviewer (JD-Admin) decides first
    team = Team.objects.filter(afdeling=Afdeling.JURIDISCHE_DIENSTVERLENING).order_by("pk")
    leden = [_jd_lid(t) for t in team]
    jd_admin = MedewerkerFactory(rollen=[Rol.JD_ADMIN])
    from taken.models import TaakType

    casus = aanmelding_goedkeuren(
        actor=jd_admin, aanmelding=aanmelding, taken=[(TaakType.objects.get(code="JD-INTAKE"), None)]
    )
    melding = Zittingsmelding.objects.get(casus=casus)
    assert melding.taak.casus == casus and melding.zittingsdatum > timezone.now() - timedelta(days=3650)
    ontvangers = set(Notificatie.objects.filter(soort=Soort.ZITTING).values_list("ontvanger_id", flat=True))
    assert ontvangers == {m.pk for m in leden if m.lidmaatschappen.filter(team=melding.taak.team).exists()}
    assert Taak.objects.filter(casus=casus, team__afdeling=Afdeling.JURIDISCHE_DIENSTVERLENING).count() == 1


def test_without_any_jd_team_the_import_goes_on_and_the_timeline_says_nobody_was_alerted(tmp_path, casus):
    Team.objects.filter(afdeling=Afdeling.JURIDISCHE_DIENSTVERLENING).update(actief=False)
    assert _importeer(tmp_path, _edom())["geimporteerd"] == 1
    assert Zittingsmelding.objects.get(casus=casus).taak is None
    assert casus.tijdlijn.filter(omschrijving__contains="niemand gemeld").exists()
    assert not Notificatie.objects.filter(soort=Soort.ZITTING).exists()
