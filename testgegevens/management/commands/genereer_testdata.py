import json
from datetime import date

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from casus.models import Client
from cris.audit.context import AuditContext, current
from testgegevens.generator import VOLUME, genereren


class Command(BaseCommand):
    help = (
        "Genereer testgegevens op F × productievolume (F=1: 1,2 mln cliënten, 1,3 mln casussen, 4 mln taken, "
        "3 mln contactmomenten). Deterministisch met --seed en --peildatum. Niet in productie."
    )

    def add_arguments(self, parser):
        parser.add_argument("--schaal", type=float, default=0.01, help="F: fractie van het productievolume (1 = vol).")
        parser.add_argument("--seed", type=int, default=2026, help="Startwaarde van de toevalsgenerator.")
        parser.add_argument("--peildatum", type=date.fromisoformat, help="'Vandaag' van de gegevens (JJJJ-MM-DD).")
        parser.add_argument(
            "--toevoegen", action="store_true", help="Voeg toe aan een database waarin al cliënten staan."
        )
        parser.add_argument("--json", action="store_true", help="Schrijf het resultaat als één JSON-object.")

    def handle(self, *args, schaal: float, seed: int, peildatum, toevoegen: bool, **options):
        if settings.PRODUCTION:
            raise CommandError("Testgegevens horen niet in productie (CRIS_PRODUCTIE=true).")
        if not 0 < schaal <= 5:
            raise CommandError("--schaal moet groter dan 0 en hoogstens 5 zijn.")
        if Client.objects.exists() and not toevoegen:
            raise CommandError(
                "Er staan al cliënten in deze database. Gebruik een lege database, of --toevoegen om aan te vullen."
            )
        current.set(AuditContext(bron="commando"))
        self.stderr.write(
            f"Genereren op schaal {schaal} (~{round(VOLUME['casussen'] * schaal):,} casussen), seed {seed} …"
        )
        resultaat = genereren(schaal=schaal, seed=seed, peildatum=peildatum)
        if options["json"]:
            self.stdout.write(_json({"rijen": resultaat.rijen, "seconden": resultaat.seconden}))
            return
        for tabel, n in resultaat.rijen.items():
            self.stdout.write(f"  {tabel:<36} {n:>12,}")
        totaal = sum(resultaat.seconden.values())
        stappen = ", ".join(f"{k} {v:.1f} s" for k, v in resultaat.seconden.items())
        self.stdout.write(f"Klaar in {totaal:.1f} s ({stappen}).")


def _json(data) -> str:
    return json.dumps(data, sort_keys=True)
