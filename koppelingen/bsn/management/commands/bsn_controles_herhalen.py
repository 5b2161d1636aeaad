"""The BVBSN retry run by hand (it also runs every 5 minutes under celery beat)."""

from django.core.management.base import BaseCommand

from koppelingen.bsn.tasks import RETRY_BATCH, bsn_controles_herhalen


class Command(BaseCommand):
    help = "Controleer de BSN's van open aanmeldingen die BVBSN nog niet heeft beantwoord (AAN-6)."

    def add_arguments(self, parser):
        parser.add_argument("--limiet", type=int, default=RETRY_BATCH)

    def handle(self, *args, limiet: int, **options):
        self.stdout.write(str(bsn_controles_herhalen(limiet=limiet)))
