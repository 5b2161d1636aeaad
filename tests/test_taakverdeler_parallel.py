"""TAK-5: two people asking for the next task at once never get the same task. Twenty threads, each with
its own PostgreSQL connection, ask at the same moment (a barrier); the claims are real concurrent
transactions (SELECT … FOR UPDATE SKIP LOCKED), committed to the database."""

from __future__ import annotations

import threading

import pytest
from django.db import connections

from cris.accounts.roles import Rol
from taken.models import Taak, TaakStatus
from taken.verdeler import VERDEELVOLGORDE, volgende_taak
from tests import chain
from tests.factories import LidmaatschapFactory, MedewerkerFactory, TeamFactory
from werkstroom.models import Afdeling

pytestmark = pytest.mark.django_db(transaction=True)
PARALLEL = 20


def _tegelijk(werkers) -> tuple[list[int | None], list[BaseException]]:
    barrier = threading.Barrier(len(werkers))
    uitkomst: list[int | None] = [None] * len(werkers)
    fouten: list[BaseException] = []

    def vraag(i, werker):
        try:
            barrier.wait(timeout=30)
            taak = volgende_taak(actor=werker)
            uitkomst[i] = taak.pk if taak else None
        except BaseException as fout:  # reported to the test thread
            fouten.append(fout)
        finally:
            connections.close_all()  # this thread's own connection

    threads = [threading.Thread(target=vraag, args=(i, w)) for i, w in enumerate(werkers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not any(t.is_alive() for t in threads), "a request hung: the claim must never wait for another"
    return uitkomst, fouten


def _opzet(taken: int):
    team = TeamFactory(afdeling=Afdeling.ACTIEVE_BENADERING)
    werkers = [MedewerkerFactory(rollen=[Rol.ACTIEVE_BENADERING]) for _ in range(PARALLEL)]
    for werker in werkers:
        LidmaatschapFactory(medewerker=werker, team=team)
    casus = [chain.casus() for _ in range(taken)]
    for c in casus:
        chain.taak(casus=c, team=team)
    return team, werkers


def test_tak5_twenty_parallel_requests_get_twenty_different_tasks_the_best_ones():
    team, werkers = _opzet(PARALLEL + 6)
    beste = list(
        Taak.objects.filter(team=team, status=TaakStatus.NIEUW).order_by(*VERDEELVOLGORDE).values_list("pk", flat=True)
    )[:PARALLEL]
    uitkomst, fouten = _tegelijk(werkers)
    assert not fouten, fouten
    assert None not in uitkomst
    assert len(set(uitkomst)) == PARALLEL  # never the same task twice
    assert set(uitkomst) == set(beste)
    opgepakt = Taak.objects.filter(team=team, status=TaakStatus.IN_BEHANDELING)
    assert opgepakt.count() == PARALLEL
    assert len(set(opgepakt.values_list("behandelaar_id", flat=True))) == PARALLEL


def test_tak5_more_askers_than_tasks_the_rest_hear_there_is_nothing():
    team, werkers = _opzet(7)
    uitkomst, fouten = _tegelijk(werkers)
    assert not fouten, fouten
    gekregen = [pk for pk in uitkomst if pk is not None]
    assert len(gekregen) == 7 and len(set(gekregen)) == 7
    assert uitkomst.count(None) == PARALLEL - 7
    assert not Taak.objects.filter(team=team, status=TaakStatus.NIEUW).exists()
