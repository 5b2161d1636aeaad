"""The automatic-processing recovery run by hand (it also runs every 5 minutes under celery beat)."""

from django.core.management.base import BaseCommand

from aanmelding.tasks import HERHAAL_PARTIJ, automatisch_herhalen


class Command(BaseCommand):
    help = "Verwerk ontvangen aanmeldingen die nog geen automatisch besluit hebben (AAN-8/9, issue 23)."

    def add_arguments(self, parser):
        parser.add_argument("--limiet", type=int, default=HERHAAL_PARTIJ)

    def handle(self, *args, limiet: int, **options):
        self.stdout.write(str(automatisch_herhalen(limiet=limiet)))
