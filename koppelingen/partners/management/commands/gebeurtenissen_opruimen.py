"""Retention of the partner event outbox by hand (it also runs nightly under celery beat)."""

from django.core.management.base import BaseCommand

from cris.audit.context import AuditContext, current
from cris.jobs import nachtjob
from koppelingen.partners.uitgaand import opruimen


class Command(BaseCommand):
    help = (
        "Verwijder verzonden gebeurtenissen en dead letters uit de uitgaande wachtrij (webhooks) na hun "
        "bewaartermijn (CRIS_OUTBOX_BEWAREN_VERZONDEN_DAGEN, CRIS_OUTBOX_BEWAREN_MISLUKT_DAGEN). Eén run tegelijk."
    )

    @nachtjob("gebeurtenissen_opruimen")
    def handle(self, *args, **options):
        token = current.set(AuditContext(bron="taak"))
        try:
            gewist = opruimen()
        finally:
            current.reset(token)
        self.stdout.write(
            f"{gewist['verzonden']} verzonden en {gewist['mislukt']} mislukte gebeurtenis(sen) verwijderd"
        )
