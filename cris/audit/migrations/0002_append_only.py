"""The audit log is append-only at the database: UPDATE and DELETE are refused by a trigger, except in
a transaction that set cris.audit_schoning = 'aan' (the retention purge, via audit_purge_allowed())."""

from django.db import migrations

SQL = """
CREATE FUNCTION audit_auditentry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('cris.audit_schoning', true) = 'aan' THEN
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit log is append-only: % on audit_auditentry refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_auditentry_append_only
    BEFORE UPDATE OR DELETE ON audit_auditentry
    FOR EACH ROW EXECUTE FUNCTION audit_auditentry_append_only();
"""

REVERSE = """
DROP TRIGGER IF EXISTS audit_auditentry_append_only ON audit_auditentry;
DROP FUNCTION IF EXISTS audit_auditentry_append_only();
"""


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunSQL(SQL, REVERSE)]
