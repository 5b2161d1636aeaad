"""CAS-3: the casus status derived from its tasks, for one casus and in bulk."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from casus.models import Casus, CasusStatus, TijdlijnItem
from cris.audit.models import AuditEntry
from cris.jobs import peildatum_lezen
from taken import status
from taken.models import Taak, TaakStatus, TaakType
from taken.services.levenscyclus import casusstatus_herberekenen, taak_afronden, taak_heropenen, taak_oppakken
from tests import chain
from tests.factories import LidmaatschapFactory, MedewerkerFactory, TeamFactory

pytestmark = pytest.mark.django_db

N, T, B, G, A = (
    TaakStatus.NIEUW,
    TaakStatus.TOEGEWEZEN,
    TaakStatus.IN_BEHANDELING,
    TaakStatus.GEREALISEERD,
    TaakStatus.AFGEBROKEN,
)


@pytest.fixture
def team():
    return TeamFactory()


def _casus_met(team, statussen):
    casus = chain.casus()
    user = MedewerkerFactory()
    ab = TaakType.objects.get(code="AB-BENADERING")
    for s in statussen:
        Taak.objects.create(casus=casus, type=ab, team=team, status=s, behandelaar=user if s in (T, B) else None)
    return casus


# (tasks, expected status): every rule of CAS-3.
REGELS = [
    ([], CasusStatus.NIEUW),  # Nieuw: no task In behandeling or Gerealiseerd
    ([N], CasusStatus.NIEUW),
    ([T, N], CasusStatus.NIEUW),
    ([N, A], CasusStatus.NIEUW),
    ([B], CasusStatus.ACTIEF),  # Actief: a task In behandeling
    ([B, G, A, N], CasusStatus.ACTIEF),
    ([G], CasusStatus.PASSIEF),  # Passief: Gerealiseerd, none Nieuw/Toegewezen/In behandeling
    ([G, A], CasusStatus.PASSIEF),
    ([A], CasusStatus.GEANNULEERD),  # Geannuleerd: every task Afgebroken
    ([A, A], CasusStatus.GEANNULEERD),
    ([G, N], CasusStatus.ACTIEF),  # not covered by CAS-3: work started and not finished
    ([G, T], CasusStatus.ACTIEF),
]


@pytest.mark.parametrize(("taken", "verwacht"), REGELS)
def test_cas3_status_for_one_casus(team, taken, verwacht):
    casus = _casus_met(team, taken)
    status.herberekenen(casus_ids=[casus.pk])
    casus.refresh_from_db()
    assert casus.status == verwacht


def test_cas3_bulk_and_single_recalculation_agree(team):
    cases = [(_casus_met(team, taken), verwacht) for taken, verwacht in REGELS]
    Casus.objects.update(status=CasusStatus.NIEUW)
    result = casusstatus_herberekenen(alles=True)
    assert {c.pk: Casus.objects.get(pk=c.pk).status for c, _ in cases} == {c.pk: v for c, v in cases}
    assert result["gewijzigd"] == sum(1 for _, v in cases if v != CasusStatus.NIEUW)
    assert casusstatus_herberekenen(alles=True) == {"gewijzigd": 0}  # idempotent


def test_cas3_passief_becomes_afgerond_after_30_days_in_the_nightly_run(team):
    casus = _casus_met(team, [G])
    status.herberekenen(casus_ids=[casus.pk])
    casus.refresh_from_db()
    sinds = casus.passief_sinds
    assert casus.status == CasusStatus.PASSIEF and sinds is not None
    assert casusstatus_herberekenen(nu=sinds + timedelta(days=29, hours=23)) == {"gewijzigd": 0}
    result = casusstatus_herberekenen(nu=sinds + timedelta(days=30))
    assert result == {"gewijzigd": 1, "afgerond": 1}
    casus.refresh_from_db()
    assert casus.status == CasusStatus.AFGEROND and casus.afgerond_op == sinds + timedelta(days=30)
    assert casusstatus_herberekenen(nu=sinds + timedelta(days=31)) == {"gewijzigd": 0}
    assert TijdlijnItem.objects.filter(casus=casus, omschrijving__contains="Afgerond").exists()
    assert AuditEntry.objects.filter(
        object_type="casus.casus", object_id=str(casus.pk), wijzigingen__status=["passief", "afgerond"]
    ).exists()


def test_cas3_the_afrond_days_are_configurable(team, settings):
    settings.CASUS_AFRONDEN_NA_DAGEN = 7
    casus = _casus_met(team, [G])
    status.herberekenen(casus_ids=[casus.pk])
    casus.refresh_from_db()
    casusstatus_herberekenen(nu=casus.passief_sinds + timedelta(days=7))
    casus.refresh_from_db()
    assert casus.status == CasusStatus.AFGEROND


def test_cas3_status_follows_the_task_services_in_the_same_transaction():
    team = TeamFactory()
    worker = MedewerkerFactory()
    LidmaatschapFactory(medewerker=worker, team=team)
    casus = chain.casus()
    taak = chain.taak(casus=casus, team=team)
    casus.refresh_from_db()
    assert casus.status == CasusStatus.NIEUW
    taak = taak_oppakken(actor=worker, taak=taak)
    casus.refresh_from_db()
    assert casus.status == CasusStatus.ACTIEF
    taak = taak_afronden(actor=worker, taak=taak)
    casus.refresh_from_db()
    assert casus.status == CasusStatus.PASSIEF


def test_cas3_reopening_a_task_on_an_afgerond_casus_makes_it_actief_again():
    team = TeamFactory()
    worker = MedewerkerFactory()
    LidmaatschapFactory(medewerker=worker, team=team)
    casus = chain.casus()
    taak = taak_afronden(actor=worker, taak=chain.taak(casus=casus, team=team, behandelaar=worker))
    casusstatus_herberekenen(nu=timezone.now() + timedelta(days=31))
    casus.refresh_from_db()
    assert casus.status == CasusStatus.AFGEROND
    taak_heropenen(actor=worker, taak=taak)
    casus.refresh_from_db()
    assert (casus.status, casus.passief_sinds, casus.afgerond_op) == (CasusStatus.ACTIEF, None, None)
    taak_afronden(actor=worker, taak=Taak.objects.get(pk=taak.pk))
    casus.refresh_from_db()
    assert casus.status == CasusStatus.PASSIEF
    assert casus.passief_sinds > timezone.now() - timedelta(minutes=1)  # the 30 days start again


def test_the_command_runs_the_nightly_step_with_a_reference_date(team, capsys):
    casus = _casus_met(team, [G])
    status.herberekenen(casus_ids=[casus.pk])
    call_command("casusstatus_herberekenen", "--peildatum", (timezone.now() + timedelta(days=31)).isoformat())
    assert "1 casussen gewijzigd (afgerond: 1)" in capsys.readouterr().out
    casus.refresh_from_db()
    assert casus.status == CasusStatus.AFGEROND


@pytest.mark.parametrize("commando", ["casusstatus_herberekenen", "schoning_selecteren"])
def test_a_job_command_refuses_a_reference_date_that_is_not_a_moment(commando):
    with pytest.raises(CommandError, match="Ongeldige peildatum: '31-12-2026'"):
        call_command(commando, "--peildatum", "31-12-2026")


def test_a_reference_date_without_a_zone_is_local_time(settings):
    settings.TIME_ZONE = "Europe/Amsterdam"
    moment = peildatum_lezen("2026-12-31T02:00", "2026-12-31T02:00")
    assert moment.utcoffset() == timedelta(hours=1) and moment.hour == 2
    assert peildatum_lezen("", "2026-12-31") is None


def test_the_beat_task_runs_the_nightly_step():
    from taken.tasks import casusstatus_herberekenen as task

    assert task.delay().get() == {"gewijzigd": 0}
