"""Small catalogues that many pages read and functional managers change a few times a year (districts, task
types), kept in the process instead of queried on every page view (issue 11: two queries of the worklist).

A catalogue is dropped in this process as soon as one of its models is saved or deleted (and again when that
transaction commits); other processes (the other web workers) reload it within ``GELDIG_SECONDEN``. So a
change in the admin shows in the filter choices of every worker within a minute.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Generic, TypeVar

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from cris.caches import register

GELDIG_SECONDEN = 60

T = TypeVar("T")


class Catalogus(Generic[T]):
    def __init__(self, laden: Callable[[], T], *modellen, geldig: float = GELDIG_SECONDEN):
        self._laden = laden
        self._geldig = geldig
        self._waarde: T | None = None
        self._tot = 0.0
        self._slot = threading.Lock()
        for model in modellen:
            post_save.connect(self._gewijzigd, sender=model, weak=False)
            post_delete.connect(self._gewijzigd, sender=model, weak=False)
        register(f"cris.catalogus.Catalogus:{id(self)}:{getattr(laden, '__qualname__', laden)}", self.legen)

    def __call__(self) -> T:
        with self._slot:
            if time.monotonic() >= self._tot:
                self._waarde, self._tot = self._laden(), time.monotonic() + self._geldig
            return self._waarde

    def legen(self) -> None:
        with self._slot:
            self._waarde, self._tot = None, 0.0

    def _gewijzigd(self, **kwargs) -> None:
        self.legen()
        transaction.on_commit(self.legen, using=kwargs.get("using"))  # a reload before the commit saw the old rows
