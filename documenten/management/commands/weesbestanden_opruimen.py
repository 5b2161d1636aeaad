from django.core.management.base import BaseCommand

from cris.audit.context import AuditContext, current
from cris.jobs import nachtjob
from documenten.weesbestanden import weesbestanden_opruimen


class Command(BaseCommand):
    help = (
        "Verwijder documentbestanden zonder rij in de database (een onderbroken upload), ouder dan 24 uur "
        "(wat de periodieke taak weesbestanden-opruimen elke nacht doet)."
    )

    @nachtjob("weesbestanden_opruimen")
    def handle(self, *args, **options):
        token = current.set(AuditContext(bron="commando"))
        try:
            weg = weesbestanden_opruimen()
        finally:
            current.reset(token)
        self.stdout.write(f"{len(weg)} bestand(en) zonder rij verwijderd.")
