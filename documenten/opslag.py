"""Document files on disk, under settings.DOCUMENTEN_DIR (outside the web root, never served directly).

Names are made up by CRIS (year/month/random), never taken from the user. A file is written before the
database rows that point to it; ``bewaren`` removes it again if the surrounding transaction fails.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from cris import klok


@dataclass(frozen=True)
class Opgeslagen:
    opslagnaam: str
    grootte: int
    sha256: str


def pad(opslagnaam: str) -> Path:
    root = Path(settings.DOCUMENTEN_DIR).resolve()
    path = (root / opslagnaam).resolve()
    if root not in path.parents:
        raise ValueError("storage name outside the document directory")
    return path


def _schrijven(stukken: Iterable[bytes]) -> Opgeslagen:
    nu = klok.nu()
    opslagnaam = f"{nu:%Y}/{nu:%m}/{secrets.token_hex(16)}"
    doel = pad(opslagnaam)
    doel.parent.mkdir(parents=True, exist_ok=True, mode=0o750)
    digest = hashlib.sha256()
    grootte = 0
    fd = os.open(doel, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o640)
    try:
        with os.fdopen(fd, "wb") as fh:
            for stuk in stukken:
                fh.write(stuk)
                digest.update(stuk)
                grootte += len(stuk)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        doel.unlink(missing_ok=True)
        raise
    return Opgeslagen(opslagnaam, grootte, digest.hexdigest())


@contextmanager
def bewaren(stukken: Iterable[bytes]) -> Iterator[Opgeslagen]:
    """Write the file; if the block raises (the transaction rolls back), remove it again."""
    opgeslagen = _schrijven(stukken)
    try:
        yield opgeslagen
    except BaseException:
        pad(opgeslagen.opslagnaam).unlink(missing_ok=True)
        raise


def openen(opslagnaam: str):
    return pad(opslagnaam).open("rb")
