"""The audit log's upkeep (issue 22): its monthly partitions created ahead, daily, so a missed run costs nothing;
and its list index's pending entries merged every minute, so no page view waits for that (migration 0007)."""

from celery import shared_task

from cris import klok
from cris.audit.api import audit_lijstindex_bijwerken, audit_partities_vooruit
from cris.jobs import nachtjob

MAANDEN_VOORUIT = 3


@shared_task(name="cris.audit.tasks.audit_partities")
@nachtjob("audit_partities")
def audit_partities() -> int:
    return audit_partities_vooruit(klok.vandaag(), MAANDEN_VOORUIT)


@shared_task(name="cris.audit.tasks.lijstindex_bijwerken")
@nachtjob("audit_lijstindex")
def lijstindex_bijwerken() -> int:
    return audit_lijstindex_bijwerken()
