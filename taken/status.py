"""CAS-3: the status of a casus, derived from its tasks in one SQL statement, used both for one casus
(inside the transaction that changed a task) and in bulk (the nightly run, `casusstatus_herberekenen`).

  Nieuw        no task In behandeling or Gerealiseerd
  Actief       a task In behandeling
  Passief      a task Gerealiseerd and none Nieuw, Toegewezen or In behandeling
  Afgerond     Passief for AFRONDEN_NA_DAGEN days or more (nightly)
  Geannuleerd  every task Afgebroken
A task Gerealiseerd while others are still Nieuw or Toegewezen fits none of these in the SPEC; we read
it as Actief: work on the casus has started and is not finished.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import connection

from cris import klok

SQL = """
WITH agg AS (
    SELECT c.id, c.status AS oud, c.passief_sinds, c.afgerond_op,
           count(t.id) AS n,
           count(t.id) FILTER (WHERE t.status = 'in_behandeling') AS bezig,
           count(t.id) FILTER (WHERE t.status IN ('nieuw', 'toegewezen')) AS open,
           count(t.id) FILTER (WHERE t.status = 'gerealiseerd') AS klaar,
           count(t.id) FILTER (WHERE t.status = 'afgebroken') AS afgebroken
    FROM casus_casus c LEFT JOIN taken_taak t ON t.casus_id = c.id
    WHERE c.id = ANY(%(ids)s) OR %(alles)s
    GROUP BY c.id
), afgeleid AS (
    SELECT id, oud, afgerond_op,
           CASE WHEN bezig > 0 THEN 'actief'
                WHEN n > 0 AND afgebroken = n THEN 'geannuleerd'
                WHEN klaar > 0 AND open = 0 THEN 'passief'
                WHEN klaar > 0 THEN 'actief'
                ELSE 'nieuw' END AS basis,
           CASE WHEN oud IN ('passief', 'afgerond') THEN COALESCE(passief_sinds, %(nu)s) ELSE %(nu)s END AS sinds
    FROM agg
), nieuw AS (
    SELECT id, oud, afgerond_op,
           CASE WHEN basis = 'passief' AND sinds <= %(grens)s THEN 'afgerond' ELSE basis END AS status,
           CASE WHEN basis = 'passief' THEN sinds END AS passief_sinds
    FROM afgeleid
)
UPDATE casus_casus c
SET status = n.status,
    passief_sinds = n.passief_sinds,
    afgerond_op = CASE WHEN n.status = 'afgerond'
                       THEN COALESCE(CASE WHEN n.oud = 'afgerond' THEN n.afgerond_op END, %(nu)s) END
FROM nieuw n
WHERE c.id = n.id AND (c.status IS DISTINCT FROM n.status OR c.passief_sinds IS DISTINCT FROM n.passief_sinds)
RETURNING c.id, c.client_id, n.oud, c.status
"""


@dataclass(frozen=True)
class Wijziging:
    casus_id: int
    client_id: int
    oud: str
    nieuw: str


def afronden_na() -> timedelta:
    return timedelta(days=settings.CASUS_AFRONDEN_NA_DAGEN)


def herberekenen(*, casus_ids: list[int] | None = None, nu: datetime | None = None) -> list[Wijziging]:
    """Recompute the status of these cases (None: all) and return what changed. Idempotent."""
    nu = nu or klok.nu()
    params = {"ids": casus_ids or [], "alles": casus_ids is None, "nu": nu, "grens": nu - afronden_na()}
    with connection.cursor() as cursor:
        cursor.execute(SQL, params)
        return [Wijziging(*row) for row in cursor.fetchall() if row[2] != row[3]]
