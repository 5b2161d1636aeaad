"""Issue 11: the production-volume generator and the benchmark harness, exercised at a tiny scale."""

from __future__ import annotations

import hashlib
import itertools
from datetime import UTC, date, datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from casus.access import toegang_instellen
from casus.models import Casus, CasusStatus, Client
from casus.validators import elfproef
from cris import klok
from taken import status as casus_status
from taken.catalogus import taaktypen_laden
from taken.models import Taak, TaakType
from taken.services.levenscyclus import _toegang_herberekenen
from testgegevens.generator import TABELLEN, bsn_reeks, genereren
from tests import chain
from werkstroom.models import District, Postcode
from werkstroom.postcodes import load_districts_and_postcodes

SCHAAL = 0.0004  # ~520 cases, ~1,600 tasks
PEIL = date(2026, 11, 1)


def _schema() -> set[str]:
    with connection.cursor() as cursor:
        # By name: PostgreSQL prints a recreated partial index's predicate with different casts. With the
        # indexes of a partitioned table's partitions (the audit log's), and whether each is valid.
        cursor.execute(
            "SELECT c.relname || CASE WHEN i.indisvalid THEN '' ELSE ' ongeldig' END FROM pg_index i "
            "JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid::regclass::text = ANY(%s) "
            "OR i.indrelid IN (SELECT inhrelid FROM pg_inherits WHERE inhparent::regclass::text = ANY(%s))",
            [TABELLEN, TABELLEN],
        )
        indexen = {r[0] for r in cursor.fetchall()}
        cursor.execute(
            "SELECT conrelid::regclass::text || conname || contype::text FROM pg_constraint "
            "WHERE conrelid::regclass::text = ANY(%s)",
            [TABELLEN],
        )
        beperkingen = {r[0] for r in cursor.fetchall()}
        # And the statistics targets migrations set on index columns (aanmelding.0011_zoeknaam_statistieken).
        cursor.execute(
            "SELECT c.relname || ':' || a.attnum || '=' || a.attstattarget FROM pg_index i "
            "JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_attribute a ON a.attrelid = i.indexrelid "
            "WHERE i.indrelid::regclass::text = ANY(%s) AND a.attstattarget > 0",
            [TABELLEN],
        )
        doelen = {r[0] for r in cursor.fetchall()}
        # And the triggers, with whether each fires (the loader turns those that keep casus_teams off).
        cursor.execute(
            "SELECT tgname || ':' || tgenabled::text FROM pg_trigger WHERE NOT tgisinternal "
            "AND tgrelid::regclass::text = ANY(%s)",
            [TABELLEN],
        )
        triggers = {r[0] for r in cursor.fetchall()}
        return indexen | beperkingen | doelen | triggers


def _vingerafdruk() -> str:
    """The generated content without database ids (sequences move on after a flush)."""
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT string_agg(concat_ws('|', c.achternaam, c.bsn, c.geboortedatum, k.status, d.code, k.aangemaakt_op,
                   (SELECT string_agg(concat_ws(':', tt.code, tm.code, t.status, m.username), ';' ORDER BY t.id)
                    FROM taken_taak t JOIN taken_taaktype tt ON tt.id = t.type_id JOIN werkstroom_team tm
                    ON tm.id = t.team_id LEFT JOIN accounts_medewerker m ON m.id = t.behandelaar_id
                    WHERE t.casus_id = k.id)), ',' ORDER BY k.id)
               FROM casus_casus k JOIN casus_client c ON c.id = k.client_id
               JOIN werkstroom_district d ON d.id = k.district_id"""
        )
        return hashlib.sha256(cursor.fetchone()[0].encode()).hexdigest()


def test_bsn_reeks_geeft_unieke_geldige_nummers():
    nummers = list(itertools.islice(bsn_reeks(2026), 20_000))
    assert len(set(nummers)) == len(nummers)
    assert all(len(n) == 9 and elfproef(n) for n in nummers)


@pytest.mark.django_db(transaction=True)
def test_genereren_klein_consistent_en_deterministisch():
    schema_voor = _schema()
    resultaat = genereren(schaal=SCHAAL, seed=7, peildatum=PEIL)
    # The schema is whole again: every index and foreign key the loader dropped was recreated.
    assert _schema() == schema_voor
    assert "aanmelding_zoeknaam_idx:1=2000" in schema_voor  # a migration's statistics target is part of it
    assert "audit_auditentry_standaard_client_ids_idx" in schema_voor  # and each partition's index
    assert "aanmelding_casus_teams:O" in schema_voor  # and the triggers, firing again

    rijen = resultaat.rijen
    casussen = Casus.objects.count()
    assert rijen["casus_casus"] == casussen == round(1_300_000 * SCHAAL)
    # Production proportions (issue 11): ~1.2 M clients, ~4 M tasks and ~3 M contacts per 1.3 M cases.
    assert 0.88 < Client.objects.count() / casussen < 0.96
    assert 2.6 < Taak.objects.count() / casussen < 3.6
    assert 1.8 < rijen["taken_contactmoment"] / casussen < 2.9
    # Every case has at least one task, every client a preferred address in a known district.
    assert not Casus.objects.filter(taken__isnull=True).exists()
    assert not Client.objects.exclude(adressen__voorkeur=True).exists()
    assert not Casus.objects.filter(district__isnull=True).exists()
    # Spread over districts and statuses like production: every district, mostly closed, some open work.
    assert Casus.objects.values("district").distinct().count() == 11
    assert Casus.objects.filter(status=CasusStatus.AFGEROND).count() > casussen * 0.7
    assert Taak.objects.filter(status__in=["nieuw", "toegewezen", "in_behandeling"]).exists()
    # CAS-3: statuses are what the nightly recalculation derives — it finds nothing to change.
    assert casus_status.herberekenen(casus_ids=None, nu=datetime(PEIL.year, PEIL.month, PEIL.day, tzinfo=UTC)) == []
    # AUT-1: access rows are exactly what the services would set.
    for casus in Casus.objects.order_by("?")[:40]:
        taken = list(casus.taken.select_related("team"))
        assert not toegang_instellen(
            casus=casus,
            groep_ids={t.team.groep_id for t in taken},
            user_ids={t.behandelaar_id for t in taken if t.behandelaar_id},
        )
    _toegang_herberekenen(Casus.objects.first())  # and the service itself runs on generated data
    # ZOE-1: each referral carries its casus's teams as the database's triggers would set them (aanmelding.0016).
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*), count(*) FILTER (WHERE casus_teams <> '{}') FROM aanmelding_aanmelding "
            "WHERE casus_teams IS DISTINCT FROM "
            "CASE WHEN casus_id IS NULL THEN '{}' ELSE aanmelding_casus_teams(casus_id) END "
            "UNION ALL SELECT count(*), count(*) FILTER (WHERE casus_teams <> '{}') FROM aanmelding_aanmelding"
        )
        (afwijkend, _), (_, met_teams) = cursor.fetchall()
    assert afwijkend == 0 and met_teams == casussen

    # Deterministic for a seed: the same data again after wiping.
    eerste = _vingerafdruk()
    call_command("flush", interactive=False, verbosity=0)
    load_districts_and_postcodes(District, Postcode)
    taaktypen_laden(TaakType)
    genereren(schaal=SCHAAL, seed=7, peildatum=PEIL)
    assert _vingerafdruk() == eerste


@pytest.mark.django_db
def test_commando_weigert_gevulde_database_en_onzin_schaal():
    chain.casus()
    with pytest.raises(CommandError, match="al cliënten"):
        call_command("genereer_testdata", schaal=0.001)
    with pytest.raises(CommandError, match="schaal"):
        call_command("genereer_testdata", schaal=0, toevoegen=True)


@pytest.mark.django_db(transaction=True)
def test_benchmarks_draaien_op_gegenereerde_gegevens(tmp_path):
    """`make bench` in miniature: every page scenario answers 200 for its users with a bounded number of
    queries, the batch figures run and leave the data as it was, and the report is written."""
    from benchmarks import batch, pagina, rapport

    genereren(schaal=SCHAAL, seed=3, peildatum=klok.vandaag())
    metingen = [pagina.meten(scenario, aantal=6) for scenario in pagina.SCENARIOS]
    for meting in metingen:
        assert meting["fouten"] == 0, meting
        # "Volgende taak" is a write: claim, pick up, audit, timeline, casus status and access in one go.
        # The task page carries services, contacts, follow-up and transfer forms (bounded at 30 in test_diensten).
        assert meting["queries_max"] <= (30 if meting["naam"] in ("volgende_taak", "taak") else 20), meting
        assert meting["p95_ms"] > 0 and meting["vloer_p95_ms"] > 0
    voor = _vingerafdruk()
    status = batch.casusstatus()
    assert status["casussen"] == Casus.objects.count()
    assert _vingerafdruk() == voor  # rolled back
    schoning = batch.schoning(aantal=40)
    assert schoning["casussen"] == 40 and schoning["geselecteerd"] >= 40, schoning
    assert _vingerafdruk() == voor  # rolled back too
    resultaat = {"schaal": SCHAAL, "volume": batch.volume(), "paginas": metingen, "batch": [status, schoning]}
    pad = tmp_path / "benchmarks.md"
    pad.write_text(f"# Benchmarks\n\nUitleg.\n\n{rapport.BEGIN}\noud\n{rapport.EINDE}\n\nSlot.\n")
    rapport.schrijven(resultaat, pad)
    tekst = pad.read_text()
    assert "oud" not in tekst and "Uitleg." in tekst and "Slot." in tekst
    assert "| Casuspagina |" in tekst and "Casusstatus herberekenen" in tekst and "40 casussen" in tekst
    # A partial run keeps the figures it did not measure.
    deel = rapport.samenvoegen(resultaat, {"paginas": [dict(metingen[0], p50_ms=1.0)], "batch": []})
    assert [p["naam"] for p in deel["paginas"]].count("werkstroom") == 1 and len(deel["paginas"]) == len(metingen)
