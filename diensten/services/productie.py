"""Production figures that outlive a purge (SCH-3, DIE-4)."""

from __future__ import annotations

from django.conf import settings
from django.db import connection, transaction

from diensten.productie import CIJFERS, productie_sql

_VAN_CASUSSEN = productie_sql(
    nieuw="d.casus_id = ANY(%(ids)s)",
    gesloten="d.casus_id = ANY(%(ids)s)",
    tijd="t.dienst_id IN (SELECT id FROM diensten_dienst WHERE casus_id = ANY(%(ids)s))",
    geschoond=None,
)


BEWAREN_SQL = f"""
INSERT INTO diensten_geschoondeproductie (maand, soort_id, district_id, team_id, {", ".join(CIJFERS)})
{_VAN_CASUSSEN}
"""


def productie_bewaren(*, casus_ids: list[int]) -> int:
    """Before purging these cases (SCH-3): keep their production figures as anonymous monthly aggregates,
    with the one definition the production report and the BI view use (diensten.productie), so the report
    counts the purged work the same as before. Call it in the purge's transaction, before the delete; returns the
    rows written."""
    if not casus_ids:
        return 0
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(BEWAREN_SQL, {"tz": settings.TIME_ZONE, "ids": list(casus_ids)})
        return cursor.rowcount
