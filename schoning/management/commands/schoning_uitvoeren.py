import sys

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Sum

from cris.audit.context import AuditContext, current
from cris.jobs import nachtjob
from schoning.models import Selectie, SelectieStatus, Soort
from schoning.verwijderen import bestanden_opruimen, proefdraaien, selectie_uitvoeren


class Command(BaseCommand):
    help = (
        "Voer een goedgekeurde schoningslijst uit (SCH-3), in batches; na een onderbreking gaat een nieuwe run "
        "verder waar de vorige stopte. Met --proef: toon alleen wat er zou worden verwijderd."
    )

    def add_arguments(self, parser):
        parser.add_argument("--selectie", type=int, help="Nummer van de lijst; standaard de goedgekeurde lijst.")
        parser.add_argument("--proef", action="store_true", help="Verwijder niets; toon per tabel wat zou gaan.")

    def _lijst(self, nummer: int | None, proef: bool) -> Selectie:
        statussen = [SelectieStatus.GOEDGEKEURD, SelectieStatus.BEZIG]
        if proef:
            statussen += [SelectieStatus.CONCEPT, SelectieStatus.TER_GOEDKEURING]
        lijsten = Selectie.objects.all()
        if nummer is not None:
            lijst = lijsten.filter(pk=nummer).first()
            if lijst is None:
                raise CommandError(f"Schoningslijst {nummer} bestaat niet.")
            if lijst.status not in statussen:
                raise CommandError(
                    f"Schoningslijst {nummer} is {lijst.get_status_display()}; alleen een goedgekeurde lijst "
                    "wordt uitgevoerd."
                )
            return lijst
        lijst = lijsten.filter(status__in=statussen).order_by("-id").first()
        if lijst is None:
            raise CommandError("Er is geen goedgekeurde schoningslijst.")
        return lijst

    @nachtjob("schoning_uitvoeren")
    def handle(self, *args, selectie: int | None, proef: bool, **options):
        current.set(AuditContext(bron="commando"))
        lijst = self._lijst(selectie, proef)
        if proef:
            self.stdout.write(f"Proef: schoningslijst {lijst.pk} van {lijst.datum:%d-%m-%Y} zou verwijderen:")
            for soort, rijen in proefdraaien(lijst).items():
                self.stdout.write(f"  {Soort(soort).label}:")
                for label, n in sorted(rijen.items()):
                    self.stdout.write(f"    {label}: {n}")
            self.stdout.write("Er is niets verwijderd.")
            return
        toon = self.stdout.isatty() if hasattr(self.stdout, "isatty") else sys.stdout.isatty()

        def voortgang(s: Selectie) -> None:
            if toon:
                breedte = 40
                klaar = round(breedte * s.voortgang / 100)
                self.stdout.write(
                    f"\r[{'#' * klaar}{'.' * (breedte - klaar)}] {s.batches_klaar}/{s.batches_totaal} batches",
                    ending="",
                )
                self.stdout.flush()

        lijst = selectie_uitvoeren(lijst, voortgang=voortgang)
        if toon:
            self.stdout.write("")
        self.stdout.write(f"Schoningslijst {lijst.pk} uitgevoerd: {lijst.batches_klaar} batches.")
        for t in lijst.tellingen.values("soort", "jaar").annotate(n=Sum("aantal")).order_by("soort", "jaar"):
            self.stdout.write(f"  {Soort(t['soort']).label} {t['jaar']}: {t['n']}")
        bestanden_opruimen()
