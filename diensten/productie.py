"""DIE-4 production figures: the one definition, used by every path that counts production.

Per month (local time, Europe/Amsterdam) × service type × district × team:

  nieuw           services registered in the month (``aangemaakt_op``)
  afgerond        services whose last closing in the month was as Afgerond (``afgesloten_op``), with
  doorlooptijd_s  the sum of their lead times (DIE-3); a reopened service counts in the month it closed again
  afgebroken      services closed as Afgebroken (cancelled, by a person or with their task) in the month
  besteed_minuten minutes of time entries dated in the month, on the dimensions copied on the entry

``productie_sql`` writes the query; its users only choose which rows it reads:

- the production report (``rapportage.selectors.productie``): one period, through the indexes on time, plus
  the figures kept of purged work;
- the purge (``diensten.services.productie.productie_bewaren``): the cases about to be purged, written as anonymous
  aggregates to ``diensten_geschoondeproductie`` (which holds these same columns);
- the BI view ``bi.productie_per_maand`` (``bi_view_sql``, installed after every migrate by
  ``rapportage.apps``): everything, live and purged;
- the monthly pre-computation (``diensten.services.productie.maand_berekenen``): one closed month, written to
  ``diensten_voorberekendeproductie``; the report reads those rows for closed months that are not stale
  (``maanden_sql``, ``verse_maanden``) and counts the other months live.

tests/test_regels.py holds the paths to the same figures on one data set; tests/test_productie_voorberekend.py
the pre-computed months against the live count.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.conf import settings

from cris import klok
from diensten.models import ProductieMaand

#: The figures' columns, in order, after the four dimensions (maand, soort_id, district_id, team_id).
CIJFERS = ("nieuw", "afgerond", "afgebroken", "doorlooptijd_s", "besteed_minuten")

WAAR = "TRUE"


def productie_sql(
    *,
    tz: str = "%(tz)s",
    nieuw: str = WAAR,
    gesloten: str = WAAR,
    tijd: str = WAAR,
    geschoond: str | None = WAAR,
    maanden: str | None = None,
) -> str:
    """SELECT maand, soort_id, district_id, team_id, nieuw, afgerond, afgebroken, doorlooptijd_s,
    besteed_minuten (all bigint), one row per month and dimension.

    The conditions choose rows: ``nieuw`` and ``gesloten`` on the services (alias ``d``), ``tijd`` on the time
    entries (alias ``t``), ``geschoond`` on the figures kept of purged work (alias ``g``; ``None`` leaves them
    out). ``tz`` is the SQL of the time zone: a parameter placeholder, or a literal in a view.

    ``maanden``, when given, is the SQL of a set of months (first days, column ``maand``, e.g.
    ``unnest(%(maanden)s::date[])``): every source then reads only those months, each month as one range
    on its index on time (local month boundaries, as the grouping)."""
    maand = "date_trunc('month', {kolom} AT TIME ZONE " + tz + ")::date"
    bron = {
        "nieuw": "diensten_dienst d",
        "gesloten": "diensten_dienst d",
        "t": "diensten_tijdsbesteding t",
        "g": "diensten_geschoondeproductie g",
    }
    if maanden is not None:
        grens = "(m.maand{plus})::timestamp AT TIME ZONE " + tz
        van, tot = grens.format(plus=""), grens.format(plus=" + interval '1 month'")
        binnen = "{kolom} >= " + van + " AND {kolom} < " + tot
        bron = {
            "nieuw": f"({maanden}) m JOIN diensten_dienst d ON {binnen.format(kolom='d.aangemaakt_op')}",
            "gesloten": f"({maanden}) m JOIN diensten_dienst d ON {binnen.format(kolom='d.afgesloten_op')}",
            "t": f"({maanden}) m JOIN diensten_tijdsbesteding t ON t.datum >= m.maand "
            "AND t.datum < (m.maand + interval '1 month')::date",
            "g": f"({maanden}) m JOIN diensten_geschoondeproductie g ON g.maand = m.maand",
        }
    delen = [
        f"""SELECT {maand.format(kolom="d.aangemaakt_op")}, d.soort_id, d.district_id, d.team_id,
           count(*), 0, 0, 0, 0
    FROM {bron["nieuw"]} WHERE {nieuw}
    GROUP BY 1, 2, 3, 4""",  # noqa: S608 - conditions are the callers' constants
        f"""SELECT {maand.format(kolom="d.afgesloten_op")}, d.soort_id, d.district_id, d.team_id,
           0, count(*) FILTER (WHERE d.status = 'afgerond'), count(*) FILTER (WHERE d.status = 'afgebroken'),
           COALESCE(sum(d.doorlooptijd_s) FILTER (WHERE d.status = 'afgerond'), 0), 0
    FROM {bron["gesloten"]} WHERE d.afgesloten_op IS NOT NULL AND {gesloten}
    GROUP BY 1, 2, 3, 4""",  # noqa: S608 - conditions are the callers' constants
        f"""SELECT date_trunc('month', t.datum)::date, t.soort_id, t.district_id, t.team_id, 0, 0, 0, 0,
           sum(t.minuten)
    FROM {bron["t"]} WHERE {tijd}
    GROUP BY 1, 2, 3, 4""",  # noqa: S608 - conditions are the callers' constants
    ]
    if geschoond is not None:
        delen.append(
            f"""SELECT g.maand, g.soort_id, g.district_id, g.team_id, sum(g.nieuw), sum(g.afgerond),
           sum(g.afgebroken), sum(g.doorlooptijd_s), sum(g.besteed_minuten)
    FROM {bron["g"]} WHERE {geschoond}
    GROUP BY 1, 2, 3, 4"""  # noqa: S608 - conditions are the callers' constants
        )
    feiten = "\n    UNION ALL\n    ".join(delen)
    sommen = ", ".join(f"sum(f.{c})::bigint AS {c}" for c in CIJFERS)
    return f"""SELECT f.maand, f.soort_id, f.district_id, f.team_id, {sommen}
FROM (
    {feiten}
) f (maand, soort_id, district_id, team_id, {", ".join(CIJFERS)})
GROUP BY 1, 2, 3, 4"""  # noqa: S608 - conditions are the callers' constants


def maanden_sql() -> str:
    """The production of a list of whole months, one row per month and dimension as ``productie_sql``: the
    months in ``%(vers)s`` (date[]) from their pre-computed rows (``verse_maanden``), the months in
    ``%(live)s`` (date[]) counted live. ``%(tz)s`` is the time zone."""
    voorberekend = f"""SELECT v.maand, v.soort_id, v.district_id, v.team_id, {", ".join(f"v.{c}" for c in CIJFERS)}
FROM diensten_voorberekendeproductie v WHERE v.maand = ANY(%(vers)s::date[])"""  # noqa: S608 - constants
    return f"{voorberekend}\nUNION ALL\n{productie_sql(maanden='SELECT unnest(%(live)s::date[]) AS maand')}"


def lopende_maand() -> date:
    """The first day of the running month (local time): it and later months are never pre-computed."""
    return klok.vandaag().replace(day=1)


def verse_maanden(maanden: Iterable[date], *, using: str = "default") -> set[date]:
    """Of these months, the closed ones whose pre-computed figures are current: computed, and no write on
    their services or time since (``ProductieMaand.verouderd``). The other months are to be counted live."""
    gesloten = [m for m in maanden if m < lopende_maand()]
    return set(
        ProductieMaand.objects.using(using).filter(maand__in=gesloten, verouderd=False).values_list("maand", flat=True)
    )


KOMMENTAAR = (
    "DIE-4 production per month (Europe/Amsterdam) x service type x district x team: services registered (nieuw), "
    "closed as afgerond (with the sum of their lead times in seconds) or afgebroken, and minutes spent; purged "
    "cases included. The definition of diensten.productie, as the production report."
)


def bi_view_sql() -> str:
    """``bi.productie_per_maand`` (KOP-6): the figures of ``productie_sql`` over everything, with the names of
    the service type, main service, category, district and team. The column list is the view's contract
    with the BI tool (docs/koppelingen.md)."""
    tz = "'" + settings.TIME_ZONE.replace("'", "") + "'"
    return f"""CREATE OR REPLACE VIEW bi.productie_per_maand AS
SELECT p.maand, p.soort_id AS dienstsoort_id, s.naam AS dienstsoort, COALESCE(h.naam, s.naam) AS hoofddienst,
       s.categorie, p.district_id, d.naam AS district, p.team_id, t.naam AS team,
       {", ".join(f"p.{c}" for c in CIJFERS)}
FROM ({productie_sql(tz=tz)}) p
JOIN diensten_dienstsoort s ON s.id = p.soort_id
LEFT JOIN diensten_dienstsoort h ON h.id = s.hoofddienst_id
LEFT JOIN werkstroom_district d ON d.id = p.district_id
JOIN werkstroom_team t ON t.id = p.team_id;
COMMENT ON VIEW bi.productie_per_maand IS '{KOMMENTAAR}';"""  # noqa: S608 - constants of this module
