"""BVBSN checks (AAN-6): one right after a referral is stored, and a retry run every 5 minutes for what
BVBSN could not answer (beat: bsn-controles-herhalen). Both idempotent."""

from celery import shared_task

RETRY_BATCH = 200


@shared_task(name="koppelingen.bsn.tasks.bsn_controleren")
def bsn_controleren(aanmelding_ids: list[int]) -> dict:
    from cris.audit.context import AuditContext, current
    from koppelingen.bsn.services import aanmeldingen_bsn_controleren

    current.set(AuditContext(bron="taak"))
    return aanmeldingen_bsn_controleren(aanmelding_ids=aanmelding_ids)


@shared_task(name="koppelingen.bsn.tasks.bsn_controles_herhalen")
def bsn_controles_herhalen(limiet: int = RETRY_BATCH) -> dict:
    """The oldest referrals still waiting for BVBSN, a batch at a time."""
    from aanmelding.models import Aanmelding
    from cris.audit.context import AuditContext, current
    from koppelingen.bsn.services import aanmeldingen_bsn_controleren, te_controleren

    current.set(AuditContext(bron="taak"))
    ids = list(
        Aanmelding.objects.filter(te_controleren()).order_by("ontvangen_op", "id").values_list("pk", flat=True)[:limiet]
    )
    return aanmeldingen_bsn_controleren(aanmelding_ids=ids) if ids else {"gecontroleerd": 0, "uitgesteld": 0}
