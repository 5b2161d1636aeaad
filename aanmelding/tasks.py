"""Celery tasks of aanmelding: thin, take ids, call a service, idempotent (at-least-once delivery)."""

from celery import shared_task


@shared_task(
    name="aanmelding.tasks.automatisch_verwerken",
    acks_late=True,
    autoretry_for=(Exception,),
    retry_backoff=30,
    retry_backoff_max=600,
    max_retries=5,
)
def automatisch_verwerken(aanmelding_ids: list[int]) -> dict:
    """AAN-8/AAN-9 for referrals just received; a referral already decided is skipped, so a retry or a
    second delivery does no harm. A batch that fails is retried; what is still undecided after that is
    picked up by ``automatisch_herhalen``."""
    from aanmelding.automatisch import verwerken
    from cris.audit.context import AuditContext, current

    token = current.set(AuditContext(bron="taak"))
    try:
        return verwerken(aanmelding_ids)
    finally:
        current.reset(token)


HERHAAL_PARTIJ = 500


@shared_task(name="aanmelding.tasks.automatisch_herhalen")
def automatisch_herhalen(limiet: int = HERHAAL_PARTIJ) -> dict:
    """Issue 23 item 1 (every 5 minutes): the oldest received referrals without an automatic decision, a
    batch at a time, decided here (not queued again): whatever went wrong between the import's commit and
    the decision is recovered from the database."""
    from aanmelding.automatisch import te_verwerken, verwerken
    from cris.audit.context import AuditContext, current

    token = current.set(AuditContext(bron="taak"))
    try:
        ids = list(te_verwerken()[:limiet])
        return {"gevonden": len(ids), **(verwerken(ids) if ids else {})}
    finally:
        current.reset(token)
