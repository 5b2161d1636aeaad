"""The inbox directory (the partners' SFTP drop): files are claimed, imported and moved to the archive.

A file is claimed by renaming it into ``.verwerking/`` under a unique name: a rename is atomic, so of two
workers polling at once only one gets each file. After its messages are committed the file moves to
``archief/YYYY-MM-DD/``. A worker that dies leaves its claimed files behind; the next poll puts them back
(or, if their import had committed, archives them), and BerichtId idempotency makes a second run harmless.
"""

from __future__ import annotations

import logging
import os
import time
import uuid
from pathlib import Path

from django.conf import settings

from cris import klok
from koppelingen.berichten.models import Aanlevering, AanleveringStatus, Bron
from koppelingen.berichten.services import CHUNK, VERWEESD_NA, Invoer, InvoerFout, Telling, importeren

logger = logging.getLogger(__name__)

VERWERKING = ".verwerking"
_SCHEIDING = "__"


def _wacht(naam: str) -> bool:
    """Files still being written (by convention *.part or *.tmp) and hidden files are left alone."""
    return naam.startswith(".") or naam.endswith((".part", ".tmp"))


def achterstand(inbox: Path | None = None) -> int | None:
    """The number of files waiting in the inbox (the backlog metric); None when there is no inbox."""
    inbox = Path(inbox or settings.BERICHTEN_INBOX)
    try:
        with os.scandir(inbox) as entries:
            return sum(1 for e in entries if not _wacht(e.name) and e.is_file(follow_symlinks=False))
    except OSError:
        return None


def inbox_verwerken(*, inbox: Path, archief: Path, max_bestanden: int | None = None) -> Telling:
    """Import what waits in the inbox, until it is empty (or ``max_bestanden`` were taken)."""
    try:
        inbox.mkdir(parents=True, exist_ok=True)
        verwerking = inbox / VERWERKING
        verwerking.mkdir(exist_ok=True)
        archief.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InvoerFout(f"De inbox {inbox} of het archief {archief} is niet bruikbaar: {exc.strerror}") from exc
    _verweesd_herstellen(inbox, verwerking, archief)
    totaal = Telling()
    genomen = 0
    while max_bestanden is None or genomen < max_bestanden:
        ruimte = CHUNK if max_bestanden is None else min(CHUNK, max_bestanden - genomen)
        invoer = _claimen(inbox, verwerking, archief, ruimte)
        if not invoer:
            break
        genomen += len(invoer)
        totaal += importeren(invoer=invoer, bron=Bron.INBOX, na_groep=_archiveren)
    if genomen:
        logger.info("inbox %s: %s bestanden, %s", inbox, genomen, totaal.as_dict())
    return totaal


def _claimen(inbox: Path, verwerking: Path, archief: Path, aantal: int) -> list[Invoer]:
    wachttijd = time.time() - settings.BERICHTEN_INBOX_WACHTTIJD
    dag = archief / klok.vandaag().isoformat()
    invoer = []
    try:
        entries = os.scandir(inbox)
    except OSError as exc:
        raise InvoerFout(f"De inbox {inbox} kan niet gelezen worden: {exc.strerror}") from exc
    with entries:
        for entry in entries:
            if len(invoer) >= aantal:
                break
            if _wacht(entry.name) or not entry.is_file(follow_symlinks=False):
                continue
            try:
                if entry.stat().st_mtime > wachttijd:
                    continue
                geclaimd = verwerking / f"{uuid.uuid4().hex}{_SCHEIDING}{entry.name}"
                os.rename(entry.path, geclaimd)
            except FileNotFoundError:
                continue  # another worker took it
            invoer.append(Invoer(naam=entry.name, pad=geclaimd, bewaarpad=dag / geclaimd.name))
    return invoer


def _archiveren(invoer: list[Invoer]) -> None:
    for item in invoer:
        item.bewaarpad.parent.mkdir(parents=True, exist_ok=True)
        os.replace(item.pad, item.bewaarpad)


def _verweesd_herstellen(inbox: Path, verwerking: Path, archief: Path) -> None:
    grens = time.time() - VERWEESD_NA
    with os.scandir(verwerking) as entries:
        verweesd = [Path(e.path) for e in entries if e.is_file() and e.stat().st_mtime < grens]
    for pad in verweesd:
        aanlevering = Aanlevering.objects.filter(pad__endswith=pad.name).order_by("-pk").first()
        if aanlevering and aanlevering.status == AanleveringStatus.KLAAR:
            doel = Path(aanlevering.pad)
            doel.parent.mkdir(parents=True, exist_ok=True)
            os.replace(pad, doel)
            continue
        if aanlevering:
            Aanlevering.objects.filter(pk=aanlevering.pk, status=AanleveringStatus.BEZIG).update(
                status=AanleveringStatus.AFGEBROKEN, afgerond=klok.nu()
            )
        origineel = pad.name.split(_SCHEIDING, 1)[-1]
        os.replace(pad, inbox / origineel)
        logger.warning("inbox: %s was left behind by a stopped worker; put back as %s", pad.name, origineel)
