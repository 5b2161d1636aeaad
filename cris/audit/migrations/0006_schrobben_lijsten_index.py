"""The purge's list scrubbing (audit_schrobben_clienten, SCH-3) finds the list entries of the purged clients
through the partial GIN index on client_ids: its condition now says ``client_ids <> '{}'``, the index's own
predicate, which PostgreSQL cannot derive from ``client_ids && weg``. Without it every batch of the purge read
the whole audit log, every partition, to find the few list entries (the same rule as the inzage page's
condition). Rows with an empty list never overlap anything, so the function scrubs exactly what it did."""

from django.db import migrations

SQL = r"""
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
    UPDATE audit_auditentry SET client_ids = array(SELECT x FROM unnest(client_ids) x WHERE x <> ALL(weg)),
            reden = '', wijzigingen = '{}'::jsonb
        WHERE client_ids && weg AND client_ids <> '{}';
    GET DIAGNOSTICS m = ROW_COUNT;
    RETURN n + m;
END;
$f$;
ALTER FUNCTION audit_schrobben_clienten(bigint[]) OWNER TO cris_audit_schoner;
"""


class Migration(migrations.Migration):
    dependencies = [("audit", "0005_schrobben_lijsten")]
    operations = [migrations.RunSQL(SQL, migrations.RunSQL.noop)]
