"""Celery tasks of the partner links: thin, idempotent (at-least-once delivery)."""

import logging

from celery import shared_task
from kombu.exceptions import OperationalError

from cris.jobs import nachtjob

logger = logging.getLogger(__name__)


@shared_task(bind=True, name="koppelingen.partners.tasks.gebeurtenissen_afleveren", ignore_result=True)
def gebeurtenissen_afleveren(self) -> dict:
    """Deliver what is due in the event outbox (KOP-3/4). Asked for after every change that wrote an event and by
    beat every minute; when a partner failed, the task asks for itself again after the shortest wait."""
    from cris.audit.context import AuditContext, current
    from koppelingen.partners import uitgaand

    token = current.set(AuditContext(bron="taak"))
    try:
        uitkomst = uitgaand.afleveren()
    finally:
        current.reset(token)
    if uitkomst.opnieuw_na is not None and not self.request.is_eager:
        try:
            self.apply_async(countdown=uitkomst.opnieuw_na)
        except OperationalError:  # the broker went away: the beat job (every minute) retries what is due
            logger.warning("retry of event delivery not queued; gebeurtenissen-afleveren picks it up", exc_info=True)
    return uitkomst.as_dict()


@shared_task(name="koppelingen.partners.tasks.gebeurtenissen_opruimen", ignore_result=True)
@nachtjob("gebeurtenissen_opruimen")
def gebeurtenissen_opruimen() -> dict:
    """Nightly (issue 26): delivered events and old dead letters past their retention leave the outbox. One run
    at a time (cris.jobs: a second says so and stops); idempotent."""
    from cris.audit.context import AuditContext, current
    from koppelingen.partners import uitgaand

    token = current.set(AuditContext(bron="taak"))
    try:
        return uitgaand.opruimen()
    finally:
        current.reset(token)
