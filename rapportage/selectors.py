"""Production reporting (DIE-4) and the management views, as bounded aggregates.

Every query here reads one period through an index on time, groups in PostgreSQL and returns at most a few
thousand rows; none joins the case or client tables and none returns a person. They run on
``settings.RAPPORTAGE_DATABASE`` (a read replica when CRIS_RAPPORTAGE_DATABASE_URL is set), so a report
never competes with the worklists on the primary.

Production figures per month × service type × district × team have one definition,
``diensten.productie.productie_sql``: the report chooses the period; purged cases (SCH-3) are counted through
diensten_geschoondeproductie, which the purge writes with that same definition
(diensten.services.productie.productie_bewaren), and the BI view bi.productie_per_maand is that definition too.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import connections
from django.utils.translation import gettext as _

from cris import klok
from diensten.models import DienstSoort
from diensten.productie import maanden_sql, verse_maanden
from taken.models import OPEN_TAAKSTATUSSEN_SQL, te_laat_sql
from werkstroom.models import District, Team

MAX_MAANDEN = 36
MAX_WEKEN = 53


class PeriodeFout(ValueError):
    """A period the report cannot take; the message is for the user (Dutch)."""


@dataclass(frozen=True)
class Periode:
    """Whole months: `van` the first day of the first month, `tot` the first day after the last month."""

    van: date
    tot: date

    @classmethod
    def maanden(cls, van: date, tot_en_met: date) -> Periode:
        van = van.replace(day=1)
        laatste = tot_en_met.replace(day=1)
        if laatste < van:
            raise PeriodeFout(_("De eindmaand ligt voor de beginmaand."))
        tot = _volgende_maand(laatste)
        periode = cls(van, tot)
        if periode.aantal_maanden > MAX_MAANDEN:
            raise PeriodeFout(_("Kies een periode van hoogstens %(n)s maanden.") % {"n": MAX_MAANDEN})
        return periode

    @classmethod
    def kwartaal(cls, jaar: int, kwartaal: int) -> Periode:
        if not 1 <= kwartaal <= 4:
            raise PeriodeFout(_("Een kwartaal is 1 tot en met 4."))
        van = date(jaar, 3 * kwartaal - 2, 1)
        return cls.maanden(van, date(jaar, 3 * kwartaal, 1))

    @classmethod
    def uit_tekst(cls, van: str | None, tot: str | None, vandaag: date | None = None) -> Periode:
        """From the form ("2026-07", "2026-09", or a quarter "2026-K3" in `van`); default: this quarter."""
        vandaag = vandaag or klok.vandaag()
        if not van:
            return cls.kwartaal(vandaag.year, (vandaag.month - 1) // 3 + 1)
        kwartaal = re.fullmatch(r"(\d{4})-[KkQq]([1-4])", van.strip())
        if kwartaal:
            return cls.kwartaal(int(kwartaal[1]), int(kwartaal[2]))
        return cls.maanden(_maand(van), _maand(tot or van))

    @property
    def aantal_maanden(self) -> int:
        return (self.tot.year - self.van.year) * 12 + self.tot.month - self.van.month

    @property
    def laatste_maand(self) -> date:
        return (self.tot - timedelta(days=1)).replace(day=1)

    def maandlijst(self) -> list[date]:
        maanden, m = [], self.van
        while m < self.tot:
            maanden.append(m)
            m = _volgende_maand(m)
        return maanden

    def __str__(self) -> str:
        if self.aantal_maanden == 3 and self.van.month % 3 == 1:
            return f"{self.van.year} K{(self.van.month + 2) // 3}"
        if self.aantal_maanden == 1:
            return f"{self.van:%m-%Y}"
        return f"{self.van:%m-%Y} – {self.laatste_maand:%m-%Y}"


def _volgende_maand(d: date) -> date:
    return date(d.year + d.month // 12, d.month % 12 + 1, 1)


def _maand(tekst: str) -> date:
    match = re.fullmatch(r"(\d{4})-(\d{1,2})", (tekst or "").strip())
    if not match or not 1 <= int(match[2]) <= 12 or not 2000 <= int(match[1]) <= 2100:
        raise PeriodeFout(_("Geef een maand op als jjjj-mm, bijvoorbeeld 2026-07."))
    return date(int(match[1]), int(match[2]), 1)


def _cursor():
    return connections[settings.RAPPORTAGE_DATABASE].cursor()


# --- production (DIE-4) ---------------------------------------------------------------------------------

#: Per breakdown, the dimensions the rows keep (month, type, district, team); the others are summed in SQL.
BEHOUDEN = {
    None: ("maand", "soort", "district", "team"),
    "soort": ("soort",),
    "hoofddienst": ("soort",),
    "categorie": ("soort",),
    "district": ("district",),
    "team": ("team",),
    "maand": ("maand",),
}
_KOLOMMEN = {"maand": "p.maand", "soort": "p.soort_id", "district": "p.district_id", "team": "p.team_id"}


def _productie_sql(behouden: tuple[str, ...]) -> str:
    kolommen = ", ".join(_KOLOMMEN[d] if d in behouden else "NULL" for d in _KOLOMMEN)
    return f"""
SELECT {kolommen}, sum(p.nieuw)::bigint, sum(p.afgerond)::bigint, sum(p.afgebroken)::bigint,
       sum(p.doorlooptijd_s)::bigint, sum(p.besteed_minuten)::bigint
FROM ({maanden_sql()}) p JOIN diensten_dienstsoort s ON s.id = p.soort_id
WHERE (%(categorie)s = '' OR s.categorie = %(categorie)s)
  AND (%(district)s::bigint IS NULL OR p.district_id = %(district)s::bigint)
  AND (%(team)s::bigint IS NULL OR p.team_id = %(team)s::bigint)
GROUP BY 1, 2, 3, 4
ORDER BY 1, 2, 3, 4
"""  # noqa: S608 - the columns and the period's conditions are constants; the values are parameters


PRODUCTIE_SQL = {behouden: _productie_sql(behouden) for behouden in set(BEHOUDEN.values())}


@dataclass
class Cijfers:
    nieuw: int = 0
    afgerond: int = 0
    afgebroken: int = 0
    doorlooptijd_s: int = 0
    besteed_minuten: int = 0

    def optellen(self, ander: Cijfers) -> None:
        self.nieuw += ander.nieuw
        self.afgerond += ander.afgerond
        self.afgebroken += ander.afgebroken
        self.doorlooptijd_s += ander.doorlooptijd_s
        self.besteed_minuten += ander.besteed_minuten

    @property
    def gemiddelde_doorlooptijd_dagen(self) -> float | None:
        """DIE-3: mean lead time of the services completed (Afgerond) in the period, in days."""
        return round(self.doorlooptijd_s / self.afgerond / 86_400, 1) if self.afgerond else None

    @property
    def besteed_uren(self) -> float:
        return round(self.besteed_minuten / 60, 1)


@dataclass
class ProductieRij:
    """Figures of one month × type × district × team; a dimension the rows were not kept by is None."""

    maand: date | None
    soort: DienstSoort | None
    district: District | None
    team: Team | None
    cijfers: Cijfers


@dataclass
class Productie:
    periode: Periode
    rijen: list[ProductieRij] = field(default_factory=list)

    @property
    def totaal(self) -> Cijfers:
        totaal = Cijfers()
        for rij in self.rijen:
            totaal.optellen(rij.cijfers)
        return totaal

    def per(self, dimensie: str) -> list[tuple[str, Cijfers]]:
        """Totals per 'soort', 'hoofddienst', 'categorie', 'district', 'team' or 'maand', in a stable order."""
        groepen: dict[tuple, Cijfers] = defaultdict(Cijfers)
        for rij in self.rijen:
            groepen[_sleutel(rij, dimensie)].optellen(rij.cijfers)
        if dimensie == "maand":  # every month of the period, also the empty ones
            for maand in self.periode.maandlijst():
                groepen[(maand, f"{maand:%m-%Y}")]
        return [(label, cijfers) for (_, label), cijfers in sorted(groepen.items(), key=lambda kv: kv[0][0])]


def _sleutel(rij: ProductieRij, dimensie: str) -> tuple:
    if dimensie == "maand":
        return (rij.maand, f"{rij.maand:%m-%Y}")
    if dimensie == "categorie":
        return (rij.soort.categorie, rij.soort.get_categorie_display())
    if dimensie == "hoofddienst":
        hoofd = rij.soort.hoofddienst or rij.soort
        return ((hoofd.categorie, hoofd.volgorde, hoofd.naam), str(hoofd))
    if dimensie == "district":
        return ((rij.district.naam if rij.district else "~"), rij.district.naam if rij.district else _("onbekend"))
    if dimensie == "team":
        return (rij.team.naam, rij.team.naam)
    return ((rij.soort.categorie, rij.soort.volgorde, str(rij.soort)), str(rij.soort))


def productie(
    *,
    periode: Periode,
    categorie: str = "",
    district_id: int | None = None,
    team_id: int | None = None,
    per: str | None = None,
) -> Productie:
    """DIE-4: production per month, service type, district and team for a period (bounded: whole months,
    at most MAX_MAANDEN), with the purged work included. Closed months come from their pre-computed figures
    while those are current (diensten.productie.verse_maanden); the running month and stale ones are counted
    live, by the same definition.

    With ``per`` (a breakdown of ``Productie.per``) the rows keep only the dimension that breakdown needs
    (BEHOUDEN), summed in PostgreSQL: the page gets tens of rows instead of every month × type × district ×
    team, and only ``per(per)`` and ``totaal`` are meaningful on the result."""
    alias = settings.RAPPORTAGE_DATABASE
    maanden = periode.maandlijst()
    vers = verse_maanden(maanden, using=alias)
    params = {
        "tz": settings.TIME_ZONE,
        "vers": sorted(vers),
        "live": [m for m in maanden if m not in vers],
        "categorie": categorie or "",
        "district": district_id,
        "team": team_id,
    }
    with _cursor() as cursor:
        cursor.execute(PRODUCTIE_SQL[BEHOUDEN[per]], params)
        ruw = cursor.fetchall()
    soorten = DienstSoort.objects.using(alias).select_related("hoofddienst").in_bulk({r[1] for r in ruw if r[1]})
    districten = District.objects.using(alias).in_bulk({r[2] for r in ruw if r[2]})
    teams = Team.objects.using(alias).in_bulk({r[3] for r in ruw if r[3]})
    rijen = [
        ProductieRij(
            maand=maand,
            soort=soorten.get(soort),
            district=districten.get(district),
            team=teams.get(team),
            cijfers=Cijfers(nieuw, afgerond, afgebroken, doorlooptijd, besteed),
        )
        for maand, soort, district, team, nieuw, afgerond, afgebroken, doorlooptijd, besteed in ruw
    ]
    return Productie(periode=periode, rijen=rijen)


# --- management views ------------------------------------------------------------------------------------


def _weken(aantal: int, vandaag: date | None = None) -> tuple[date, date]:
    """The last `aantal` whole ISO weeks up to and including this week: (first Monday, next Monday)."""
    aantal = max(1, min(aantal, MAX_WEKEN))
    vandaag = vandaag or klok.vandaag()
    maandag = vandaag - timedelta(days=vandaag.weekday())
    return maandag - timedelta(weeks=aantal - 1), maandag + timedelta(weeks=1)


def _lokaal(d: date) -> datetime:
    return klok.begin_van_dag(d)


def intake_per_week(*, weken: int = 13, vandaag: date | None = None) -> tuple[list[date], dict[str, list[int]]]:
    """Referrals received per ISO week and channel (AAN-1): the weeks, and per channel one count per week."""
    van, tot = _weken(weken, vandaag)
    with _cursor() as cursor:
        cursor.execute(
            """SELECT date_trunc('week', ontvangen_op AT TIME ZONE %s)::date, kanaal, count(*)
               FROM aanmelding_aanmelding WHERE ontvangen_op >= %s AND ontvangen_op < %s GROUP BY 1, 2""",
            [settings.TIME_ZONE, _lokaal(van), _lokaal(tot)],
        )
        ruw = cursor.fetchall()
    lijst = [van + timedelta(weeks=i) for i in range((tot - van).days // 7)]
    index = {week: i for i, week in enumerate(lijst)}
    per_kanaal: dict[str, list[int]] = {}
    for week, kanaal, aantal in ruw:
        per_kanaal.setdefault(kanaal, [0] * len(lijst))[index[week]] += aantal
    return lijst, dict(sorted(per_kanaal.items()))


@dataclass
class Naleving:
    week: date
    totaal: int
    op_tijd: int

    @property
    def percentage(self) -> float | None:
        return round(100 * self.op_tijd / self.totaal, 1) if self.totaal else None


def ab_48_uur(*, weken: int = 13, vandaag: date | None = None) -> list[Naleving]:
    """TAK-8: Actieve Benadering tasks with a deadline (48 hours after the referral arrived) that passed in
    the week, and how many of those had a contact or attempt before the deadline."""
    van, tot = _weken(weken, vandaag)
    with _cursor() as cursor:
        cursor.execute(
            """SELECT date_trunc('week', t.deadline AT TIME ZONE %(tz)s)::date, count(*),
                      count(*) FILTER (WHERE EXISTS (SELECT 1 FROM taken_contactmoment c
                                                     WHERE c.taak_id = t.id AND c.tijdstip <= t.deadline))
               FROM taken_taak t
               WHERE t.type_id IN (SELECT id FROM taken_taaktype WHERE afdeling = 'AB' AND deadline_uren IS NOT NULL)
                 AND t.deadline >= %(van)s AND t.deadline < LEAST(%(tot)s, %(nu)s)
               GROUP BY 1""",
            {"tz": settings.TIME_ZONE, "van": _lokaal(van), "tot": _lokaal(tot), "nu": klok.nu()},
        )
        per_week = {week: (totaal, op_tijd) for week, totaal, op_tijd in cursor.fetchall()}
    weken_lijst = [van + timedelta(weeks=i) for i in range((tot - van).days // 7)]
    return [Naleving(w, *per_week.get(w, (0, 0))) for w in weken_lijst]


@dataclass
class Caseload:
    team: Team
    leden: int
    nieuw: int
    toegewezen: int
    in_behandeling: int
    te_laat: int

    @property
    def open(self) -> int:
        return self.nieuw + self.toegewezen + self.in_behandeling

    @property
    def per_lid(self) -> float | None:
        return round(self.open / self.leden, 1) if self.leden else None


def caseload_per_team() -> list[Caseload]:
    """Open tasks per active team now, by status, overdue ones and per member (TAK-4)."""
    with _cursor() as cursor:
        cursor.execute(
            f"""SELECT tm.id,
                      (SELECT count(*) FROM werkstroom_lidmaatschap l WHERE l.team_id = tm.id),
                      count(t.id) FILTER (WHERE t.status = 'nieuw'),
                      count(t.id) FILTER (WHERE t.status = 'toegewezen'),
                      count(t.id) FILTER (WHERE t.status = 'in_behandeling'),
                      count(t.id) FILTER (WHERE {te_laat_sql("t")})
               FROM werkstroom_team tm
               LEFT JOIN taken_taak t ON t.team_id = tm.id AND t.status IN {OPEN_TAAKSTATUSSEN_SQL}
               WHERE tm.actief
               GROUP BY tm.id""",  # noqa: S608 - the status list and the rule are constants of taken.models
            [klok.nu()],
        )
        ruw = cursor.fetchall()
    teams = Team.objects.using(settings.RAPPORTAGE_DATABASE).in_bulk([r[0] for r in ruw])
    return sorted((Caseload(teams[r[0]], *r[1:]) for r in ruw), key=lambda c: c.team.naam)
