import logging

from celery import shared_task

from cris.jobs import nachtjob

logger = logging.getLogger(__name__)


@shared_task(name="koppelingen.berichten.tasks.inbox_verwerken")
def inbox_verwerken() -> dict:
    """Every minute: import what waits in CRIS_BERICHTEN_INBOX and archive it. Idempotent; two at once
    share the backlog (each file is claimed by one of them)."""
    from django.conf import settings

    from cris.audit.context import AuditContext, current
    from koppelingen.berichten.inbox import inbox_verwerken as verwerken

    token = current.set(AuditContext(bron="taak"))
    try:
        return verwerken(inbox=settings.BERICHTEN_INBOX, archief=settings.BERICHTEN_ARCHIEF).as_dict()
    finally:
        current.reset(token)


@shared_task(name="koppelingen.berichten.tasks.aanleveringen_opruimen")
@nachtjob("aanleveringen_opruimen")
def aanleveringen_opruimen() -> dict:
    """Every 5 minutes (issue 23 item 6): Aanleveringen left 'bezig' by a run that died become 'afgebroken'.
    One run at a time (cris.jobs); idempotent."""
    from koppelingen.berichten.services import aanleveringen_opruimen as opruimen

    return {"afgebroken": opruimen()}
