"""Create the audit log's monthly partitions now (the beat job does this daily): ``manage.py audit_partities``."""

from django.core.management.base import BaseCommand

from cris import klok
from cris.audit.api import audit_partities_vooruit
from cris.audit.tasks import MAANDEN_VOORUIT
from cris.jobs import nachtjob


class Command(BaseCommand):
    help = "Maak de maandpartities van het auditlog aan, van deze maand tot enkele maanden vooruit."

    def add_arguments(self, parser):
        parser.add_argument("--maanden", type=int, default=MAANDEN_VOORUIT, help="hoeveel maanden vooruit")

    @nachtjob("audit_partities")
    def handle(self, *args, maanden: int, **options):
        nieuw = audit_partities_vooruit(klok.vandaag(), maanden)
        self.stdout.write(f"{nieuw} nieuwe partitie(s) van het auditlog aangemaakt")
