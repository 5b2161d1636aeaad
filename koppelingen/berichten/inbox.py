"""The inbox directory (the partners' SFTP drop): files are claimed, imported and moved to the archive.

A file is claimed by renaming it into ``.verwerking/`` under a unique name: a rename is atomic, so of two
workers polling at once only one gets each file. After its messages are committed the file moves to
``archief/YYYY-MM-DD/``. A worker that dies leaves its claimed files behind; the next poll puts them back
(or, if their import had committed, archives them), and BerichtId idempotency makes a second run harmless.

A file that crashes its worker every time must not come back for ever (issue 23): each start of a file's
processing is counted in the database (Inboxpoging, by name, size and modification time) before it starts,
and removed when the file is archived. A file that was started before and did not finish is processed on
its own, so the files beside it are not held up by it; after CRIS_BERICHTEN_INBOX_MAX_POGINGEN starts (3)
it goes to the quarantine whole, with the reason ("verwerking mislukt na 3 pogingen: …"), and is not tried
again; the application manager processes it again from the quarantine when its cause is fixed.
"""

from __future__ import annotations

import contextlib
import logging
import os
import time
import uuid
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction

from cris import klok
from koppelingen.berichten.models import Aanlevering, AanleveringStatus, Bron, Inboxpoging
from koppelingen.berichten.services import (
    CHUNK,
    VERWEESD_NA,
    Invoer,
    InvoerFout,
    Telling,
    importeren,
    mislukt_in_quarantaine,
)

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
        eerder = set(
            Inboxpoging.objects.filter(sleutel__in=[_sleutel(i) for i in invoer]).values_list("sleutel", flat=True)
        )
        # A file started before without finishing goes on its own: what it does, it does not do to others.
        groepen = [[i for i in invoer if _sleutel(i) not in eerder], *([i] for i in invoer if _sleutel(i) in eerder)]
        groepen = [g for g in groepen if g]
        for nummer, groep in enumerate(groepen):
            try:
                totaal += _groep_importeren(groep)
            except Exception as exc:
                _mislukt(groep, exc)
                for item in (i for g in groepen[nummer:] for i in g):  # back now, not after VERWEESD_NA
                    _terugzetten(inbox, item)
                raise
    if genomen:
        logger.info("inbox %s: %s bestanden, %s", inbox, genomen, totaal.as_dict())
    return totaal


def _sleutel(item: Invoer) -> str:
    """A file's identity across its attempts: its name in the inbox and its size (a claim renames it and the
    recovery of a dead worker's file touches its time; the row goes when the file is archived)."""
    return f"{item.naam}|{item.pad.stat().st_size}"[:600]


def _pogingen_tellen(sleutels: dict[str, Invoer]) -> dict[str, int]:
    """One more start for each file of the group, counted (and committed) before the work starts, so a killed
    worker counts too; returns the starts so far per file. One statement for the group (sorted: two workers
    take the row locks in the same order), not a few per file."""
    volgorde = sorted(sleutels)
    tabel = Inboxpoging._meta.db_table
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"""INSERT INTO {tabel} (sleutel, naam, pogingen, laatste_fout, bijgewerkt_op)
                SELECT s, n, 1, '', %s FROM unnest(%s::varchar[], %s::varchar[]) AS t(s, n)
                ON CONFLICT (sleutel)
                DO UPDATE SET pogingen = {tabel}.pogingen + 1, bijgewerkt_op = EXCLUDED.bijgewerkt_op
                RETURNING sleutel, pogingen""",  # noqa: S608 - table name from the model, values as parameters
            [klok.nu(), volgorde, [sleutels[s].naam[:255] for s in volgorde]],
        )
        return dict(cursor.fetchall())


def _groep_importeren(groep: list[Invoer]) -> Telling:
    sleutels = {_sleutel(i): i for i in groep}
    pogingen = _pogingen_tellen(sleutels)
    maximum = settings.BERICHTEN_INBOX_MAX_POGINGEN
    totaal = Telling()
    te_vaak = [s for s in sleutels if pogingen[s] > maximum]
    for sleutel in te_vaak:
        fout = Inboxpoging.objects.get(sleutel=sleutel).laatste_fout or (
            "het werkproces stopte tijdens de verwerking (afgebroken of gestopt, geen foutmelding)"
        )
        reden = f"verwerking mislukt na {maximum} pogingen: {fout}"
        totaal += mislukt_in_quarantaine(invoer=sleutels[sleutel], reden=reden, bron=Bron.INBOX)
        _archiveren([sleutels[sleutel]])
        logger.error("inbox: %s in quarantaine: %s", sleutels[sleutel].naam, reden)
    rest = [i for s, i in sleutels.items() if s not in te_vaak]
    if rest:
        totaal += importeren(invoer=rest, bron=Bron.INBOX, na_groep=_archiveren)
    Inboxpoging.objects.filter(sleutel__in=sleutels).delete()
    return totaal


def _mislukt(groep: list[Invoer], exc: Exception) -> None:
    """Keep the error with the attempt of each file still waiting (an archived file's messages committed)."""
    fout = f"{type(exc).__name__}: {exc}"[:2000]
    for item in groep:
        if item.pad.exists():
            Inboxpoging.objects.filter(sleutel=_sleutel(item)).update(laatste_fout=fout)
    logger.exception("inbox: verwerking van %s mislukt", ", ".join(i.naam for i in groep))


def _terugzetten(inbox: Path, item: Invoer) -> None:
    with contextlib.suppress(FileNotFoundError):  # archived: its messages committed
        os.replace(item.pad, inbox / item.naam)


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
