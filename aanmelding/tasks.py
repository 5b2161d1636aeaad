"""Celery tasks of aanmelding: thin, take ids, call a service, idempotent (at-least-once delivery)."""

from celery import shared_task


@shared_task(name="aanmelding.tasks.automatisch_verwerken")
def automatisch_verwerken(aanmelding_ids: list[int]) -> dict:
    """AAN-8/AAN-9 for referrals just received; a referral already decided is skipped."""
    from aanmelding.automatisch import verwerken
    from cris.audit.context import AuditContext, current

    token = current.set(AuditContext(bron="taak"))
    try:
        return verwerken(aanmelding_ids)
    finally:
        current.reset(token)
