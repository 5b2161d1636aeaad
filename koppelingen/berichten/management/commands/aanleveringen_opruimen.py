"""The reaper of Aanleveringen left 'bezig' by hand (it also runs every 5 minutes under celery beat)."""

from django.core.management.base import BaseCommand

from cris.jobs import nachtjob
from koppelingen.berichten.services import VERWEESD_NA, aanleveringen_opruimen


class Command(BaseCommand):
    help = (
        "Breek aanleveringen af die 'bezig' staan zonder voortgang (het proces dat ze verwerkte is gestopt; "
        "issue 23). Eén run tegelijk."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--na", type=int, default=VERWEESD_NA, help="Seconden zonder voortgang (standaard %(default)s)."
        )

    @nachtjob("aanleveringen_opruimen")
    def handle(self, *args, na: int, **options):
        self.stdout.write(f"{aanleveringen_opruimen(na=na)} aanlevering(en) afgebroken")
