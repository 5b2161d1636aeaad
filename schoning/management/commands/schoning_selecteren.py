from django.core.management.base import BaseCommand, CommandError

from cris.audit.context import AuditContext, current
from cris.jobs import nachtjob, peildatum_lezen
from schoning.models import Soort
from schoning.services import selectie_maken, tellingen


class Command(BaseCommand):
    help = "Maak een schoningslijst uit de actieve bewaarregels (SCH-2), zoals de nachtelijke taak doet."

    def add_arguments(self, parser):
        parser.add_argument("--peildatum", help="Reken alsof het nu dit tijdstip is (ISO 8601), bijv. 2030-01-01")
        parser.add_argument("--batch", type=int, default=1000, help="Casussen per batch bij het uitvoeren.")

    @nachtjob("schoning_selecteren")
    def handle(self, *args, peildatum: str | None, batch: int, **options):
        nu = peildatum_lezen(peildatum, "2030-01-01")
        if batch < 1:
            raise CommandError("--batch is minstens 1.")
        current.set(AuditContext(bron="commando"))
        selectie = selectie_maken(nu=nu, batch_grootte=batch)
        if selectie is None:
            raise CommandError("Er wacht al een lijst op goedkeuring of uitvoering; er is geen nieuwe gemaakt.")
        self.stdout.write(f"Schoningslijst {selectie.pk} van {selectie.datum:%d-%m-%Y}")
        if not selectie.regels:
            self.stdout.write("Geen actieve bewaarregels: de lijst is leeg.")
        for soort, aantallen in sorted(tellingen(selectie).items()):
            details = ", ".join(f"{status}: {n}" for status, n in sorted(aantallen.items()))
            self.stdout.write(f"  {Soort(soort).label}: {details}")
