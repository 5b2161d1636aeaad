"""Which rows each retention rule makes due (SCH-1, SCH-2), as set-based SQL: the nightly selection inserts
the list in one statement per rule, and the purge asks the same question again for every batch (a casus
reopened, or put on hold, after the list was approved is not deleted).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime

from dateutil.relativedelta import relativedelta
from django.db import connection
from django.utils.crypto import salted_hmac

from aanmelding.models import Aanmelding
from casus.models import Casus
from cris.audit.models import AuditEntry
from documenten.models import Document
from koppelingen.berichten.models import Aanlevering, Quarantainebericht
from schoning.models import Soort

HOLD_ACTIEF = "(b.tot IS NULL OR b.tot >= %(vandaag)s)"


def _casus_vastgehouden(casus_kolom: str, client_kolom: str) -> str:
    return (
        f"EXISTS (SELECT 1 FROM schoning_bewaarplicht b WHERE (b.casus_id = {casus_kolom} "  # noqa: S608
        f"OR b.client_id = {client_kolom}) AND {HOLD_ACTIEF})"
    )


@dataclass(frozen=True)
class Definitie:
    model: type
    voorwaarde: str  # alias o; the row is of this kind at all
    vastgehouden: str = "false"  # alias o; a legal hold covers it
    van: str = ""  # extra joins

    @property
    def label(self) -> str:
        return self.model._meta.label_lower

    @property
    def tabel(self) -> str:
        return self.model._meta.db_table


DEFINITIES: dict[str, Definitie] = {
    Soort.CASUS: Definitie(
        Casus,
        "o.status = 'afgerond'",
        _casus_vastgehouden("o.id", "o.client_id"),
    ),
    Soort.AANMELDING: Definitie(
        Aanmelding,
        "o.status = 'afgekeurd' AND o.casus_id IS NULL",
        "EXISTS (SELECT 1 FROM schoning_bewaarplicht b WHERE b.client_id = o.voorgestelde_client_id AND "  # noqa: S608
        + HOLD_ACTIEF
        + ")",
    ),
    Soort.DOCUMENT: Definitie(
        Document,
        "true",
        _casus_vastgehouden("k.id", "k.client_id"),
        van="JOIN casus_casus k ON k.id = o.casus_id",
    ),
    Soort.QUARANTAINE: Definitie(Quarantainebericht, "true"),
    Soort.IMPORT: Definitie(
        Aanlevering,
        "o.status <> 'bezig' AND NOT EXISTS "
        "(SELECT 1 FROM berichten_quarantainebericht q WHERE q.aanlevering_id = o.id)",
    ),
}


def _zout() -> str:
    # Keyed so that a hash cannot be turned back into an id by hashing all 1.3 M candidates.
    return salted_hmac("cris.schoning.id_hash", "zout").hexdigest()


def id_hash(label: str, object_id: int | str) -> str:
    """The keyed hash the purge record keeps instead of an id (equal to the SQL expression below)."""
    return hashlib.sha256(f"{_zout()}:{label}:{object_id}".encode()).hexdigest()


def hash_sql(label_sql: str, id_sql: str) -> str:
    return f"encode(sha256(convert_to(%(zout)s || ':' || {label_sql} || ':' || {id_sql}, 'UTF8')), 'hex')"


def grens(termijn_maanden: int, nu: datetime) -> datetime:
    """Rows whose date lies before this moment have passed their retention period."""
    return nu - relativedelta(months=termijn_maanden)


def _uitgezonderd(soort_sql: str, id_sql: str) -> str:
    return (
        "EXISTS (SELECT 1 FROM schoning_uitzondering u WHERE u.soort = "  # noqa: S608
        f"{soort_sql} AND u.object_id = {id_sql} AND (u.tot IS NULL OR u.tot >= %(vandaag)s))"
    )


def items_invoegen(*, selectie_id: int, soort: str, telt_vanaf: str, grens: datetime, vandaag: date) -> int:
    """Put everything of this kind that is past ``grens`` on the list; held and deselected rows too, with that
    status, so the reviewer sees why they stay. The items are numbered in the order of their objects' ids, so the
    review list (paged by item id) shows them in that order whatever plan the INSERT's SELECT gets. Returns the
    number of rows inserted."""
    params = {"selectie": selectie_id, "soort": soort, "grens": grens, "vandaag": vandaag, "zout": _zout()}
    if soort == Soort.AUDIT:
        return _auditmaanden_invoegen(params)
    d = DEFINITIES[soort]
    params["label"] = d.label
    peil = f"o.{telt_vanaf}"
    extra = ""
    if soort == Soort.DOCUMENT:
        # A document of a casus that goes whole in this list is not listed twice.
        extra = (
            " AND NOT EXISTS (SELECT 1 FROM schoning_selectieitem s WHERE s.selectie_id = %(selectie)s "
            "AND s.soort = 'casus' AND s.object_id = o.casus_id AND s.status = 'geselecteerd')"
        )
    sql = f"""
        INSERT INTO schoning_selectieitem (selectie_id, soort, object_id, id_hash, peildatum, aantal, status)
        SELECT %(selectie)s, %(soort)s, o.id, {hash_sql("%(label)s", "o.id::text")}, {peil}, 1,
               CASE WHEN {d.vastgehouden} THEN 'bewaarplicht'
                    WHEN {_uitgezonderd("%(soort)s", "o.id")} THEN 'uitgezonderd'
                    ELSE 'geselecteerd' END
        FROM {d.tabel} o {d.van}
        WHERE {d.voorwaarde} AND {peil} < %(grens)s{extra}
        ORDER BY o.id
    """  # noqa: S608 - identifiers from the model meta, values as parameters
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount


def _maand(tijdstip: datetime) -> datetime:
    return tijdstip.replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def _auditmaanden_invoegen(params: dict) -> int:
    """Audit entries are listed per whole calendar month (object_id = yyyymm): millions of rows are not
    reviewed one by one, and a month can be kept back as a whole."""
    params = {**params, "grens": _maand(params["grens"]), "label": AuditEntry._meta.label_lower}
    maandnummer = "(extract(year FROM m.maand) * 100 + extract(month FROM m.maand))::bigint"
    sql = f"""
        INSERT INTO schoning_selectieitem (selectie_id, soort, object_id, id_hash, peildatum, aantal, status)
        SELECT %(selectie)s, %(soort)s, {maandnummer}, {hash_sql("%(label)s", maandnummer + "::text")}, m.maand, m.n,
               CASE WHEN {_uitgezonderd("%(soort)s", maandnummer)} THEN 'uitgezonderd' ELSE 'geselecteerd' END
        FROM (SELECT date_trunc('month', tijdstip) AS maand, count(*) AS n FROM audit_auditentry
              WHERE tijdstip < %(grens)s GROUP BY 1) m
        ORDER BY m.maand
    """  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount


def opnieuw_toetsen(*, soort: str, ids: list[int], telt_vanaf: str, grens: datetime, vandaag: date) -> dict[int, str]:
    """For the purge: each id's status now ('geselecteerd' if it may still go), locking the rows that go."""
    params = {"ids": ids, "soort": soort, "grens": grens, "vandaag": vandaag}
    if soort == Soort.AUDIT:
        grens_maand = _maand(grens)
        uitkomst = {}
        for maandnummer in ids:
            begin = datetime(maandnummer // 100, maandnummer % 100, 1, tzinfo=grens.tzinfo)
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT {_uitgezonderd('%(soort)s', '%(id)s')}",
                    {**params, "id": maandnummer},
                )
                (uitgezonderd,) = cursor.fetchone()
            due = begin + relativedelta(months=1) <= grens_maand
            uitkomst[maandnummer] = "uitgezonderd" if uitgezonderd else ("geselecteerd" if due else "niet_meer")
        return uitkomst
    d = DEFINITIES[soort]
    sql = f"""
        SELECT o.id,
               CASE WHEN NOT ({d.voorwaarde} AND o.{telt_vanaf} < %(grens)s) THEN 'niet_meer'
                    WHEN {d.vastgehouden} THEN 'bewaarplicht'
                    WHEN {_uitgezonderd("%(soort)s", "o.id")} THEN 'uitgezonderd'
                    ELSE 'geselecteerd' END
        FROM {d.tabel} o {d.van}
        WHERE o.id = ANY(%(ids)s)
        ORDER BY o.id
        FOR UPDATE OF o
    """  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        gevonden = dict(cursor.fetchall())
    # Gone already (a document of a casus purged earlier in this run): nothing left to delete, counts as done.
    return {i: gevonden.get(i, "weg") for i in ids}
