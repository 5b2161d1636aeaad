"""Issue 23: faults with real processes and real services — a broker that is down, a worker killed with
SIGKILL, two copies of a nightly job (make test-integration; skipped without REDIS_URL)."""

import os
import signal
import time

import pytest
from django.db import connection, transaction
from django.utils import timezone

from aanmelding.automatisch import te_verwerken
from aanmelding.models import Aanmelding, AanmeldingStatus, AutomatischBesluit
from aanmelding.services import aanmeldingen_ontvangen
from tests.integration.conftest import manage
from tests.test_intake_verwerking import POLITIE

pytestmark = [pytest.mark.integration, pytest.mark.real_worker, pytest.mark.django_db(transaction=True)]


def _ontvangen(**velden) -> Aanmelding:
    aanmelding = Aanmelding(ontvangen_op=timezone.now(), **{**POLITIE, **velden})
    with transaction.atomic():
        aanmeldingen_ontvangen(aanmeldingen=[aanmelding], reden="test")
    return Aanmelding.objects.get(pk=aanmelding.pk)


def test_issue23_1_a_referral_received_while_the_broker_is_down_is_decided_by_the_periodic_job(broker):
    broker.stoppen()
    aanmelding = _ontvangen()  # the import commits; queuing its processing fails, and must not raise
    assert aanmelding.status == AanmeldingStatus.NIEUW
    assert list(te_verwerken()) == [aanmelding.pk]
    uit = manage("automatisch_verwerken_herhalen", REDIS_URL=broker.url)  # the job runs with the broker down
    assert uit.returncode == 0, uit.stderr[-3000:]
    besluit = AutomatischBesluit.objects.get(aanmelding=aanmelding)
    assert besluit.uitkomst and not list(te_verwerken())
    assert manage("automatisch_verwerken_herhalen", REDIS_URL=broker.url).returncode == 0  # idempotent
    assert AutomatischBesluit.objects.filter(aanmelding=aanmelding).count() == 1


def test_issue23_1_a_worker_killed_while_deciding_leaves_the_referral_for_the_periodic_job(worker_starten):
    from aanmelding.tasks import automatisch_verwerken

    queue = worker_starten()
    aanmelding = _ontvangen(bsn="", pv_nummer="PL0900-2026000002")
    with transaction.atomic():  # hold the referral's row: the worker's decision waits on it
        Aanmelding.objects.select_for_update().get(pk=aanmelding.pk)
        automatisch_verwerken.apply_async(args=[[aanmelding.pk]], queue=queue)
        deadline = time.monotonic() + 60
        wachtend = None
        while time.monotonic() < deadline and not wachtend:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_stat_clear_snapshot()")  # else the view is frozen in this transaction
                cursor.execute(
                    "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                    "AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()"
                )
                wachtend = cursor.fetchone()
            time.sleep(0.1)
        assert wachtend, "the worker did not reach the referral"
        worker = [p for p in worker_starten.processen if p.poll() is None][-1]
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(10)
        with connection.cursor() as cursor:  # its connection dies with it
            cursor.execute("SELECT pg_terminate_backend(%s)", [wachtend[0]])
    assert not AutomatischBesluit.objects.filter(aanmelding=aanmelding).exists()
    assert list(te_verwerken()) == [aanmelding.pk]
    uit = manage("automatisch_verwerken_herhalen")
    assert uit.returncode == 0, uit.stderr[-3000:]
    assert AutomatischBesluit.objects.filter(aanmelding=aanmelding).count() == 1


def test_issue23_2_the_nightly_purge_process_finishes_a_list_with_an_ended_legal_hold():
    """The purge as cron runs it, a separate process: before the fix every run failed on the hold's PROTECT."""
    from datetime import timedelta

    from casus.models import Casus
    from cris.accounts.roles import Rol
    from schoning.models import Bewaarplicht, Bewaarregel, Selectie, SelectieStatus, Soort
    from schoning.services import selectie_aanbieden, selectie_goedkeuren, selectie_maken
    from tests import chain
    from tests.factories import MedewerkerFactory

    Bewaarregel.objects.update_or_create(  # a flushed database (transactional test) has no rules
        soort=Soort.CASUS, defaults={"termijn_maanden": 84, "actief": True, "telt_vanaf": "afgerond_op"}
    )
    p1, p2 = (MedewerkerFactory(rollen=[Rol.PRIVACY_OFFICER]) for _ in range(2))
    casus = chain.casus()
    Casus.objects.filter(pk=casus.pk).update(status="afgerond", afgerond_op=timezone.now() - timedelta(days=3300))
    Bewaarplicht.objects.create(
        casus=casus, reden="rechtszaak", tot=timezone.localdate() - timedelta(days=1), vastgelegd_door=p1
    )
    selectie = selectie_maken()
    selectie_aanbieden(actor=p1, selectie=selectie)
    selectie_goedkeuren(actor=p2, selectie=selectie)
    uit = manage("schoning_uitvoeren", "--selectie", str(selectie.pk))
    assert uit.returncode == 0, uit.stderr[-3000:]
    assert Selectie.objects.get(pk=selectie.pk).status == SelectieStatus.UITGEVOERD
    assert not Casus.objects.filter(pk=casus.pk).exists() and not Bewaarplicht.objects.exists()


def test_issue23_7_a_second_run_of_a_nightly_job_says_so_and_exits_0():
    """Two processes of one job: while one holds the job (here the test's own session), the other stops at once."""
    from cris.jobs import alleen
    from schoning.models import Selectie

    with alleen("schoning_selecteren"):
        tweede = manage("schoning_selecteren")
    assert tweede.returncode == 0, tweede.stderr[-3000:]
    assert "schoning_selecteren draait al" in tweede.stdout and not Selectie.objects.exists()
    eerste = manage("schoning_selecteren")
    assert eerste.returncode == 0 and Selectie.objects.count() == 1


def test_issue23_7_two_status_recomputations_at_once_write_each_change_once():
    from casus.models import Casus, TijdlijnItem, TijdlijnSoort
    from tests import chain
    from tests.factories import TeamFactory
    from tests.integration.conftest import manage_starten

    team = TeamFactory()
    casussen = [chain.casus(achternaam=f"Status{i}") for i in range(30)]
    for casus in casussen:
        chain.taak(casus=casus, team=team)
    Casus.objects.filter(pk__in=[c.pk for c in casussen]).update(status="afgerond")  # wrong: tasks are open
    voor = TijdlijnItem.objects.filter(soort=TijdlijnSoort.STATUS).count()
    processen = [manage_starten("casusstatus_herberekenen", "--alles") for _ in range(2)]
    uitvoer = [p.communicate(timeout=120) for p in processen]
    assert [p.returncode for p in processen] == [0, 0], uitvoer
    assert set(Casus.objects.filter(pk__in=[c.pk for c in casussen]).values_list("status", flat=True)) == {"nieuw"}
    assert TijdlijnItem.objects.filter(soort=TijdlijnSoort.STATUS).count() - voor == len(casussen)


def _cache_op(settings, url: str) -> None:
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        },
    }


def test_issue23_4_with_redis_stopped_pages_work_and_health_says_degraded(eigen_redis, settings, client):
    from django.urls import reverse

    from tests.factories import LidmaatschapFactory, MedewerkerFactory

    _cache_op(settings, eigen_redis.url)
    user = MedewerkerFactory()
    LidmaatschapFactory(medewerker=user, standaard=True)
    client.force_login(user)
    assert client.get(reverse("werkstroom:mijn_werk")).status_code == 200  # session cached in this Redis
    eigen_redis.stoppen()
    client.raise_request_exception = False
    for naam in ("werkstroom:mijn_werk", "taken:werkstroom", "zoeken:zoeken", "notificaties:lijst"):
        assert client.get(reverse(naam)).status_code == 200, naam  # session read from PostgreSQL
    begin = time.monotonic()
    response = client.get(reverse("gezondheid"))
    assert time.monotonic() - begin < 1.0
    assert response.status_code == 200
    assert response.json()["status"] == "degraded" and response.json()["database"] == "ok"
    assert response.json()["cache"] == "fout"


def test_issue23_4_health_answers_within_a_second_when_redis_hangs(settings, client):
    """A 'Redis' that accepts connections and never answers: the probe still answers in time."""
    import socket

    from django.urls import reverse

    hangt = socket.socket()
    hangt.bind(("127.0.0.1", 0))
    hangt.listen(16)  # connections complete in the backlog; nothing ever reads or answers
    try:
        _cache_op(settings, f"redis://127.0.0.1:{hangt.getsockname()[1]}/0")
        begin = time.monotonic()
        response = client.get(reverse("gezondheid"))
        assert time.monotonic() - begin < 1.0
        assert response.json()["cache"] == "fout" and response.json()["status"] == "degraded"
    finally:
        hangt.close()
