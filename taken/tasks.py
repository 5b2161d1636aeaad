from celery import shared_task

from cris.jobs import nachtjob


@shared_task(name="taken.tasks.casusstatus_herberekenen")
@nachtjob("casusstatus_herberekenen")
def casusstatus_herberekenen(alles: bool = False) -> dict:
    """Nightly: Passief → Afgerond (CAS-3). Idempotent."""
    from cris.audit.context import AuditContext, current
    from taken.services.levenscyclus import casusstatus_herberekenen as herberekenen

    token = current.set(AuditContext(bron="taak"))
    try:
        return herberekenen(alles=alles)
    finally:
        current.reset(token)
