"""Hooks: how a lower app lets a higher app act at one of its moments without importing it (docs/architectuur.md).

The lower app owns a ``Hooks`` object for a moment (a task closes, casussen are purged) and calls it there; the
higher app registers a callback in its ``AppConfig.ready``. The import then points up-to-down only:

    # diensten/apps.py (diensten sits above taken)
    def ready(self):
        from taken.registry import bij_sluiten
        bij_sluiten.register(_taak_gesloten)

Callbacks run in registration order, in the caller's transaction; one that raises stops the moment (and rolls
back what the caller does in that transaction)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class Hooks:
    """The callbacks of one moment. Registering the same function twice has no effect."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._callbacks: list[Callable[..., Any]] = []

    def register(self, callback: Callable[..., Any]) -> Callable[..., Any]:
        """Register ``callback``; usable as a decorator."""
        if callback not in self._callbacks:
            self._callbacks.append(callback)
        return callback

    def unregister(self, callback: Callable[..., Any]) -> None:
        if callback in self._callbacks:
            self._callbacks.remove(callback)

    def __call__(self, *args: Any, **kwargs: Any) -> None:
        for callback in list(self._callbacks):
            callback(*args, **kwargs)

    def __repr__(self) -> str:
        return f"<Hooks {self.name}: {len(self._callbacks)}>"
