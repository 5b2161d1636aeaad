"""The one owner of "now" in CRIS.

Every service, selector, task and view asks this module for the current instant or today's date; nothing
else calls ``timezone.now()``, ``date.today()`` or ``datetime.now()`` (ruff's DTZ rules and
``tests/test_klok.py`` hold the line). SQL never asks the database for its own clock (``now()``,
``CURRENT_DATE``, Django's ``Now()``): it receives :func:`nu` as a parameter, so that the application and
the database agree on "now" — also when the test suite pins the clock with ``CRIS_TEST_NU`` (see
``tests/conftest.py``), which moves Python's clock but cannot move PostgreSQL's.

"Today" is always the date in Amsterdam (``settings.TIME_ZONE``), never the UTC date: between 23:00/22:00
and midnight UTC the two differ.
"""

from __future__ import annotations

from datetime import date, datetime, time

from django.utils import timezone


def nu() -> datetime:
    """The current instant, timezone-aware (UTC)."""
    return timezone.now()


def vandaag() -> date:
    """Today's date in Amsterdam."""
    return timezone.localdate(nu())


def lokale_datum(moment: datetime) -> date:
    """The Amsterdam date of an instant (never ``moment.date()``, which gives the UTC date)."""
    return timezone.localdate(moment)


def begin_van_dag(dag: date) -> datetime:
    """Midnight in Amsterdam at the start of ``dag``, as an aware instant (DST-safe)."""
    return timezone.make_aware(datetime.combine(dag, time.min))
