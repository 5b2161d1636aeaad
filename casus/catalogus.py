"""The delict catalogue as the casus edit form sees it (CAS-2).

The catalogue (aanmelding.Delict) lives in a higher layer; casus never imports it. The aanmelding app hands
its lookups in at start-up (``registreren``, from its AppConfig.ready), so a casus's delict is chosen from the
same catalogue as at intake without a dependency pointing upward.
"""

from __future__ import annotations

from collections.abc import Callable

_keuzes: Callable[[], list[tuple[str, str]]] | None = None
_naam: Callable[[str], str | None] | None = None


def registreren(*, keuzes: Callable[[], list[tuple[str, str]]], naam: Callable[[str], str | None]) -> None:
    """``keuzes()``: (code, label) of every active delict; ``naam(code)``: its name, None when unknown or inactive."""
    global _keuzes, _naam
    _keuzes, _naam = keuzes, naam


def delict_keuzes() -> list[tuple[str, str]]:
    return _keuzes() if _keuzes else []


def delict_naam(code: str) -> str | None:
    return _naam(code) if _naam else None
