"""Indexes the management views need on other apps' tables (DIE-4): the reports read a bounded period by
time, never a whole table. Built CONCURRENTLY: the worklists keep writing while they build."""

from django.db import migrations

INDEXEN = [
    ("aanmelding_ontvangen_rap_idx", "aanmelding_aanmelding (ontvangen_op) INCLUDE (kanaal)"),
    ("taak_type_deadline_rap_idx", "taken_taak (type_id, deadline) INCLUDE (id)"),
]


class Migration(migrations.Migration):
    atomic = False
    dependencies = [("aanmelding", "0001_initial"), ("taken", "0001_initial")]
    operations = [
        migrations.RunSQL(
            f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {naam} ON {definitie}",
            f"DROP INDEX CONCURRENTLY IF EXISTS {naam}",
        )
        for naam, definitie in INDEXEN
    ]
