"""Thin Celery tasks for schoning; idempotent (at-least-once delivery)."""

from celery import shared_task

from cris.jobs import nachtjob


@shared_task(name="schoning.tasks.selecteren")
@nachtjob("schoning_selecteren")
def selecteren() -> int | None:
    """Nightly (SCH-2): a new selection list from the active retention rules."""
    from cris.audit.context import AuditContext, current
    from schoning.services import selectie_maken

    token = current.set(AuditContext(bron="taak"))
    try:
        selectie = selectie_maken()
        return selectie.pk if selectie else None
    finally:
        current.reset(token)


@shared_task(name="schoning.tasks.uitvoeren")
@nachtjob("schoning_uitvoeren")
def uitvoeren(selectie_id: int | None = None) -> list[int]:
    """Purge an approved list (queued at approval), or every approved or interrupted one (nightly, so a crashed
    run is finished); then remove files still queued for deletion."""
    from cris.audit.context import AuditContext, current
    from schoning.models import Selectie, SelectieStatus
    from schoning.verwijderen import bestanden_opruimen, selectie_uitvoeren

    token = current.set(AuditContext(bron="taak"))
    try:
        lijsten = Selectie.objects.filter(status__in=[SelectieStatus.GOEDGEKEURD, SelectieStatus.BEZIG])
        if selectie_id is not None:
            lijsten = lijsten.filter(pk=selectie_id)
        gedaan = [selectie_uitvoeren(s).pk for s in lijsten.order_by("id")]
        bestanden_opruimen()
        return gedaan
    finally:
        current.reset(token)
