import logging
from pathlib import Path

from celery import shared_task
from django.conf import settings

from cris.jobs import nachtjob

logger = logging.getLogger(__name__)


@shared_task(name="koppelingen.afas.tasks.afas_importeren")
@nachtjob("afas_importeren")
def afas_importeren(path: str | None = None, volledig: bool | None = None) -> dict:
    """Nightly: import the AFAS export at CRIS_AFAS_EXPORT (or the given path). Idempotent."""
    from cris.audit.context import AuditContext, current
    from koppelingen.afas.services import afas_importeren as importeren

    current.set(AuditContext(bron="taak"))

    path = path or settings.AFAS_EXPORT_PATH
    if not path:
        logger.info("AFAS import skipped: CRIS_AFAS_EXPORT is not set")
        return {"overgeslagen": True}
    run = importeren(path=Path(path), volledig=settings.AFAS_VOLLEDIG if volledig is None else volledig)
    return {
        "import": run.pk,
        "aangemaakt": run.aangemaakt,
        "bijgewerkt": run.bijgewerkt,
        "gedeactiveerd": run.gedeactiveerd,
        "fouten": len(run.fouten),
    }
