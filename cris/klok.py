"""The one owner of "now" in CRIS.

Every service, selector, task and view asks this module for the current instant or today's date; nothing
else calls ``timezone.now()``, ``date.today()`` or ``datetime.now()`` (ruff's DTZ rules and
``tests/test_klok.py`` hold the line). SQL never asks the database for its own clock (``now()``,
``CURRENT_DATE``, Django's ``Now()``): it receives :func:`nu` as a parameter (``NU`` where a query is
compiled once), so that the application and the database agree on "now" — also when the test suite pins the
clock with ``CRIS_TEST_NU`` (see ``tests/conftest.py``), which moves Python's clock but not PostgreSQL's.

"Today" is always the date in Amsterdam (``settings.TIME_ZONE``), never the UTC date: between 23:00/22:00
and midnight UTC the two differ.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from django.utils import timezone
from psycopg import adapters
from psycopg.types.datetime import DatetimeDumper


def nu() -> datetime:
    """The current instant, timezone-aware (UTC)."""
    return timezone.now()


def vandaag() -> date:
    """Today's date in Amsterdam."""
    return timezone.localdate(nu())


def lokale_datum(moment: datetime) -> date:
    """The Amsterdam date of an instant (never ``moment.date()``, which gives the UTC date)."""
    return timezone.localdate(moment)


def als_tekst(moment: datetime | None, formaat: str = "%d-%m-%Y %H:%M") -> str:
    """An instant as Amsterdam wall-clock text, for names of objects (``__str__``, which audit entries keep);
    never ``f"{moment:%H:%M}"``, which prints UTC. "" for an instant not set yet."""
    return timezone.localtime(moment).strftime(formaat) if moment else ""


def begin_van_dag(dag: date) -> datetime:
    """Midnight in Amsterdam at the start of ``dag``, as an aware instant (DST-safe)."""
    return timezone.make_aware(datetime.combine(dag, time.min))


def uit_lokale_tijd(moment: datetime) -> datetime:
    """The instant of a wall-clock time in Amsterdam as people type it, also in the hours the clocks change.

    In the hour that happens twice (last Sunday of October, 02:00–03:00) it is the first, summer-time
    occurrence; a time in the hour that is skipped (last Sunday of March) is read with the offset before the
    jump, so 02:30 becomes 03:30 summer time. Django's own form fields refuse both. Returned in UTC: an
    instant, no longer a wall-clock time."""
    return moment.replace(tzinfo=timezone.get_current_timezone(), fold=0).astimezone(UTC)


class _Nu:
    """A SQL parameter that is the application's "now" at the moment the statement is bound (see ``NU``)."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "klok.NU"


NU = _Nu()
"""Pass ``NU`` as a query parameter (``... > %s``, ``[klok.NU]``) where SQL compares with "now": psycopg binds
:func:`nu` each time the statement runs. Unlike a datetime it may be compiled once into a query that runs for
the life of the process (``cris.db.VasteQuery``, the access filter's SQL text)."""


class _NuDumper(DatetimeDumper):
    def get_key(self, obj, format):  # the datetime it dumps is always aware: no upgrade to a naive dumper
        return self.cls

    def upgrade(self, obj, format):
        return self

    def dump(self, obj):
        return super().dump(nu())


adapters.register_dumper(_Nu, _NuDumper)
