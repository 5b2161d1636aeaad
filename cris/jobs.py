"""One run at a time for each nightly job (issue 23 item 7).

``@nachtjob("naam")`` on a job's Celery task and on its management command's ``handle``: the run takes a
PostgreSQL advisory lock named after the job (session level, so it goes when the process dies). A second run
that finds the lock taken says so (log; on the command's stdout) and stops without error (exit 0): two
``casusstatus_herberekenen --alles`` at once no longer write every change twice, two ``schoning_selecteren``
no longer make two lists. The task and the command of one job share the name, so they exclude each other.
"""

from __future__ import annotations

import hashlib
import logging
from contextlib import contextmanager
from datetime import datetime
from functools import wraps

from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone

logger = logging.getLogger(__name__)


class JobLoopt(Exception):
    def __init__(self, naam: str):
        self.naam = naam
        super().__init__(f"{naam} draait al; deze run stopt zonder iets te doen.")


def _sleutel(naam: str) -> int:
    return int.from_bytes(hashlib.sha256(f"cris.job:{naam}".encode()).digest()[:8], "big", signed=True)


@contextmanager
def alleen(naam: str):
    """Hold the job's lock for the block; JobLoopt when another run holds it."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [_sleutel(naam)])
        if not cursor.fetchone()[0]:
            raise JobLoopt(naam)
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [_sleutel(naam)])


def nachtjob(naam: str):
    def decorator(functie):
        @wraps(functie)
        def wrapper(*args, **kwargs):
            try:
                with alleen(naam):
                    return functie(*args, **kwargs)
            except JobLoopt as bezig:
                logger.warning("%s", bezig)
                opdracht = args[0] if args and hasattr(args[0], "stdout") else None
                if opdracht is not None:
                    opdracht.stdout.write(str(bezig))
                return None

        return wrapper

    return decorator


def peildatum_lezen(tekst: str | None, voorbeeld: str) -> datetime | None:
    """A job command's ``--peildatum`` (ISO 8601; without a zone, local time): the moment to reckon from,
    None for now. Not a moment: CommandError naming ``voorbeeld``."""
    if not tekst:
        return None
    try:
        nu = datetime.fromisoformat(tekst)
    except ValueError:
        raise CommandError(f"Ongeldige peildatum: {tekst!r} (verwacht bijv. {voorbeeld})") from None
    return timezone.make_aware(nu) if timezone.is_naive(nu) else nu
