"""The embedded PostgreSQL used when DATABASE_URL is unset (a fresh machine, `make run`, `make test`).

pgserver ships PostgreSQL binaries in its wheel; the data lives in ``var/postgres`` (ignored by git). The
server keeps running after the process that started it exits, so the next command reuses it at once;
``make db-stop`` (``python -m cris.embedded_db stop``) stops it.
"""

from __future__ import annotations

import os
import sys
import warnings
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "var" / "postgres"


def embedded_database_url(path: Path = DEFAULT_PATH) -> str:
    path.mkdir(parents=True, exist_ok=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # platformdirs warns about XDG_RUNTIME_DIR on headless machines
        try:
            import pgserver
        except ImportError:  # pragma: no cover - only on an install without the "embedded" extra
            raise ImproperlyConfigured(
                "DATABASE_URL is not set and the embedded PostgreSQL (pip extra 'embedded') is not installed."
            ) from None
        server = pgserver.get_server(path, cleanup_mode=None)
    return server.get_uri()


def stop(path: Path = DEFAULT_PATH) -> None:
    if not (path / "postmaster.pid").exists():
        print("Embedded PostgreSQL is not running.")
        return
    from pgserver import _commands

    # pgserver runs PostgreSQL as its own system user when started by root (PostgreSQL refuses root).
    user = "pgserver" if os.geteuid() == 0 else None
    _commands.pg_ctl(["-w", "stop", "-m", "fast"], pgdata=path, user=user)
    print(f"Embedded PostgreSQL in {path} stopped.")


if __name__ == "__main__":
    if sys.argv[1:] == ["stop"]:
        stop()
    elif sys.argv[1:] == ["url"]:
        print(embedded_database_url())
    else:
        sys.exit("usage: python -m cris.embedded_db stop|url")
