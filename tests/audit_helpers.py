"""Test-only: put audit entries at another moment (the log is append-only, so the application cannot).

The tests connect as a superuser; ``session_replication_role = replica`` (a superuser-only setting) skips
the append-only trigger for this one statement's transaction. The application role cannot do this."""

from django.db import connection, transaction


def auditregel_verplaatsen(entry, tijdstip) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute("UPDATE audit_auditentry SET tijdstip = %s WHERE id = %s", [tijdstip, entry.pk])
        cursor.execute("SET LOCAL session_replication_role = origin")
    entry.tijdstip = tijdstip
