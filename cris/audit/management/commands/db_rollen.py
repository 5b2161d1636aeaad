"""The application's database role (issue 21.5): run by the table owner after every ``migrate``.

    CRIS_DB_APP_GEBRUIKER=cris_app CRIS_DB_APP_WACHTWOORD=... manage.py db_rollen

Creates (or updates the password of) the login role the web, worker and beat processes use, a member of
``cris_applicatie``, and gives ``cris_applicatie`` what the application needs: read and write on every
table, except the audit log, which it may only read and append to (no UPDATE, DELETE or TRUNCATE; the
retention purge's scrubbing goes through SECURITY DEFINER functions owned by ``cris_audit_schoner``).
The login role owns nothing, so it cannot disable a trigger or alter a table either. Idempotent.
"""

import os

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from psycopg.sql import Literal

APP_ROL = "cris_applicatie"
AUDIT_TABEL = "audit_auditentry"

GRANTS = f"""
GRANT USAGE ON SCHEMA public TO {APP_ROL};
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {APP_ROL};
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {APP_ROL};
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {APP_ROL};
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO {APP_ROL};
REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON {AUDIT_TABEL} FROM PUBLIC, {APP_ROL};
GRANT SELECT, INSERT ON {AUDIT_TABEL} TO {APP_ROL};
DO $$
DECLARE
    p regclass;
BEGIN
    -- The application reaches the partitions only through the parent table.
    FOR p IN SELECT inhrelid::regclass FROM pg_inherits WHERE inhparent = '{AUDIT_TABEL}'::regclass LOOP
        EXECUTE format('REVOKE ALL ON %s FROM PUBLIC, {APP_ROL}', p);
    END LOOP;
END $$;
"""  # noqa: S608


def rechten_toekennen() -> None:
    """The privileges of cris_applicatie in this database (also used by the database-level test)."""
    with connection.cursor() as cursor:
        cursor.execute(GRANTS)
        cursor.execute(
            f"GRANT CONNECT ON DATABASE {connection.ops.quote_name(connection.settings_dict['NAME'])} TO {APP_ROL}"
        )


class Command(BaseCommand):
    help = "Maak de databaserol van de applicatie aan (geen eigenaar; het auditlog alleen lezen en aanvullen)."

    def add_arguments(self, parser):
        parser.add_argument("--gebruiker", default=os.environ.get("CRIS_DB_APP_GEBRUIKER", ""))
        parser.add_argument("--wachtwoord", default=os.environ.get("CRIS_DB_APP_WACHTWOORD", ""))

    def handle(self, *args, gebruiker: str, wachtwoord: str, **options):
        with transaction.atomic():
            rechten_toekennen()
            if gebruiker:
                if not wachtwoord:
                    raise CommandError("CRIS_DB_APP_WACHTWOORD ontbreekt voor de applicatierol.")
                if gebruiker == connection.settings_dict["USER"]:
                    raise CommandError("De applicatierol moet een andere rol zijn dan de eigenaar van de tabellen.")
                naam = connection.ops.quote_name(gebruiker)
                with connection.cursor() as cursor:
                    cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [gebruiker])
                    bestaat = cursor.fetchone() is not None
                    # A role's password cannot be a bound parameter: quote it as a literal.
                    wachtwoord_sql = Literal(wachtwoord).as_string(connection.connection)
                    if bestaat:
                        cursor.execute(
                            f"ALTER ROLE {naam} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD {wachtwoord_sql}"
                        )
                    else:
                        cursor.execute(f"CREATE ROLE {naam} LOGIN PASSWORD {wachtwoord_sql}")
                    cursor.execute(f"GRANT {APP_ROL} TO {naam}")
        self.stdout.write(f"rechten van {APP_ROL} gezet" + (f"; inlogrol {gebruiker} is lid" if gebruiker else ""))
