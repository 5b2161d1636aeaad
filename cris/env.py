"""Typed environment helpers. Every variable is declared once here, with its help text.

A bad value is an error at start-up (ImproperlyConfigured), never a silent default. Secrets can also be
read from a file named by ``NAME_FILE`` (Docker and Kubernetes secrets). ``docs/configuration.md`` is
generated from these declarations (``manage.py configuratie_documenteren``).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"true", "1", "yes", "on", "ja"}
_FALSE = {"false", "0", "no", "off", "nee"}


@dataclass(frozen=True)
class Variable:
    name: str
    kind: str
    default: Any
    help: str
    group: str
    secret: bool = False


DECLARED: dict[str, Variable] = {}


def _declare(name: str, kind: str, default: Any, help: str, group: str, secret: bool = False) -> None:
    DECLARED[name] = Variable(name, kind, default, help, group, secret)


def _raw(name: str, secret: bool) -> str | None:
    value = os.environ.get(name)
    if secret:
        path = os.environ.get(f"{name}_FILE")
        if path:
            if value is not None:
                raise ImproperlyConfigured(f"Set {name} or {name}_FILE, not both.")
            try:
                with open(path, encoding="utf-8") as fh:
                    return fh.read().strip()
            except OSError as exc:
                raise ImproperlyConfigured(f"{name}_FILE={path} cannot be read: {exc}") from exc
    return value


def _get(name, kind, default, help, group, parse: Callable[[str], Any], secret=False, shown=None):
    # `shown`: the default as the documentation states it, when it depends on other variables.
    _declare(name, kind, default if shown is None else shown, help, group, secret)
    raw = _raw(name, secret)
    if raw is None or raw == "":
        return default
    try:
        return parse(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name}={raw!r}: {exc}") from None


def _parse_bool(raw: str) -> bool:
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ValueError("expected true or false")


def _parse_int(raw: str) -> int:
    return int(raw.strip())


def _parse_list(raw: str) -> list[str]:
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_bool(name: str, default: bool, *, help: str, group: str = "Algemeen", shown=None) -> bool:
    return _get(name, "bool", default, help, group, _parse_bool, shown=shown)


def env_int(name: str, default: int, *, help: str, group: str = "Algemeen", shown=None) -> int:
    return _get(name, "int", default, help, group, _parse_int, shown=shown)


def env_str(name: str, default: str | None, *, help: str, group: str = "Algemeen", secret=False, shown=None):
    return _get(name, "str", default, help, group, str, secret, shown=shown)


def env_list(name: str, default: list[str], *, help: str, group: str = "Algemeen", shown=None) -> list[str]:
    return _get(name, "list", default, help, group, _parse_list, shown=shown)


def env_choice(name: str, default: str, choices: list[str], *, help: str, group: str = "Algemeen", shown=None) -> str:
    def parse(raw: str) -> str:
        if raw not in choices:
            raise ValueError(f"expected one of {', '.join(choices)}")
        return raw

    return _get(name, f"one of {', '.join(choices)}", default, help, group, parse, shown=shown)
