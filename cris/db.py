"""Database helpers: bulk writes by COPY, and prepared statements for the hottest fixed SQL texts.

Bulk writes for the imports: PostgreSQL COPY instead of INSERT.

Django's ``bulk_create`` compiles one huge INSERT with a parameter per value; for tens of thousands of wide
rows that compiling costs more than the database's work. ``bulk_copy`` takes the primary keys from the
table's sequence in one query and streams the rows with COPY: two round trips for any number of rows.
Model defaults, ``auto_now``/``auto_now_add`` and foreign keys behave as with ``bulk_create``; no signals
are sent and ``save()`` is not called (as with ``bulk_create``).

One row by a prepared INSERT: ``insert_voorbereid``, for a row written on every page view (the audit log), with
``bulk_copy``'s conversions of the values.

Prepared statements: ``voorbereid`` runs a fixed SQL text (written once per process) as a prepared statement of
the connection, so PostgreSQL plans it a few times per connection instead of on every page view. Only the
statements that call it are prepared; every other query binds on the client as before.
"""

from __future__ import annotations

import datetime
import weakref
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from types import SimpleNamespace
from typing import Any, TypeVar

from django.db import DatabaseError, connection, models
from django.db.backends.postgresql.psycopg_any import register_tzloader
from django.db.models.query import ModelIterable, ValuesListIterable, get_related_populators
from psycopg import ClientCursor, Cursor
from psycopg.postgres import types as pg_types
from psycopg.pq import Format
from psycopg.types.json import Jsonb
from psycopg.types.numeric import Int8

from cris.caches import process_cache, register

M = TypeVar("M", bound=models.Model)
_TIMESTAMPTZ = pg_types["timestamptz"].oid
_DREMPEL = 2**31 - 1  # psycopg prepares nothing while a connection's threshold is None (Django's default)
_VERVALLEN = {"0A000", "26000"}  # "cached plan must not change result type", "prepared statement … does not exist"


class _VoorbereidCursor(Cursor):
    """Server-side binding with the statement prepared on its first run on this connection (psycopg keeps the
    connection's prepared statements, at most ``prepared_max``). After five runs PostgreSQL switches to a
    generic plan when that is not costlier, and then stops planning it at all.

    psycopg's threshold is set only while this cursor runs: the connection's other queries are not tracked.
    A transaction's rollback makes psycopg forget the connection's prepared statements (DEALLOCATE ALL, though
    PREPARE is not transactional); each is prepared again on its next run. A rollback to a savepoint does not."""

    tekst_bewaren = False  # for Django's query log (DEBUG, tests), which reads the text of the last query

    def execute(self, query, params=None, *, prepare=True, binary=None):
        verbinding = self.connection
        verbinding.prepare_threshold = _DREMPEL
        try:
            super().execute(query, params, prepare=prepare, binary=binary)
        finally:
            verbinding.prepare_threshold = None
        if self.tekst_bewaren and self._query is None:  # psycopg keeps no text for a prepared statement's run
            self._query = SimpleNamespace(query=ClientCursor(verbinding).mogrify(query, params).encode())
        return self


def _cursor():
    """Django's cursor (health check, connection, thread check, error translation, query log), with this cursor
    class inside instead of the client-side binding one."""
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    connection.validate_thread_sharing()
    with connection.wrap_database_errors:
        ruw = _VoorbereidCursor(connection.connection)
        tz = connection.connection.adapters.get_loader(_TIMESTAMPTZ, Format.TEXT)
        if connection.timezone != tz.timezone:  # as Django's create_cursor does
            register_tzloader(connection.timezone, ruw)
    ruw.tekst_bewaren = connection.queries_logged
    return connection.make_debug_cursor(ruw) if connection.queries_logged else connection.make_cursor(ruw)


def voorbereid(sql: str, params: Sequence = ()) -> list[tuple]:
    """The rows of ``sql`` (a fixed text, ``%s`` placeholders) run as a prepared statement of this connection.

    For the few statements on every page whose planning costs more than their run (joins of five tables
    planned in ~1.7 ms, run in less, issue 11). Through Django's cursor wrapper, so the statement is counted,
    logged and its errors translated like any other. Parameters are bound on the server: each must have one
    type wherever it occurs (PostgreSQL infers it from its first use). Integers are sent as bigint: psycopg
    would otherwise type each by its size (smallint, integer, bigint), and every mix of sizes would be a
    statement of its own, prepared and planned apart.

    A migration run from elsewhere can change what a prepared statement returns; PostgreSQL then refuses it.
    The connection's prepared statements are then forgotten and the statement runs once more (outside a
    transaction; inside one the error stands, and the next statement prepares afresh)."""
    params = [Int8(p) if isinstance(p, int) and not isinstance(p, bool) else p for p in params]
    for poging in (1, 2):
        try:
            with _cursor() as cursor:
                cursor.execute(sql, params)
                return cursor.fetchall()
        except DatabaseError as fout:
            if getattr(fout.__cause__, "sqlstate", None) not in _VERVALLEN:
                raise
            connection.connection._prepared.clear()  # forget them; psycopg sends DEALLOCATE ALL after the next
            if poging == 2 or connection.in_atomic_block:  # statement (here: the rollback that follows)
                raise
            with connection.cursor() as opruimen:  # now, before the statement is prepared again
                opruimen.execute("SELECT 1")
    raise AssertionError("unreachable")


_SJABLOON = -917_000_000  # the values a VasteQuery is built with: negative ids no row has
_TIJD = (datetime.date, datetime.time, datetime.timedelta)  # datetime is a date


class VasteQuery:
    """An ORM query of a hot page, built and compiled once per process and run as a prepared statement; the
    rows become model instances the way the ORM makes them (select_related objects and annotations included).

    ``maak(**waarden)`` builds the queryset; it is called once, with a stand-in for each named value (a negative
    int; ``str()`` of it for a text value), and must give the same query shape for every real value (values only
    in parameters). ``lijst(**waarden)`` then runs it (``rijen`` for a values query). For a queryset whose build
    and compile cost more than its rows: the task page's task with five related rows and the access check took
    ~6.5 ms of Python, of which ~6 ms to build and compile, and ~3 ms of planning (issue 11).
    Compiled again after migrations (a test database's permission ids change).

    Every other value of the query is compiled into it for the life of the process, so ``maak`` must not use
    a date or time (``klok.nu()``): that is refused. Write "now" as the parameter ``cris.klok.NU`` (bound at each run).
    A named value of None is refused too: the ORM would have written ``IS NULL`` instead of ``= %s``."""

    _alle: weakref.WeakSet[VasteQuery] = weakref.WeakSet()

    def __init__(self, maak, *namen: str):
        self.maak, self.namen = maak, namen
        self._vorm: _Vorm | None = None
        VasteQuery._alle.add(self)

    def lijst(self, **waarden) -> list[Any]:
        """The model instances (a queryset of model instances only), of the model ``maak``'s queryset has."""
        vorm = self._vorm or self._compileren()
        if vorm.model is None:
            raise TypeError("lijst() makes model instances; this query selects values: use rijen()")
        uit = []
        for rij in self.rijen(**waarden):
            obj = vorm.model.from_db(vorm.db, vorm.init_list, rij[vorm.start : vorm.einde])
            for populator in vorm.populators:
                populator.populate(rij, obj)
            for naam, positie in vorm.annotaties:
                setattr(obj, naam, rij[positie])
            uit.append(obj)
        return uit

    def rijen(self, *, page: slice | None = None, **waarden) -> list:
        """The rows as the SQL gives them, with the fields' conversions (for ``values_list`` queries). ``page``,
        a slice such as ``[100:150]`` of an unsliced queryset's rows, becomes a LIMIT and OFFSET bound at this
        run (a paginator's pages share one statement; a sliced queryset compiles them into its SQL)."""
        vorm = self._vorm or self._compileren()
        if None in waarden.values():
            raise ValueError(f"a VasteQuery value is None: {waarden!r}")
        sql, parameters = vorm.sql, [waarden[naam] if naam else waarde for naam, waarde in vorm.parameters]
        if page is not None:
            if vorm.sliced or page.step is not None or page.stop is None:
                raise ValueError(f"a page {page!r} of a VasteQuery is a [start:stop] of an unsliced queryset")
            start = page.start or 0
            if page.stop <= start:
                return []
            sql, parameters = f"{sql} LIMIT %s OFFSET %s", [*parameters, page.stop - start, start]
        rijen = voorbereid(sql, parameters)
        if not vorm.converters:
            return rijen
        uit = []
        for rij in map(list, rijen):
            for positie, (converters, expressie) in vorm.converters:
                for converter in converters:
                    rij[positie] = converter(rij[positie], expressie, connection)
            uit.append(rij)
        return uit

    def _compileren(self) -> _Vorm:
        sjabloon = {naam: _SJABLOON - i for i, naam in enumerate(self.namen)}
        queryset = self.maak(**sjabloon)
        if queryset._prefetch_related_lookups:
            raise AssertionError("VasteQuery runs one statement: no prefetch_related")
        if queryset._iterable_class not in (ModelIterable, ValuesListIterable):
            raise AssertionError("VasteQuery gives model instances or values_list() rows (not flat, named or dicts)")
        if queryset.db != "default":
            raise AssertionError(f"VasteQuery runs on the default database, not {queryset.db!r}")
        compiler = queryset.query.get_compiler(using=queryset.db)
        sql, params = compiler.as_sql()
        namen = {waarde: naam for naam, waarde in sjabloon.items()}
        namen.update({str(waarde): naam for naam, waarde in sjabloon.items()})  # a stand-in for a text value
        parameters = [(namen.get(p) if type(p) in (int, str) else None, p) for p in params]
        if vast := [p for naam, p in parameters if naam is None and isinstance(p, _TIJD)]:
            raise AssertionError(f"a date or time compiled into a VasteQuery for good: {vast!r} in {sql}")
        if ontbreekt := set(self.namen) - {naam for naam, _ in parameters}:
            raise AssertionError(f"{sorted(ontbreekt)} not among the parameters of: {sql}")
        select, klass_info = compiler.select, compiler.klass_info
        converters = list(compiler.get_converters([s[0] for s in select[: compiler.col_count]]).items())
        if queryset._iterable_class is not ModelIterable:
            self._vorm = _Vorm(sql, parameters, converters, sliced=queryset.query.is_sliced)
            return self._vorm
        begin, einde = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
        self._vorm = _Vorm(
            sql=sql,
            parameters=parameters,
            converters=converters,
            model=klass_info["model"],
            db=queryset.db,
            start=begin,
            einde=einde,
            init_list=[f[0].target.attname for f in select[begin:einde]],
            populators=get_related_populators(klass_info, select, queryset.db),
            annotaties=list(compiler.annotation_col_map.items()),
        )
        return self._vorm

    @classmethod
    def vergeten(cls, **kwargs) -> None:
        for query in cls._alle:
            query._vorm = None


class QueryPerShape(dict):
    """One VasteQuery per shape of a query whose SQL depends on more than its values (which filters are set, a set
    of queues, an order), made on first use; the shapes must be finite (the choices of a form). ``build(shape,
    **values)`` builds the shape's queryset from its stand-in values, named by ``names(shape)``."""

    def __init__(self, build, names=lambda shape: ()):
        super().__init__()
        self.build, self.names = build, names

    def __missing__(self, shape) -> VasteQuery:
        query = self[shape] = VasteQuery(lambda **values: self.build(shape, **values), *self.names(shape))
        return query


class PreparedPages:
    """The rows of an unsliced VasteQuery as a Paginator's object list: each page is one run of its prepared
    statement with the page's LIMIT and OFFSET bound (``VasteQuery.rijen(page=…)``). ``counter`` gives the number
    of rows when the paginator asks (set ``paginator.count`` when the caller knows it); ``flat`` gives each
    row's one value instead of the row."""

    def __init__(self, query: VasteQuery, counter, *, flat: bool = False, **values):
        self.query, self.counter, self.flat, self.values = query, counter, flat, values

    def __getitem__(self, page: slice) -> list:
        rows = self.query.rijen(page=page, **self.values)
        return [row[0] for row in rows] if self.flat else rows

    def count(self) -> int:
        return self.counter()


@dataclass(frozen=True)
class _Vorm:
    sql: str
    parameters: list
    converters: list
    model: type[models.Model] | None = None  # None: a values query
    db: str = "default"
    start: int = 0
    einde: int = 0
    init_list: list[str] | None = None
    populators: list | None = None
    annotaties: list | None = None
    sliced: bool = True  # the queryset was sliced (LIMIT in its SQL): no ``page`` of it


register("cris.db.VasteQuery", VasteQuery.vergeten)


def bulk_copy(model: type[M], objs: Sequence[M]) -> Sequence[M]:
    if not objs:
        return objs
    meta = model._meta
    fields = meta.concrete_fields
    zonder_pk = [o for o in objs if o.pk is None]
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        if zonder_pk:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [meta.db_table, meta.pk.column, len(zonder_pk)],
            )
            for obj, (pk,) in zip(zonder_pk, cursor.fetchall(), strict=True):
                obj.pk = pk
        kolommen = ", ".join(quote(f.column) for f in fields)
        zet = _zetters(fields)
        with cursor.cursor.copy(f"COPY {quote(meta.db_table)} ({kolommen}) FROM STDIN") as copy:
            for obj in objs:
                copy.write_row(_waarden(obj, zet))
    for obj in objs:
        obj._state.adding = False
    return objs


def insert_voorbereid(obj: M) -> M:
    """One new row by one prepared INSERT (``voorbereid``), its key read back; the values converted as
    ``bulk_copy`` converts them, no signals and no ``save()``. For a row written on every page view (the audit
    log), where ``save()`` compiled the same INSERT again each time: about half the CPU of the write."""
    sql, zet = _insert(type(obj))
    ((obj.pk,),) = voorbereid(sql, _waarden(obj, zet))
    obj._state.adding = False
    return obj


@process_cache()
def _insert(model: type[models.Model]) -> tuple[str, list]:
    """The INSERT text of ``model`` (every name from its metadata) and its columns' converters."""
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({}) RETURNING {}".format(  # noqa: S608 - names from metadata
        quote(model._meta.db_table),
        ", ".join(quote(f.column) for f in fields),
        ", ".join(["%s"] * len(fields)),
        quote(model._meta.pk.column),
    )
    return sql, _zetters(fields)


def _zetters(fields) -> list:
    return [(f.attname, _omzetter(f), f.pre_save if _automatisch(f) else None) for f in fields]


def _waarden(obj, zet) -> list:
    return [
        omzet(pre(obj, True) if pre else getattr(obj, attname)) if omzet else getattr(obj, attname)
        for attname, omzet, pre in zet
    ]


def _automatisch(field) -> bool:
    return bool(getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False))


def _omzetter(field):
    if isinstance(field, models.JSONField):
        return lambda value: None if value is None else Jsonb(value)
    if field.choices:
        return lambda value: value.value if isinstance(value, Enum) else value
    if isinstance(getattr(field, "base_field", None), models.Field) and field.base_field.choices:
        return lambda value: None if value is None else [v.value if isinstance(v, Enum) else v for v in value]
    if isinstance(getattr(field, "base_field", None), models.IntegerField):  # one array literal, not a value each
        return lambda value: (
            None if value is None else "{" + ",".join("NULL" if v is None else str(int(v)) for v in value) + "}"
        )
    if _automatisch(field):
        return lambda value: value
    return None
