"""Production figures kept apart from the live services (DIE-4): those of purged work (SCH-3), and the
pre-computed figures of closed months with their staleness."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import connection, transaction

from cris import klok
from diensten.models import ProductieMaand
from diensten.productie import CIJFERS, lopende_maand, productie_sql

_VAN_CASUSSEN = productie_sql(
    nieuw="d.casus_id = ANY(%(ids)s)",
    gesloten="d.casus_id = ANY(%(ids)s)",
    tijd="t.dienst_id IN (SELECT id FROM diensten_dienst WHERE casus_id = ANY(%(ids)s))",
    geschoond=None,
)


BEWAREN_SQL = f"""
INSERT INTO diensten_geschoondeproductie (maand, soort_id, district_id, team_id, {", ".join(CIJFERS)})
{_VAN_CASUSSEN}
RETURNING maand
"""


def productie_bewaren(*, casus_ids: list[int]) -> int:
    """Before purging these cases (SCH-3): keep their production figures as anonymous monthly aggregates,
    with the one definition the production report and the BI view use (diensten.productie), so the report
    counts the purged work the same as before. Call it in the purge's transaction, before the delete; returns the
    rows written. The closed months it touches are marked stale: their services are about to go."""
    if not casus_ids:
        return 0
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(BEWAREN_SQL, {"tz": settings.TIME_ZONE, "ids": list(casus_ids)})
        rijen = cursor.rowcount
        maanden_verouderd(maand for (maand,) in cursor.fetchall())
        return rijen


# --- pre-computed months ---------------------------------------------------------------------------------

#: A month is pre-computed only this long after it ended: a write that took its time ("now") in the month
#: just before midnight and commits after it is then in the figures, though it did not mark the month stale.
MARGE = timedelta(hours=1)

_MAAND_SQL = f"""
INSERT INTO diensten_voorberekendeproductie (maand, soort_id, district_id, team_id, {", ".join(CIJFERS)})
{productie_sql(maanden="SELECT %(maand)s::date AS maand")}
"""

_VEROUDERD_SQL = """
INSERT INTO diensten_productiemaand (maand, verouderd) SELECT unnest(%s::date[]), true
ON CONFLICT (maand) DO UPDATE SET verouderd = true WHERE NOT diensten_productiemaand.verouderd
"""


def maand_van(moment: datetime | date | None) -> date | None:
    """The month (first day, local time) an instant or date counts in."""
    if moment is None:
        return None
    dag = klok.lokale_datum(moment) if isinstance(moment, datetime) else moment
    return dag.replace(day=1)


def maanden_verouderd(maanden: Iterable[date | None]) -> None:
    """A write changed the production of these months: the closed ones among them are read live until the job
    computes them again. Call it in the write's transaction. One statement, and none for the running month
    (the common case); the row lock it takes makes the job's computation of that month wait for the write,
    or the write wait for the computation and mark it stale after."""
    gesloten = sorted({m for m in maanden if m is not None and m < lopende_maand()})
    if gesloten:
        with connection.cursor() as cursor:
            cursor.execute(_VEROUDERD_SQL, [gesloten])


def maand_berekenen(maand: date) -> int:
    """Compute one closed month's figures again, by the one definition (diensten.productie); returns the rows.
    The month's ProductieMaand row is locked for the computation: a concurrent write that marks it stale either
    committed before (and is counted) or waits and marks it stale after."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO diensten_productiemaand (maand, verouderd) VALUES (%s, true) ON CONFLICT DO NOTHING", [maand]
        )
        cursor.execute("SELECT 1 FROM diensten_productiemaand WHERE maand = %s FOR UPDATE", [maand])
        cursor.execute("DELETE FROM diensten_voorberekendeproductie WHERE maand = %s", [maand])
        cursor.execute(_MAAND_SQL, {"tz": settings.TIME_ZONE, "maand": maand})
        rijen = cursor.rowcount
        cursor.execute(
            "UPDATE diensten_productiemaand SET verouderd = false, berekend_op = %s WHERE maand = %s",
            [klok.nu(), maand],
        )
    return rijen


def _eerste_maand() -> date | None:
    """The first month with any production: services are closed after they are registered, so three minima
    (each the first entry of an index on time) bound it."""
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT least((SELECT min(aangemaakt_op) AT TIME ZONE %s FROM diensten_dienst)::date,
                            (SELECT min(datum) FROM diensten_tijdsbesteding),
                            (SELECT min(maand) FROM diensten_geschoondeproductie))""",
            [settings.TIME_ZONE],
        )
        return maand_van(cursor.fetchone()[0])


def te_berekenen(*, alles: bool = False) -> list[date]:
    """The closed months (ended at least MARGE ago) from the first with production that have no current
    pre-computed figures: never computed, or stale. With ``alles`` every one of them."""
    eerste = _eerste_maand()
    if eerste is None:
        return []
    laatste = maand_van(klok.nu() - MARGE)
    maanden, m = [], eerste
    while m < laatste:
        maanden.append(m)
        m = (m + timedelta(days=32)).replace(day=1)
    if alles:
        return maanden
    vers = set(ProductieMaand.objects.filter(maand__in=maanden, verouderd=False).values_list("maand", flat=True))
    return [m for m in maanden if m not in vers]


def productie_voorberekenen(*, alles: bool = False) -> list[date]:
    """DIE-4, the periodic job: (re)compute every closed month without current figures, each in its own
    transaction; idempotent (a second run finds nothing to do). Returns the months computed."""
    maanden = te_berekenen(alles=alles)
    for maand in maanden:
        maand_berekenen(maand)
    return maanden
