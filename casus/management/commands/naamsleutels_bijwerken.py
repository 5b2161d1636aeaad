"""Recompute the clients' name keys (AAN-5) after a change to casus.namen, or after a bulk load that
bypassed the model. Batched by id; rows whose keys are already right are not written."""

from django.core.management.base import BaseCommand

from casus.models import Client
from casus.namen import clienten_bijwerken


class Command(BaseCommand):
    help = "Bereken de naamsleutels van de cliëntzoeker (AAN-5) opnieuw, in batches."

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=10_000)

    def handle(self, *args, batch: int, **options):
        gewijzigd = clienten_bijwerken(Client, batch=batch)
        self.stdout.write(f"{gewijzigd} cliënten bijgewerkt.")
