"""The list entries' GIN index (audit_client_ids_gin) merged in the background, not in a page view.

GIN queues new entries in a pending list (``fastupdate``, PostgreSQL's default); the INSERT that finds the list
at ``gin_pending_list_limit`` (4 MB, ~6,000 list entries) merges all of it into the index, and the page view that
wrote it waits: 71-91 ms measured on a worklist view and a search (docs/benchmarks.md). Every search of the index
(the privacy officer's "wie heeft dit dossier ingezien", the purge's list scrubbing) also reads the whole list.

``audit_lijstindex_bijwerken()`` merges the pending list of every partition's GIN index now; the beat job
``audit-lijstindex`` calls it every minute, so a list never grows to where a page view pays for it. Merging
needs the index's owner: SECURITY DEFINER, owned by the migrating role (the table's owner), executable by the
application's role, like ``audit_partities_vooruit``. It only reorganises the index; no row is read or changed.
"""

from django.db import migrations

SQL = r"""
CREATE OR REPLACE FUNCTION audit_lijstindex_bijwerken() RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $f$
DECLARE
    index_ regclass;
    pagina_s bigint := 0;
BEGIN
    FOR index_ IN
        SELECT x.indexrelid::regclass FROM pg_inherits i
        JOIN pg_index x ON x.indrelid = i.inhrelid
        JOIN pg_class c ON c.oid = x.indexrelid
        JOIN pg_am a ON a.oid = c.relam
        WHERE i.inhparent = 'audit_auditentry'::regclass AND a.amname = 'gin' AND x.indisvalid
    LOOP
        pagina_s := pagina_s + gin_clean_pending_list(index_);
    END LOOP;
    RETURN pagina_s;
END;
$f$;
REVOKE ALL ON FUNCTION audit_lijstindex_bijwerken() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION audit_lijstindex_bijwerken() TO cris_applicatie;
"""


class Migration(migrations.Migration):
    dependencies = [("audit", "0006_schrobben_lijsten_index")]
    operations = [migrations.RunSQL(SQL, "DROP FUNCTION IF EXISTS audit_lijstindex_bijwerken()")]
