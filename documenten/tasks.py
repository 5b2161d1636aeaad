"""Celery tasks of documenten: thin, take ids, call a service, idempotent (at-least-once delivery)."""

import logging

from celery import shared_task

from cris.jobs import nachtjob

logger = logging.getLogger(__name__)


def _als_taak():
    from cris.audit.context import AuditContext, current

    return current.set(AuditContext(bron="taak"))


@shared_task(name="documenten.tasks.brief_maken")
def brief_maken(brief_id: int) -> int:
    """DOC-2: the letter's PDF (WeasyPrint), filed on the casus. A letter that cannot be rendered is
    marked with the reason and its requester notified; retrying would fail the same way."""
    from cris.audit.context import current
    from documenten.services import brieven

    token = _als_taak()
    try:
        try:
            brieven.brief_pdf_maken(brief_id=brief_id)
        except Exception as fout:
            logger.exception("letter %s could not be rendered", brief_id)
            brieven.brief_mislukt(brief_id=brief_id, fout=f"{type(fout).__name__}: {fout}")
        return brief_id
    finally:
        current.reset(token)


@shared_task(bind=True, name="documenten.tasks.email_verzenden", max_retries=None)
def email_verzenden(self, pk: int, poging: int | None = None):
    """One delivery attempt from the outbox; on failure the task retries itself after the wait the
    service computed (60 s, 120 s, 240 s, … by default) until the outbox marks the e-mail failed."""
    from cris.audit.context import current
    from documenten.services import outbox

    token = _als_taak()
    try:
        uitkomst = outbox.email_afleveren(pk=pk, poging=poging)
    finally:
        current.reset(token)
    if uitkomst.opnieuw_na is not None:
        # On a worker retry() raises and the broker brings the task back after the countdown. Run eagerly
        # (no broker: development, tests) with errors propagating, a raised Retry would be an error; the
        # returned Retry makes Celery's apply() run the next attempt at once instead.
        eager = bool(self.request.is_eager)
        retry = self.retry(args=(pk, uitkomst.poging), kwargs={}, countdown=uitkomst.opnieuw_na, throw=not eager)
        return retry
    return uitkomst.status


@shared_task(name="documenten.tasks.outbox_verwerken")
def outbox_verwerken() -> dict:
    """Every minute: e-mail copies of notifications into the outbox, and overdue retries sent again."""
    from cris.audit.context import current
    from documenten.services import outbox

    token = _als_taak()
    try:
        return outbox.outbox_verwerken()
    finally:
        current.reset(token)


@shared_task(name="documenten.tasks.weesbestanden_opruimen")
@nachtjob("weesbestanden_opruimen")
def weesbestanden_opruimen() -> int:
    """Issue 23 item 10: document files without their row (an upload cut off before its commit), older than a
    day, removed (documenten.weesbestanden). One run at a time; idempotent."""
    from cris.audit.context import current
    from documenten.weesbestanden import weesbestanden_opruimen as opruimen

    token = _als_taak()
    try:
        return len(opruimen())
    finally:
        current.reset(token)
