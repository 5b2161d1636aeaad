"""Issue 23 item 10: files in the document store that no row points at, removed once they are surely not an
upload in progress.

``opslag`` writes a file before the rows that point at it and removes it again when the transaction fails. A
worker killed between the write and the commit (SIGKILL, out of memory, a lost machine) runs no clean-up: the
file stays without its ``DocumentVersie``. This job walks the store and unlinks every file older than
``WEES_NA`` whose name no row holds. An upload takes seconds; a file that young is never touched, and a file
is only unlinked after the database said, at that moment, that no row holds its name (PostgreSQL down: the
query fails before anything is unlinked). Files the purge queued (schoning.BestandVerwijdering) may go here
first; the purge's own clean-up then finds them gone, which it allows.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from pathlib import Path

from django.conf import settings

from cris import klok
from cris.audit.api import Actie, audit_record
from documenten.models import DocumentVersie

logger = logging.getLogger(__name__)

WEES_NA = timedelta(hours=24)  # far beyond any upload or letter rendering in progress
_PER_KEER = 1000  # names checked against the database in one query


def _verwijder_zonder_rij(root: Path, paden: list[Path]) -> list[str]:
    namen = {pad.relative_to(root).as_posix(): pad for pad in paden}
    bekend = set(DocumentVersie.objects.filter(opslagnaam__in=list(namen)).values_list("opslagnaam", flat=True))
    weg = []
    for naam, pad in namen.items():
        if naam not in bekend:
            pad.unlink(missing_ok=True)
            weg.append(naam)
    return weg


def weesbestanden_opruimen(*, nu: datetime | None = None, ouder_dan: timedelta = WEES_NA) -> list[str]:
    """Unlink the document files older than ``ouder_dan`` that no row points at; return their names.
    Idempotent: a second run finds nothing more."""
    root = Path(settings.DOCUMENTEN_DIR).resolve()
    if not root.is_dir():
        logger.warning("document store %s not reachable; no orphaned files removed", root)
        return []
    grens = ((nu or klok.nu()) - ouder_dan).timestamp()
    weg: list[str] = []
    paden: list[Path] = []
    for pad in sorted(root.rglob("*")):
        if pad.is_symlink() or not pad.is_file() or pad.stat().st_mtime >= grens:
            continue
        paden.append(pad)
        if len(paden) >= _PER_KEER:
            weg += _verwijder_zonder_rij(root, paden)
            paden = []
    if paden:
        weg += _verwijder_zonder_rij(root, paden)
    for naam in weg:
        logger.warning("document file %s had no row (an interrupted upload); removed", naam)
    if weg:
        audit_record(
            Actie.VERWIJDEREN,
            object_type="documenten.opslag",
            reason="weesbestanden",
            changes={"bestanden": [len(weg), 0]},
        )
    return weg
