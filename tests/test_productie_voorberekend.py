"""DIE-4: the production report from the pre-computed figures of closed months equals the report counted live
(diensten.productie is the one definition of both), on generated data and on random services written through
the services, also after a correction in a closed month (stale → live → computed again) and a purge."""

from __future__ import annotations

import random
from datetime import date, timedelta
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db.models import F

from casus.models import Casus
from cris import klok
from diensten import tasks
from diensten.models import Dienst, DienstSoort, ProductieMaand, VoorberekendeProductie
from diensten.productie import CIJFERS, lopende_maand, verse_maanden
from diensten.services import levenscyclus, tijd
from diensten.services.productie import MARGE, maand_berekenen, maand_van, productie_voorberekenen, te_berekenen
from rapportage import selectors
from rapportage.forms import DIMENSIES
from rapportage.selectors import Periode
from schoning.registry import voor_verwijderen
from testgegevens.generator import genereren
from tests import chain
from tests.factories import LidmaatschapFactory, TeamFactory
from tests.jobs import job_bezig


def _rijen(productie) -> dict[tuple, tuple]:
    return {
        (r.maand, r.soort.pk, r.district.pk if r.district else None, r.team.pk): tuple(
            getattr(r.cijfers, c) for c in CIJFERS
        )
        for r in productie.rijen
        if any(getattr(r.cijfers, c) for c in CIJFERS)
    }


def _alles(productie) -> dict:
    """The rows and every breakdown the report offers, as the page shows them."""
    uit: dict = {"rijen": _rijen(productie)}
    for dimensie, _label in DIMENSIES:
        uit[dimensie] = [(label, tuple(getattr(c, k) for k in CIJFERS)) for label, c in productie.per(dimensie)]
    return uit


def _live(monkeypatch, **kwargs):
    """The report with no month taken from the pre-computed figures: every month counted live."""
    with monkeypatch.context() as m:
        m.setattr(selectors, "verse_maanden", lambda maanden, using: set())
        return selectors.productie(**kwargs)


def _filters(productie) -> list[dict]:
    rij = productie.rijen[0]
    return [
        {},
        {"categorie": rij.soort.categorie},
        {"district_id": rij.district.pk if rij.district else None},
        {"team_id": rij.team.pk},
    ]


def _gelijk_aan_live(monkeypatch, periode: Periode) -> dict:
    """Assert the report equals the live count in every breakdown and under every filter, also grouped to one
    breakdown in SQL as the page asks it; returns it."""
    rapport = selectors.productie(periode=periode)
    assert rapport.rijen
    for filters in _filters(rapport):
        alles = _alles(selectors.productie(periode=periode, **filters))
        assert alles == _alles(_live(monkeypatch, periode=periode, **filters))
        for dimensie, _label in DIMENSIES:
            gegroepeerd = selectors.productie(periode=periode, per=dimensie, **filters)
            assert [(label, tuple(getattr(c, k) for k in CIJFERS)) for label, c in gegroepeerd.per(dimensie)] == (
                alles[dimensie]
            )
    return _alles(rapport)


@pytest.mark.django_db(transaction=True)
def test_die4_generated_data_leaves_closed_months_precomputed_and_equal_to_the_live_count(monkeypatch):
    genereren(schaal=0.0004, seed=11, peildatum=klok.vandaag())
    periode = Periode.maanden(lopende_maand() - timedelta(days=35 * 30), lopende_maand())
    gesloten = _afgelopen(periode)
    assert verse_maanden(periode.maandlijst()) == set(gesloten)  # as the job leaves them
    assert te_berekenen() == []
    _gelijk_aan_live(monkeypatch, periode)
    for kwartaal in (periode.van, gesloten[-5], gesloten[-1]):
        deel = Periode.maanden(kwartaal, min(kwartaal + timedelta(days=62), lopende_maand()))
        assert _alles(selectors.productie(periode=deel)) == _alles(_live(monkeypatch, periode=deel))


@pytest.fixture
def diensten_willekeurig(team, worker):
    """Random services over the last seven months on two teams and two districts, written through the services:
    registered, some started, closed as Afgerond or Afgebroken, some reopened and closed again, time entries."""
    rng = random.Random(2704)
    tweede = TeamFactory()
    LidmaatschapFactory(medewerker=worker, team=tweede)
    taken = [
        chain.taak(casus=chain.casus(postcode=postcode), team=t, behandelaar=worker)
        for postcode in ("3511 AB", "9711 AA")
        for t in (team, tweede)
    ]
    soorten = list(DienstSoort.objects.filter(geldig_tot=None))
    nu = klok.nu()
    for _ in range(40):
        begin = nu - timedelta(days=rng.uniform(1, 200))
        dienst = levenscyclus.dienst_registreren(
            actor=worker, taak=rng.choice(taken), soort=rng.choice(soorten), nu=begin
        )
        moment = begin
        for _ in range(rng.randint(0, 3)):
            dag = klok.lokale_datum(moment + (nu - moment) * rng.random())
            tijd.tijd_registreren(actor=worker, dienst=dienst, minuten=rng.randint(5, 120), datum=dag)
        for _ in range(rng.choice([0, 1, 1, 2])):
            moment += (nu - moment) * rng.random()
            sluiten = rng.choice(
                [levenscyclus.dienst_afronden, levenscyclus.dienst_afronden, levenscyclus.dienst_afbreken]
            )
            sluiten(actor=worker, dienst=dienst, nu=moment)
            if rng.random() < 0.6:
                break
            moment += (nu - moment) * rng.random()
            levenscyclus.dienst_heropenen(actor=worker, dienst=dienst, nu=moment)
    return taken


def _afgelopen(periode: Periode) -> list[date]:
    """The period's months the job computes: closed, and ended at least MARGE ago (in the first hour of a month
    the month before is not computed yet)."""
    return [m for m in periode.maandlijst() if m < maand_van(klok.nu() - MARGE)]


def test_die4_precomputed_months_equal_the_live_count_also_after_a_correction_and_a_purge(
    monkeypatch, worker, diensten_willekeurig
):
    eerste_dienst = Dienst.objects.order_by("aangemaakt_op").first()
    periode = Periode.maanden(klok.lokale_datum(eerste_dienst.aangemaakt_op), lopende_maand())
    gesloten = _afgelopen(periode)
    # Written with their time in closed months: those months are stale (never computed) and counted live.
    assert set(ProductieMaand.objects.filter(verouderd=True).values_list("maand", flat=True)) >= set(gesloten)
    assert verse_maanden(periode.maandlijst()) == set()
    live = _alles(selectors.productie(periode=periode))

    berekend = productie_voorberekenen()
    assert set(gesloten) <= set(berekend) and lopende_maand() not in berekend
    assert productie_voorberekenen() == []  # idempotent: nothing missing or stale
    assert verse_maanden(periode.maandlijst()) == set(gesloten)
    assert _gelijk_aan_live(monkeypatch, periode) == live

    # The report reads the pre-computed rows of a fresh month (a changed row shows), and the job puts them right.
    maand = gesloten[-2]
    VoorberekendeProductie.objects.filter(maand=maand).update(nieuw=F("nieuw") + 1000)
    assert selectors.productie(periode=periode).totaal.nieuw > _live(monkeypatch, periode=periode).totaal.nieuw
    maand_berekenen(maand)
    assert _alles(selectors.productie(periode=periode)) == live

    # A correction in a closed month: time written on a date in it, a service closed in it reopened. The month
    # is stale at once (same transaction), the report counts it live, and the job computes it again.
    dienst = Dienst.objects.filter(afgesloten_op=None, historie_sinds=None).order_by("aangemaakt_op").first()
    eerste = maand_van(dienst.aangemaakt_op)
    assert eerste in gesloten
    laatste_dag = (eerste + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    tijd.tijd_registreren(actor=worker, dienst=dienst, minuten=77, datum=laatste_dag)
    gesloten_dienst = Dienst.objects.filter(afgesloten_op__lt=klok.begin_van_dag(gesloten[-1])).first()
    was = maand_van(gesloten_dienst.afgesloten_op)
    levenscyclus.dienst_heropenen(actor=worker, dienst=gesloten_dienst)
    stale = {eerste, was}
    assert (
        set(ProductieMaand.objects.filter(verouderd=True, maand__in=gesloten).values_list("maand", flat=True)) == stale
    )
    assert verse_maanden(periode.maandlijst()) == set(gesloten) - stale
    gecorrigeerd = _gelijk_aan_live(monkeypatch, periode)
    assert gecorrigeerd != live
    assert gecorrigeerd["rijen"] == _rijen(_live(monkeypatch, periode=periode))
    assert set(tasks.productie_voorberekenen()) == {m.isoformat() for m in stale}  # the Celery job
    assert verse_maanden(periode.maandlijst()) == set(gesloten)
    assert _gelijk_aan_live(monkeypatch, periode) == gecorrigeerd

    # SCH-3: a purge marks the months of the purged services stale; the report does not change.
    casus = Casus.objects.get(pk=diensten_willekeurig[0].casus_id)
    voor_verwijderen([casus.pk])
    casus.delete()
    assert ProductieMaand.objects.filter(verouderd=True).exists()
    assert _gelijk_aan_live(monkeypatch, periode) == gecorrigeerd
    productie_voorberekenen()
    assert _gelijk_aan_live(monkeypatch, periode) == gecorrigeerd


def test_die4_the_job_is_on_the_beat_and_runs_once_at_a_time(db):
    """A second run, the command or the task, stops without doing anything while one holds the lock."""
    assert settings.CELERY_BEAT_SCHEDULE["productie-voorberekenen"]["task"] == "diensten.tasks.productie_voorberekenen"
    with job_bezig("productie_voorberekenen"):
        uit = StringIO()
        call_command("productie_voorberekenen", stdout=uit)
        assert "productie_voorberekenen draait al" in uit.getvalue()
        assert tasks.productie_voorberekenen() is None
    uit = StringIO()
    call_command("productie_voorberekenen", stdout=uit)
    assert "0 maand(en) berekend" in uit.getvalue()
    assert tasks.productie_voorberekenen() == []
