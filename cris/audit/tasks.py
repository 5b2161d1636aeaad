"""The audit log's monthly partitions, created ahead (issue 22): daily, so a missed run costs nothing."""

from celery import shared_task

from cris import klok
from cris.audit.api import audit_partities_vooruit
from cris.jobs import nachtjob

MAANDEN_VOORUIT = 3


@shared_task(name="cris.audit.tasks.audit_partities")
@nachtjob("audit_partities")
def audit_partities() -> int:
    return audit_partities_vooruit(klok.vandaag(), MAANDEN_VOORUIT)
