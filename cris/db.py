"""Bulk writes for the imports: PostgreSQL COPY instead of INSERT.

Django's ``bulk_create`` compiles one huge INSERT with a parameter per value; for tens of thousands of wide
rows that compiling costs more than the database's work. ``bulk_copy`` takes the primary keys from the
table's sequence in one query and streams the rows with COPY: two round trips for any number of rows.
Model defaults, ``auto_now``/``auto_now_add`` and foreign keys behave as with ``bulk_create``; no signals
are sent and ``save()`` is not called (as with ``bulk_create``).
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum

from django.db import connection, models
from psycopg.types.json import Jsonb


def bulk_copy(model: type[models.Model], objs: Sequence[models.Model]) -> Sequence[models.Model]:
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
        zet = [(f.attname, _omzetter(f), f.pre_save if _automatisch(f) else None) for f in fields]
        with cursor.cursor.copy(f"COPY {quote(meta.db_table)} ({kolommen}) FROM STDIN") as copy:
            for obj in objs:
                copy.write_row(
                    [
                        omzet(pre(obj, True) if pre else getattr(obj, attname)) if omzet else getattr(obj, attname)
                        for attname, omzet, pre in zet
                    ]
                )
    for obj in objs:
        obj._state.adding = False
    return objs


def _automatisch(field) -> bool:
    return bool(getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False))


def _omzetter(field):
    if isinstance(field, models.JSONField):
        return lambda value: None if value is None else Jsonb(value)
    if field.choices:
        return lambda value: value.value if isinstance(value, Enum) else value
    if isinstance(getattr(field, "base_field", None), models.Field) and field.base_field.choices:
        return lambda value: None if value is None else [v.value if isinstance(v, Enum) else v for v in value]
    if _automatisch(field):
        return lambda value: value
    return None
