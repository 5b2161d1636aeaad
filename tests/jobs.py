"""A nightly job's lock held by another session, as a run that is busy holds it (cris.jobs)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import psycopg
from django.db import connection

from cris.jobs import _sleutel


@contextmanager
def job_bezig(naam: str) -> Iterator[None]:
    """For the block, another database session holds the lock of job ``naam``."""
    params = connection.get_connection_params()
    with psycopg.connect(**{k: v for k, v in params.items() if k != "cursor_factory"}, autocommit=True) as ander:
        ander.execute("SELECT pg_advisory_lock(%s)", [_sleutel(naam)])
        try:
            yield
        finally:
            ander.execute("SELECT pg_advisory_unlock(%s)", [_sleutel(naam)])
