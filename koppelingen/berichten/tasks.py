import logging

from celery import shared_task

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
