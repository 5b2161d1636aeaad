"""The audit log partitioned by month (native PostgreSQL range partitioning on tijdstip), and append-only
by privilege instead of by a session setting (issue 21.5, issue 22):

- ``audit_auditentry`` becomes a partitioned table: one partition per calendar month
  (``audit_auditentry_pYYYYMM``) plus a default partition that catches anything outside them. The
  primary key is (id, tijdstip), as PostgreSQL requires; Django keeps addressing rows by id.
- ``audit_partitie_aanmaken(maand)`` / ``audit_partities_vooruit(vanaf, maanden)`` create the partitions
  ahead (the beat job ``audit-partities`` and ``manage.py audit_partities``); rows of that month that
  landed in the default partition move into the new one.
- Two roles without login: ``cris_applicatie`` (the privileges of the application; the login role of
  docker-compose is a member, see ``manage.py db_rollen``) and ``cris_audit_schoner``, which owns the
  three SECURITY DEFINER functions of the retention purge (``audit_schrobben_objecten``,
  ``audit_schrobben_clienten``, ``audit_maanden_wissen``) and is the only role whose UPDATE or DELETE the
  trigger lets through. There is no setting a session can switch on; TRUNCATE is refused by a trigger.
"""

import django.contrib.postgres.fields
import django.contrib.postgres.indexes
from django.db import migrations, models

SQL = r"""
DO $$
BEGIN
    BEGIN CREATE ROLE cris_applicatie NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END;
    BEGIN CREATE ROLE cris_audit_schoner NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END;
END $$;

DROP TRIGGER IF EXISTS audit_auditentry_append_only ON audit_auditentry;
ALTER TABLE audit_auditentry RENAME TO audit_auditentry_oud;

CREATE SEQUENCE audit_auditentry_id_seq_p AS bigint;
CREATE TABLE audit_auditentry (
    id bigint NOT NULL DEFAULT nextval('audit_auditentry_id_seq_p'),
    tijdstip timestamptz NOT NULL,
    actor_id bigint NULL,
    actor_weergave varchar(200) NOT NULL,
    actie varchar(20) NOT NULL,
    bron varchar(10) NOT NULL,
    object_type varchar(100) NOT NULL,
    object_id varchar(64) NOT NULL,
    object_weergave varchar(300) NOT NULL,
    client_id bigint NULL,
    reden text NOT NULL,
    request_id varchar(64) NOT NULL,
    ip_adres inet NULL,
    wijzigingen jsonb NOT NULL,
    client_ids bigint[] NOT NULL DEFAULT '{}',
    PRIMARY KEY (id, tijdstip)
) PARTITION BY RANGE (tijdstip);
ALTER SEQUENCE audit_auditentry_id_seq_p OWNED BY audit_auditentry.id;
CREATE TABLE audit_auditentry_standaard PARTITION OF audit_auditentry DEFAULT;

-- Append-only: UPDATE and DELETE only by the purge's functions (running as cris_audit_schoner), never
-- TRUNCATE. Row triggers are cloned onto every partition; the TRUNCATE guard is put on each partition too.
CREATE OR REPLACE FUNCTION audit_auditentry_append_only() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND current_user = 'cris_audit_schoner' THEN
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit log is append-only: % on audit_auditentry refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$f$;
CREATE TRIGGER audit_auditentry_append_only BEFORE UPDATE OR DELETE ON audit_auditentry
    FOR EACH ROW EXECUTE FUNCTION audit_auditentry_append_only();
CREATE TRIGGER audit_auditentry_geen_truncate BEFORE TRUNCATE ON audit_auditentry
    FOR EACH STATEMENT EXECUTE FUNCTION audit_auditentry_append_only();
CREATE TRIGGER audit_auditentry_geen_truncate BEFORE TRUNCATE ON audit_auditentry_standaard
    FOR EACH STATEMENT EXECUTE FUNCTION audit_auditentry_append_only();

-- One month's partition. SECURITY DEFINER (owned by the migrating role, the table's owner) so that the
-- application's beat job may call it; it only ever adds a partition.
CREATE OR REPLACE FUNCTION audit_partitie_aanmaken(maand date) RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp SET TimeZone = 'UTC' AS $f$
DECLARE
    begin_ timestamptz := date_trunc('month', maand)::date::timestamptz;
    eind_ timestamptz := (date_trunc('month', maand) + interval '1 month')::date::timestamptz;
    naam text := 'audit_auditentry_p' || to_char(maand, 'YYYYMM');
BEGIN
    IF to_regclass(naam) IS NOT NULL THEN
        RETURN false;
    END IF;
    EXECUTE format('CREATE TABLE %I (LIKE audit_auditentry INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', naam);
    IF EXISTS (SELECT 1 FROM audit_auditentry_standaard WHERE tijdstip >= begin_ AND tijdstip < eind_) THEN
        -- Rows of this month that arrived before its partition did: move them, as the table's owner.
        EXECUTE format('INSERT INTO %I SELECT * FROM audit_auditentry_standaard WHERE tijdstip >= $1 AND tijdstip < $2', naam)
            USING begin_, eind_;
        ALTER TABLE audit_auditentry_standaard DISABLE TRIGGER audit_auditentry_append_only;
        DELETE FROM audit_auditentry_standaard WHERE tijdstip >= begin_ AND tijdstip < eind_;
        ALTER TABLE audit_auditentry_standaard ENABLE TRIGGER audit_auditentry_append_only;
    END IF;
    EXECUTE format('ALTER TABLE audit_auditentry ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)', naam, begin_, eind_);
    EXECUTE format('CREATE TRIGGER audit_auditentry_geen_truncate BEFORE TRUNCATE ON %I '
                   'FOR EACH STATEMENT EXECUTE FUNCTION audit_auditentry_append_only()', naam);
    EXECUTE format('REVOKE ALL ON %I FROM PUBLIC, cris_applicatie', naam);
    EXECUTE format('GRANT SELECT, UPDATE (object_id, object_weergave, client_id, client_ids, reden, wijzigingen), DELETE ON %I TO cris_audit_schoner', naam);
    RETURN true;
END;
$f$;

CREATE OR REPLACE FUNCTION audit_partities_vooruit(vanaf date, maanden integer) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $f$
DECLARE
    n integer := 0;
BEGIN
    FOR i IN 0..greatest(maanden, 0) LOOP
        IF audit_partitie_aanmaken((date_trunc('month', vanaf) + make_interval(months => i))::date) THEN
            n := n + 1;
        END IF;
    END LOOP;
    RETURN n;
END;
$f$;

-- The rows of the old table, then a partition for every month they span and the months ahead.
DO $$
DECLARE
    eerste date;
BEGIN
    SELECT min(tijdstip)::date INTO eerste FROM audit_auditentry_oud;
    PERFORM audit_partities_vooruit(least(coalesce(eerste, now()::date), now()::date),
        ((extract(year FROM age(now()::date, date_trunc('month', least(coalesce(eerste, now()::date), now()::date)))) * 12
          + extract(month FROM age(now()::date, date_trunc('month', least(coalesce(eerste, now()::date), now()::date)))))::int + 3));
END $$;
INSERT INTO audit_auditentry (id, tijdstip, actor_id, actor_weergave, actie, bron, object_type, object_id,
    object_weergave, client_id, reden, request_id, ip_adres, wijzigingen) SELECT id, tijdstip, actor_id, actor_weergave, actie, bron, object_type, object_id,
    object_weergave, client_id, reden, request_id, ip_adres, wijzigingen FROM audit_auditentry_oud;
SELECT setval('audit_auditentry_id_seq_p', coalesce((SELECT max(id) FROM audit_auditentry_oud), 0) + 1, false);
DROP TABLE audit_auditentry_oud;

CREATE INDEX audit_client_idx ON audit_auditentry (client_id, tijdstip DESC) WHERE client_id IS NOT NULL;
CREATE INDEX audit_object_idx ON audit_auditentry (object_type, object_id, tijdstip DESC);
CREATE INDEX audit_actor_idx ON audit_auditentry (actor_id, tijdstip DESC);
CREATE INDEX audit_tijdstip_brin ON audit_auditentry USING brin (tijdstip);
CREATE INDEX audit_client_ids_gin ON audit_auditentry USING gin (client_ids) WHERE client_ids <> '{}';

-- The retention purge's scrubbing (SCH-3): the only UPDATE and DELETE the log allows. Each only touches
-- entries about subjects that no longer exist (the purge deleted them earlier in its transaction).
CREATE OR REPLACE FUNCTION audit_schrobben_objecten(label text, ids text[], zout text) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $f$
DECLARE
    tabel regclass := to_regclass(replace(label, '.', '_'));
    sleutel name;
    bestaand text[];
    n bigint;
BEGIN
    IF tabel IS NULL THEN
        RAISE EXCEPTION 'audit_schrobben_objecten: unknown object type %', label;
    END IF;
    SELECT a.attname INTO sleutel FROM pg_index i
        JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
        WHERE i.indrelid = tabel AND i.indisprimary;
    EXECUTE format('SELECT coalesce(array_agg(%1$I::text), ''{}'') FROM %2$s WHERE %1$I::text = ANY($1)', sleutel, tabel)
        INTO bestaand USING ids;
    UPDATE audit_auditentry SET object_weergave = '', reden = '', wijzigingen = '{}'::jsonb, client_id = NULL,
        object_id = encode(sha256(convert_to(zout || ':' || object_type || ':' || object_id, 'UTF8')), 'hex')
    WHERE object_type = label AND object_id = ANY(ids) AND NOT (object_id = ANY(bestaand));
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN n;
END;
$f$;

CREATE OR REPLACE FUNCTION audit_schrobben_clienten(ids bigint[]) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $f$
DECLARE
    weg bigint[];
    n bigint;
    m bigint;
BEGIN
    SELECT coalesce(array_agg(i), '{}') INTO weg FROM unnest(ids) i
        WHERE NOT EXISTS (SELECT 1 FROM casus_client c WHERE c.id = i);
    UPDATE audit_auditentry SET object_weergave = '', reden = '', wijzigingen = '{}'::jsonb, client_id = NULL
        WHERE client_id = ANY(weg);
    GET DIAGNOSTICS n = ROW_COUNT;
    -- List views (AUT-3) hold the ids of the clients shown: take the purged ones out of those lists.
    UPDATE audit_auditentry SET client_ids = array(SELECT x FROM unnest(client_ids) x WHERE x <> ALL(weg))
        WHERE client_ids && weg;
    GET DIAGNOSTICS m = ROW_COUNT;
    RETURN n + m;
END;
$f$;

-- Whole months of the log past their retention (SCH-3); never a month of the last year.
CREATE OR REPLACE FUNCTION audit_maanden_wissen(van timestamptz, tot timestamptz) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $f$
DECLARE
    n bigint;
BEGIN
    IF tot > now() - interval '1 year' THEN
        RAISE EXCEPTION 'audit_maanden_wissen: the audit log of the last year is kept (until %)', tot
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    DELETE FROM audit_auditentry WHERE tijdstip >= van AND tijdstip < tot;
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN n;
END;
$f$;

ALTER FUNCTION audit_schrobben_objecten(text, text[], text) OWNER TO cris_audit_schoner;
ALTER FUNCTION audit_schrobben_clienten(bigint[]) OWNER TO cris_audit_schoner;
ALTER FUNCTION audit_maanden_wissen(timestamptz, timestamptz) OWNER TO cris_audit_schoner;
REVOKE ALL ON FUNCTION audit_schrobben_objecten(text, text[], text), audit_schrobben_clienten(bigint[]),
    audit_maanden_wissen(timestamptz, timestamptz), audit_partitie_aanmaken(date),
    audit_partities_vooruit(date, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION audit_schrobben_objecten(text, text[], text), audit_schrobben_clienten(bigint[]),
    audit_maanden_wissen(timestamptz, timestamptz), audit_partitie_aanmaken(date),
    audit_partities_vooruit(date, integer) TO cris_applicatie;

-- The scrubber reads every table (to see that a subject is gone) and scrubs only the personal columns.
GRANT USAGE ON SCHEMA public TO cris_audit_schoner;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO cris_audit_schoner;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO cris_audit_schoner;
GRANT SELECT, UPDATE (object_id, object_weergave, client_id, client_ids, reden, wijzigingen), DELETE
    ON audit_auditentry, audit_auditentry_standaard TO cris_audit_schoner;
DO $$
DECLARE
    p regclass;
BEGIN
    FOR p IN SELECT inhrelid::regclass FROM pg_inherits WHERE inhparent = 'audit_auditentry'::regclass LOOP
        EXECUTE format('GRANT SELECT, UPDATE (object_id, object_weergave, client_id, client_ids, reden, wijzigingen), DELETE ON %s TO cris_audit_schoner', p);
    END LOOP;
END $$;
REVOKE UPDATE, DELETE, TRUNCATE ON audit_auditentry FROM PUBLIC, cris_applicatie;
"""


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only")]
    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunSQL(SQL, migrations.RunSQL.noop)],
            state_operations=[
                migrations.AddField(
                    model_name="auditentry",
                    name="client_ids",
                    field=django.contrib.postgres.fields.ArrayField(
                        base_field=models.BigIntegerField(), blank=True, default=list, size=None,
                        verbose_name="cliënt-ids (lijsten)",
                    ),
                ),
                migrations.AddIndex(
                    model_name="auditentry",
                    index=django.contrib.postgres.indexes.GinIndex(
                        condition=models.Q(("client_ids", []), _negated=True),
                        fields=["client_ids"],
                        name="audit_client_ids_gin",
                    ),
                ),
            ],
        )
    ]
