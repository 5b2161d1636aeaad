"""Beat jobs of the casus app: ending temporary access (AUT-2) and the weekly survey file (CAS-5)."""

from celery import shared_task

from cris.jobs import nachtjob


def _als_taak(functie, **kwargs):
    from cris.audit.context import AuditContext, current

    token = current.set(AuditContext(bron="taak"))
    try:
        return functie(**kwargs)
    finally:
        current.reset(token)


@shared_task(name="casus.tasks.toegang_verlopen")
def toegang_verlopen() -> int:
    """Every few minutes: grants past their end become verlopen and their holders are told. Access already
    ended at geldig_tot (checked in SQL); this job records it and notifies."""
    from casus import toegang

    return _als_taak(toegang.toegang_verlopen)


@shared_task(name="casus.tasks.tevredenheid_week")
@nachtjob("tevredenheid_week")
def tevredenheid_week() -> dict:
    """Weekly: consider the cases closed since the last run, then write the invitation file (KOP-6)."""
    from casus import tevredenheid

    selectie = _als_taak(tevredenheid.selecteren)
    export = _als_taak(tevredenheid.exporteren)
    return {**selectie, "geexporteerd": export.regels, "bestand": export.pad.name if export.pad else ""}
