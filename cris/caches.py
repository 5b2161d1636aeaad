"""Per-process caches: one registry, and one "clear everything" (docs/architectuur.md, "Caches").

Every value a process keeps between requests — a catalogue of task types, a permission id, compiled SQL text, a
rendered menu — is registered here, so that one call empties them all: ``clear_all()``. The tests call it
around every test; ``post_migrate`` calls it in the process that migrated (and after a test database flush).

    from cris.caches import process_cache

    @process_cache()                    # functools.lru_cache, registered
    def _view_casus_id() -> int: ...

    _SQL: dict[str, str] = {}
    register("casus.access._SQL", _SQL.clear)   # any other per-process store

A process that did not migrate does not get ``post_migrate``: the rule for migrations on running workers is
in docs/architectuur.md (restart web, worker and beat after ``migrate``; a migration must not change what a
cached value means for the code already running)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.db.models.signals import post_migrate

_CLEARERS: dict[str, Callable[[], None]] = {}


def register(name: str, clear: Callable[[], None]) -> None:
    """Register a per-process cache by its dotted name, with the function that empties it."""
    _CLEARERS[name] = clear


def process_cache(maxsize: int | None = None) -> Callable[[Callable[..., Any]], Any]:
    """``functools.lru_cache(maxsize)``, registered under the function's dotted name."""

    def wrap(function: Callable[..., Any]) -> Any:
        cached = functools.lru_cache(maxsize=maxsize)(function)
        register(f"{function.__module__}.{function.__qualname__}", cached.cache_clear)
        return cached

    return wrap


def names() -> list[str]:
    """The registered caches (for the docs and tests)."""
    return sorted(_CLEARERS)


def clear_all(**kwargs: Any) -> None:
    """Empty every per-process cache. Also a ``post_migrate`` receiver (its arguments are ignored)."""
    for clear in list(_CLEARERS.values()):
        clear()


post_migrate.connect(clear_all, dispatch_uid="cris.caches.clear_all")
