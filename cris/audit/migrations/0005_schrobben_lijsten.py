"""A purged client also leaves the list entries she appeared on without their reason (a search text may
hold her name) and without the ids of the rows shown (her casussen and documents went with her)."""

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
        WHERE client_ids && weg;
    GET DIAGNOSTICS m = ROW_COUNT;
    RETURN n + m;
END;
$f$;
ALTER FUNCTION audit_schrobben_clienten(bigint[]) OWNER TO cris_audit_schoner;
"""


class Migration(migrations.Migration):
    dependencies = [("audit", "0004_bron_api")]
    operations = [migrations.RunSQL(SQL, migrations.RunSQL.noop)]
