"""The audit log at database level (AUT-3; issue 21.5 and issue 22): partitioned by month, append-only by
privilege and trigger, scrubbed only through the purge's SECURITY DEFINER functions.

The tests connect as a superuser and take on the application's role with SET ROLE cris_applicatie, the
role that docker-compose's login role is a member of (manage.py db_rollen)."""

from datetime import UTC, date, datetime

import pytest
from django.core.management import call_command
from django.db import DatabaseError, ProgrammingError, connection, transaction

from cris.audit.api import (
    Actie,
    audit_lijst,
    audit_lijstindex_bijwerken,
    audit_maanden_wissen,
    audit_partities_vooruit,
    audit_record,
    audit_schrobben_clienten,
    audit_schrobben_objecten,
)
from cris.audit.management.commands.db_rollen import rechten_toekennen
from cris.audit.models import AuditEntry
from tests import chain
from tests.audit_helpers import auditregel_verplaatsen

pytestmark = pytest.mark.django_db


def _sql(sql, params=None):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall() if cursor.description else cursor.rowcount


def _partitie(entry_id) -> str:
    return _sql("SELECT tableoid::regclass::text FROM audit_auditentry WHERE id = %s", [entry_id])[0][0]


def _als_applicatie(sql, params=None):
    """Run one statement as the application role, inside a savepoint (an error rolls the role back too)."""
    with transaction.atomic():
        _sql("SET LOCAL ROLE cris_applicatie")
        uitkomst = _sql(sql, params)
        _sql("RESET ROLE")
        return uitkomst


def test_issue22_the_audit_table_is_partitioned_by_month_after_a_fresh_migrate():
    (strategie,) = _sql("SELECT partstrat FROM pg_partitioned_table WHERE partrelid = 'audit_auditentry'::regclass")[0]
    assert strategie == "r"
    partities = {
        r[0]: r[1]
        for r in _sql(
            "SELECT c.relname, pg_get_expr(c.relpartbound, c.oid) FROM pg_inherits i "
            "JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'audit_auditentry'::regclass"
        )
    }
    assert partities.pop("audit_auditentry_standaard") == "DEFAULT"
    # The month by the database's own clock, which the migration used (CRIS_TEST_NU moves only Python's).
    ((maand,),) = _sql("SELECT to_char(now() AT TIME ZONE 'UTC', 'YYYYMM')")
    assert f"audit_auditentry_p{maand}" in partities
    assert len(partities) >= 4  # this month and three ahead
    assert all("FOR VALUES FROM" in grens for grens in partities.values())


def test_issue22_partitions_are_created_ahead_and_rows_from_the_default_partition_move_in():
    verloren = audit_record(Actie.LEZEN, object_type="casus.casus", object_id=1, client_id=5)
    auditregel_verplaatsen(verloren, datetime(2040, 6, 15, 12, tzinfo=UTC))
    assert _partitie(verloren.pk) == "audit_auditentry_standaard"
    # The beat job's function, as the application may call it.
    assert _als_applicatie("SELECT audit_partities_vooruit(%s, 1)", ["2040-06-03"]) == [(2,)]
    assert _partitie(verloren.pk) == "audit_auditentry_p204006"
    assert AuditEntry.objects.get(pk=verloren.pk).client_id == 5
    assert audit_partities_vooruit(date(2040, 6, 3), 1) == 0  # idempotent
    call_command("audit_partities", maanden=0)  # the on-demand command


def test_issue21_5_the_application_role_cannot_update_delete_or_truncate_the_audit_log():
    rechten_toekennen()
    entry = _als_applicatie(
        "INSERT INTO audit_auditentry (tijdstip, actor_weergave, actie, bron, object_type, object_id, "
        "object_weergave, reden, request_id, wijzigingen) VALUES (now(), '', 'lezen', 'web', 'casus.casus', '1', "
        "'Jansen', 'x', '', '{}') RETURNING id"
    )[0][0]
    assert _als_applicatie("SELECT count(*) FROM audit_auditentry WHERE id = %s", [entry]) == [(1,)]
    partitie = _partitie(entry)
    for sql in (
        f"UPDATE audit_auditentry SET reden = '' WHERE id = {entry}",
        f"DELETE FROM audit_auditentry WHERE id = {entry}",
        "TRUNCATE audit_auditentry",
        f"UPDATE {partitie} SET reden = '' WHERE id = {entry}",
        f"DELETE FROM {partitie} WHERE id = {entry}",
        f"TRUNCATE {partitie}",
        "ALTER TABLE audit_auditentry DISABLE TRIGGER audit_auditentry_append_only",
        f"ALTER TABLE {partitie} DISABLE TRIGGER USER",
    ):
        with pytest.raises(ProgrammingError, match=r"permission denied|must be owner|must be member"):
            _als_applicatie(sql)
    # No role to switch to: the scrubbing's role is not the application's (SET ROLE needs membership).
    assert _sql("SELECT pg_has_role('cris_applicatie', 'cris_audit_schoner', 'MEMBER')") == [(False,)]
    # Nor is it (a member of) the table's owner.
    assert _sql(
        "SELECT pg_has_role('cris_applicatie', relowner, 'MEMBER') FROM pg_class "
        "WHERE oid = 'audit_auditentry'::regclass"
    ) == [(False,)]
    # The old escape hatch is gone: setting it changes nothing.
    with pytest.raises(ProgrammingError, match="permission denied"):
        _als_applicatie(
            f"SELECT set_config('cris.audit_schoning', 'aan', true); UPDATE audit_auditentry SET reden = '' "
            f"WHERE id = {entry}"
        )
    assert AuditEntry.objects.get(pk=entry).reden == "x"


def test_issue21_5_the_trigger_refuses_even_the_owner_and_truncate():
    entry = audit_record(Actie.LEZEN, object_type="casus.casus", object_id=1, reason="x")
    for sql in (
        "SELECT set_config('cris.audit_schoning', 'aan', true); UPDATE audit_auditentry SET reden = ''",
        "DELETE FROM audit_auditentry",
        "TRUNCATE audit_auditentry",
        f"TRUNCATE {_partitie(entry.pk)}",
        "TRUNCATE audit_auditentry_standaard",
    ):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            _sql(sql)
    assert AuditEntry.objects.filter(pk=entry.pk, reden="x").exists()


def test_issue21_5_the_scrubbing_functions_only_touch_subjects_that_no_longer_exist():
    rechten_toekennen()
    casus = chain.casus()
    over_client = audit_record(Actie.LEZEN, obj=casus, client_id=casus.client_id, reason="bestaat nog")
    # Called by the application role on a living client or casus: nothing happens.
    assert _als_applicatie("SELECT audit_schrobben_clienten(%s::bigint[])", [[casus.client_id]]) == [(0,)]
    assert _als_applicatie("SELECT audit_schrobben_objecten('casus.casus', %s, 'zout')", [[str(casus.pk)]]) == [(0,)]
    assert AuditEntry.objects.get(pk=over_client.pk).reden == "bestaat nog"
    # Nor can it wipe the recent log.
    with pytest.raises(DatabaseError, match="last year"):
        _als_applicatie("SELECT audit_maanden_wissen(now() - interval '1 month', now())")
    with pytest.raises(DatabaseError, match="unknown object type"):
        audit_schrobben_objecten("bestaat.niet", [1], "zout")


def test_issue22_scrubbing_works_across_two_partitions_and_takes_the_client_out_of_lists():
    rechten_toekennen()
    weg, blijft = 900001, 900002  # clients that do not exist (any more)
    oud = audit_record(Actie.WIJZIGEN, object_type="casus.casus", object_id=777777, client_id=weg, reason="Jansen")
    auditregel_verplaatsen(oud, datetime(2025, 1, 10, tzinfo=UTC))
    audit_partities_vooruit(date(2025, 1, 1), 0)
    nieuw = audit_record(Actie.LEZEN, object_type="casus.casus", object_id=777777, client_id=weg, reason="Jansen")
    lijst = audit_lijst(actor=None, lijst="werkvoorraad", client_ids=[weg, blijft])
    assert _partitie(oud.pk) == "audit_auditentry_p202501" and _partitie(nieuw.pk) != _partitie(oud.pk)

    # As the purge runs it: the application role, through the functions.
    with transaction.atomic():
        _sql("SET LOCAL ROLE cris_applicatie")
        assert audit_schrobben_objecten("casus.casus", [777777], "zout") == 2
        assert audit_schrobben_clienten([weg]) == 1  # the list entry; the other two went with the casus
        _sql("RESET ROLE")

    for entry in (oud, nieuw):
        entry.refresh_from_db()
        assert (entry.client_id, entry.reden, entry.object_weergave) == (None, "", "")
        assert entry.object_id not in ("777777", "") and len(entry.object_id) == 64
    lijst.refresh_from_db()
    assert lijst.client_ids == [blijft]


def test_sch3_scrubbing_finds_its_entries_through_the_indexes_of_every_partition():
    """The purge scrubs per batch of 1,000 casussen: each statement of the scrubbing functions must reach the
    entries through an index of each partition, never by reading the whole log (issue 22's list scrubbing
    read every partition once per batch: the partial GIN index needs its own predicate in the condition)."""
    rechten_toekennen()
    weg = 900003
    audit_record(Actie.WIJZIGEN, object_type="casus.casus", object_id=777778, client_id=weg, reason="Jansen")
    lijst = audit_lijst(actor=None, lijst="werkvoorraad", client_ids=[weg, 900004])

    def gelezen() -> dict[str, int]:
        return dict(
            _sql(
                "SELECT relname, coalesce(seq_scan, 0) FROM pg_stat_xact_all_tables WHERE relid IN "
                "(SELECT inhrelid FROM pg_inherits WHERE inhparent = 'audit_auditentry'::regclass)"
            )
        )

    with transaction.atomic():
        _sql("SET LOCAL enable_seqscan = off")  # so an index that applies is taken, at any table size
        _sql("SET LOCAL ROLE cris_applicatie")
        voor = gelezen()
        assert audit_schrobben_objecten("casus.casus", [777778], "zout") == 1
        assert audit_schrobben_clienten([weg]) == 1
        _sql("RESET ROLE")
        assert gelezen() == voor  # no partition read whole
    lijst.refresh_from_db()
    assert lijst.client_ids == [900004]


def test_sch3_whole_old_months_are_deleted_through_the_function():
    rechten_toekennen()
    oud = audit_record(Actie.LEZEN, object_type="casus.casus", object_id=1)
    auditregel_verplaatsen(oud, datetime(2020, 3, 5, tzinfo=UTC))
    blijft = audit_record(Actie.LEZEN, object_type="casus.casus", object_id=2)
    with transaction.atomic():
        _sql("SET LOCAL ROLE cris_applicatie")
        assert audit_maanden_wissen(datetime(2020, 3, 1, tzinfo=UTC), datetime(2020, 4, 1, tzinfo=UTC)) == 1
        _sql("RESET ROLE")
    assert list(AuditEntry.objects.values_list("pk", flat=True)) == [blijft.pk]


def test_issue22_the_list_index_is_merged_by_the_beat_job_not_by_a_page_view(settings):
    """GIN queues the ids of new list entries in a pending list that the INSERT finding it full merges, at the
    cost of that page view (70-90 ms measured). The beat job merges it every minute instead, through the
    SECURITY DEFINER function the application's role may call (migration 0007); a second run finds nothing."""
    from cris.audit.tasks import lijstindex_bijwerken

    for pagina in range(40):
        audit_lijst(actor=None, lijst="werkvoorraad", client_ids=range(pagina * 50, pagina * 50 + 50))
    ((in_wachtrij,),) = _sql(
        "SELECT count(*) FROM audit_auditentry WHERE client_ids && %s::bigint[]", [[7, 1_007, 1_957]]
    )
    assert in_wachtrij == 3  # found through the pending list as well as after the merge
    assert _als_applicatie("SELECT audit_lijstindex_bijwerken()")[0][0] > 0
    assert audit_lijstindex_bijwerken() == 0
    assert _sql("SELECT count(*) FROM audit_auditentry WHERE client_ids && %s::bigint[]", [[7, 1_007, 1_957]]) == [(3,)]
    audit_lijst(actor=None, lijst="werkvoorraad", client_ids=[1, 2, 3])
    assert lijstindex_bijwerken() == 1  # the Celery task, with its lock
    schema = settings.CELERY_BEAT_SCHEDULE["audit-lijstindex"]
    assert (schema["task"], schema["schedule"]) == ("cris.audit.tasks.lijstindex_bijwerken", 60.0)
