import json as jsonlib
import os
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from cris.audit.context import AuditContext, current
from koppelingen.berichten.models import Bron
from koppelingen.berichten.services import Invoer, InvoerFout, importeren


def bestanden(paden: list[Path]):
    """The files named, and every file under the directories named (sorted; hidden files skipped)."""
    for pad in paden:
        if pad.is_dir():
            for root, dirs, files in os.walk(pad):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if not name.startswith("."):
                        yield Path(root) / name
        elif pad.is_file():
            yield pad
        else:
            raise InvoerFout(f"{pad} bestaat niet of is geen bestand of map.")


class Command(BaseCommand):
    help = (
        "Importeer EDP- en EDOM-berichten (KOP-1) uit bestanden of mappen. Ongeldige berichten gaan naar de "
        "quarantaine; de exitcode is alleen niet 0 als de database of de invoer zelf faalt. Zie docs/koppelingen.md."
    )

    def add_arguments(self, parser):
        parser.add_argument("paden", nargs="+", type=Path, metavar="PAD")
        parser.add_argument("--json", action="store_true", help="Druk de telling af als één JSON-object.")

    def handle(self, *args, paden: list[Path], json: bool, **options):
        current.set(AuditContext(bron="commando"))
        try:
            telling = importeren(invoer=(Invoer(naam=p.name, pad=p) for p in bestanden(paden)), bron=Bron.COMMANDO)
        except InvoerFout as exc:
            raise CommandError(str(exc)) from exc
        except DatabaseError as exc:
            raise CommandError(f"De database faalt: {exc}") from exc
        if json:
            self.stdout.write(jsonlib.dumps(telling.as_dict()))
        else:
            t = telling
            self.stdout.write(
                f"{t.ontvangen} ontvangen: {t.geimporteerd} geïmporteerd, {t.dubbel} dubbel, "
                f"{t.quarantaine} in quarantaine"
            )
