"""KOP-6 (issue 26): the `bi` schema for the BI tool — its views agree with the production report and the
management views on generated data, hold no direct personal data, and the role cris_bi reads that schema only."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime, timedelta

import psycopg
import pytest
import time_machine
from django.db import connection, transaction

from rapportage import selectors
from rapportage.selectors import Periode
from testgegevens.generator import genereren

pytestmark = pytest.mark.django_db
PEIL = date(2026, 11, 1)
KWARTAAL = Periode.kwartaal(2026, 2)
PERSOONSGEGEVENS = {"voornamen", "achternaam", "bsn", "email", "telefoon", "straat", "postcode", "geboortedatum"}


def _sql(query: str, params=()):
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        return cursor.fetchall()


@pytest.mark.django_db(transaction=True)
@time_machine.travel(datetime(2026, 11, 1, 12, 0, tzinfo=UTC), tick=True)  # the data's peildatum, at any CRIS_TEST_NU
def test_the_views_agree_with_the_production_report_and_the_management_views():
    """On generated data (the report tests' generator): production per month, intake per channel, the AB 48-hour
    rule and the caseload, each the same figures as rapportage.selectors gives."""
    genereren(schaal=0.0004, seed=5, peildatum=PEIL)
    _productie()
    _beheer()


def _productie():
    rapport = {
        (r.maand, r.soort.pk, r.district.pk if r.district else None, r.team.pk): (
            r.cijfers.nieuw,
            r.cijfers.afgerond,
            r.cijfers.afgebroken,
            r.cijfers.doorlooptijd_s,
            r.cijfers.besteed_minuten,
        )
        for r in selectors.productie(periode=KWARTAAL).rijen
    }
    bi = {
        tuple(r[:4]): tuple(r[4:])
        for r in _sql(
            "SELECT maand, dienstsoort_id, district_id, team_id, nieuw, afgerond, afgebroken, doorlooptijd_s, "
            "besteed_minuten FROM bi.productie_per_maand WHERE maand >= %s AND maand < %s",
            [KWARTAAL.van, KWARTAAL.tot],
        )
        if any(r[4:])
    }
    assert sum(c[0] for c in rapport.values()) > 20
    assert bi == rapport


def _beheer():
    vandaag = PEIL
    weken, per_kanaal = selectors.intake_per_week(weken=8, vandaag=vandaag)
    bi_intake: dict[str, list[int]] = defaultdict(lambda: [0] * len(weken))
    for dag, kanaal, aantal in _sql(
        "SELECT dag, kanaal, aanmeldingen FROM bi.intake_per_dag WHERE dag >= %s AND dag < %s",
        [weken[0], weken[-1] + timedelta(days=7)],
    ):
        bi_intake[kanaal][(dag - weken[0]).days // 7] += aantal
    assert sum(map(sum, per_kanaal.values())) > 0
    assert dict(bi_intake) == per_kanaal

    # The 48-hour rule, for weeks whose deadlines have all passed (the view also holds the running week's).
    naleving = [n for n in selectors.ab_48_uur(weken=20, vandaag=vandaag) if n.week + timedelta(days=7) <= vandaag]
    per_week = dict.fromkeys((n.week for n in naleving), (0, 0))
    for week, taken, op_tijd in _sql(
        "SELECT week, sum(taken), sum(op_tijd) FROM bi.ab_48_uur_per_week WHERE week >= %s AND week < %s GROUP BY week",
        [naleving[0].week, naleving[-1].week + timedelta(days=7)],
    ):
        per_week[week] = (taken, op_tijd)
    assert sum(n.totaal for n in naleving) > 0
    assert per_week == {n.week: (n.totaal, n.op_tijd) for n in naleving}

    caseload = {c.team.pk: (c.leden, c.nieuw, c.toegewezen, c.in_behandeling) for c in selectors.caseload_per_team()}
    bi_caseload = {
        r[0]: tuple(r[1:])
        for r in _sql("SELECT team_id, leden, nieuw, toegewezen, in_behandeling FROM bi.caseload_per_team")
    }
    assert bi_caseload == caseload


def test_the_bi_schema_holds_documented_views_without_direct_personal_data():
    kolommen = _sql("SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'bi'")
    views = {t for t, _ in kolommen}
    assert views == {"productie_per_maand", "intake_per_dag", "ab_48_uur_per_week", "caseload_per_team"}
    assert not {c for _, c in kolommen} & PERSOONSGEGEVENS
    assert {t for (t,) in _sql("SELECT table_name FROM information_schema.tables WHERE table_schema = 'bi'")} == views
    beschreven = _sql(
        "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = 'bi' AND obj_description(c.oid, 'pg_class') IS NOT NULL"
    )
    assert {r[0] for r in beschreven} == views


def test_the_bi_role_reads_the_bi_schema_and_nothing_else():
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL ROLE cris_bi")
        assert _sql("SELECT count(*) FROM bi.caseload_per_team")[0][0] >= 0
        for tabel in ("casus_client", "aanmelding_aanmelding", "audit_auditentry", "diensten_dienst"):
            with pytest.raises(Exception) as fout, transaction.atomic():
                _sql(f"SELECT 1 FROM {tabel} LIMIT 1")
            assert isinstance(fout.value.__cause__, psycopg.errors.InsufficientPrivilege)
