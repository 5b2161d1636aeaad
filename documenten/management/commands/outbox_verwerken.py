from django.core.management.base import BaseCommand

from cris.audit.context import AuditContext, current
from documenten.services.outbox import outbox_verwerken


class Command(BaseCommand):
    help = (
        "Zet e-mailkopieën van notificaties in de outbox en verstuur e-mails waarvan de volgende poging "
        "achterstallig is (wat de periodieke taak outbox-verwerken elke minuut doet)."
    )

    def handle(self, *args, **options):
        token = current.set(AuditContext(bron="commando"))
        try:
            resultaat = outbox_verwerken()
        finally:
            current.reset(token)
        self.stdout.write(
            f"{resultaat['notificaties']} notificatie(s) in de outbox gezet, "
            f"{resultaat['opnieuw']} achterstallige e-mail(s) opnieuw aangeboden."
        )
